"""SP-API Sales & Traffic JSON: days, by-ASIN totals, B2B absent = unknown, refusals."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from services import products, reports, sales
from services.errors import ValidationError
from tests.imports_support import fixture, run, seller


def _doc(name: str = "sales_traffic_day_us.json") -> dict:
    return json.loads(fixture(name))


def _bytes(doc: dict) -> bytes:
    return json.dumps(doc, indent=2).encode()


DAY1, DAY2 = '"date": "2026-07-01"', '"date": "2026-07-02"'


def _line_of(data: bytes, needle: str) -> int:
    """The tests' own finding of the line an entry starts on."""
    return next(n for n, line in enumerate(data.decode().splitlines(), start=1) if needle in line)


def test_days_with_and_without_b2b_fields(session):
    account, _ = seller(session)
    doc = _doc()
    result = run(session, account.id, "sales_traffic_day_us.json")
    assert (result.kind, result.marketplace, result.first_day, result.last_day) == (
        "sales_and_traffic", "US", date(2026, 7, 1), date(2026, 7, 3))
    frame = reports.business_report_by_date(session, account.id, date(2026, 7, 1), date(2026, 7, 3), detail=True)
    frame = frame.set_index("date")
    for entry in doc["salesAndTrafficByDate"]:  # the tests' own reading of the document
        got = frame.loc[date.fromisoformat(entry["date"])]
        s, t = entry["salesByDate"], entry["trafficByDate"]
        assert got["total_sales"] == Decimal(str(s["orderedProductSales"]["amount"])).quantize(Decimal("0.01"))
        b2b = s.get("orderedProductSalesB2B")
        assert got["b2b_sales"] == (None if b2b is None else Decimal(str(b2b["amount"])).quantize(Decimal("0.01")))
        assert (got["total_units"], got["b2b_units"]) == (s["unitsOrdered"], s.get("unitsOrderedB2B"))
        assert (got["total_order_items"], got["b2b_order_items"]) == (s["totalOrderItems"], s.get("totalOrderItemsB2B"))
        assert (got["total_sessions"], got["b2b_sessions"]) == (t["sessions"], t.get("sessionsB2B"))
        assert got["total_buy_box_pct"] == float(t["buyBoxPercentage"])
    snapshot = sales.sales_snapshot(session, account.id, date(2026, 7, 1), date(2026, 7, 3))
    assert snapshot["b2b"].tolist() == [Decimal("100.10"), Decimal("0.00"), None]  # 3 July has no B2B fields
    assert snapshot["total"].tolist()[2] == Decimal("277.06")


def test_by_asin_totals_cover_the_report_period_summed_per_child_and_sku(session):
    account, _ = seller(session)
    run(session, account.id, "sales_traffic_day_us.json")
    frame = reports.business_report_by_asin(session, account.id, date(2026, 7, 1), date(2026, 7, 3), detail=True)
    got = {(r.asin, r.sku): r for r in frame.itertuples()}
    assert set(got) == {("B0CHILD001", "GLOVE-100"), ("B0CHILD001", "GLOVE-100-B"), ("B0CHILD002", "PAPER-10")}
    paper = got[("B0CHILD002", "PAPER-10")]  # listed under two parents: 275.94 + 91.98
    assert (paper.total_sales, paper.b2b_sales, paper.total_units, paper.total_sessions) == (
        Decimal("367.92"), Decimal("321.93"), 8, 40)
    assert got[("B0CHILD001", "GLOVE-100-B")].total_unit_session_pct == 300.0  # percent, may exceed 100
    top = products.top_products(session, account.id, date(2026, 7, 1), date(2026, 7, 3), metric="units")
    assert top[["asin", "sku", "units"]].values.tolist() == [["B0CHILD002", "PAPER-10", 7],
                                                             ["B0CHILD001", "GLOVE-100", 4]]


def test_no_b2b_anywhere_is_unknown_with_a_warning(session):
    account, _ = seller(session)
    result = run(session, account.id, "sales_traffic_no_b2b_us.json")
    assert "no B2B figures" in " ".join(result.warnings)
    frame = sales.sales_snapshot(session, account.id, date(2026, 7, 1), date(2026, 7, 3))
    assert frame["b2b"].tolist() == [None, None, None]


@pytest.mark.parametrize("granularity", ["WEEK", "MONTH"])
def test_week_and_month_reports_are_refused(session, granularity):
    account, _ = seller(session)
    doc = _doc()
    doc["reportSpecification"]["reportOptions"]["dateGranularity"] = granularity
    with pytest.raises(ValidationError, match=f"by {granularity}: request it again with dateGranularity DAY"):
        run(session, account.id, _bytes(doc), "st.json")


def test_currency_and_marketplace_must_match(session):
    account, _ = seller(session)
    doc = _doc()
    doc["salesAndTrafficByDate"][1]["salesByDate"]["orderedProductSales"]["currencyCode"] = "EUR"
    data = _bytes(doc)
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, data, "st.json")
    assert exc.value.reasons == [
        f"line {_line_of(data, DAY2)}, column 'salesByDate.orderedProductSales.currencyCode': 'EUR' is not "
        "USD, the currency of this marketplace"]
    german = _doc()
    german["reportSpecification"]["marketplaceIds"] = ["A1PA6795UKMFR9"]
    with pytest.raises(ValidationError, match="for DE, where this account does not sell"):
        run(session, account.id, _bytes(german), "st.json")
    with pytest.raises(ValidationError, match="This report is for US, not CA"):
        run(session, account.id, "sales_traffic_day_us.json", marketplace="CA")


def test_a_canadian_report_goes_to_ca_without_being_told(session):
    account, _ = seller(session)
    doc = _doc("sales_traffic_no_b2b_us.json")
    doc["reportSpecification"]["marketplaceIds"] = ["A2EUQ1WTGCTBG2"]
    for entry in doc["salesAndTrafficByDate"]:
        entry["salesByDate"]["orderedProductSales"]["currencyCode"] = "CAD"
        entry["salesByDate"].pop("averageSalesPerOrderItem", None)
    result = run(session, account.id, _bytes(doc), "ca.json")
    assert result.marketplace == "CA"
    assert sales.sales_snapshot(session, account.id, date(2026, 7, 1), date(2026, 7, 1), marketplace="CA")[
        "total"].tolist() == [Decimal("238.44")]


def test_bad_values_name_their_line_and_field(session):
    account, _ = seller(session)
    doc = _doc()
    doc["salesAndTrafficByDate"][0]["salesByDate"]["unitsOrdered"] = -3
    doc["salesAndTrafficByDate"][2]["date"] = "2026-13-01"
    del doc["salesAndTrafficByDate"][1]["salesByDate"]["orderedProductSales"]
    data = _bytes(doc)
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, data, "st.json")
    assert exc.value.reasons == [
        f"line {_line_of(data, DAY1)}, column 'salesByDate.unitsOrdered': '-3' is not a whole number of 0 or "
        "more",
        f"line {_line_of(data, DAY2)}, column 'salesByDate.orderedProductSales': '' is missing",
        f"line {_line_of(data, '2026-13-01')}, column 'date': '2026-13-01' is not a date (like 2026-07-01)",
    ]
