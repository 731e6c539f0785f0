"""Facts about many accounts at once, each in one grouped query: what the portfolio shows and the
alert rules watch. Pure reads: nothing here writes, reconciles or sends.

`scope` is the accounts to read: a list of ids or a SELECT of account ids (such as one user's
memberships), so a query never runs once per account. Each answer agrees with the single-account
service named beside it (the unit tests compare them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import BigInteger, Date, Integer, Select, String, case, cast, func, literal, select
from sqlmodel import Session

from services import config, health
from services.i18n import M
from services.models import (
    Account,
    AhaCase,
    AhrScore,
    Brand,
    BuyerRequest,
    BuyerRequestResponse,
    DayRollup,
    HealthMetric,
    HealthSettings,
    PartnerAuthorization,
    Shipment,
    Task,
)
from services.periods import same_day_last_year

Scope = Select | Sequence[int]


def latest_ahr(session: Session, scope: Scope, today: date) -> dict[int, tuple[date, int]]:
    """{account_id: (day, score)} of each account's latest AHR on or before `today` (health.latest_ahr;
    a score dated later never counts; accounts without a score are absent: they start at
    config.AHR_START_SCORE). Two index look-ups per account."""
    s, a = AhrScore.__table__.c, Account.__table__.c
    mine = (s.account_id == a.id) & (s.day <= today)
    latest = select(s.day).where(mine).order_by(s.day.desc()).limit(1).scalar_subquery()
    score = select(s.score).where(mine).order_by(s.day.desc()).limit(1).scalar_subquery()
    rows = session.execute(select(a.id, latest, score).where(a.id.in_(scope)))
    return {account_id: (day, value) for account_id, day, value in rows if day is not None}


def ahr_scores(session: Session, scope: Scope, start: date, end: date) -> dict[int, dict[date, int]]:
    """{account_id: {day: score}} of the scores from start to end (health.ahr_history)."""
    s = AhrScore.__table__.c
    found: dict[int, dict[date, int]] = {}
    for account_id, day, score in session.execute(
            select(s.account_id, s.day, s.score).where(s.account_id.in_(scope), s.day.between(start, end))):
        found.setdefault(account_id, {})[day] = score
    return found


def previous_ahr(session: Session, scope: Scope, today: date) -> dict[int, tuple[date, int]]:
    """{account_id: (day, score)} of the score before each account's latest one (on or before `today`)."""
    s = AhrScore.__table__.c
    ranked = (select(s.account_id, s.day, s.score,
                     func.row_number().over(partition_by=s.account_id, order_by=s.day.desc()).label("n"))
              .where(s.account_id.in_(scope), s.day <= today).subquery())
    rows = session.execute(select(ranked.c.account_id, ranked.c.day, ranked.c.score).where(ranked.c.n == 2))
    return {account_id: (day, score) for account_id, day, score in rows}


@dataclass(frozen=True)
class AhaFacts:
    """health.aha_status's answer, read without acting on it: `status` is enrolled | eligible (the
    rules hold, enrolment comes with the next reconciliation) | not_eligible | not_offered."""

    status: str
    eligible: bool
    enrolled: bool
    reason: str  # the main reason it is not eligible (health.aha_status's first reason), else ""
    days_below_threshold: int | None  # None where AHA is not offered (not counted)
    offered: bool


def _aha_reason(home: str, offered: bool, below: int | None, phone_ok: bool) -> str:
    if not offered:
        return M("Account Health Assurance is offered in {items} only; this account's home marketplace is "
                 "{home_marketplace}.", items=", ".join(config.AHA_MARKETPLACES), home_marketplace=home)
    if below > config.AHA_MAX_DAYS_BELOW:
        return M("{n_below} of the last {aha_window_days} days had an AHR below {aha_threshold} or no score; at "
                 "most {aha_max_days_below} may.", n_below=below, aha_window_days=config.AHA_WINDOW_DAYS,
                 aha_threshold=config.AHA_THRESHOLD, aha_max_days_below=config.AHA_MAX_DAYS_BELOW)
    return "" if phone_ok else M("No valid emergency phone number.")


def aha_facts(session: Session, accounts: Sequence[Account], today: date,
              scope: Scope | None = None) -> dict[int, AhaFacts]:
    """{account_id: AhaFacts} of the accounts (objects with id and home_marketplace; `scope` the
    same accounts as SQL, when the caller has it) as of `today` (window: the 180 days before today;
    a day without a score counts as below 250). Two queries for all the accounts."""
    if not accounts:
        return {}
    scope = [a.id for a in accounts] if scope is None else scope
    s, a, h = AhrScore.__table__.c, Account.__table__.c, HealthSettings.__table__.c
    start, end = today - timedelta(days=config.AHA_WINDOW_DAYS), today - timedelta(days=1)
    offered = select(a.id).where(a.id.in_(scope), a.home_marketplace.in_(config.AHA_MARKETPLACES))
    good = dict(session.execute(
        select(s.account_id, func.count()).where(s.account_id.in_(offered), s.day.between(start, end),
                                                 s.score >= config.AHA_THRESHOLD).group_by(s.account_id)).all())
    settings = {account_id: (enrolled, phone) for account_id, enrolled, phone in session.execute(
        select(h.account_id, h.aha_enrolled, h.emergency_phone).where(h.account_id.in_(scope)))}
    found = {}
    for account in accounts:
        enrolled, phone = settings.get(account.id, (False, ""))
        enrolled, phone_ok = bool(enrolled), bool(phone)
        offered = account.home_marketplace in config.AHA_MARKETPLACES
        below = config.AHA_WINDOW_DAYS - good.get(account.id, 0) if offered else None
        reason = _aha_reason(account.home_marketplace, offered, below, phone_ok)
        eligible = not reason
        status = ("not_offered" if not offered else "not_eligible" if not eligible
                  else "enrolled" if enrolled else "eligible")
        found[account.id] = AhaFacts(status, eligible, enrolled, reason, below, offered)
    return found


def open_task_counts(session: Session, scope: Scope, now: datetime) -> dict[int, int]:
    """{account_id: visible Business Action Center tasks} by actions.open_tasks' rules (not completed,
    not dismissed, not past their 14 days, not expired), without reconciling derived tasks."""
    t = Task.__table__.c
    return dict(session.execute(
        select(t.account_id, func.count()).where(
            t.account_id.in_(scope), t.completed_at.is_(None), t.dismissed_at.is_(None), t.visible_until > now,
            (t.expires_at.is_(None)) | (t.expires_at > now)).group_by(t.account_id)).all())


@dataclass(frozen=True)
class OpenRequest:
    account_id: int
    request_id: int
    marketplace: str
    asin: str
    quantity: int
    created_at: datetime
    expires_at: datetime


def open_buyer_requests(session: Session, scope: Scope, now: datetime) -> list[OpenRequest]:
    """Buyer requests the accounts still have to answer (needs response, not expired at `now`)."""
    r, q = BuyerRequestResponse.__table__.c, BuyerRequest.__table__.c
    rows = session.execute(
        select(r.account_id, q.id, q.marketplace, q.asin, q.quantity, q.created_at, q.expires_at)
        .select_from(BuyerRequestResponse.__table__).join(BuyerRequest.__table__, q.id == r.request_id)
        .where(r.account_id.in_(scope), r.status == "needs_response", q.expires_at > now)
        .order_by(r.account_id, q.expires_at, q.id))
    return [OpenRequest(*row) for row in rows]


def count_by_account(session: Session, column, *where) -> dict[int, int]:
    return dict(session.execute(select(column, func.count()).where(*where).group_by(column)).all())


def open_shipment_counts(session: Session, scope: Scope) -> dict[int, int]:
    """{account_id: shipments shared with a supplier and not shipped yet}."""
    t = Shipment.__table__.c
    return count_by_account(session, t.account_id, t.account_id.in_(scope),
                            t.status.in_(config.PORTFOLIO_OPEN_SHIPMENT_STATUSES))


def pending_authorization_counts(session: Session, scope: Scope) -> dict[int, int]:
    """{brand owner account_id: its brands' authorizations waiting for a reviewer}."""
    a, b = PartnerAuthorization.__table__.c, Brand.__table__.c
    return dict(session.execute(
        select(b.owner_account_id, func.count()).select_from(PartnerAuthorization.__table__)
        .join(Brand.__table__, b.id == a.brand_id)
        .where(b.owner_account_id.in_(scope), a.status.in_(config.PORTFOLIO_PENDING_AUTHORIZATION_STATUSES))
        .group_by(b.owner_account_id)).all())


def unresolved_cases(session: Session, scope: Scope) -> list[AhaCase]:
    """AHA cases not resolved yet (health.case_state open or overdue)."""
    return list(session.execute(select(AhaCase).where(AhaCase.account_id.in_(scope), AhaCase.resolved_at.is_(None))
                                .order_by(AhaCase.account_id, AhaCase.opened_at)).scalars())


@dataclass(frozen=True)
class OffTarget:
    account_id: int
    metric: str
    segment: str  # all | business
    value_pct: float


def metrics_off_target(session: Session, accounts: Sequence[Account], scope: Scope | None = None) -> list[OffTarget]:
    """Performance metrics off their targets (health.metrics' on_target False), all accounts at once
    (`scope`: the same accounts as SQL, when the caller has it)."""
    homes = {a.id: a.home_marketplace for a in accounts}
    if not homes:
        return []
    m = HealthMetric.__table__.c
    rows = session.execute(select(m.account_id, m.metric, m.segment, m.value_pct).where(
        m.account_id.in_(list(homes) if scope is None else scope)))
    return [OffTarget(account_id, metric, segment, value) for account_id, metric, segment, value in rows
            if account_id in homes and metric in config.METRIC_TARGETS
            and not health.metric_on_target(metric, segment, homes[account_id], value)]


# --- Sales: the one place that reads the daily sales rollup ------------------------------------------


@dataclass
class SalesFigures:
    """One account's sales in one marketplace, in minor units."""

    b2b: int = 0
    total: int = 0
    b2b_last_year: int = 0
    total_last_year: int = 0
    b2b_unknown: bool = False  # some day of the range (or of last year's) has no B2B figure
    trend: dict[int, int | None] = field(default_factory=dict)  # bucket → B2B (None: unknown on a day of it)


def _bucket(day_column, start: date, size: int, dialect: str):
    """The SQL expression for the bucket of a day: (day − start) // size, whole days on both
    databases."""
    if dialect == "sqlite":
        offset = cast(func.julianday(day_column) - func.julianday(literal(start.isoformat())), Integer)
    else:
        offset = day_column - cast(literal(start), Date)
    return offset if size == 1 else offset // size


def sales_figures(session: Session, scope: Scope, marketplaces: Sequence[str], start: date, end: date, *,
                  bucket_days: int = 1, last_year: bool = False) -> dict[tuple[int, str], SalesFigures]:
    """{(account_id, marketplace): SalesFigures} for the accounts' rows in those marketplaces: B2B
    and total sales from start to end, B2B per bucket of `bucket_days` days counted from `start`,
    and with `last_year` the same calendar dates a year earlier (29 Feb → 28 Feb). One grouped
    query per period, whatever the number of accounts (through ix_rollup_day_sales); the database
    sums the buckets and hands each account's trend back as two comma-separated lists (its buckets
    and their B2B), so the answer is one row per account and marketplace, not one per day.

    The read source is `rollup_day`, the one daily truth (a daily report's figures beat the order
    lines): a report day without B2B figures makes B2B unknown, and callers get None for B2B."""
    t = DayRollup.__table__.c
    where = [t.account_id.in_(scope), t.marketplace.in_(sorted(set(marketplaces)))]
    bucket = _bucket(t.day, start, bucket_days, session.get_bind().dialect.name).label("bucket")
    missing = (func.count() - func.count(t.b2b_sales_minor)).label("missing")  # days whose B2B is not known
    if bucket_days == 1:  # a bucket is a row (the key is account, marketplace, day): nothing to group
        per_bucket = select(t.account_id, t.marketplace, bucket,
                            func.coalesce(t.b2b_sales_minor, 0).label("b2b"), t.total_sales_minor.label("total"),
                            case((t.b2b_sales_minor.is_(None), 1), else_=0).label("missing"))
    else:
        per_bucket = (select(t.account_id, t.marketplace, bucket,
                             func.sum(func.coalesce(t.b2b_sales_minor, 0)).label("b2b"),
                             func.sum(t.total_sales_minor).label("total"), missing)
                      .group_by(t.account_id, t.marketplace, bucket))
    per_bucket = per_bucket.where(*where, t.day.between(start, end)).subquery()
    p = per_bucket.c
    connection = session.connection()  # Core rows: no ORM bookkeeping on a read of a thousand rows
    found: dict[tuple[int, str], SalesFigures] = defaultdict(SalesFigures)
    # each account's buckets and their B2B as two comma-separated lists, aggregated from the same
    # rows in the same order (an unknown bucket's B2B is empty)
    for account_id, mp, b2b_minor, total_minor, unknown_buckets, indexes, values in connection.execute(
            select(p.account_id, p.marketplace, cast(func.sum(p.b2b), BigInteger),
                   cast(func.sum(p.total), BigInteger), func.sum(case((p.missing > 0, 1), else_=0)),
                   func.aggregate_strings(cast(p.bucket, String), ","),
                   func.aggregate_strings(case((p.missing > 0, literal("")), else_=cast(p.b2b, String)), ","))
            .group_by(p.account_id, p.marketplace)).all():
        row = found[(account_id, mp)]
        row.b2b, row.total, row.b2b_unknown = int(b2b_minor), int(total_minor), bool(unknown_buckets)
        amounts = values.split(",")
        row.trend = dict(zip(map(int, indexes.split(",")),
                             [int(v) if v else None for v in amounts] if unknown_buckets else map(int, amounts)))
    if last_year:
        for account_id, mp, b2b_minor, total_minor, unknown_days in connection.execute(
                select(t.account_id, t.marketplace, cast(func.sum(func.coalesce(t.b2b_sales_minor, 0)), BigInteger),
                       cast(func.sum(t.total_sales_minor), BigInteger), missing)
                .where(*where, t.day.between(same_day_last_year(start), same_day_last_year(end)))
                .group_by(t.account_id, t.marketplace)).all():
            row = found[(account_id, mp)]
            row.b2b_last_year, row.total_last_year = int(b2b_minor), int(total_minor)
            row.b2b_unknown |= bool(unknown_days)
    return dict(found)
