"""What imported seller performance reports say (SPEC §7, §12): the latest standing import per
account and marketplace wins; undoing it brings the previous one (or the entered metrics) back.
`health.metrics` reads the rates from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from services import access
from services.errors import NotFound
from services.i18n import M
from services.models import Account, ImportAccountStatus, ImportMetric


@dataclass(frozen=True)
class AccountStatus:
    """What the latest seller performance import says about one marketplace."""

    marketplace: str
    status: str | None  # NORMAL | AT_RISK | DEACTIVATED | SUSPENDED
    ahr_status: str | None  # GREAT | WARNED
    as_of: date | None
    import_id: int
    defects: dict[str, int] = field(default_factory=dict)  # policy blocks with their defectsCount


def latest_import(session: Session, account_id: int, marketplace: str) -> int | None:
    """The id of the latest standing seller performance import with figures for the marketplace."""
    ids = [session.exec(select(func.max(model.import_id)).where(
        model.account_id == account_id, model.marketplace == marketplace)).one()
        for model in (ImportMetric, ImportAccountStatus)]
    return max((i for i in ids if i is not None), default=None)


def imported_metrics(session: Session, account_id: int, marketplace: str) -> tuple[int | None, dict]:
    """(the latest import's id, {metric: ImportMetric}) for the marketplace; (None, {}) without one."""
    report_id = latest_import(session, account_id, marketplace)
    if report_id is None:
        return None, {}
    return report_id, {m.metric: m for m in session.exec(select(ImportMetric).where(
        ImportMetric.import_id == report_id, ImportMetric.marketplace == marketplace))}


def report_rule(fact: ImportMetric) -> tuple[str, float] | None:
    """Amazon's own target of an imported metric, as a rule."""
    op = {"LESS_THAN": "<", "GREATER_THAN": ">", "EQUALS": "<="}.get(fact.target_condition)
    return None if op is None or fact.target_pct is None else (op, fact.target_pct)


@access.guarded("health")
def account_status(session: Session, account_id: int, marketplace: str | None = None, *,
                   user_id: int | None = None) -> AccountStatus | None:
    """The account status of the latest seller performance import for the marketplace (None: the
    home one), with its AHR status and policy defects; None when nothing was imported."""
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(M("No such account."))
    mp = marketplace or account.home_marketplace
    report_id = latest_import(session, account_id, mp)
    if report_id is None:
        return None
    row = session.get(ImportAccountStatus, (report_id, mp))
    defects = {m.metric: m.defects for m in session.exec(select(ImportMetric).where(
        ImportMetric.import_id == report_id, ImportMetric.marketplace == mp, ImportMetric.defects.is_not(None)))}
    as_of = row.as_of if row else session.exec(select(func.max(ImportMetric.period_to)).where(
        ImportMetric.import_id == report_id, ImportMetric.marketplace == mp)).one()
    return AccountStatus(mp, row.status if row else None, row.ahr_status if row else None, as_of, report_id, defects)
