"""The account manager's portfolio (SPEC §8): one row per account and marketplace the person may
see, with what tells them which account needs them today. A pure read in a fixed number of
grouped queries, whatever the number of accounts.

Money stays in each marketplace's currency (Decimal); `subtotals` adds up per currency only.
Account-level figures (AHR, AHA, tasks, shipments, authorizations, alerts) repeat on each of the
account's marketplace rows. A column whose area the person may not see (a user with `b2b` none,
say) is None on that account's rows."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from services import access, account_facts, alerts, config, health
from services.errors import ValidationError
from services.i18n import M
from services.marketplaces import marketplace as marketplace_info
from services.models import Account, Membership, User
from services.money import from_minor
from services.periods import yoy_pct
from services.types import utcnow

COLUMNS = [  # the service contract first, then what the page needs
    "account_id", "account_name", "marketplace", "currency", "ahr", "ahr_band", "aha_status", "open_tasks",
    "b2b_sales", "b2b_sales_last_year", "b2b_yoy_pct", "total_sales", "b2b_share_pct", "open_shipments",
    "pending_authorizations", "open_alerts",
    "merchant_token", "home_marketplace", "ahr_day", "ahr_band_colour", "aha_reason", "aha_days_below",
    "expiring_requests", "open_aha_cases", "metrics_off_target", "b2b_trend", "needs_attention", "attention",
    "link_b2b", "link_health", "link_actions", "link_partners", "link_shipments", "link_alerts",
]
AREA_COLUMNS = {  # hidden (None) where the person's level in that area is none
    "b2b": ("b2b_sales", "b2b_sales_last_year", "b2b_yoy_pct", "total_sales", "b2b_share_pct", "b2b_trend"),
    "health": ("ahr", "ahr_day", "ahr_band", "ahr_band_colour", "aha_status", "aha_reason", "aha_days_below",
               "open_aha_cases", "metrics_off_target"),
    "actions": ("open_tasks", "expiring_requests"),
    "supply_chain": ("open_shipments",),
    "partners": ("pending_authorizations",),
}
AHA_STATUS_LABELS = {"enrolled": M("Enrolled"), "eligible": M("Eligible"), "not_eligible": M("Not eligible"),
                     "not_offered": M("Not offered")}


# --- The frame ------------------------------------------------------------------------------------------


def _trend(figures: account_facts.SalesFigures, buckets: range) -> list[float | None]:
    """B2B per bucket in the currency's units (floats: for a sparkline only); None where unknown."""
    trend = figures.trend
    if not figures.b2b_unknown:
        return [trend.get(i, 0) / 100 for i in buckets]
    return [None if trend.get(i, 0) is None else trend.get(i, 0) / 100 for i in buckets]


def _attention(row: dict, levels: dict[str, str]) -> list[str]:
    """The red flags of a row, each a short reason (only from areas the person may see)."""
    reasons = []
    if levels["health"] != "none":
        if row["ahr_band"] != config.AHR_BANDS[-1][1]:
            reasons.append(M("AHR {ahr_band} ({ahr})", ahr_band=row['ahr_band'], ahr=row['ahr']))
        if row["open_aha_cases"]:
            reasons.append(M("AHA case open ({open_aha_cases})", open_aha_cases=row['open_aha_cases']))
        if row["aha_status"] == "not_eligible" and row["_enrolled"]:
            reasons.append(M("AHA enrolment ends: {reason}", reason=row["aha_reason"]))
        if row["metrics_off_target"]:
            reasons.append(M("{metrics_off_target} metric(s) off target", metrics_off_target=row['metrics_off_target']))
    if levels["actions"] != "none" and row["expiring_requests"]:
        reasons.append(
            M(
                "{expiring_requests} buyer request(s) expiring within {hours} h",
                expiring_requests=row["expiring_requests"],
                hours=int(config.PORTFOLIO_EXPIRING_REQUEST_WINDOW.total_seconds() // 3600),
            )
        )
    if levels["b2b"] != "none" and row["b2b_yoy_pct"] is not None \
            and row["b2b_yoy_pct"] <= config.PORTFOLIO_ATTENTION_B2B_YOY_PCT:
        reasons.append(M("B2B sales {b2b_yoy_pct}% on last year", b2b_yoy_pct=f"{row['b2b_yoy_pct']:.0f}"))
    if row["open_alerts"]:
        reasons.append(M("{open_alerts} open alert(s)", open_alerts=row['open_alerts']))
    return reasons


def portfolio(session: Session, user_id: int, start: date, end: date, today: date, marketplace: str | None = None,
              *, now: datetime | None = None) -> pd.DataFrame:
    """One row per account × marketplace the user may see (admins, users with any area, managers),
    ordered by account name then the account's marketplaces (home first). `marketplace` None: every
    marketplace; a code: only that marketplace's rows. `today` fixes the AHA window; `now` (default:
    the current instant) the tasks, buyer requests and alerts that are open. Columns: COLUMNS.
    YoY compares with the same calendar dates a year earlier (None when last year is 0); b2b_sales
    is None when B2B is unknown on a day of the range."""
    access.require_seller(session, user_id)
    if end < start:
        raise ValidationError(M("The end date must be on or after the start date."), field="end")
    if marketplace is not None:
        marketplace_info(marketplace)
    now = now or utcnow()
    visible = access.visible_accounts(session, user_id)
    scope = select(Membership.account_id).where(Membership.user_id == user_id)
    a = Account.__table__.c
    accounts = [row for row in session.execute(select(a.id, a.name, a.merchant_token, a.home_marketplace,
                                                      a.marketplaces).where(a.id.in_(scope))) if row.id in visible]
    days = (end - start).days + 1
    size = math.ceil(days / config.PORTFOLIO_SPARKLINE_POINTS)
    marketplaces = [marketplace] if marketplace else {mp for a in accounts for mp in a.marketplaces}
    sales = account_facts.sales_figures(session, scope, marketplaces, start, end, bucket_days=size, last_year=True)
    latest = account_facts.latest_ahr(session, scope, today)
    aha = account_facts.aha_facts(session, accounts, today, scope)
    tasks = account_facts.open_task_counts(session, scope, now)
    expiring: dict[int, int] = defaultdict(int)
    for request in account_facts.open_buyer_requests(session, scope, now):
        if request.expires_at <= now + config.PORTFOLIO_EXPIRING_REQUEST_WINDOW:
            expiring[request.account_id] += 1
    shipments = account_facts.open_shipment_counts(session, scope)
    authorizations = account_facts.pending_authorization_counts(session, scope)
    cases: dict[int, int] = defaultdict(int)
    for case_row in account_facts.unresolved_cases(session, scope):
        cases[case_row.account_id] += 1
    off_target: dict[int, int] = defaultdict(int)
    for metric in account_facts.metrics_off_target(session, accounts, scope):
        off_target[metric.account_id] += 1
    open_alerts = alerts.open_alert_counts(session, user_id, now, visible)

    buckets = range(math.ceil(days / size))
    records = []
    for account in sorted(accounts, key=lambda a: (a.name.casefold(), a.id)):
        levels = visible[account.id]
        day, score = latest.get(account.id, (None, config.AHR_START_SCORE))
        band, colour = health.band(score)
        facts = aha[account.id]
        for mp in account.marketplaces:
            if marketplace is not None and mp != marketplace:
                continue
            figures = sales.get((account.id, mp), account_facts.SalesFigures())
            b2b = None if figures.b2b_unknown else from_minor(figures.b2b)
            b2b_ly = None if figures.b2b_unknown else from_minor(figures.b2b_last_year)
            row = {
                "account_id": account.id, "account_name": account.name, "marketplace": mp,
                "currency": marketplace_info(mp).currency, "ahr": score, "ahr_band": band,
                "aha_status": facts.status, "open_tasks": tasks.get(account.id, 0),
                "b2b_sales": b2b, "b2b_sales_last_year": b2b_ly,
                "b2b_yoy_pct": None if b2b is None else yoy_pct(figures.b2b, figures.b2b_last_year),
                "total_sales": from_minor(figures.total),
                "b2b_share_pct": None if b2b is None or not figures.total else 100 * figures.b2b / figures.total,
                "open_shipments": shipments.get(account.id, 0),
                "pending_authorizations": authorizations.get(account.id, 0),
                "open_alerts": open_alerts.get(account.id, 0),
                "merchant_token": account.merchant_token, "home_marketplace": account.home_marketplace,
                "ahr_day": day, "ahr_band_colour": colour, "aha_reason": facts.reason,
                "aha_days_below": facts.days_below_threshold, "expiring_requests": expiring.get(account.id, 0),
                "open_aha_cases": cases.get(account.id, 0), "metrics_off_target": off_target.get(account.id, 0),
                "b2b_trend": _trend(figures, buckets),
                "_enrolled": facts.enrolled,
                "link_b2b": f"b2b-central?account={account.id}&mp={mp}",
                "link_health": f"account-health?account={account.id}",
                "link_actions": f"quote?account={account.id}",
                "link_partners": f"partners?account={account.id}",
                "link_shipments": f"shipments?account={account.id}",
                "link_alerts": f"alerts?account={account.id}",
            }
            row["attention"] = _attention(row, levels)
            row["needs_attention"] = bool(row["attention"])
            del row["_enrolled"]
            for area, columns in AREA_COLUMNS.items():
                if levels[area] == "none":
                    row.update(dict.fromkeys(columns))
            records.append(row)
    return _frame(records, COLUMNS, start=start, end=end, today=today, marketplace=marketplace)


def _frame(records: list[dict], columns: list[str], **attrs) -> pd.DataFrame:
    """A frame that keeps None (never NaN) in every column that can hold one."""
    data = {}
    for c in columns:
        values = [r[c] for r in records]
        if values and all(type(v) is bool for v in values):
            data[c] = pd.Series(values, dtype=bool)
        elif values and all(type(v) is int for v in values):
            data[c] = pd.Series(values, dtype="int64")
        else:
            data[c] = pd.Series(values, dtype=object)
    frame = pd.DataFrame(data, columns=columns)
    frame.attrs.update(attrs)
    return frame


SUBTOTAL_COLUMNS = ["currency", "accounts", "rows", "b2b_sales", "b2b_sales_last_year", "b2b_yoy_pct",
                    "total_sales", "b2b_share_pct"]


def subtotals(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per currency of the (possibly filtered) portfolio frame: its sums, YoY and B2B share,
    over the rows whose sales the person may see. Never adds different currencies. B2B is None for
    a currency where any of those rows has B2B unknown: unknown is never counted as 0."""
    records = []
    for currency in sorted(set(frame["currency"])):
        part = frame[(frame["currency"] == currency) & frame["total_sales"].notna()]  # rows whose sales show
        total = sum(part["total_sales"], start=Decimal("0.00")) if len(part) else None
        known = len(part) > 0 and not part["b2b_sales"].isna().any()
        b2b = sum(part["b2b_sales"], start=Decimal("0.00")) if known else None
        b2b_ly = sum(part["b2b_sales_last_year"], start=Decimal("0.00")) if known else None
        records.append({
            "currency": currency, "accounts": int(frame.loc[frame["currency"] == currency, "account_id"].nunique()),
            "rows": int((frame["currency"] == currency).sum()),
            "b2b_sales": b2b, "b2b_sales_last_year": b2b_ly,
            "b2b_yoy_pct": None if b2b is None else yoy_pct(b2b, b2b_ly),
            "total_sales": total,
            "b2b_share_pct": None if b2b is None or not total else float(100 * b2b / total),
        })
    return _frame(records, SUBTOTAL_COLUMNS)


def has_portfolio(session: Session, user_id: int) -> bool:
    """Whether the portfolio is the person's first page (SPEC §8): a manager of any account, or an
    admin of more than one. Read from the memberships on every call, never remembered."""
    user = session.get(User, user_id)
    if user is None or not user.active or user.kind != "seller":
        return False
    roles = [role for (role,) in session.execute(select(Membership.role).where(Membership.user_id == user_id))]
    return "manager" in roles or roles.count("admin") > 1


def filter_rows(frame: pd.DataFrame, *, marketplaces: list[str] | None = None, bands: list[str] | None = None,
                attention_only: bool = False, search: str = "") -> pd.DataFrame:
    """The portfolio rows the page's filters keep: any of `marketplaces`, any of the AHR `bands`
    (empty or None: no filter), only rows that need attention, and a search that matches the
    account name or merchant token (case-insensitive, anywhere in them). Keeps attrs."""
    keep = pd.Series(True, index=frame.index)
    if marketplaces:
        keep &= frame["marketplace"].isin(marketplaces)
    if bands:
        keep &= frame["ahr_band"].isin(bands)
    if attention_only:
        keep &= frame["needs_attention"].astype(bool)
    needle = (search or "").strip().casefold()
    if needle:
        keep &= (frame["account_name"].str.casefold().str.contains(needle, regex=False)
                 | frame["merchant_token"].str.casefold().str.contains(needle, regex=False))
    found = frame[keep].reset_index(drop=True)
    found.attrs.update(frame.attrs)
    return found
