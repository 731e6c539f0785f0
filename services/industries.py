"""B2B Performance by Industry (SPEC §3.2): B2B sales by buyer industry and sub-industry."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session

from services import access
from services.errors import ValidationError
from services.i18n import M
from services.models import IndustryDay
from services.money import from_minor
from services.periods import same_day_last_year, yoy_pct
from services.sales import account_marketplace, check_query

OTHER = "Other"  # buyers without an industry (and sub-industries not given)
COLUMNS = ["segment", "sales", "units", "orders", "avg_sales_per_order", "avg_units_per_order", "share_pct",
           "yoy_pct"]
CENT = Decimal("0.01")


def _label(value: str) -> str:
    return value or OTHER


@access.guarded("b2b")
def industry_breakdown(
    session: Session,
    account_id: int,
    start: date,
    end: date,
    metric: str = "sales",
    industry: str | None = None,
    marketplace: str | None = None,
    *,
    user_id: int | None = None,
) -> pd.DataFrame:
    """One row per industry (or per sub-industry of `industry`) of the range's B2B lines.

    Unclassified buyers are "Other". `share_pct` is of the metric's total over the rows shown
    (all B2B, or the industry's total when drilling down); `yoy_pct` compares with the same
    calendar dates one year earlier, None when last year is 0. Sorted by the metric descending,
    ties by segment name. Sales and average sales are Decimal (cents), units int.
    """
    check_query(start, end, metric)
    mp = account_marketplace(session, account_id, marketplace)
    t = IndustryDay.__table__.c
    filters = [t.account_id == account_id, t.marketplace == mp]
    if industry is not None:
        filters.append(t.industry == ("" if industry == OTHER else industry))
    group = t.sub_industry if industry is not None else t.industry

    def totals(lo: date, hi: date) -> dict[str, list[int]]:
        """Per segment: [sales_minor, units, orders] over lo..hi."""
        acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for segment, sales_minor, units, orders in session.execute(
            select(group, func.sum(t.sales_minor), func.sum(t.units), func.sum(t.orders))
            .where(*filters, t.day.between(lo, hi))
            .group_by(group)
        ).all():
            row = acc[_label(segment)]  # '' and a literal "Other" both land in Other
            row[0] += int(sales_minor)
            row[1] += int(units)
            row[2] += int(orders)
        return acc

    now = totals(start, end)
    last = totals(same_day_last_year(start), same_day_last_year(end))
    index = 0 if metric == "sales" else 1
    total = sum(v[index] for v in now.values())
    records = []
    for segment, (sales_minor, units, orders) in now.items():
        if not (sales_minor or units or orders):
            continue
        records.append({
            "segment": segment,
            "sales": from_minor(sales_minor),
            "units": units,
            "orders": orders,
            "avg_sales_per_order": (from_minor(sales_minor) / orders).quantize(CENT, ROUND_HALF_UP) if orders else None,
            "avg_units_per_order": round(units / orders, 2) if orders else None,
            "share_pct": 100 * (sales_minor if metric == "sales" else units) / total if total else 0.0,
            "yoy_pct": yoy_pct(now[segment][index], last.get(segment, [0, 0, 0])[index]),
        })
    key = "sales" if metric == "sales" else "units"
    records.sort(key=lambda r: (-r[key], r["segment"]))
    frame = pd.DataFrame(records, columns=COLUMNS)
    # keep None (not NaN) where there is nothing to compare with
    frame["yoy_pct"] = pd.Series([r["yoy_pct"] for r in records], dtype=object)
    frame.attrs.update(metric=metric, marketplace=mp, start=start, end=end, industry=industry)
    return frame


@access.guarded("b2b")
def industries(session: Session, account_id: int, start: date, end: date, marketplace: str | None = None, *,
               user_id: int | None = None) -> list[str]:
    """The industries with B2B sales in the range (for the drill-down select box), largest first."""
    return industry_breakdown(session, account_id, start, end, "sales", None, marketplace)["segment"].tolist()


def check_industry(name: str | None, known: list[str]) -> str | None:
    """The drill-down industry from the URL, if it is one of the range's industries."""
    if name in (None, ""):
        return None
    if name not in known:
        raise ValidationError(
            M("No B2B sales from the industry {name} in this range.", name=f"{name!r}"), field="industry"
        )
    return name
