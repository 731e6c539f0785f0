"""The import rules across formats: plain refusals, all or nothing with line-and-column reasons,
the same file twice, corrected files, undo, preview, permissions and the audit trail."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from services import accounts, imports, reports, sales
from services.audit import audit_entries
from services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from services.models import DayRollup, Import, ImportDay, OrderLine
from tests.factories import make_user
from tests.imports_support import NOW, fixture, run, seller

BR_HEADER = "Date,Ordered Product Sales,Ordered Product Sales - B2B,Units Ordered,Units Ordered - B2B\n"


def br(*rows: str) -> bytes:
    return (BR_HEADER + "".join(r + "\n" for r in rows)).encode()


def nothing_written(session, account_id: int) -> bool:
    return not any(session.exec(select(model).where(model.account_id == account_id)).first()
                   for model in (Import, ImportDay, DayRollup, OrderLine))


@pytest.mark.parametrize(("data", "message"), [
    (b"", "The file is empty."),
    (b"\n\n  \n", "The file is empty."),
    (BR_HEADER.encode(), "The file has a header but no rows."),
    (b"\xef\xbb\xbfamazon-order-id\tpurchase-date\torder-status\tsales-channel\tsku\tasin\tquantity\tcurrency\t"
     b"item-price\tis-business-order\n", "The file has a header but no rows."),
    (b"<!DOCTYPE html>\n<html><head><title>Amazon Sign-In</title></head><body>Sign in</body></html>",
     "This is a web page, not a report — download the report again."),
    (b"  <html lang='en'><body>Session expired</body></html>", "This is a web page, not a report"),
    (b'{\n  "reportSpecification": {"reportType": "GET_SALES_AND_TRAFFIC_REPORT"},\n  "salesAndTrafficByDate": [\n'
     b'    {"date": "2026-07-01", "salesByDate": {"orderedProduct', "The JSON ends early at line 4: the file is cut "
                                                                    "short — download the report again."),
    (b'{"a": 1,, "b": 2}', "The JSON is broken at line 1, column 9"),
    (b'{"hello": "world"}', "This JSON is not a report this app reads"),
    (b"Name,Email\nAda,ada@example.com\n", "This file is not a report this app reads."),
    (b"Date,Ordered Product Sales - B2B,Units Ordered\n7/1/26,$1.00,1\n",
     "The column 'Ordered Product Sales' is missing (the file has 'Ordered Product Sales - B2B', which is the B2B "
     "figure, not the total: download the report with all columns)."),
    (b"Date,Ordered Product Sales,Sessions - Total\n7/1/26,$1.00,1\n", "The column 'Units Ordered' is missing."),
    (b"amazon-order-id\tpurchase-date\tsku\n111\t2026-07-01T00:00:00Z\tA\n",
     "The column 'order-status' is missing."),
])
def test_plain_refusals(session, data, message):
    account, _ = seller(session)
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, data, "file.csv")
    assert exc.value.message.startswith(message) and exc.value.field == "file"
    assert nothing_written(session, account.id)


def test_a_header_repeated_mid_file_is_refused_with_its_line(session):
    account, _ = seller(session)
    with pytest.raises(ValidationError, match="Line 4 repeats the header: two downloads pasted together"):
        run(session, account.id, br("7/1/26,$1.00,$0.00,1,0", "7/2/26,$1.00,$0.00,1,0",
                                    BR_HEADER.strip(), "7/3/26,$1.00,$0.00,1,0"))
    orders = fixture("all_orders_us_ca.txt").decode()
    pasted = orders + orders.splitlines()[0] + "\n" + "".join(orders.splitlines(keepends=True)[1:3])
    with pytest.raises(ValidationError, match="Line 12 repeats the header"):
        run(session, account.id, pasted.encode(), "two.txt")
    assert nothing_written(session, account.id)


def test_every_bad_value_is_listed_with_line_column_as_written_and_value(session):
    account, _ = seller(session)
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, br("7/1/26,$1.00,$0.00,\"12,3x4\",0", "7/32/26,$1.00,$0.00,1,0",
                                    "7/3/26,368\u00a0€,$0.00,1,0", "7/4/26,,$0.00,1,0", "7/5/26,$1.00,$0.00,-1,0",
                                    "7/4/26,$1.00,$0.00,1,0"))
    assert exc.value.reasons == [
        "line 2, column 'Units Ordered': '12,3x4' is not a whole number",
        "line 3, column 'Date': '7/32/26' is not a date (like 7/1/26)",
        "line 4, column 'Ordered Product Sales': '368\u00a0€' is in EUR, not USD",
        "line 5, column 'Ordered Product Sales': '' is empty",
        "line 6, column 'Units Ordered': '-1' is below zero",
    ]
    assert nothing_written(session, account.id)


def test_a_day_twice_is_refused(session):
    account, _ = seller(session)
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, br("7/1/26,$1.00,$0.00,1,0", "7/2/26,$1.00,$0.00,1,0", "7/1/26,$2.00,$0.00,1,0"))
    assert exc.value.reasons == ["line 4, column 'Date': '2026-07-01' appears twice (also line 2)"]


def test_twenty_problems_then_and_n_more(session):
    account, _ = seller(session)
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, br(*[f"6/{d}/26,$1.00,$0.00,x,0" for d in range(1, 26)]))
    assert len(exc.value.reasons) == 21 and exc.value.reasons[-1] == "and 5 more"
    assert exc.value.reasons[19] == "line 21, column 'Units Ordered': 'x' is not a whole number"


def test_dates_must_fall_between_2000_and_tomorrow(session):
    account, _ = seller(session)
    now = datetime(2026, 7, 20, 12, tzinfo=UTC)  # 05:00 on 20 July in Los Angeles: tomorrow is the 21st
    run(session, account.id, br("7/21/26,$1.00,$0.00,1,0"), now=now)
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, br("7/22/26,$1.00,$0.00,1,0", "12/31/1999,$1.00,$0.00,1,0"), "later.csv", now=now)
    assert exc.value.reasons == ["line 2, column 'Date': '7/22/26' is outside 2000-01-01 … 2026-07-21",
                                 "line 3, column 'Date': '12/31/1999' is outside 2000-01-01 … 2026-07-21"]


def test_a_marketplace_the_account_does_not_sell_in_is_refused(session):
    account, _ = seller(session, "US", ("US",))
    with pytest.raises(ValidationError, match="This account does not sell in DE"):
        run(session, account.id, "br_by_date_de.csv", marketplace="DE")


def test_the_same_file_twice_changes_nothing(session):
    account, _ = seller(session)
    first = run(session, account.id, "br_by_date_en_full_us.csv")
    again = run(session, account.id, "br_by_date_en_full_us.csv", filename="renamed.csv")
    assert again.already_imported and again.id == first.id
    assert again.warnings[0].startswith(f"Already imported on 2026-07-20 12:00 UTC (import #{first.id})")
    assert len(imports.import_history(session, account.id)) == 1
    assert len(session.exec(select(ImportDay)).all()) == 3
    imports.undo_import(session, account.id, first.id, now=NOW)
    back = run(session, account.id, "br_by_date_en_full_us.csv")  # after an undo the file may come in again
    assert not back.already_imported and back.id != first.id


def test_a_corrected_file_replaces_its_days_and_undo_brings_the_first_back(session):
    account, _ = seller(session)
    sales.record_order_lines(session, [{"account_id": account.id, "marketplace": "US", "order_id": "o1",
                                        "purchase_date": date(2026, 7, 2), "asin": "B0AAAAAAAA", "sku": "A",
                                        "units": 1, "sales": "3.00", "is_business_order": True}])
    first = run(session, account.id, br("7/1/26,$100.00,$10.00,1,1", "7/2/26,$200.00,$20.00,2,1"), "v1.csv")
    second = run(session, account.id, br("7/2/26,$250.00,$25.00,3,1", "7/3/26,$300.00,,3,"), "v2.csv")

    def totals():
        frame = sales.sales_snapshot(session, account.id, date(2026, 7, 1), date(2026, 7, 3))
        return list(zip(frame["total"], frame["b2b"]))

    assert totals() == [(Decimal("100.00"), Decimal("10.00")), (Decimal("250.00"), Decimal("25.00")),
                        (Decimal("300.00"), None)]
    by_date = reports.business_report_by_date(session, account.id, date(2026, 7, 1), date(2026, 7, 3))
    assert by_date["total_sales"].tolist() == [Decimal("300.00"), Decimal("250.00"), Decimal("100.00")]
    preview = imports.preview_report(session, account.id, "v2.csv", br("7/2/26,$1.00,$0.00,1,0"), now=NOW)
    assert preview.replaces == [first.id, second.id]
    imports.undo_import(session, account.id, second.id, now=NOW)
    assert totals() == [(Decimal("100.00"), Decimal("10.00")), (Decimal("200.00"), Decimal("20.00")),
                        (Decimal("0.00"), Decimal("0.00"))]
    imports.undo_import(session, account.id, first.id, now=NOW)
    assert totals() == [(Decimal("0.00"), Decimal("0.00")), (Decimal("3.00"), Decimal("3.00")),
                        (Decimal("0.00"), Decimal("0.00"))]  # the order lines again
    history = imports.import_history(session, account.id)
    assert [h.id for h in history] == [second.id, first.id] and all(h.undone_at == NOW for h in history)
    with pytest.raises(Conflict, match="already undone"):
        imports.undo_import(session, account.id, first.id, now=NOW)


def test_undo_is_per_account(session):
    account, _ = seller(session)
    other, _ = seller(session)
    result = run(session, account.id, "br_by_date_en_full_us.csv")
    with pytest.raises(NotFound):
        imports.undo_import(session, other.id, result.id)
    with pytest.raises(NotFound):
        imports.undo_import(session, account.id, 999_999)


def test_preview_writes_nothing_and_shows_the_first_days(session):
    account, _ = seller(session)
    sales.record_order_lines(session, [{"account_id": account.id, "marketplace": "US", "order_id": "o1",
                                        "purchase_date": date(2026, 7, 1), "asin": "B0AAAAAAAA", "sku": "A",
                                        "units": 1, "sales": "3.00", "is_business_order": True}])
    before = session.exec(select(DayRollup)).all()
    preview = imports.preview_report(session, account.id, "br.csv", fixture("br_by_date_en_full_us.csv"), now=NOW)
    assert (preview.kind, preview.marketplace, preview.first_day, preview.last_day, preview.rows) == (
        "business_report_by_date", "US", date(2026, 7, 1), date(2026, 7, 3), 3)
    assert preview.kind_label == "Business Report — Sales and Traffic by Date"
    assert preview.preview[0] == {"marketplace": "US", "day": date(2026, 7, 1), "total_sales": Decimal("1234.56"),
                                  "b2b_sales": Decimal("200.00"), "total_units": 1514, "b2b_units": 20,
                                  "total_order_items": 100}
    assert (preview.replaces, preview.order_days, preview.already_imported_id) == ([], 1, None)
    assert session.exec(select(DayRollup)).all() == before and session.exec(select(Import)).all() == []
    orders = imports.preview_report(session, account.id, "o.txt", fixture("all_orders_us_ca.txt"), now=NOW)
    assert (orders.kind, orders.marketplaces, orders.rows) == ("all_orders", ["US", "CA"], 10)
    assert orders.preview[0]["day"] == date(2026, 6, 30) and orders.preview[0]["total_sales"] == Decimal("20.00")
    assert session.exec(select(OrderLine).where(OrderLine.import_id.is_not(None))).all() == []
    with pytest.raises(ValidationError) as exc:
        imports.preview_report(session, account.id, "c.csv", fixture("br_by_child_en_us.csv"), now=NOW)
    assert exc.value.field == "period"
    result = run(session, account.id, "br_by_date_en_full_us.csv")
    again = imports.preview_report(session, account.id, "br.csv", fixture("br_by_date_en_full_us.csv"), now=NOW)
    assert again.already_imported_id == result.id and again.warnings[0].startswith("Already imported")


def test_permissions_by_kind(session):
    account, admin = seller(session)
    viewer, health_editor, b2b_editor, stranger = (make_user(session) for _ in range(4))
    accounts.grant(session, admin.id, viewer.id, account.id, "user", {"b2b": "view", "health": "view"})
    accounts.grant(session, admin.id, health_editor.id, account.id, "user", {"b2b": "view", "health": "edit"})
    accounts.grant(session, admin.id, b2b_editor.id, account.id, "user", {"b2b": "edit", "health": "view"})
    sales_file, health_file = fixture("br_by_date_en_full_us.csv"), fixture("seller_performance_schema.json")
    for user, data, allowed in ((viewer, sales_file, False), (viewer, health_file, False),
                                (health_editor, sales_file, False), (health_editor, health_file, True),
                                (b2b_editor, sales_file, True), (b2b_editor, health_file, False),
                                (stranger, sales_file, False)):
        if allowed:
            result = run(session, account.id, data, "f", user_id=user.id)
            assert imports.import_history(session, account.id, user_id=user.id)[0].user_id == user.id
            if user is b2b_editor:
                with pytest.raises(PermissionDenied):
                    imports.undo_import(session, account.id, result.id, user_id=health_editor.id)
            imports.undo_import(session, account.id, result.id, user_id=user.id, now=NOW)
        else:
            with pytest.raises(PermissionDenied):
                run(session, account.id, data, "f", user_id=user.id)
    with pytest.raises(PermissionDenied):
        imports.import_history(session, account.id, user_id=stranger.id)


def test_imports_and_undos_are_audited(session):
    account, admin = seller(session)
    result = run(session, account.id, "br_by_date_en_full_us.csv", user_id=admin.id)
    imports.undo_import(session, account.id, result.id, user_id=admin.id, now=NOW)
    entries = [e for e in audit_entries(session, [account.id]) if e.action.startswith("import.")]
    assert [(e.action, e.actor_user_id) for e in entries[:2]] == [("import.undone", admin.id),
                                                                  ("import.created", admin.id)]
    created = entries[1].after
    assert (created["import_id"], created["kind"], created["first_day"], created["rows"]) == (
        result.id, "business_report_by_date", "2026-07-01", 3)
    assert len(created["sha256"]) == 64


def test_history_lists_who_when_file_kind_marketplace_days_rows(session):
    account, admin = seller(session)
    run(session, account.id, "br_by_date_en_full_us.csv", user_id=admin.id)
    later = datetime(2026, 7, 20, 13, tzinfo=UTC)
    run(session, account.id, "all_orders_us_ca.txt", now=later)
    first, second = imports.import_history(session, account.id)[::-1]
    assert (first.user_id, first.filename, first.kind, first.marketplaces, first.first_day, first.last_day,
            first.rows, first.created_at) == (admin.id, "br_by_date_en_full_us.csv", "business_report_by_date", ["US"],
                                              date(2026, 7, 1), date(2026, 7, 3), 3, NOW)
    assert (second.user_id, second.kind, second.marketplaces, second.created_at) == (
        None, "all_orders", ["US", "CA"], later)


def test_the_detected_kind_never_depends_on_the_file_name(session):
    account, _ = seller(session)
    data = json.dumps(json.loads(fixture("seller_performance_example_spellings.json"))).encode()
    assert run(session, account.id, data, "BusinessReport.csv").kind == "seller_performance"
    assert run(session, account.id, "br_by_date_mx.csv" and fixture("ahr_scores.csv"), "orders.json").kind == (
        "ahr_scores")


def test_history_names_who_imported_and_who_undid(session):
    from services import imports as imports_service
    from tests.imports_support import NOW, run, seller

    account, admin = seller(session)
    first = run(session, account.id, "ahr_scores.csv", user_id=admin.id)
    imports_service.undo_import(session, account.id, first.id, user_id=admin.id, now=NOW)
    run(session, account.id, "br_by_date_en_full_us.csv")
    rows = imports_service.history(session, account.id, user_id=admin.id)
    assert [(r.kind, r.who, r.undone_by is not None) for r in rows] == [
        ("business_report_by_date", None, False), ("ahr_scores", admin.display_name, True)]
    assert rows[0].days == (rows[0].last_day - rows[0].first_day).days + 1
