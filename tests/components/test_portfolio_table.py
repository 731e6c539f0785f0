"""The portfolio table component alone: labelled columns in order, numbers that sort, empty cells
(never 0) where the person may not see an area, the CSV without the sparkline and formula-safe."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from components.exports import csv_bytes
from components.portfolio import column_labels, csv_frame, display_frame, subtotal_table


def _row(**over) -> dict:
    row = {"account_id": 1, "account_name": "=HYPERLINK(1)", "merchant_token": "A1", "marketplace": "US",
           "ahr": 150, "ahr_band": "At risk", "aha_status": "not_eligible", "aha_reason": "No phone.",
           "open_tasks": 3, "expiring_requests": 1, "currency": "USD", "b2b_sales": Decimal("12.50"),
           "b2b_yoy_pct": None, "b2b_share_pct": 40.0, "b2b_trend": [1.0, 2.0], "open_shipments": 0,
           "pending_authorizations": 2, "open_alerts": 1, "attention": ["AHR At risk (150)"]}
    row.update(over)
    return row


def test_display_frame_labels_orders_and_keeps_hidden_areas_empty():
    shown = display_frame(pd.DataFrame([_row(), _row(account_id=2, b2b_sales=None, b2b_trend=None, open_tasks=None,
                                                     expiring_requests=None)]))
    labels = column_labels()
    assert list(shown.columns) == list(labels.values())
    first, second = shown.iloc[0], shown.iloc[1]
    assert first[labels["b2b_sales"]] == 12.5 and first[labels["aha"]] == "Not eligible: No phone."
    assert pd.isna(first[labels["b2b_yoy_pct"]])  # no last year: empty, not 0
    assert pd.isna(second[labels["b2b_sales"]]) and pd.isna(second[labels["open_tasks"]])


def test_csv_drops_the_sparkline_and_defuses_formulas():
    data = csv_bytes(csv_frame(display_frame(pd.DataFrame([_row()])))).decode("utf-8-sig")
    assert column_labels()["b2b_trend"] not in data.splitlines()[0]
    assert "'=HYPERLINK" in data


def test_subtotals_name_each_currency_unambiguously():
    table = subtotal_table(pd.DataFrame([
        {"currency": "CAD", "accounts": 1, "rows": 1, "b2b_sales": Decimal("10"), "b2b_sales_last_year": None,
         "b2b_yoy_pct": None, "total_sales": Decimal("20"), "b2b_share_pct": 50.0},
        {"currency": "USD", "accounts": 2, "rows": 2, "b2b_sales": Decimal("1234.5"),
         "b2b_sales_last_year": Decimal("1000"), "b2b_yoy_pct": 23.45, "total_sales": Decimal("2000"),
         "b2b_share_pct": 61.7}]))
    assert list(table["B2B sales"]) == ["CA$10.00", "$1,234.50"]
    assert list(table["B2B last year"]) == ["n/a", "$1,000.00"]
    assert list(table["B2B YoY %"]) == ["n/a", "+23.4%"]
