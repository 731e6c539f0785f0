"""Real seller reports in (SPEC §12, issue 12): detect, check, store, undo.

    import_report(session, account_id, filename, data, *, user_id=None, marketplace=None,
                  period=None, now=None, progress=None) -> ImportResult
    preview_report(...same...) -> ImportPreview          # detect + check, writes nothing
    undo_import(session, account_id, import_id, *, user_id=None, now=None) -> None
    import_history(session, account_id, user_id=None) -> list[Import]

Data design. Every file becomes one `Import` row (account, kind, marketplaces, file name,
SHA-256, first and last day, rows, warnings, who, when, undone when) and facts keyed by its id:
`import_day` (daily reports), `import_asin` (by-ASIN periods), `import_metric` and
`import_account_status` (seller performance), `import_ahr` (AHR scores), and order lines tagged
with the import (all-orders files, written by `sales.record_order_lines`, the one write path, so
Top Products and the industry widget — "Other": the file carries no industry — fill in).

One truth per day: `rollup_day` (services/rollups.py) holds, per account, marketplace and day,
the latest daily report import covering the day, else the order lines — the Sales Snapshot and
Business Reports by date read only it. Among all-orders files each order's lines come from the
latest file naming the order (earlier lines are set aside, not deleted). The same bytes twice
change nothing ("already imported"); a corrected file is a new import that wins for its days;
undo deletes an import's facts (and puts set-aside lines back), and the earlier figures show
again. Rollups are rebuilt for the affected days only.

All or nothing: a file is checked whole before anything stays written; a refusal raises
ValidationError whose `.reasons` list up to 20 problems ("line N, column 'X': 'value' …") then
"and N more". All-orders files are streamed (a million rows never sit in memory): their lines
are written while reading and removed again if a problem turns up, in the caller's transaction.

Permissions: sales reports need B2B edit, seller performance and AHR files Account Health edit
(`user_id=None` is the system: CLI, seed, tests); every import and undo is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import BinaryIO

from sqlalchemy import delete, select
from sqlmodel import Session

from services import access, sales
from services.audit import record_audit
from services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from services.i18n import M, joined
from services.imports import ahr, business_reports, performance, sales_traffic, store
from services.imports.all_orders import AllOrders
from services.imports.common import Parsed, Progress, Source, Target
from services.imports.detect import KIND_LABELS, KINDS, Detected, detect
from services.models import Account, Import, OrderLine, User
from services.types import utcnow

__all__ = ["AREAS", "KINDS", "KIND_LABELS", "HistoryRow", "ImportPreview", "ImportResult", "history",
           "import_history", "import_report", "preview_report", "undo_import"]

AREAS = {"business_report_by_date": "b2b", "business_report_by_child_asin": "b2b", "sales_and_traffic": "b2b",
         "all_orders": "b2b", "seller_performance": "health", "ahr_scores": "health"}


@dataclass(frozen=True)
class ImportResult:
    id: int
    kind: str
    marketplace: str
    first_day: date | None
    last_day: date | None
    rows: int
    warnings: list[str]
    marketplaces: list[str] = field(default_factory=list)
    already_imported: bool = False
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, for the Import page's confirmation: nothing is written.
    `preview` holds the first days' totals (or products, metrics, scores) as plain dicts;
    `replaces` the standing imports whose figures it would replace; `order_days` how many of its
    days now come from order lines and would come from the report instead."""

    kind: str
    kind_label: str
    marketplace: str
    marketplaces: list[str]
    first_day: date | None
    last_day: date | None
    rows: int
    warnings: list[str]
    sha256: str
    already_imported_id: int | None
    preview: list[dict]
    replaces: list[int] = field(default_factory=list)
    order_days: int = 0


@dataclass(frozen=True)
class HistoryRow:
    """One import as the Import page's history shows it: who (their display name; None for the
    system: the command line, the seed), when, the file, what it held, and whether it was undone."""

    id: int
    created_at: datetime
    who: str | None
    filename: str
    kind: str
    kind_label: str
    marketplaces: list[str]
    first_day: date | None
    last_day: date | None
    days: int
    rows: int
    warnings: list[str]
    undone_at: datetime | None
    undone_by: str | None


def _result(imp: Import, already: bool = False) -> ImportResult:
    warnings = list(imp.warnings)
    if already:
        warnings = [M("Already imported on {when} UTC (import #{id}): nothing changed.",
                       when=f"{imp.created_at:%Y-%m-%d %H:%M}", id=imp.id)]
    return ImportResult(imp.id, imp.kind, imp.marketplace, imp.first_day, imp.last_day, imp.rows, warnings,
                        list(imp.marketplaces), already, dict(imp.details))


def _account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(M("No such account."))
    return account


def _may_import(session: Session, user_id: int | None, account_id: int, kind: str | None = None) -> None:
    """No user: the system. Before reading the file, some import right; after, the kind's."""
    if user_id is None:
        return
    if kind is not None:
        access.require(session, user_id, account_id, AREAS[kind], "edit")
    elif not any(access.can(session, user_id, account_id, area, "edit") for area in ("b2b", "health")):
        access.require(session, user_id, account_id, "b2b", "edit")


def _open(session: Session, account_id: int, filename: str, data: bytes | BinaryIO, user_id: int | None,
          marketplace: str | None, now: datetime | None, progress: Progress | None, kinds: tuple[str, ...] | None):
    account = _account(session, account_id)
    _may_import(session, user_id, account_id)
    if marketplace is not None and marketplace not in account.marketplaces:
        raise ValidationError(
            M("This account does not sell in {marketplace}.", marketplace=marketplace), field="marketplace"
        )
    source = Source.open(filename, data, progress)
    found = detect(source)
    if kinds is not None and found.kind not in kinds:
        raise ValidationError(
            M(
                "This file is a {kind}; only these can be loaded here: {items}.",
                kind=KIND_LABELS[found.kind],
                items=joined(KIND_LABELS[k] for k in kinds),
            ),
            field="file",
        )
    _may_import(session, user_id, account_id, found.kind)
    target = Target(account_id, tuple(account.marketplaces), marketplace or account.home_marketplace,
                    now or utcnow())
    standing = session.execute(select(Import).where(Import.account_id == account_id, Import.sha256 == source.sha256,
                                                    Import.undone_at.is_(None))).scalars().first()
    return source, found, target, standing


def _parse(found: Detected, source: Source, target: Target, marketplace_chosen: bool,
           period: tuple[date, date] | None) -> Parsed:
    if found.kind == "business_report_by_child_asin":
        return business_reports.parse_by_child(source, target, period)
    if found.kind == "business_report_by_date":
        parsed = business_reports.parse_by_date(source, target)
    elif found.kind == "sales_and_traffic":
        parsed = sales_traffic.parse(found.doc, found.text, target, marketplace_chosen)
    elif found.kind == "seller_performance":
        parsed = performance.parse(found.doc, target, marketplace_chosen)
    else:
        parsed = ahr.parse(source, target)
    if period is not None:
        parsed.warnings.append(M("The period given is not used: this file has its own dates."))
    return parsed


def preview_report(session: Session, account_id: int, filename: str, data: bytes | BinaryIO, *,
                   user_id: int | None = None, marketplace: str | None = None,
                   period: tuple[date, date] | None = None, now: datetime | None = None,
                   progress: Progress | None = None, kinds: tuple[str, ...] | None = None) -> ImportPreview:
    """Detect and check the file as `import_report` would, and say what it would bring; writes
    nothing. Raises the same refusals (ValidationError with `.reasons`; `field="period"` when a
    by-child report needs its period)."""
    source, found, target, standing = _open(session, account_id, filename, data, user_id, marketplace, now,
                                            progress, kinds)
    replaces: list[int] = []
    order_days = 0
    if found.kind == "all_orders":
        reader = AllOrders(source, target)
        for _ in reader.lines():
            pass
        got = reader.summary()
        parsed = Parsed("all_orders", got["marketplaces"], got["first_day"], got["last_day"],
                        reader.counts["rows"], got["warnings"], details=got["details"], preview=got["preview"])
    else:
        parsed = _parse(found, source, target, marketplace is not None, period)
        replaces, order_days = store.replaced_imports(session, account_id, parsed)
    warnings = list(parsed.warnings)
    if standing is not None:
        warnings.insert(0, M("Already imported on {day} (import #{id}): importing it again changes nothing.",
                             day=f"{standing.created_at:%Y-%m-%d}", id=standing.id))
    return ImportPreview(parsed.kind, KIND_LABELS[parsed.kind], parsed.marketplaces[0], parsed.marketplaces,
                         parsed.first_day, parsed.last_day, parsed.rows, warnings, source.sha256,
                         standing.id if standing else None, parsed.preview, replaces, order_days)


def import_report(session: Session, account_id: int, filename: str, data: bytes | BinaryIO, *,
                  user_id: int | None = None, marketplace: str | None = None,
                  period: tuple[date, date] | None = None, now: datetime | None = None,
                  progress: Progress | None = None, kinds: tuple[str, ...] | None = None) -> ImportResult:
    """Import one report file (bytes, or a binary file object to stream a large file). Flushes,
    never commits. `marketplace`: for files that name none (Business Reports, AHR), else the
    account's home marketplace; `period=(start, end)` for the by-child report, which has no
    dates; `progress(bytes_read, bytes_total)` is called as the file is read; `kinds` refuses
    any other kind of file. The same file again returns the standing import with
    `already_imported=True` and changes nothing."""
    now = now or utcnow()
    source, found, target, standing = _open(session, account_id, filename, data, user_id, marketplace, now,
                                            progress, kinds)
    if standing is not None:
        return _result(standing, already=True)
    if found.kind == "all_orders":
        imp = _import_orders(session, source, target, user_id, now)
    else:
        parsed = _parse(found, source, target, marketplace is not None, period)
        imp = _new_import(session, target, source, parsed, user_id, now)
        store.write(session, imp, parsed)
    record_audit(
        session,
        user_id,
        account_id,
        "import.created",
        M("{kind}: {file}", kind=KIND_LABELS[imp.kind], file=imp.filename),
        None,
        {
            "import_id": imp.id,
            "kind": imp.kind,
            "marketplaces": imp.marketplaces,
            "first_day": str(imp.first_day),
            "last_day": str(imp.last_day),
            "rows": imp.rows,
            "sha256": imp.sha256,
        },
        now,
    )
    return _result(imp)


def _new_import(session: Session, target: Target, source: Source, parsed: Parsed, user_id: int | None,
                now: datetime) -> Import:
    imp = Import(account_id=target.account_id, kind=parsed.kind, marketplace=parsed.marketplaces[0],
                 marketplaces=parsed.marketplaces, filename=source.filename[:255], sha256=source.sha256,
                 first_day=parsed.first_day, last_day=parsed.last_day, rows=parsed.rows,
                 warnings=parsed.warnings, details=parsed.details, user_id=user_id, created_at=now)
    session.add(imp)
    session.flush()
    return imp


def _import_orders(session: Session, source: Source, target: Target, user_id: int | None,
                   now: datetime) -> Import:
    """Stream the file into order lines under a new import; on a refusal, remove what was written."""
    reader = AllOrders(source, target)
    imp = _new_import(session, target, source, Parsed("all_orders", [target.marketplace]), user_id, now)
    try:
        sales.record_order_lines(session, reader.lines(), import_id=imp.id, cancelled_orders=reader.cancelled)
    except ValidationError:
        session.execute(delete(OrderLine).where(OrderLine.import_id == imp.id))
        session.delete(imp)
        session.flush()
        raise
    got = reader.summary()
    imp.marketplaces, imp.marketplace = got["marketplaces"], got["marketplaces"][0]
    imp.first_day, imp.last_day, imp.rows = got["first_day"], got["last_day"], reader.counts["rows"]
    imp.warnings, imp.details = got["warnings"], got["details"]
    session.add(imp)
    session.flush()
    return imp


def undo_import(session: Session, account_id: int, import_id: int, *, user_id: int | None = None,
                now: datetime | None = None) -> None:
    """Remove exactly what the import brought; the figures it had replaced come back. Flushes."""
    _account(session, account_id)
    imp = session.get(Import, import_id)
    if imp is None or imp.account_id != account_id:
        if user_id is not None:
            access.require(session, user_id, account_id, "b2b", "view")
        raise NotFound(M("No such import in this account."))
    if user_id is not None:
        access.require(session, user_id, account_id, AREAS[imp.kind], "edit")
    if imp.undone_at is not None:
        raise Conflict(M("This import was already undone."))
    now = now or utcnow()
    store.undo(session, imp)
    imp.undone_at, imp.undone_by = now, user_id
    session.add(imp)
    session.flush()
    record_audit(
        session,
        user_id,
        account_id,
        "import.undone",
        M("{kind}: {file}", kind=KIND_LABELS[imp.kind], file=imp.filename),
        {"import_id": imp.id, "rows": imp.rows},
        None,
        now,
    )


def import_history(session: Session, account_id: int, user_id: int | None = None) -> list[Import]:
    """Every import of the account, newest first (undone ones too, with `undone_at`)."""
    _account(session, account_id)
    if user_id is not None and not any(access.can(session, user_id, account_id, area, "view")
                                       for area in ("b2b", "health")):
        raise PermissionDenied(M("You don't have access to this account."))
    return list(session.execute(select(Import).where(Import.account_id == account_id)
                                .order_by(Import.created_at.desc(), Import.id.desc())).scalars())


@access.guarded(("b2b", "health"))
def history(session: Session, account_id: int, limit: int = 200, *, user_id: int | None = None) -> list[HistoryRow]:
    """The account's imports for display, newest first (undone ones too), with the names of who
    imported and who undid them."""
    found = list(session.execute(select(Import).where(Import.account_id == account_id)
                                 .order_by(Import.created_at.desc(), Import.id.desc()).limit(limit)).scalars())
    ids = {i for imp in found for i in (imp.user_id, imp.undone_by) if i is not None}
    names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all()) if ids else {}
    return [HistoryRow(imp.id, imp.created_at, names.get(imp.user_id), imp.filename, imp.kind,
                       KIND_LABELS.get(imp.kind, imp.kind), list(imp.marketplaces), imp.first_day, imp.last_day,
                       (imp.last_day - imp.first_day).days + 1 if imp.first_day and imp.last_day else 0,
                       imp.rows, list(imp.warnings), imp.undone_at, names.get(imp.undone_by))
            for imp in found]
