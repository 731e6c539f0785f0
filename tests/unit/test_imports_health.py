"""Seller performance JSON into Account Health's metrics and account status; AHR score CSVs with
undo that respects later imports and hand entries."""

from __future__ import annotations

import json
from datetime import date

import pytest

from services import health, imports, seller_performance
from services.errors import ValidationError
from services.models import HealthMetric
from tests.imports_support import NOW, fixture, run, seller


def _rates(name: str, marketplace_id: str) -> dict:
    """The tests' own reading: the report's fractions as percents, per metric."""
    entry = next(e for e in json.loads(fixture(name))["performanceMetrics"] if e["marketplaceId"] == marketplace_id)
    odr = entry["orderDefectRate"]
    cancel = entry.get("preFulfillmentCancellationRate") or entry.get("prefulfillmentCancelRate")
    return {"order_defect_rate": 100 * odr["mfn"]["rate"], "order_defect_rate_fba": 100 * odr["afn"]["rate"],
            "pre_fulfilment_cancel_rate": None if cancel is None else 100 * cancel["rate"]}


def test_metrics_come_from_the_report_in_percent_mfn_with_fba_beside_it(session):
    account, _ = seller(session)
    session.add(HealthMetric(account_id=account.id, metric="order_defect_rate", segment="all", value_pct=5.0,
                             as_of=date(2026, 6, 1)))
    session.flush()
    assert health.metrics(session, account.id)[0].value == 5.0  # entered, before any import
    result = run(session, account.id, "seller_performance_schema.json")
    assert (result.kind, result.marketplaces) == ("seller_performance", ["US", "CA"])
    assert "Figures of MX are skipped" in result.warnings[0]
    rows = {r.metric: r for r in health.metrics(session, account.id)}
    want = _rates("seller_performance_schema.json", "ATVPDKIKX0DER")
    assert [r.metric for r in health.metrics(session, account.id)][:2] == ["order_defect_rate", "order_defect_rate_fba"]
    assert rows["order_defect_rate"].value == pytest.approx(want["order_defect_rate"])  # 0.009 → 0.9 %
    assert rows["order_defect_rate_fba"].value == pytest.approx(want["order_defect_rate_fba"])
    assert rows["pre_fulfilment_cancel_rate"].value == pytest.approx(want["pre_fulfilment_cancel_rate"])
    assert rows["late_shipment_rate"].value == pytest.approx(3.203973037)
    assert rows["valid_tracking_rate"].value == pytest.approx(95.29) and rows["valid_tracking_rate"].on_target
    assert (rows["order_defect_rate"].source, rows["order_defect_rate"].status,
            rows["order_defect_rate"].as_of) == ("report", "GOOD", date(2026, 6, 30))
    assert rows["order_defect_rate"].business_value is None  # the report has no business-order figures
    assert rows["on_time_delivery_rate"].target == "above 90%"  # Amazon's own target for a metric we have none for
    ca = {r.metric: r for r in health.metrics(session, account.id, marketplace="CA")}
    assert ca["order_defect_rate"].value == pytest.approx(1.23) and ca["order_defect_rate"].on_target is False
    status = seller_performance.account_status(session, account.id)
    assert (status.status, status.ahr_status, status.defects) == ("AT_RISK", "WARNED", {"listingPolicyViolations": 86})
    assert seller_performance.account_status(session, account.id, "CA").status == "NORMAL"
    imports.undo_import(session, account.id, result.id, now=NOW)
    odr = health.metrics(session, account.id)[0]
    assert (odr.value, odr.source) == (5.0, "entered")
    assert seller_performance.account_status(session, account.id) is None


def test_both_spellings_of_amazons_examples_are_read(session):
    account, _ = seller(session, "US", ("US",))
    run(session, account.id, "seller_performance_example_spellings.json")
    rows = {r.metric: r for r in health.metrics(session, account.id)}
    assert rows["pre_fulfilment_cancel_rate"].value == pytest.approx(3.1)
    assert rows["pre_fulfilment_cancel_rate"].on_target is False
    status = seller_performance.account_status(session, account.id)
    assert (status.status, status.ahr_status, status.defects) == ("SUSPENDED", "GREAT", {"documentRequests": 8})


def test_a_later_report_wins_and_undoing_it_brings_the_earlier_back(session):
    account, _ = seller(session, "US", ("US",))
    doc = json.loads(fixture("seller_performance_example_spellings.json"))
    first = run(session, account.id, json.dumps(doc).encode(), "first.json")
    doc["performanceMetrics"][0]["orderDefectRate"]["mfn"]["rate"] = 0.02
    second = run(session, account.id, json.dumps(doc).encode(), "second.json")
    assert health.metrics(session, account.id)[0].value == pytest.approx(2.0)
    imports.undo_import(session, account.id, second.id, now=NOW)
    assert health.metrics(session, account.id)[0].value == pytest.approx(0.4)
    assert first.id < second.id


def test_a_report_of_a_marketplace_the_account_does_not_sell_in_is_refused(session):
    account, _ = seller(session, "UK", ("UK",))
    with pytest.raises(ValidationError, match="This report is for US, CA, MX, where this account does not sell"):
        run(session, account.id, "seller_performance_schema.json")
    us, _ = seller(session, "US", ("US", "CA"))
    with pytest.raises(ValidationError, match="This report has no figures for CA"):
        run(session, us.id, "seller_performance_example_spellings.json", marketplace="CA")


def test_bad_statuses_and_rates_are_named(session):
    account, _ = seller(session, "US", ("US",))
    doc = json.loads(fixture("seller_performance_example_spellings.json"))
    doc["accountStatuses"][0]["status"] = "FINE"
    doc["performanceMetrics"][0]["orderDefectRate"]["mfn"]["rate"] = "0.9%"
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, json.dumps(doc).encode(), "bad.json")
    assert exc.value.reasons == [
        "column 'accountStatuses[0].status': 'FINE' is not one of NORMAL, AT_RISK, DEACTIVATED, SUSPENDED",
        "column 'performanceMetrics[0].orderDefectRate.mfn.rate': '0.9%' is not a rate (a fraction like 0.009)",
    ]


def test_ahr_scores_load_and_undo_puts_each_day_back(session):
    account, admin = seller(session, "US", ("US",))
    health.record_ahr(session, account.id, date(2026, 7, 1), 500)  # entered by hand before the file
    result = run(session, account.id, "ahr_scores.csv")
    assert (result.kind, result.rows, result.first_day, result.last_day) == (
        "ahr_scores", 3, date(2026, 7, 1), date(2026, 7, 3))
    assert health.ahr_history(session, account.id, date(2026, 7, 1), date(2026, 7, 3)) == {
        date(2026, 7, 1): 700, date(2026, 7, 2): 650, date(2026, 7, 3): 240}
    health.record_ahr(session, account.id, date(2026, 7, 2), 655)  # a hand entry after the import stays
    later = run(session, account.id, b"day,score\n2026-07-03,260\n", "later.csv")
    imports.undo_import(session, account.id, result.id, now=NOW)
    assert health.ahr_history(session, account.id, date(2026, 7, 1), date(2026, 7, 3)) == {
        date(2026, 7, 1): 500, date(2026, 7, 2): 655, date(2026, 7, 3): 260}
    imports.undo_import(session, account.id, later.id, now=NOW)  # the day had no score before either file
    assert health.ahr_history(session, account.id, date(2026, 7, 1), date(2026, 7, 3)) == {
        date(2026, 7, 1): 500, date(2026, 7, 2): 655}


def test_the_account_health_csv_loader_takes_only_score_files(session):
    account, _ = seller(session, "US", ("US",))
    with pytest.raises(ValidationError, match="Sales and Traffic by Date; only these can be loaded here: AHR scores"):
        health.import_ahr_csv(session, account.id, fixture("br_by_date_en_full_us.csv").decode("utf-8-sig"), now=NOW)
    assert health.import_ahr_csv(session, account.id, "day,score\n2026-07-01,700\n", now=NOW) == 1
    assert imports.import_history(session, account.id)[0].kind == "ahr_scores"


def test_ahr_rows_are_checked_whole(session):
    account, _ = seller(session, "US", ("US",))
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, b"day,score\n2026-07-01,700\n2026-07-01,600\n1999-12-31,5\n2026-07-02,1001\n",
            "scores.csv")
    assert exc.value.reasons == [
        "line 3, column 'day': '2026-07-01' appears twice (also line 2)",
        "line 4, column 'day': '1999-12-31' is outside 2000-01-01 … 2026-07-21",
        "line 5, column 'score': '1001' is not a whole number from 0 to 1000",
    ]
