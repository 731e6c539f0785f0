"""Business Reports CSV by date and by child item: every header variant and locale, checked against
the tests' own reading of the fixture files."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from services import products, reports, sales
from tests.imports_support import fixture, minor, plain, run, seller


def _rows(name: str, encoding: str = "utf-8-sig") -> list[dict]:
    return list(csv.DictReader(io.StringIO(fixture(name).decode(encoding))))


def test_full_english_export_fills_the_days_with_b2b_and_traffic(session):
    account, _ = seller(session)
    result = run(session, account.id, "br_by_date_en_full_us.csv")
    assert (result.kind, result.marketplace, result.first_day, result.last_day, result.rows) == (
        "business_report_by_date", "US", date(2026, 7, 1), date(2026, 7, 3), 3)
    frame = reports.business_report_by_date(session, account.id, date(2026, 7, 1), date(2026, 7, 3), detail=True)
    for row in _rows("br_by_date_en_full_us.csv"):
        month, day, _ = row["Date"].split("/")
        got = frame.set_index("date").loc[date(2026, int(month), int(day))]
        assert got["total_sales"] == plain(row["Ordered Product Sales"])
        assert got["b2b_sales"] == plain(row["Ordered Product Sales - B2B"])
        assert (got["total_units"], got["b2b_units"]) == (int(plain(row["Units Ordered"])),
                                                          int(plain(row["Units Ordered - B2B"])))
        assert (got["total_order_items"], got["b2b_order_items"]) == (int(plain(row["Total Order Items"])),
                                                                      int(plain(row["Total Order Items - B2B"])))
        assert (got["total_sessions"], got["b2b_sessions"]) == (int(plain(row["Sessions - Total"])),
                                                                int(plain(row["Sessions - Total - B2B"])))
        assert got["total_page_views"] == int(plain(row["Page Views - Total"]))
        assert got["total_buy_box_pct"] == float(plain(row["Featured Offer (Buy Box) Percentage"]))
        assert got["b2b_unit_session_pct"] == float(plain(row["Unit Session Percentage - B2B"]))
        assert got["source"] == "report"
    snapshot = sales.sales_snapshot(session, account.id, date(2026, 7, 1), date(2026, 7, 3))
    assert snapshot["total"].tolist() == [Decimal("1234.56"), Decimal("10.00"), Decimal("2000.05")]
    assert snapshot["non_b2b"].tolist() == [Decimal("1034.56"), Decimal("10.00"), Decimal("1000.04")]
    assert snapshot.attrs["sources"] == {"report": 3, "orders": 0}


def test_short_export_without_b2b_leaves_b2b_unknown_not_zero(session):
    account, _ = seller(session)
    result = run(session, account.id, "br_by_date_en_short_no_b2b_us.csv")
    assert result.first_day == date(2026, 7, 4) and "no B2B columns" in result.warnings[0]
    frame = sales.sales_snapshot(session, account.id, date(2026, 7, 4), date(2026, 7, 5))
    assert frame["b2b"].tolist() == [None, None] and frame["non_b2b"].tolist() == [None, None]
    assert frame["total"].tolist() == [Decimal("99.99"), Decimal("1000.00")]
    assert frame.attrs["b2b_unknown_days"] == 2
    summary = sales.snapshot_summary(frame)
    assert summary["b2b"]["value"] is None and summary["total"]["value"] == Decimal("1099.99")
    by_date = reports.business_report_by_date(session, account.id, date(2026, 7, 4), date(2026, 7, 5))
    assert by_date["b2b_sales"].tolist() == [None, None] and by_date["b2b_avg_sales_per_item"].tolist() == [None, None]
    assert by_date["total_avg_sales_per_item"].tolist() == [Decimal("125.00"), Decimal("50.00")]


def test_a_week_holding_an_unknown_day_is_unknown_and_the_total_still_counts(session):
    account, _ = seller(session)
    sales.record_order_lines(session, [{
        "account_id": account.id, "marketplace": "US", "order_id": "o1", "purchase_date": date(2026, 6, 20),
        "asin": "B0AAAAAAAA", "sku": "A", "units": 1, "sales": "7.00", "is_business_order": True}])
    run(session, account.id, "br_by_date_en_short_no_b2b_us.csv")  # 4 and 5 July, no B2B
    frame = sales.sales_snapshot(session, account.id, date(2026, 6, 1), date(2026, 7, 31), compare_last_year=True)
    assert frame.attrs["grain"] == "week"
    weeks = frame.set_index("bucket")
    assert weeks.loc[date(2026, 6, 29), "b2b"] is None  # the week of 29 June holds 4 and 5 July
    assert weeks.loc[date(2026, 6, 29), "total"] == Decimal("1099.99")
    assert weeks.loc[date(2026, 6, 15), "b2b"] == Decimal("7.00")
    assert weeks.loc[date(2026, 7, 6), "b2b"] == Decimal("0.00")
    units = sales.sales_snapshot(session, account.id, date(2026, 7, 4), date(2026, 7, 5), metric="units")
    assert units["b2b"].tolist() == [None, None] and units["total"].tolist() == [3, 10]


def test_older_lower_case_file_with_en_dashes_and_no_break_spaces(session):
    account, _ = seller(session)
    result = run(session, account.id, "br_by_date_old_spellings_us.csv")
    assert result.first_day == date(2026, 7, 6)
    got = reports.business_report_by_date(session, account.id, date(2026, 7, 6), date(2026, 7, 6), detail=True).iloc[0]
    assert (got["total_sales"], got["b2b_sales"], got["b2b_units"], got["b2b_order_items"]) == (
        Decimal("500.00"), Decimal("125.50"), 4, 3)
    assert (got["total_sessions"], got["b2b_sessions"], got["total_page_views"], got["total_buy_box_pct"]) == (
        250, 20, 300, 99.1)


def test_german_headers_and_german_numbers_in_the_de_marketplace(session):
    account, _ = seller(session, "DE", ("DE",))
    result = run(session, account.id, "br_by_date_de.csv")
    assert (result.marketplace, result.first_day, result.last_day) == ("DE", date(2026, 7, 1), date(2026, 7, 2))
    frame = reports.business_report_by_date(session, account.id, date(2026, 7, 1), date(2026, 7, 2), detail=True)
    for row in _rows("br_by_date_de.csv"):
        d, m, _ = row["Datum"].split(".")
        got = frame.set_index("date").loc[date(2026, int(m), int(d))]
        assert got["total_sales"] * 100 == minor(row["Durch bestellte Produkte erzielter Umsatz"], ",")
        assert got["b2b_sales"] * 100 == minor(row["Bestellsumme\u00a0\u2013 B2B"], ",")
        assert got["total_units"] == int(plain(row["Bestellte Einheiten"], ","))
        assert got["total_order_items"] == int(plain(row["Zahl der Bestellposten"], ","))
        assert got["total_sessions"] == int(plain(row["Sitzungen \u2013 Summe"], ","))
        assert got["total_unit_session_pct"] == float(plain(row["Prozentsatz an Einheiten pro Sitzung"], ","))


def test_india_lakh_grouping_and_day_first_dates(session):
    account, _ = seller(session, "IN", ("IN",))
    run(session, account.id, "br_by_date_in.csv")
    frame = reports.business_report_by_date(session, account.id, date(2026, 7, 1), date(2026, 7, 13)).set_index("date")
    assert frame.loc[date(2026, 7, 1), "total_sales"] == Decimal("108218.36")
    assert frame.loc[date(2026, 7, 1), "b2b_sales"] == Decimal("12345.00")
    assert frame.loc[date(2026, 7, 13), "total_units"] == 1  # 13/07/26: the 13th of July, day first


def test_mexico_pesos(session):
    account, _ = seller(session, "MX", ("MX",))
    run(session, account.id, "br_by_date_mx.csv")
    got = sales.sales_snapshot(session, account.id, date(2026, 7, 1), date(2026, 7, 1)).iloc[0]
    assert (got["total"], got["b2b"]) == (Decimal("5310.54"), Decimal("1000.00"))


def test_a_report_day_replaces_the_order_lines_of_that_day_never_both(session):
    account, _ = seller(session)
    sales.record_order_lines(session, [
        {"account_id": account.id, "marketplace": "US", "order_id": f"o{n}", "purchase_date": day,
         "asin": "B0AAAAAAAA", "sku": "A", "units": 1, "sales": "50.00", "is_business_order": n % 2 == 0}
        for n, day in enumerate([date(2026, 7, 1), date(2026, 7, 1), date(2026, 6, 30)])])
    run(session, account.id, "br_by_date_en_full_us.csv")
    frame = sales.sales_snapshot(session, account.id, date(2026, 6, 30), date(2026, 7, 1)).set_index("bucket")
    assert frame.loc[date(2026, 6, 30), "total"] == Decimal("50.00")  # no report: the order lines
    assert frame.loc[date(2026, 7, 1), "total"] == Decimal("1234.56")  # the report only, not + 100.00
    assert frame.attrs["sources"] == {"report": 1, "orders": 1}
    by_date = reports.business_report_by_date(session, account.id, date(2026, 6, 30), date(2026, 7, 1), detail=True)
    assert by_date.set_index("date")["source"].to_dict() == {date(2026, 7, 1): "report", date(2026, 6, 30): "orders"}
    # a later order line on a reported day changes nothing on the daily figures
    sales.record_order_lines(session, [{"account_id": account.id, "marketplace": "US", "order_id": "late",
                                        "purchase_date": date(2026, 7, 1), "asin": "B0AAAAAAAA", "sku": "A",
                                        "units": 1, "sales": "1.00", "is_business_order": True}])
    again = sales.sales_snapshot(session, account.id, date(2026, 7, 1), date(2026, 7, 1))
    assert again["total"].tolist() == [Decimal("1234.56")]


def _child_rows() -> list[dict]:
    return _rows("br_by_child_en_us.csv")


def test_by_child_item_sums_a_child_under_two_parents_for_the_period(session):
    account, _ = seller(session)
    period = (date(2026, 6, 1), date(2026, 6, 30))
    result = run(session, account.id, "br_by_child_en_us.csv", period=period)
    assert (result.kind, result.first_day, result.last_day, result.rows) == (
        "business_report_by_child_asin", *period, 3)
    assert "repeat a child ASIN" in result.warnings[0]
    expected: dict[str, dict] = {}
    for row in _child_rows():  # the tests' own sum per child
        e = expected.setdefault(row["(Child) ASIN"], {"sales": Decimal(0), "b2b": Decimal(0), "units": 0,
                                                      "sessions": 0, "units_b2b": 0, "views": 0, "bb_weighted": 0})
        e["sales"] += plain(row["Ordered Product Sales"])
        e["b2b"] += plain(row["Ordered Product Sales - B2B"])
        e["units"] += int(plain(row["Units Ordered"]))
        e["units_b2b"] += int(plain(row["Units Ordered - B2B"]))
        e["sessions"] += int(plain(row["Sessions - Total"]))
        views = int(plain(row["Page Views - Total"]))
        e["views"] += views
        e["bb_weighted"] += views * plain(row["Featured Offer (Buy Box) Percentage"])
    frame = reports.business_report_by_asin(session, account.id, *period, detail=True)
    assert frame.attrs["source"] == "report" and len(frame) == 2
    for _, got in frame.iterrows():
        e = expected[got["asin"]]
        assert (got["total_sales"], got["b2b_sales"], got["total_units"], got["b2b_units"]) == (
            e["sales"], e["b2b"], e["units"], e["units_b2b"])
        assert got["total_sessions"] == e["sessions"]
        assert got["total_unit_session_pct"] == pytest.approx(float(100 * Decimal(e["units"]) / e["sessions"]))
        assert got["total_buy_box_pct"] == pytest.approx(float(e["bb_weighted"] / e["views"]))
    top = products.top_products(session, account.id, *period)
    assert top.attrs["source"] == "report"
    assert top["asin"].tolist() == ["B0CHILD002", "B0CHILD001"]
    assert top["sales"].tolist() == [expected["B0CHILD002"]["b2b"], expected["B0CHILD001"]["b2b"]]
    assert top.iloc[1]["orders"] == 4  # B2B order items 3 + 1: the report counts no orders
    # any other range reads the order lines
    assert products.top_products(session, account.id, date(2026, 6, 1), date(2026, 6, 29)).attrs["source"] == "orders"


def test_older_by_child_file_without_sku_or_b2b_sessions(session):
    account, _ = seller(session)
    period = (date(2026, 6, 1), date(2026, 6, 7))
    run(session, account.id, "br_by_child_old_us.csv", period=period)
    got = reports.business_report_by_asin(session, account.id, *period, detail=True).iloc[0]
    assert (got["asin"], got["sku"], got["title"], got["total_sessions"], got["b2b_sessions"]) == (
        "B0CHILD003", "", "Stapler", 80, None)
    assert (got["total_buy_box_pct"], got["b2b_sales"], got["b2b_units"]) == (100.0, Decimal("49.98"), 2)


def test_by_child_item_needs_its_period(session):
    from services.errors import ValidationError

    account, _ = seller(session)
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, "br_by_child_en_us.csv")
    assert exc.value.field == "period" and "choose the period" in exc.value.message
    with pytest.raises(ValidationError, match="end must be on or after"):
        run(session, account.id, "br_by_child_en_us.csv", period=(date(2026, 6, 2), date(2026, 6, 1)))
