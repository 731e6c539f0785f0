"""Writing an import's facts and taking them back.

- Daily reports (Business Report by date, Sales & Traffic by date) go to `import_day`; then
  `rollup_day` is rebuilt for those days only: the latest import covering a day wins, never
  added to the order lines of that day.
- By-ASIN figures go to `import_asin`, read when a range equals the import's period.
- All-orders files become order lines through `sales.record_order_lines` (see `__init__`).
- Seller performance: `import_metric` and `import_account_status`, read by `health.metrics` and
  `health.account_status` (the latest import per marketplace wins).
- AHR scores: `ahr_score` holds the effective score per day (entered by hand too); `import_ahr`
  remembers what the import wrote and the score the day had before, so an undo puts the day
  back — unless a later import or a hand entry has changed the day since (then it stays).

Undo deletes the import's facts; the figures of earlier imports (or the order lines) come back
because the reads and the rollup rebuild pick the latest remaining facts.
"""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlmodel import Session, delete

from services import rollups, sales
from services.imports.common import Parsed
from services.models import (
    AhrScore,
    DayRollup,
    Import,
    ImportAccountStatus,
    ImportAhr,
    ImportAsin,
    ImportDay,
    ImportMetric,
)

DAILY = ("business_report_by_date", "sales_and_traffic")


def write(session: Session, imp: Import, parsed: Parsed) -> None:
    """Store a parsed file's facts under `imp` (flushed, with an id) and bring the reads up to date."""
    keys = {"import_id": imp.id, "account_id": imp.account_id}
    if parsed.days:
        session.execute(insert(ImportDay), [{**keys, **d} for d in parsed.days])
        spans = rollups.Spans()
        for d in parsed.days:
            spans.add(imp.account_id, d["marketplace"], d["day"])
        for (account_id, mp), (lo, hi) in spans.items():
            rollups.rebuild_days(session, account_id, mp, lo, hi)
    if parsed.asins:
        session.execute(insert(ImportAsin), [{**keys, **a} for a in parsed.asins])
    if parsed.metrics:
        session.execute(insert(ImportMetric), [{**keys, **m} for m in parsed.metrics])
    if parsed.statuses:
        session.execute(insert(ImportAccountStatus), [{**keys, **s} for s in parsed.statuses])
    if parsed.scores:
        _write_scores(session, imp, parsed.scores)
    if parsed.days or parsed.asins:
        rollups.bump_versions(session, [imp.account_id])
    session.flush()


def _write_scores(session: Session, imp: Import, scores: dict) -> None:
    existing = {r.day: r for r in session.execute(select(AhrScore).where(
        AhrScore.account_id == imp.account_id, AhrScore.day.between(min(scores), max(scores)))).scalars()}
    facts = []
    for day, score in scores.items():
        row = existing.get(day)
        facts.append({"import_id": imp.id, "account_id": imp.account_id, "day": day, "score": score,
                      "previous_score": row.score if row else None})
        if row is None:
            session.add(AhrScore(account_id=imp.account_id, day=day, score=score))
        else:
            row.score = score
            session.add(row)
    session.execute(insert(ImportAhr), facts)


def undo(session: Session, imp: Import) -> None:
    """Remove exactly what `imp` brought; rebuild what depends on it. Flushes."""
    if imp.kind == "all_orders":
        sales.remove_import_lines(session, imp.id)
    d = ImportDay.__table__.c
    spans = rollups.Spans()
    for mp, lo, hi in session.execute(select(d.marketplace, func.min(d.day), func.max(d.day))
                                      .where(d.import_id == imp.id).group_by(d.marketplace)).all():
        spans.add(imp.account_id, mp, lo, hi)
    for model in (ImportDay, ImportAsin, ImportMetric, ImportAccountStatus):
        session.execute(delete(model).where(model.import_id == imp.id))
    for (account_id, mp), (lo, hi) in spans.items():
        rollups.rebuild_days(session, account_id, mp, lo, hi)
    if imp.kind == "ahr_scores":
        _undo_scores(session, imp)
    if imp.kind in (*DAILY, "business_report_by_child_asin"):
        rollups.bump_versions(session, [imp.account_id])
    session.flush()


def _undo_scores(session: Session, imp: Import) -> None:
    a = ImportAhr.__table__.c
    for fact in session.execute(select(ImportAhr).where(ImportAhr.import_id == imp.id)).scalars().all():
        later = session.execute(select(ImportAhr).where(
            ImportAhr.account_id == imp.account_id, ImportAhr.day == fact.day, ImportAhr.import_id > imp.id)
            .order_by(a.import_id)).scalars().first()
        if later is not None:  # a later import wrote the day over ours: it now replaces what was before us
            if later.previous_score == fact.score:
                later.previous_score = fact.previous_score
                session.add(later)
            continue
        current = session.get(AhrScore, (imp.account_id, fact.day))
        if current is None or current.score != fact.score:
            continue  # changed by hand since: the hand entry stays
        if fact.previous_score is None:
            session.delete(current)
        else:
            current.score = fact.previous_score
            session.add(current)
    session.execute(delete(ImportAhr).where(a.import_id == imp.id))


def replaced_imports(session: Session, account_id: int, parsed: Parsed) -> tuple[list[int], int]:
    """(ids of standing imports whose figures this file would replace, days now from order lines
    that would come from the report instead) — for the preview."""
    ids: set[int] = set()
    order_days = 0
    d, r = ImportDay.__table__.c, DayRollup.__table__.c
    by_mp: dict[str, list] = {}
    for day in parsed.days:
        by_mp.setdefault(day["marketplace"], []).append(day["day"])
    for mp, days in by_mp.items():
        ids.update(session.execute(select(d.import_id).distinct().where(
            d.account_id == account_id, d.marketplace == mp, d.day.in_(days))).scalars())
        order_days += session.execute(select(func.count()).where(
            r.account_id == account_id, r.marketplace == mp, r.day.in_(days), r.source == "orders")).scalar_one()
    if parsed.asins:
        a = ImportAsin.__table__.c
        first = parsed.asins[0]
        ids.update(session.execute(select(a.import_id).distinct().where(
            a.account_id == account_id, a.marketplace == first["marketplace"],
            a.period_start == first["period_start"], a.period_end == first["period_end"])).scalars())
    if parsed.scores:
        s = ImportAhr.__table__.c
        ids.update(session.execute(select(s.import_id).distinct().where(
            s.account_id == account_id, s.day.in_(list(parsed.scores)))).scalars())
    return sorted(ids), order_days
