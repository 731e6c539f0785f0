"""AHR score CSV (`ahr_scores`): the columns `day` and `score` (0–1000), one row per day.

Amazon's reports give only an AHR status, never the 0–1000 score, so scores are entered on the
Account Health page or loaded from this CSV (SPEC §7). Days are ISO dates (2026-05-31) or dates
in the marketplace's locale; a day listed twice is refused."""

from __future__ import annotations

from datetime import date, timedelta

from services import config
from services.i18n import M
from services.imports.common import (
    Parsed,
    Problems,
    Source,
    Target,
    normalize,
    outside,
    read_header,
    refuse,
    refuse_repeated_header,
    rows,
)
from services.imports.values import BadValue, parse_local_date

DAY_NAMES = {"day", "date", "datum"}
SCORE_NAMES = {"score", "ahr", "account health rating", "ahr score"}


def is_ahr(names: list[str]) -> bool:
    normalized = {normalize(n) for n in names}
    return bool(normalized & DAY_NAMES) and bool(normalized & SCORE_NAMES)


def parse(source: Source, target: Target) -> Parsed:
    delimiter, names = read_header(source)
    normalized = [normalize(n) for n in names]
    i_day = next(i for i, n in enumerate(normalized) if n in DAY_NAMES)
    i_score = next(i for i, n in enumerate(normalized) if n in SCORE_NAMES)
    problems = Problems()
    window = target.window()
    today = window[1] - timedelta(days=config.IMPORT_DAYS_AHEAD)
    scores: dict[date, int] = {}
    lines: dict[date, int] = {}
    count = 0
    for line, fields in rows(source, delimiter):
        count += 1
        if [normalize(f) for f in fields] == normalized:
            refuse_repeated_header(line)
        if len(fields) <= max(i_day, i_score):
            problems.note(
                M(
                    "line {line}: {values} values where the header has {columns} columns",
                    line=line,
                    values=len(fields),
                    columns=len(names),
                )
            )
            continue
        text_day, text_score = fields[i_day].strip(), fields[i_score].strip()
        try:
            day = parse_local_date(text_day, target.locale)
        except BadValue as exc:
            problems.add(line, names[i_day], text_day, exc.args[0])
            continue
        if why := outside(day, window):
            problems.add(line, names[i_day], text_day, why)
            continue
        if day > today:  # a future score would count as the latest one and lift eligibility
            problems.add(
                line, names[i_day], text_day, M("is in the future (today is {today})", today=today.isoformat())
            )
            continue
        if day in scores:
            problems.add(line, names[i_day], text_day, M("appears twice (also line {other})", other=lines[day]))
            continue
        if not text_score.isdigit() or not config.AHR_MIN <= int(text_score) <= config.AHR_MAX:
            problems.add(
                line,
                names[i_score],
                text_score,
                M("is not a whole number from {ahr_min} to {ahr_max}", ahr_min=config.AHR_MIN, ahr_max=config.AHR_MAX),
            )
            continue
        scores[day], lines[day] = int(text_score), line
    if not count:
        refuse(M("The file has a header but no rows."))
    problems.raise_if_any()
    ordered = sorted(scores)
    parsed = Parsed("ahr_scores", [target.marketplace], ordered[0], ordered[-1], len(scores), scores=scores)
    parsed.preview = [{"day": d, "score": scores[d]} for d in ordered[: config.IMPORT_PREVIEW_DAYS]]
    return parsed
