"""The daily rollups widgets read (DESIGN "Data and speed"), rebuilt for the days a write touched.

- `rollup_segment_day`, `rollup_industry_day`, `rollup_product_day`: from the order lines only.
- `rollup_day`: the one daily truth of an account, marketplace and day (SPEC §12 "one truth per
  day"): the day of the latest daily report import covering it (Business Report by date or Sales
  & Traffic; the highest import id among those whose facts are still there — undo deletes an
  import's facts), else the day's order lines. Never both, never twice. It is the single table
  the Sales Snapshot, Business Reports by date and the portfolio's daily B2B and total sales read,
  keyed (account_id, marketplace, day).

Every rebuild deletes the span's rows and inserts them again from their sources with set-based
SQL, so a rollup always agrees with its sources whatever was written before.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import and_, case, exists, func, insert, literal, null, select
from sqlmodel import Session, delete

from services.models import DataVersion, DayRollup, ImportDay, IndustryDay, OrderLine, ProductDay, SegmentDay

SALES_COLUMNS = ("total_sales_minor", "total_units", "total_order_items", "b2b_sales_minor", "b2b_units",
                 "b2b_order_items")
TRAFFIC_COLUMNS = ("total_sessions", "b2b_sessions", "total_page_views", "b2b_page_views", "total_buy_box_pct",
                   "b2b_buy_box_pct", "total_unit_session_pct", "b2b_unit_session_pct")


class Spans:
    """The first and last day touched per (account, marketplace)."""

    def __init__(self) -> None:
        self._spans: dict[tuple[int, str], list[date]] = {}

    def add(self, account_id: int, marketplace: str, lo: date, hi: date | None = None) -> None:
        hi = lo if hi is None else hi
        span = self._spans.get((account_id, marketplace))
        if span is None:
            self._spans[(account_id, marketplace)] = [lo, hi]
            return
        if lo < span[0]:
            span[0] = lo
        if hi > span[1]:
            span[1] = hi

    def update(self, other: Spans) -> None:
        for (account_id, mp), (lo, hi) in other.items():
            self.add(account_id, mp, lo, hi)

    def items(self) -> Iterable[tuple[tuple[int, str], list[date]]]:
        return self._spans.items()

    def accounts(self) -> set[int]:
        return {account_id for account_id, _ in self._spans}

    def __bool__(self) -> bool:
        return bool(self._spans)


def rebuild(session: Session, spans: Spans) -> None:
    """Rebuild every rollup over the spans (after order lines changed) and bump the accounts'
    data versions."""
    for (account_id, mp), (lo, hi) in spans.items():
        rebuild_order_rollups(session, account_id, mp, lo, hi)
        rebuild_days(session, account_id, mp, lo, hi)
    bump_versions(session, spans.accounts())


def rebuild_order_rollups(session: Session, account_id: int, mp: str, lo: date, hi: date) -> None:
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


def rebuild_days(session: Session, account_id: int, mp: str, lo: date, hi: date) -> None:
    """Rebuild `rollup_day` over lo..hi: report days first (the latest import per day), then the
    segment rollup's days that no report covers. Call after the segment rollup is up to date."""
    r = DayRollup.__table__.c
    session.execute(delete(DayRollup).where(r.account_id == account_id, r.marketplace == mp, r.day.between(lo, hi)))
    d = ImportDay.__table__.c
    later = ImportDay.__table__.alias("later")
    newest = ~exists().where(later.c.account_id == d.account_id, later.c.marketplace == d.marketplace,
                             later.c.day == d.day, later.c.import_id > d.import_id)
    copied = [*SALES_COLUMNS, *TRAFFIC_COLUMNS]
    session.execute(insert(DayRollup).from_select(
        ["account_id", "marketplace", "day", "source", "import_id", *copied],
        select(d.account_id, d.marketplace, d.day, literal("report"), d.import_id, *(d[c] for c in copied))
        .where(d.account_id == account_id, d.marketplace == mp, d.day.between(lo, hi), newest),
    ))
    s = SegmentDay.__table__.c
    b2b = s.is_business.is_(True)
    reported = exists().where(r.account_id == s.account_id, r.marketplace == s.marketplace, r.day == s.day)
    session.execute(insert(DayRollup).from_select(
        ["account_id", "marketplace", "day", "source", "import_id", "total_sales_minor", "total_units",
         "total_orders", "total_order_items", "b2b_sales_minor", "b2b_units", "b2b_orders", "b2b_order_items"],
        select(s.account_id, s.marketplace, s.day, literal("orders"), null(), func.sum(s.sales_minor),
               func.sum(s.units), func.sum(s.orders), func.sum(s.order_items),
               *(func.sum(case((b2b, s[c]), else_=0)) for c in ("sales_minor", "units", "orders", "order_items")))
        .where(s.account_id == account_id, s.marketplace == mp, s.day.between(lo, hi), ~reported)
        .group_by(s.account_id, s.marketplace, s.day),
    ))


def bump_versions(session: Session, account_ids: Iterable[int]) -> None:
    """Cached reads are keyed on the account's data version: a write makes them stale."""
    for account_id in account_ids:
        version = session.get(DataVersion, account_id) or DataVersion(account_id=account_id, version=0)
        version.version += 1
        session.add(version)
