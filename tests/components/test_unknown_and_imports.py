"""Components with figures nobody reported (B2B unknown): shown as "—", never 0, NaN or a crash —
in the snapshot table and summary, the chart, the CSV — and the Import page's tables."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pandas as pd

from components.charts import snapshot_figure
from components.exports import csv_bytes
from components.formatting import money, number
from components.imports import history_frame, preview_frame
from components.reports import report_table
from components.snapshot import SEGMENT_LABELS, snapshot_table, sources_caption, unknown_note
from services.imports import HistoryRow


def _frame() -> pd.DataFrame:
    frame = pd.DataFrame({
        "bucket": [date(2026, 6, 1), date(2026, 6, 2)],
        "b2b": pd.Series([Decimal("5.00"), None], dtype=object),
        "non_b2b": pd.Series([Decimal("5.00"), None], dtype=object),
        "total": [Decimal("10.00"), Decimal("20.00")],
        "b2b_last_year": pd.Series([Decimal("4.00"), float("nan")], dtype=object),
        "non_b2b_last_year": [Decimal("1.00"), Decimal("1.00")],
        "total_last_year": [Decimal("5.00"), Decimal("8.00")],
    })
    frame.attrs.update(sources={"report": 1, "orders": 1}, b2b_unknown_days=1)
    return frame


def fmt(value) -> str:
    return money(value, "USD", "en_US")


def test_money_and_numbers_show_unknown_as_a_dash():
    assert money(None, "USD", "en_US") == "—" and money(float("nan"), "USD", "en_US") == "—"
    assert number(None, "en_US") == "—" and number(1514, "en_US") == "1,514"


def test_the_snapshot_table_chart_and_csv_with_an_unknown_day():
    frame = _frame()
    table = snapshot_table(frame, list(SEGMENT_LABELS), True, fmt, ["1 Jun", "2 Jun"])
    assert table["B2B YoY %"].tolist() == ["+25.0%", "—"]
    assert [fmt(v) for v in table["B2B"]] == ["$5.00", "—"]
    figure = snapshot_figure(frame, ["b2b", "total"], SEGMENT_LABELS, True, fmt, ["1 Jun", "2 Jun"], "Sales")
    b2b = next(t for t in figure.data if t.name == "B2B")
    assert list(b2b.y) == [5.0, None]  # a gap, not a zero
    assert b2b.customdata[1][1] == "—"
    text = csv_bytes(table).decode("utf-8-sig")
    assert pd.read_csv(io.StringIO(text))["Total"].tolist() == [10.0, 20.0]


def test_the_notes_say_where_days_came_from_and_that_b2b_is_unknown():
    frame = _frame()
    assert sources_caption(frame) == ("1 day from an imported daily report (Amazon's official figures), "
                                      "1 from order lines.")
    assert "not in the imported report" in unknown_note(frame)
    frame.attrs.update(sources={"report": 0, "orders": 2}, b2b_unknown_days=0)
    frame["b2b"] = [Decimal(1), Decimal(2)]
    assert sources_caption(frame) == "Every day from order lines." and unknown_note(frame) is None


def test_business_reports_table_puts_source_last_and_drops_traffic_nobody_imported():
    frame = pd.DataFrame({"date": [date(2026, 6, 2), date(2026, 6, 1)],
                          "b2b_sales": pd.Series([None, Decimal("1.00")], dtype=object),
                          "total_sales": [Decimal("3.00"), Decimal("2.00")],
                          "source": ["report", "orders"],
                          "total_sessions": pd.Series([40, None], dtype=object),
                          "b2b_sessions": pd.Series([None, None], dtype=object)})
    table = report_table(frame, "date", True)
    assert list(table.columns) == ["Date", "B2B sales", "Total sales", "Sessions", "Source"]
    assert table["Source"].tolist() == ["Imported report", "Order lines"]


def test_the_preview_and_history_tables():
    rows = [{"marketplace": "US", "day": date(2026, 6, 1), "total_sales": Decimal("1234.56"), "b2b_sales": None,
             "total_units": 1514}]
    shown = preview_frame(rows, lambda v, mp: money(v, "USD", "en_US"), lambda v, mp: number(v, "en_US"))
    assert shown.iloc[0].to_dict() == {"Marketplace": "US", "Day": "2026-06-01", "Total sales": "$1,234.56",
                                       "B2B sales": "—", "Total units": "1,514"}
    when = datetime(2026, 6, 15, 12, tzinfo=UTC)
    history = history_frame([
        HistoryRow(2, when, None, "a.csv", "ahr_scores", "AHR scores (CSV)", ["US"], date(2026, 6, 1),
                   date(2026, 6, 14), 14, 14, [], None, None),
        HistoryRow(1, when, "Alex", "b.csv", "ahr_scores", "AHR scores (CSV)", ["US"], None, None, 0, 3, [], when,
                   "Alex")])
    assert history["Who"].tolist() == ["System (command line)", "Alex"]
    assert history["Days"].tolist() == ["2026-06-01 – 2026-06-14", "—"]
    assert history["Status"].tolist() == ["In effect", "Undone 2026-06-15 12:00 UTC by Alex"]
