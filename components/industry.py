"""B2B Performance by Industry (SPEC §3.2): donut slices and the table, from plain frames."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.donut import PALETTE, Slice
from components.formatting import UNKNOWN, percent
from services.i18n import N_
from services.i18n import gettext as _

ALL = N_("All industries")


def industry_slices(frame: pd.DataFrame, metric: str, money: Callable[[object], str],
                    number: Callable[[object], str]) -> list[Slice]:
    """One slice per row of industry_breakdown, sized by the metric, with the hover lines."""
    out = []
    for i, row in enumerate(frame.itertuples(index=False)):
        share = percent(row.share_pct, signed=False)
        tip = [row.segment, _("Sales: {value}").format(value=money(row.sales)),
               _("Units: {value}").format(value=number(row.units)),
               _("Orders: {value}").format(value=number(row.orders)),
               _("Share of sales: {value}").format(value=share) if metric == "sales"
               else _("Share of units: {value}").format(value=share)]
        out.append(Slice(row.segment, float(row.sales if metric == "sales" else row.units),
                         PALETTE[i % len(PALETTE)], tip))
    return out


def industry_table(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    """The widget's table: the same rows and numbers as the donut (YoY as text so "n/a" shows)."""
    return pd.DataFrame({
        label: frame["segment"].tolist(),
        _("YoY growth"): [percent(v) for v in frame["yoy_pct"]],
        _("Sales"): frame["sales"].tolist(),
        _("Orders"): frame["orders"].tolist(),
        _("Units"): frame["units"].tolist(),
        _("Avg sales / order"): frame["avg_sales_per_order"].tolist(),
        _("Avg units / order"): frame["avg_units_per_order"].tolist(),
        _("Share"): [percent(v, signed=False) for v in frame["share_pct"]],
    })


def show_industry_table(table: pd.DataFrame, money: Callable[[object], str], number: Callable[[object], str],
                        key: str) -> None:
    styled = table.style.format(money, subset=[_("Sales"), _("Avg sales / order")]).format(
        number, subset=[_("Orders"), _("Units")]).format("{:.2f}", subset=[_("Avg units / order")])
    right = {c: st.column_config.TextColumn(c, alignment="right") for c in (_("YoY growth"), _("Share"))}
    st.dataframe(styled, hide_index=True, placeholder=UNKNOWN, key=key, width="stretch", column_config=right)
