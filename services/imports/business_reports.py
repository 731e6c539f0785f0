"""Business Reports CSV: "Sales and Traffic by Date" and "Detail Page Sales and Traffic By Child
Item" (SPEC §12, issue 12 formats 1 and 2).

Columns are found by name (see `columns`), never by position; values and dates are read in the
marketplace's locale (`values`). The file names no marketplace: the import's chosen one (else the
account's home marketplace) is used and a currency symbol of another currency is refused. B2B
columns that are absent, or empty in a row, make B2B unknown (None), never 0.

By child item: the file has no dates, so the caller gives the period it covers. The same child
ASIN (and SKU) under several parents is summed: counts and money add up, the unit session
percentage is recomputed from the summed units and sessions, the Buy Box percentage is weighted
by page views (by sessions when there are no page views).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services import config
from services.i18n import M
from services.imports.columns import LABELS, STORED, canonical, kind_of
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
from services.imports.values import BadValue, is_empty, parse_count, parse_local_date, parse_money, parse_percent
from services.money import from_minor
from services.products import ASIN_RE

MONEY = {"sales", "sales_b2b"}
PERCENT = {"buy_box_pct", "buy_box_pct_b2b", "unit_session_pct", "unit_session_pct_b2b"}
TEXT = {"parent_asin", "asin", "title", "sku"}
NO_PERIOD = M("This report (Detail Page Sales and Traffic by Child Item) has no dates: choose the period it "
             "covers.")


def columns(names: list[str]) -> dict[int, str]:
    """{column index: canonical field} of the first column naming each field."""
    found: dict[int, str] = {}
    for i, name in enumerate(names):
        field = canonical(normalize(name))
        if field is not None and field not in found.values():
            found[i] = field
    return found


def detect(names: list[str]) -> str | None:
    return kind_of(set(columns(names).values()))


def _missing(fields: set[str], required: tuple[str, ...]) -> None:
    for field in required:
        if field not in fields:
            if f"{field}_b2b" in fields:
                refuse(M("The column '{column}' is missing (the file has '{column} - B2B', which is the B2B figure, "
                         "not the total: download the report with all columns).", column=LABELS[field]))
            refuse(M("The column '{column}' is missing.", column=LABELS[field]))


def _value(field: str, text: str, target: Target) -> object:
    if field in TEXT:
        return text.strip()
    if field == "date":
        return parse_local_date(text, target.locale)
    if field in MONEY:
        value = parse_money(text, target.locale, target.currency)
    elif field in PERCENT:
        value = float(parse_percent(text, target.locale))
    else:
        value = parse_count(text, target.locale)
    if value < 0:
        raise BadValue(M("is below zero"))
    return value


def _read(source: Source, target: Target, required: tuple[str, ...]) -> tuple[list[tuple[int, dict]], set[str]]:
    """Every row as (line, {field: value}); refuses the file on any problem."""
    delimiter, names = read_header(source)
    found = columns(names)
    _missing(set(found.values()), required)
    header = [normalize(n) for n in names]
    problems = Problems()
    out: list[tuple[int, dict]] = []
    window = target.window()
    for line, fields in rows(source, delimiter):
        if [normalize(f) for f in fields] == header:
            refuse_repeated_header(line)
        if len(fields) != len(names):
            problems.note(
                M(
                    "line {line}: {values} values where the header has {columns} columns",
                    line=line,
                    values=len(fields),
                    columns=len(names),
                )
            )
            continue
        record: dict = {}
        for i, field in found.items():
            text = fields[i]
            if is_empty(text):
                if field in required:
                    problems.add(line, names[i], text, M("is empty"))
                record[field] = "" if field in TEXT else None
                continue
            try:
                record[field] = _value(field, text, target)
            except BadValue as exc:
                problems.add(line, names[i], text, exc.args[0])
                continue
            if field == "date" and (why := outside(record[field], window)):
                problems.add(line, names[i], text, why)
            if field == "asin" and not ASIN_RE.match(record[field]):
                problems.add(line, names[i], text, M("is not an ASIN (10 capital letters and digits)"))
        out.append((line, record))
    if not out and not problems:
        refuse(M("The file has a header but no rows."))
    problems.raise_if_any()
    return out, set(found.values())


def _stored(record: dict) -> dict:
    return {STORED[f]: record.get(f) for f in STORED}


def parse_by_date(source: Source, target: Target) -> Parsed:
    records, fields = _read(source, target, ("date", "sales", "units"))
    problems = Problems()
    seen: dict[date, int] = {}
    days = []
    for line, record in records:
        day = record["date"]
        if day in seen:
            problems.add(line, "Date", day.isoformat(), M("appears twice (also line {other})", other=seen[day]))
            continue
        seen[day] = line
        days.append({"marketplace": target.marketplace, "day": day, **_stored(record)})
    problems.raise_if_any()
    days.sort(key=lambda d: d["day"])
    parsed = Parsed("business_report_by_date", [target.marketplace], days[0]["day"], days[-1]["day"], len(days),
                    days=days)
    if "sales_b2b" not in fields:
        parsed.warnings.append(M("The file has no B2B columns: B2B and Non-B2B are unknown for these days (not 0)."))
    parsed.preview = [day_preview(d) for d in days[: config.IMPORT_PREVIEW_DAYS]]
    return parsed


def day_preview(d: dict) -> dict:
    """A day's totals as the Import page previews them (money as Decimal, None where unknown)."""
    return {"marketplace": d["marketplace"], "day": d["day"], "total_sales": from_minor(d["total_sales_minor"]),
            "b2b_sales": None if d["b2b_sales_minor"] is None else from_minor(d["b2b_sales_minor"]),
            "total_units": d["total_units"], "b2b_units": d["b2b_units"],
            "total_order_items": d["total_order_items"]}


def check_period(period: tuple[date, date] | None, target: Target) -> tuple[date, date]:
    if period is None:
        refuse(NO_PERIOD, field="period")
    start, end = period
    if end < start:
        refuse(M("The period's end must be on or after its start."), field="period")
    window = target.window()
    for day in (start, end):
        if why := outside(day, window):
            refuse(M("The period day {day} {why}.", day=day.isoformat(), why=why), field="period")
    return start, end


def _add(a: int | float | None, b: int | float | None) -> int | float | None:
    return None if a is None or b is None else a + b


def _weighted(a: dict, b: dict, pct: str, weight: str) -> float | None:
    """The percentage of two rows weighted by `weight` (page views or sessions)."""
    wa, wb = a.get(weight), b.get(weight)
    if a.get(pct) is None or b.get(pct) is None or not wa or not wb:
        return a.get(pct) if b.get(pct) is None else b.get(pct) if a.get(pct) is None else None
    return (a[pct] * wa + b[pct] * wb) / (wa + wb)


def merge_child(a: dict, b: dict) -> dict:
    """Two rows of the same child ASIN and SKU (under different parents) as one."""
    out = dict(a)
    for key in ("total_sales_minor", "b2b_sales_minor", "total_units", "b2b_units", "total_order_items",
                "b2b_order_items", "total_sessions", "b2b_sessions", "total_page_views", "b2b_page_views"):
        out[key] = _add(a.get(key), b.get(key))
    for seg in ("total", "b2b"):
        views = f"{seg}_page_views" if a.get(f"{seg}_page_views") and b.get(f"{seg}_page_views") else f"{seg}_sessions"
        out[f"{seg}_buy_box_pct"] = _weighted(a, b, f"{seg}_buy_box_pct", views)
        units, sessions = out.get(f"{seg}_units"), out.get(f"{seg}_sessions")
        out[f"{seg}_unit_session_pct"] = (float(Decimal(100 * units) / sessions) if units is not None and sessions
                                          else None)
    parents = [p for p in (a.get("parent_asins", "") + "," + b.get("parent_asins", "")).split(",") if p]
    out["parent_asins"] = ",".join(dict.fromkeys(parents))
    out["title"] = a.get("title") or b.get("title") or ""
    return out


def parse_by_child(source: Source, target: Target, period: tuple[date, date] | None) -> Parsed:
    start, end = check_period(period, target)
    records, fields = _read(source, target, ("asin", "sales", "units"))
    merged: dict[tuple[str, str], dict] = {}
    for _, record in records:
        row = {"marketplace": target.marketplace, "asin": record["asin"], "sku": record.get("sku") or "",
               "period_start": start, "period_end": end, "parent_asins": record.get("parent_asin") or "",
               "title": record.get("title") or "", **_stored(record)}
        key = (row["asin"], row["sku"])
        merged[key] = merge_child(merged[key], row) if key in merged else row
    asins = sorted(merged.values(), key=lambda r: (-r["total_sales_minor"], r["asin"], r["sku"]))
    parsed = Parsed("business_report_by_child_asin", [target.marketplace], start, end, len(records), asins=asins,
                    details={"children": len(asins)})
    if len(asins) < len(records):
        parsed.warnings.append(
            M(
                "{n} rows repeat a child ASIN under another parent: they are added up per child.",
                n=len(records) - len(asins),
            )
        )
    if "sales_b2b" not in fields:
        parsed.warnings.append(M("The file has no B2B columns: B2B figures of these products are unknown."))
    parsed.preview = [asin_preview(a) for a in asins[: config.IMPORT_PREVIEW_DAYS]]
    return parsed


def asin_preview(a: dict) -> dict:
    return {"marketplace": a["marketplace"], "asin": a["asin"], "sku": a["sku"], "title": a["title"],
            "total_sales": from_minor(a["total_sales_minor"]),
            "b2b_sales": None if a["b2b_sales_minor"] is None else from_minor(a["b2b_sales_minor"]),
            "total_units": a["total_units"], "b2b_units": a["b2b_units"]}
