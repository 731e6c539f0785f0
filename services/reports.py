"""Business Reports (SPEC §4): by date and by child ASIN, B2B beside the total.

By date reads `rollup_day`, the one daily truth: an imported daily report's figures where one
covers the day, else the order lines. By child ASIN reads an imported by-ASIN report when the
range is exactly its period, else the order lines. With `detail=True` both add the `source`
column ("report" or "orders") and the traffic columns (sessions, page views, Buy Box % and unit
session %, B2B beside the total; None where nothing was imported). B2B figures are None where a
report did not give them (unknown, never 0)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from sqlalchemy import case, func, select
from sqlmodel import Session

from services import access
from services.errors import ValidationError
from services.i18n import M
from services.models import DayRollup, ImportAsin, ProductDay
from services.money import from_minor
from services.products import imported_asin_report, offer_titles
from services.rollups import TRAFFIC_COLUMNS
from services.sales import account_marketplace

VIEWS = ("date", "asin")
MEASURES = ("sales", "units", "order_items", "avg_sales_per_item")
CENT = Decimal("0.01")
COLUMNS = ["b2b_sales", "total_sales", "b2b_units", "total_units", "b2b_order_items", "total_order_items",
           "b2b_avg_sales_per_item", "total_avg_sales_per_item"]
DETAIL_COLUMNS = ["source", *TRAFFIC_COLUMNS]
_SALES = ("b2b_sales_minor", "total_sales_minor", "b2b_units", "total_units", "b2b_order_items", "total_order_items")


def _record(b2b_sales: int | None, total_sales: int, b2b_units: int | None, total_units: int,
            b2b_items: int | None, total_items: int | None) -> dict:
    def avg(minor: int | None, items: int | None) -> Decimal | None:
        return (from_minor(minor) / items).quantize(CENT, ROUND_HALF_UP) if minor is not None and items else None

    def count(value: int | None) -> int | None:
        return None if value is None else int(value)

    return {
        "b2b_sales": None if b2b_sales is None else from_minor(b2b_sales), "total_sales": from_minor(total_sales),
        "b2b_units": count(b2b_units), "total_units": int(total_units),
        "b2b_order_items": count(b2b_items), "total_order_items": count(total_items),
        "b2b_avg_sales_per_item": avg(b2b_sales, b2b_items), "total_avg_sales_per_item": avg(total_sales, total_items),
    }


def _check(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(M("The end date must be on or after the start date."), field="end")


def _frame(records: list[dict], first: list[str], detail: bool) -> pd.DataFrame:
    columns = [*first, *COLUMNS, *(DETAIL_COLUMNS if detail else [])]
    frame = pd.DataFrame(records, columns=columns)
    for column in columns:  # keep None (not NaN) for unknown figures and ints as ints
        if any(r.get(column) is None for r in records):
            frame[column] = pd.Series([r.get(column) for r in records], dtype=object)
    return frame


@access.guarded("b2b")
def business_report_by_date(session: Session, account_id: int, start: date, end: date,
                            marketplace: str | None = None, detail: bool = False, *,
                            user_id: int | None = None) -> pd.DataFrame:
    """One row per day of the range (days without sales show zeros), newest first."""
    _check(start, end)
    mp = account_marketplace(session, account_id, marketplace)
    t = DayRollup.__table__.c
    extra = [t.source, *(t[c] for c in TRAFFIC_COLUMNS)] if detail else [t.source]
    got = {row[0]: row[1:] for row in session.execute(
        select(t.day, *(t[c] for c in _SALES), *extra)
        .where(t.account_id == account_id, t.marketplace == mp, t.day.between(start, end))
    ).all()}
    records = []
    for i in range((end - start).days + 1):
        day = end - timedelta(days=i)
        row = got.get(day)
        record = {"date": day, **_record(*(row[:6] if row else (0,) * 6))}
        if detail:
            record.update(source=row[6] if row else "orders",
                          **dict(zip(TRAFFIC_COLUMNS, row[7:] if row else (None,) * len(TRAFFIC_COLUMNS))))
        records.append(record)
    frame = _frame(records, ["date"], detail)
    frame.attrs.update(view="date", marketplace=mp, start=start, end=end,
                       report_days=sum(1 for r in got.values() if r[6] == "report"))
    return frame


@access.guarded("b2b")
def business_report_by_asin(session: Session, account_id: int, start: date, end: date,
                            marketplace: str | None = None, detail: bool = False, *,
                            user_id: int | None = None) -> pd.DataFrame:
    """One row per child ASIN and SKU sold in the range, by total sales descending, then ASIN."""
    _check(start, end)
    mp = account_marketplace(session, account_id, marketplace)
    titles = offer_titles(session, account_id, mp)
    report_id = imported_asin_report(session, account_id, mp, start, end)
    records = []
    if report_id is not None:
        a = ImportAsin.__table__.c
        for row in session.execute(select(a.asin, a.sku, a.title, *(a[c] for c in (*_SALES, *TRAFFIC_COLUMNS)))
                                   .where(a.import_id == report_id)).mappings():
            record = {"asin": row["asin"], "sku": row["sku"], "title": titles.get((row["asin"], row["sku"]))
                      or row["title"] or row["asin"], **_record(*(row[c] for c in _SALES))}
            if detail:
                record.update(source="report", **{c: row[c] for c in TRAFFIC_COLUMNS})
            records.append(record)
    else:
        t = ProductDay.__table__.c
        b2b = t.is_business.is_(True)
        sums = []
        for column in (t.sales_minor, t.units, t.order_items):
            sums += [func.sum(case((b2b, column), else_=0)), func.sum(column)]
        for asin, sku, *measures in session.execute(
            select(t.asin, t.sku, *sums)
            .where(t.account_id == account_id, t.marketplace == mp, t.day.between(start, end))
            .group_by(t.asin, t.sku)
        ).all():
            record = {"asin": asin, "sku": sku, "title": titles.get((asin, sku)) or asin, **_record(*measures)}
            if detail:
                record.update(source="orders", **dict.fromkeys(TRAFFIC_COLUMNS))
            records.append(record)
    records.sort(key=lambda r: (-r["total_sales"], r["asin"], r["sku"]))
    frame = _frame(records, ["asin", "sku", "title"], detail)
    frame.attrs.update(view="asin", marketplace=mp, start=start, end=end,
                       source="report" if report_id is not None else "orders", import_id=report_id)
    return frame


@access.guarded("b2b")
def business_report(session: Session, account_id: int, view: str, start: date, end: date,
                    marketplace: str | None = None, detail: bool = False, *,
                    user_id: int | None = None) -> pd.DataFrame:
    if view not in VIEWS:
        raise ValidationError(M("Show the report by date or by child ASIN."), field="view")
    fn = business_report_by_date if view == "date" else business_report_by_asin
    return fn(session, account_id, start, end, marketplace, detail)
