"""Business Reports (SPEC §4): the table on screen and the CSV built from exactly that table."""

from __future__ import annotations

import pandas as pd

from components.exports import csv_bytes
from services.i18n import N_
from services.i18n import gettext as _

HEADERS = {
    "date": N_("Date"),
    "asin": N_("Child ASIN"),
    "sku": N_("SKU"),
    "title": N_("Title"),
    "b2b_sales": N_("B2B sales"),
    "total_sales": N_("Total sales"),
    "b2b_units": N_("B2B units"),
    "total_units": N_("Total units"),
    "b2b_order_items": N_("B2B order items"),
    "total_order_items": N_("Total order items"),
    "b2b_avg_sales_per_item": N_("B2B avg sales / order item"),
    "total_avg_sales_per_item": N_("Total avg sales / order item"),
    "total_sessions": N_("Sessions"),
    "b2b_sessions": N_("B2B sessions"),
    "total_page_views": N_("Page views"),
    "b2b_page_views": N_("B2B page views"),
    "total_buy_box_pct": N_("Buy Box %"),
    "b2b_buy_box_pct": N_("B2B Buy Box %"),
    "total_unit_session_pct": N_("Unit session %"),
    "b2b_unit_session_pct": N_("B2B unit session %"),
    "source": N_("Source"),
}
TRAFFIC = ("total_sessions", "b2b_sessions", "total_page_views", "b2b_page_views", "total_buy_box_pct",
           "b2b_buy_box_pct", "total_unit_session_pct", "b2b_unit_session_pct")
SOURCES = {"report": N_("Imported report"), "orders": N_("Order lines")}
SORTABLE = {"date": ["date", "total_sales", "b2b_sales", "total_units", "b2b_units"],
            "asin": ["total_sales", "b2b_sales", "total_units", "b2b_units", "asin", "title"]}


def headers() -> dict[str, str]:
    """The column headers in the reader's language (the CSV's header row too)."""
    return {k: _(v) for k, v in HEADERS.items()}


def report_table(frame: pd.DataFrame, sort_by: str, descending: bool) -> pd.DataFrame:
    """The report as shown: the service's columns renamed for people, sorted as chosen (ties keep
    the service's order). Money stays Decimal and averages stay empty when there were no items."""
    ordered = frame.sort_values(sort_by, ascending=not descending, kind="stable") if len(frame) else frame
    empty = [c for c in TRAFFIC if c in ordered and ordered[c].isna().all()]  # traffic only where imported
    ordered = ordered.drop(columns=empty)
    if "source" in ordered:  # where each row's figures came from, last
        ordered = ordered[[c for c in ordered.columns if c != "source"] + ["source"]]
        ordered = ordered.assign(source=[_(SOURCES.get(v, v)) for v in ordered["source"]])
    return ordered.rename(columns=headers()).reset_index(drop=True)


def report_csv(table: pd.DataFrame) -> bytes:
    """The CSV download: the same columns, rows and order as the table on screen; plain numbers
    (no currency symbols or thousands separators), dates as YYYY-MM-DD, UTF-8 with a BOM for Excel,
    text that would start a formula defused (components.exports)."""
    return csv_bytes(table)
