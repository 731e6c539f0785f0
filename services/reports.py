"""Business Reports (SPEC §4): by date and by child ASIN, B2B beside the total."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from sqlalchemy import case, func, select
from sqlmodel import Session

from services import access
from services.errors import ValidationError
from services.models import ProductDay, SegmentDay
from services.money import from_minor
from services.products import offer_titles
from services.sales import account_marketplace

VIEWS = ("date", "asin")
MEASURES = ("sales", "units", "order_items", "avg_sales_per_item")
CENT = Decimal("0.01")


def _measures(table) -> list:
    """B2B and total sums of sales, units and order items, in that order."""
    b2b = table.is_business.is_(True)
    out = []
    for column in (table.sales_minor, table.units, table.order_items):
        out += [func.sum(case((b2b, column), else_=0)), func.sum(column)]
    return out


def _record(b2b_sales: int, total_sales: int, b2b_units: int, total_units: int, b2b_items: int,
            total_items: int) -> dict:
    def avg(minor: int, items: int) -> Decimal | None:
        return (from_minor(minor) / items).quantize(CENT, ROUND_HALF_UP) if items else None

    return {
        "b2b_sales": from_minor(b2b_sales), "total_sales": from_minor(total_sales),
        "b2b_units": int(b2b_units), "total_units": int(total_units),
        "b2b_order_items": int(b2b_items), "total_order_items": int(total_items),
        "b2b_avg_sales_per_item": avg(b2b_sales, b2b_items), "total_avg_sales_per_item": avg(total_sales, total_items),
    }


COLUMNS = ["b2b_sales", "total_sales", "b2b_units", "total_units", "b2b_order_items", "total_order_items",
           "b2b_avg_sales_per_item", "total_avg_sales_per_item"]


def _check(start: date, end: date) -> None:
    if end < start:
        raise ValidationError("The end date must be on or after the start date.", field="end")


@access.guarded("b2b")
def business_report_by_date(session: Session, account_id: int, start: date, end: date,
                            marketplace: str | None = None, *, user_id: int | None = None) -> pd.DataFrame:
    """One row per day of the range (days without sales show zeros), newest first."""
    _check(start, end)
    mp = account_marketplace(session, account_id, marketplace)
    t = SegmentDay.__table__.c
    got = {row[0]: row[1:] for row in session.execute(
        select(t.day, *_measures(t))
        .where(t.account_id == account_id, t.marketplace == mp, t.day.between(start, end))
        .group_by(t.day)
    ).all()}
    days = [end - timedelta(days=i) for i in range((end - start).days + 1)]
    frame = pd.DataFrame([{"date": d, **_record(*got.get(d, (0,) * 6))} for d in days], columns=["date", *COLUMNS])
    frame.attrs.update(view="date", marketplace=mp, start=start, end=end)
    return frame


@access.guarded("b2b")
def business_report_by_asin(session: Session, account_id: int, start: date, end: date,
                            marketplace: str | None = None, *, user_id: int | None = None) -> pd.DataFrame:
    """One row per child ASIN and SKU sold in the range, by total sales descending, then ASIN."""
    _check(start, end)
    mp = account_marketplace(session, account_id, marketplace)
    t = ProductDay.__table__.c
    rows = session.execute(
        select(t.asin, t.sku, *_measures(t))
        .where(t.account_id == account_id, t.marketplace == mp, t.day.between(start, end))
        .group_by(t.asin, t.sku)
    ).all()
    titles = offer_titles(session, account_id, mp)
    records = [{"asin": asin, "sku": sku, "title": titles.get((asin, sku)) or asin, **_record(*measures)}
               for asin, sku, *measures in rows]
    records.sort(key=lambda r: (-r["total_sales"], r["asin"], r["sku"]))
    frame = pd.DataFrame(records, columns=["asin", "sku", "title", *COLUMNS])
    frame.attrs.update(view="asin", marketplace=mp, start=start, end=end)
    return frame


@access.guarded("b2b")
def business_report(session: Session, account_id: int, view: str, start: date, end: date,
                    marketplace: str | None = None, *, user_id: int | None = None) -> pd.DataFrame:
    if view not in VIEWS:
        raise ValidationError("Show the report by date or by child ASIN.", field="view")
    fn = business_report_by_date if view == "date" else business_report_by_asin
    return fn(session, account_id, start, end, marketplace)
