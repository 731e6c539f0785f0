"""B2B Performance by Industry (SPEC §3.2): donut slices and the table, from plain frames."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.donut import PALETTE, Slice
from components.formatting import percent

ALL = "All industries"


def industry_slices(frame: pd.DataFrame, metric: str, money: Callable[[object], str],
                    number: Callable[[object], str]) -> list[Slice]:
    """One slice per row of industry_breakdown, sized by the metric, with the hover lines."""
    out = []
    for i, row in enumerate(frame.itertuples(index=False)):
        tip = [row.segment, f"Sales: {money(row.sales)}", f"Units: {number(row.units)}",
               f"Orders: {number(row.orders)}", f"Share of {'sales' if metric == 'sales' else 'units'}: "
               f"{percent(row.share_pct, signed=False)}"]
        out.append(Slice(row.segment, float(row.sales if metric == "sales" else row.units),
                         PALETTE[i % len(PALETTE)], tip))
    return out


def industry_table(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    """The widget's table: the same rows and numbers as the donut (YoY as text so "n/a" shows)."""
    return pd.DataFrame({
        label: frame["segment"].tolist(),
        "YoY growth": [percent(v) for v in frame["yoy_pct"]],
        "Sales": frame["sales"].tolist(),
        "Orders": frame["orders"].tolist(),
        "Units": frame["units"].tolist(),
        "Avg sales / order": frame["avg_sales_per_order"].tolist(),
        "Avg units / order": frame["avg_units_per_order"].tolist(),
        "Share": [percent(v, signed=False) for v in frame["share_pct"]],
    })


def show_industry_table(table: pd.DataFrame, money: Callable[[object], str], number: Callable[[object], str],
                        key: str) -> None:
    styled = table.style.format(money, subset=["Sales", "Avg sales / order"]).format(
        number, subset=["Orders", "Units"]).format("{:.2f}", subset=["Avg units / order"])
    right = {c: st.column_config.TextColumn(c, alignment="right") for c in ("YoY growth", "Share")}
    st.dataframe(styled, hide_index=True, key=key, width="stretch", column_config=right)
