"""Order lines, their daily rollups, and the Sales Snapshot (SPEC §2, §3.1)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

import pandas as pd
from sqlalchemy import and_, func, insert, literal, or_, select
from sqlmodel import Session, delete

from services import access
from services.errors import NotFound, ValidationError
from services.models import Account, DataVersion, IndustryDay, OrderLine, ProductDay, SegmentDay
from services.money import from_minor, to_minor
from services.periods import bucket_start, buckets, grain_for, same_day_last_year, same_day_next_year, yoy_pct

METRICS = ("sales", "units")
SEGMENTS = ("b2b", "non_b2b", "total")
SEGMENT_LABELS = {"b2b": "B2B", "non_b2b": "Non-B2B", "total": "Total"}
_ROW_KEYS = ("account_id", "marketplace", "order_id", "purchase_date", "asin", "sku", "units", "sales",
             "is_business_order")


def _clean_row(row: Mapping, accounts: dict[int, list[str]]) -> dict:
    missing = [k for k in _ROW_KEYS if k not in row]
    if missing:
        raise ValidationError(f"Order line is missing {', '.join(missing)}.", field=missing[0])
    account_id = int(row["account_id"])
    if account_id not in accounts:
        raise NotFound(f"No account {account_id}.")
    if row["marketplace"] not in accounts[account_id]:
        raise ValidationError(f"Account {account_id} does not sell in {row['marketplace']}.", field="marketplace")
    units = row["units"]
    if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
        raise ValidationError(f"Units must be a positive whole number, not {units!r}.", field="units")
    sales_minor = to_minor(row["sales"], field="sales")
    if sales_minor < 0:
        raise ValidationError("Sales cannot be negative.", field="sales")
    if not isinstance(row["purchase_date"], date):
        raise ValidationError("purchase_date must be a date.", field="purchase_date")
    return {
        "account_id": account_id,
        "marketplace": row["marketplace"],
        "order_id": str(row["order_id"]),
        "purchase_date": row["purchase_date"],
        "asin": str(row["asin"]),
        "sku": str(row["sku"]),
        "units": units,
        "sales_minor": sales_minor,
        "is_business_order": bool(row["is_business_order"]),
        "industry": row.get("industry") or None,
        "sub_industry": row.get("sub_industry") or None,
    }


def record_order_lines(session: Session, rows: Iterable[Mapping]) -> int:
    """The single write path for order lines: inserts them and rebuilds the daily rollups of
    every (account, marketplace) day range they touch, from the raw lines, so rollups always
    agree with the lines. Flushes; the caller commits. Returns the number of lines written."""
    rows = list(rows)
    if not rows:
        return 0
    ids = {int(r["account_id"]) for r in rows if "account_id" in r}
    accounts = {
        a.id: a.marketplaces for a in session.execute(select(Account).where(Account.id.in_(ids))).scalars()
    }
    clean = [_clean_row(r, accounts) for r in rows]
    session.execute(insert(OrderLine), clean)
    spans: dict[tuple[int, str], list[date]] = {}
    for r in clean:
        key = (r["account_id"], r["marketplace"])
        d = r["purchase_date"]
        lo_hi = spans.get(key)
        if lo_hi is None:
            spans[key] = [d, d]
        elif d < lo_hi[0]:
            lo_hi[0] = d
        elif d > lo_hi[1]:
            lo_hi[1] = d
    for (account_id, mp), (lo, hi) in spans.items():
        _rebuild_rollups(session, account_id, mp, lo, hi)
    for account_id in {k[0] for k in spans}:
        version = session.get(DataVersion, account_id) or DataVersion(account_id=account_id, version=0)
        version.version += 1
        session.add(version)
    session.flush()
    return len(clean)


def _rebuild_rollups(session: Session, account_id: int, mp: str, lo: date, hi: date) -> None:
    ol = OrderLine.__table__.c
    in_span = and_(ol.account_id == account_id, ol.marketplace == mp, ol.purchase_date.between(lo, hi))
    measures = (func.sum(ol.units), func.sum(ol.sales_minor), func.count(ol.order_id.distinct()), func.count())
    measure_names = ["units", "sales_minor", "orders", "order_items"]
    for model in (SegmentDay, IndustryDay, ProductDay):
        t = model.__table__.c
        session.execute(
            delete(model).where(t.account_id == account_id, t.marketplace == mp, t.day.between(lo, hi))
        )
    session.execute(
        insert(SegmentDay).from_select(
            ["account_id", "marketplace", "day", "is_business", *measure_names],
            select(ol.account_id, ol.marketplace, ol.purchase_date, ol.is_business_order, *measures)
            .where(in_span)
            .group_by(ol.account_id, ol.marketplace, ol.purchase_date, ol.is_business_order),
        )
    )
    industry = func.coalesce(ol.industry, literal(""))
    sub_industry = func.coalesce(ol.sub_industry, literal(""))
    session.execute(
        insert(IndustryDay).from_select(
            ["account_id", "marketplace", "day", "industry", "sub_industry", *measure_names],
            select(ol.account_id, ol.marketplace, ol.purchase_date, industry, sub_industry, *measures)
            .where(in_span, ol.is_business_order.is_(True))
            .group_by(ol.account_id, ol.marketplace, ol.purchase_date, industry, sub_industry),
        )
    )
    session.execute(
        insert(ProductDay).from_select(
            ["account_id", "marketplace", "day", "asin", "sku", "is_business", *measure_names],
            select(ol.account_id, ol.marketplace, ol.purchase_date, ol.asin, ol.sku, ol.is_business_order, *measures)
            .where(in_span)
            .group_by(ol.account_id, ol.marketplace, ol.purchase_date, ol.asin, ol.sku, ol.is_business_order),
        )
    )


@access.guarded("b2b")
def data_version(session: Session, account_id: int, *, user_id: int | None = None) -> int:
    """Bumped whenever the account's sales change: part of every cached read's key."""
    version = session.get(DataVersion, account_id)
    return version.version if version else 0


def account_marketplace(session: Session, account_id: int, marketplace: str | None) -> str:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound("No such account.")
    if marketplace is None:
        return account.home_marketplace
    if marketplace not in account.marketplaces:
        raise ValidationError(f"This account does not sell in {marketplace}.", field="marketplace")
    return marketplace


def check_query(start: date, end: date, metric: str) -> None:
    if metric not in METRICS:
        raise ValidationError(f"Metric must be one of {', '.join(METRICS)}.", field="metric")
    if end < start:
        raise ValidationError("The end date must be on or after the start date.", field="end")


@access.guarded("b2b")
def sales_snapshot(
    session: Session,
    account_id: int,
    start: date,
    end: date,
    metric: str = "sales",
    compare_last_year: bool = False,
    marketplace: str | None = None,
    *,
    user_id: int | None = None,
) -> pd.DataFrame:
    """B2B, Non-B2B and Total per bucket (day ≤ 31 days, ISO week ≤ 183 days, else month).

    With `compare_last_year`, adds `<segment>_last_year` columns: every day of
    [same_day_last_year(start), same_day_last_year(end)] counted once, in the bucket of the
    same calendar date this year (29 February → 28 February). Sales are Decimal, units int.
    """
    check_query(start, end, metric)
    mp = account_marketplace(session, account_id, marketplace)
    grain = grain_for(start, end)
    bucket_list = buckets(start, end, grain)
    ly_start, ly_end = same_day_last_year(start), same_day_last_year(end)
    t = SegmentDay.__table__.c
    value = t.sales_minor if metric == "sales" else t.units
    this_year = t.day.between(start, end)
    when = or_(this_year, t.day.between(ly_start, ly_end)) if compare_last_year else this_year
    rows = session.execute(
        select(t.day, t.is_business, value).where(t.account_id == account_id, t.marketplace == mp, when)
    ).all()
    acc: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # b2b, non, b2b_ly, non_ly
    for day, is_business, v in rows:
        if start <= day <= end:  # a range over a year long has days in both windows
            acc[bucket_start(day, grain, start)][0 if is_business else 1] += v
        if compare_last_year and ly_start <= day <= ly_end:
            this = max(same_day_next_year(day), start)
            acc[bucket_start(this, grain, start)][2 if is_business else 3] += v
    convert = from_minor if metric == "sales" else int
    data: dict[str, list] = {"bucket": bucket_list, "b2b": [], "non_b2b": [], "total": []}
    if compare_last_year:
        data.update(b2b_last_year=[], non_b2b_last_year=[], total_last_year=[])
    for b in bucket_list:
        b2b, non, b2b_ly, non_ly = acc.get(b, (0, 0, 0, 0))
        data["b2b"].append(convert(b2b))
        data["non_b2b"].append(convert(non))
        data["total"].append(convert(b2b + non))
        if compare_last_year:
            data["b2b_last_year"].append(convert(b2b_ly))
            data["non_b2b_last_year"].append(convert(non_ly))
            data["total_last_year"].append(convert(b2b_ly + non_ly))
    frame = pd.DataFrame(data)
    frame.attrs.update(grain=grain, metric=metric, marketplace=mp, start=start, end=end)
    return frame


def snapshot_summary(frame: pd.DataFrame) -> dict[str, dict]:
    """Per segment: the range's total, last year's (None unless compared) and YoY % (None when last is 0)."""
    is_money = frame.attrs.get("metric", "sales") == "sales"

    def total(column: str):
        return sum(frame[column], start=Decimal("0.00")) if is_money else sum(int(v) for v in frame[column])

    out = {}
    for seg in SEGMENTS:
        this = total(seg)
        last = total(f"{seg}_last_year") if f"{seg}_last_year" in frame else None
        out[seg] = {"value": this, "last_year": last, "yoy_pct": None if last is None else yoy_pct(this, last)}
    return out


@access.guarded("b2b")
def has_sales(session: Session, account_id: int, *, user_id: int | None = None) -> bool:
    t = SegmentDay.__table__.c
    return session.execute(select(t.day).where(t.account_id == account_id).limit(1)).first() is not None
