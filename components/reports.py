"""Business Reports (SPEC §4): the table on screen and the CSV built from exactly that table."""

from __future__ import annotations

import pandas as pd

from components.exports import csv_bytes

HEADERS = {
    "date": "Date", "asin": "Child ASIN", "sku": "SKU", "title": "Title",
    "b2b_sales": "B2B sales", "total_sales": "Total sales",
    "b2b_units": "B2B units", "total_units": "Total units",
    "b2b_order_items": "B2B order items", "total_order_items": "Total order items",
    "b2b_avg_sales_per_item": "B2B avg sales / order item", "total_avg_sales_per_item": "Total avg sales / order item",
    "total_sessions": "Sessions", "b2b_sessions": "B2B sessions", "total_page_views": "Page views",
    "b2b_page_views": "B2B page views", "total_buy_box_pct": "Buy Box %", "b2b_buy_box_pct": "B2B Buy Box %",
    "total_unit_session_pct": "Unit session %", "b2b_unit_session_pct": "B2B unit session %",
    "source": "Source",
}
TRAFFIC = ("total_sessions", "b2b_sessions", "total_page_views", "b2b_page_views", "total_buy_box_pct",
           "b2b_buy_box_pct", "total_unit_session_pct", "b2b_unit_session_pct")
SOURCES = {"report": "Imported report", "orders": "Order lines"}
SORTABLE = {"date": ["date", "total_sales", "b2b_sales", "total_units", "b2b_units"],
            "asin": ["total_sales", "b2b_sales", "total_units", "b2b_units", "asin", "title"]}


def report_table(frame: pd.DataFrame, sort_by: str, descending: bool) -> pd.DataFrame:
    """The report as shown: the service's columns renamed for people, sorted as chosen (ties keep
    the service's order). Money stays Decimal and averages stay empty when there were no items."""
    ordered = frame.sort_values(sort_by, ascending=not descending, kind="stable") if len(frame) else frame
    empty = [c for c in TRAFFIC if c in ordered and ordered[c].isna().all()]  # traffic only where imported
    ordered = ordered.drop(columns=empty)
    if "source" in ordered:  # where each row's figures came from, last
        ordered = ordered[[c for c in ordered.columns if c != "source"] + ["source"]]
        ordered = ordered.assign(source=[SOURCES.get(v, v) for v in ordered["source"]])
    return ordered.rename(columns=HEADERS).reset_index(drop=True)


def report_csv(table: pd.DataFrame) -> bytes:
    """The CSV download: the same columns, rows and order as the table on screen; plain numbers
    (no currency symbols or thousands separators), dates as YYYY-MM-DD, UTF-8 with a BOM for Excel,
    text that would start a formula defused (components.exports)."""
    return csv_bytes(table)
