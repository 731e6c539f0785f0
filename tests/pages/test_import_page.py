"""The Import page in AppTest (issue 12): drop a file, see what it holds before anything is written,
import it, find it in the history, see B2B Central change by exactly the file's figures, undo it;
a bad file is refused with its line and column; view-only users never reach the page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select
from streamlit.util import calc_hash

from services.db import make_engine
from services.models import Import
from tests.helpers import NORTHWIND
from tests.pages.conftest import open_b2b_central, sign_in

pytestmark = pytest.mark.page


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Streamlit's data cache lives as long as the process and is keyed by account id and data
    version, which another test's own database copy can share after an import: start clean."""
    import streamlit as st

    st.cache_data.clear()
    yield
    st.cache_data.clear()

# A short Business Report by date (US dates, m/d/yy), days before the page tests' frozen today (15 June 2026)
REPORT = (b'Date,Ordered Product Sales,Ordered Product Sales - B2B,Units Ordered,Units Ordered - B2B,'
          b'Total Order Items,Total Order Items - B2B\n'
          b'6/10/26,"$1,234.56",$200.00,20,4,12,2\n'
          b'6/11/26,$987.65,$100.01,15,3,9,1\n')
BAD = REPORT.replace(b"6/11/26,$987.65,$100.01,15", b"6/11/26,$987.65,$100.01,1x5")


def _imports(demo_db) -> list[Import]:
    engine = make_engine(demo_db)
    with Session(engine) as session:
        found = list(session.exec(select(Import)))
    engine.dispose()
    return found


def _open_import(app, accounts, email="admin@example.com"):
    at = sign_in(app({"account": str(accounts[NORTHWIND])}), email)
    at.switch_page("pages/import_reports.py").run()
    assert not at.exception, at.exception
    return at


def _texts(at) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "error", "info", "warning", "success")
                     for e in getattr(at, kind))


def _summary(at) -> str:
    """The preview's line: kind, marketplace, period, rows (markdown as written, escapes removed)."""
    return "".join(m.value for m in at.markdown if "**Marketplace:**" in m.value).replace("\\", "")


def _snapshot(at) -> dict[str, tuple]:
    """B2B Central's Sales Snapshot table: {day label: (B2B, Total)}."""
    at.switch_page("pages/b2b_central.py").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    return {label: (b2b, total) for label, b2b, total in zip(table["Period"], table["B2B"], table["Total"])}


def _upload(at, name: str, data: bytes):
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


DAYS = {"Wed 10 Jun 2026": (Decimal("200.00"), Decimal("1234.56")),
        "Thu 11 Jun 2026": (Decimal("100.01"), Decimal("987.65"))}


def test_upload_preview_import_change_b2b_central_and_undo(app, accounts, demo_db):
    at = _open_import(app, accounts)
    before = _snapshot(at)
    at.switch_page("pages/import_reports.py").run()
    assert "Nothing imported yet" in _texts(at)

    # the preview, before anything is written
    _upload(at, "my-report.csv", REPORT)
    assert _summary(at) == (":blue-badge[Business Report — Sales and Traffic by Date]  \n**Marketplace:** US · "
                            "**Period:** 2026-06-10 – 2026-06-11 · **Rows:** 2")
    preview = at.dataframe[0].value  # the only table until something is imported
    assert list(preview["Day"]) == ["2026-06-10", "2026-06-11"]
    assert list(preview["Total sales"]) == ["$1,234.56", "$987.65"]
    assert list(preview["B2B sales"]) == ["$200.00", "$100.01"]
    assert _imports(demo_db) == []

    # import, then the history row
    at.button(key="imp_go").click().run()
    assert not at.exception, at.exception
    assert "Imported 1 file (2 rows)." in " ".join(s.value for s in at.success).replace("\\", "")
    history = at.dataframe[-1].value
    assert len(history) == 1
    row = history.iloc[0]
    assert (row["Who"], row["File"], row["Kind"], row["Marketplace"], row["Days"], row["Rows"], row["Status"]) == (
        "Alex Admin", "my-report.csv", "Business Report — Sales and Traffic by Date", "US",
        "2026-06-10 – 2026-06-11", 2, "In effect")
    assert row["When (UTC)"] == "2026-06-15 12:00"
    [imp] = _imports(demo_db)
    assert not at.file_uploader[0].value  # the uploader is cleared for the next files

    # B2B Central: those two days are the file's, every other day as before; the range's B2B total
    # changes by exactly the file's figures minus what the order lines had on those days
    after = _snapshot(at)
    assert {day: after[day] for day in DAYS} == DAYS
    assert {d: v for d, v in after.items() if d not in DAYS} == {d: v for d, v in before.items() if d not in DAYS}
    change = sum(after[d][0] for d in DAYS) - sum(before[d][0] for d in DAYS)
    assert change == Decimal("300.01") - before["Wed 10 Jun 2026"][0] - before["Thu 11 Jun 2026"][0]
    shown = {m.label: m.value for m in at.metric}["B2B sales"]
    assert shown == f"${sum(v[0] for v in after.values()):,.2f}"

    # undo, behind a confirmation: the order lines' figures come back
    at.switch_page("pages/import_reports.py").run()
    assert at.button(key="imp_undo").disabled
    at.selectbox(key="imp_undo_id").select(imp.id).run()
    at.checkbox(key=f"imp_undo_sure_{imp.id}").check().run()
    at.button(key="imp_undo").click().run()
    assert not at.exception, at.exception
    assert any(f"Import #{imp.id} undone" in s.value.replace("\\", "") for s in at.success)
    assert at.dataframe[-1].value.iloc[0]["Status"].startswith("Undone 2026-06-15 12:00 UTC by Alex")
    assert _snapshot(at) == before


def test_a_bad_file_is_refused_with_its_line_and_column_and_nothing_is_written(app, accounts, demo_db):
    at = _upload(_open_import(app, accounts), "bad.csv", BAD)
    text = _texts(at).replace("\\", "")
    assert "Refused — nothing was written" in text
    assert "line 3, column 'Units Ordered': '1x5'" in text
    assert at.button(key="imp_go").disabled
    assert _imports(demo_db) == []


def test_the_child_item_report_asks_for_its_period_before_the_preview(app, accounts):
    report = (b"(Parent) ASIN,(Child) ASIN,Title,Units Ordered,Units Ordered - B2B,Ordered Product Sales,"
              b"Ordered Product Sales - B2B\nB0PARENT01,B0CHILD001,Paper,3,1,$30.00,$10.00\n")
    at = _upload(_open_import(app, accounts), "child.csv", report)
    assert "choose the period it covers" in _texts(at)
    assert not _summary(at) and at.button(key="imp_go").disabled
    file_id = at.file_uploader[0].value[0].file_id
    at.date_input(key=f"imp_from_{file_id}").set_value(date(2026, 5, 1))
    at.date_input(key=f"imp_to_{file_id}").set_value(date(2026, 5, 31)).run()
    assert not at.exception, at.exception
    assert "Business Report — Detail" in _summary(at) and "**Period:** 2026-05-01 – 2026-05-31" in _summary(at)
    assert not at.button(key="imp_go").disabled


def test_a_view_only_user_cannot_reach_the_import_page(app, accounts):
    at = sign_in(app({"account": str(accounts[NORTHWIND])}), "user@example.com")
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("pages/import_reports.py")  # not in this user's navigation
    at._page_hash = calc_hash("import")  # the URL typed by hand
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] != ["Import reports"] and not at.file_uploader


NO_B2B = (b"Date,Ordered Product Sales,Units Ordered,Total Order Items,Sessions - Total,Page Views - Total\n"
          b'6/10/26,"$1,000.00",10,8,400,610\n')


def _import_directly(demo_db, account_id: int, data: bytes) -> None:
    from services import imports
    from tests.conftest import NOW

    engine = make_engine(demo_db)
    with Session(engine) as session:
        imports.import_report(session, account_id, "no-b2b.csv", data, now=NOW)
        session.commit()
    engine.dispose()


def test_b2b_unknown_shows_a_dash_and_a_note_never_zero(app, accounts, demo_db):
    _import_directly(demo_db, accounts[NORTHWIND], NO_B2B)
    at = open_b2b_central(sign_in(app({"account": str(accounts[NORTHWIND])}), "admin@example.com"))
    table = at.dataframe[0].value
    day = table[table["Period"] == "Wed 10 Jun 2026"].iloc[0]
    assert day["B2B"] is None and day["Non-B2B"] is None and day["Total"] == Decimal("1000.00")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["B2B sales"] == "—" and metrics["Non-B2B sales"] == "—" and metrics["Total sales"].startswith("$")
    captions = " ".join(c.value for c in at.caption)
    assert "B2B figures are not in the imported report for some days" in captions
    assert "1 day from an imported daily report (Amazon's official figures), 29 from order lines." in captions
    at.checkbox(key="snap_compare").check().run()  # YoY beside an unknown day
    assert not at.exception, at.exception

    at.switch_page("pages/business_reports.py").run()
    assert not at.exception, at.exception
    report = at.dataframe[0].value
    row = report[report["Date"] == date(2026, 6, 10)].iloc[0]
    assert (row["B2B sales"], row["Total sales"], row["Source"], row["Sessions"]) == (
        "—", "$1,000.00", "Imported report", "400")
    assert set(report["Source"]) == {"Imported report", "Order lines"}
    assert "B2B figures are not in the imported report" in " ".join(c.value for c in at.caption)


def test_account_health_shows_the_imported_status_and_the_fba_order_defect_rate(app, accounts, demo_db):
    from services import imports
    from tests.imports_support import NOW as FIXTURES_NOW
    from tests.imports_support import fixture

    engine = make_engine(demo_db)
    with Session(engine) as session:
        done = imports.import_report(session, accounts[NORTHWIND], "performance.json",
                                     fixture("seller_performance_schema.json"), now=FIXTURES_NOW)
        session.commit()
    engine.dispose()
    at = sign_in(app({"account": str(accounts[NORTHWIND])}), "admin@example.com")
    at.switch_page("pages/account_health.py").run()
    assert not at.exception, at.exception
    text = _texts(at).replace("\\\\", "")
    assert "Account status in US:" in text and f"import #{done.id}" in text
    metrics = at.dataframe[0].value
    labels = list(metrics["Metric"])
    odr = next(i for i, label in enumerate(labels) if label.startswith("Order defect rate ("))
    assert labels[odr + 1].startswith("Order defect rate, fulfilled by Amazon")
    assert "Amazon's status" in metrics.columns
    assert any(link.label.startswith("Import a seller performance report") for link in at.get("page_link"))


def test_b2b_central_without_sales_links_to_the_import_page(app, demo_db):
    from services import accounts as accounts_service
    from services.models import User

    engine = make_engine(demo_db)
    with Session(engine) as session:
        fresh = accounts_service.create_account(session, "Fresh Start Supply", "A1FRESH00000US1", "US")
        admin = session.exec(select(User).where(User.email == "admin@example.com")).one()
        accounts_service.grant(session, None, admin.id, fresh.id, "admin")
        session.commit()
        fresh_id = fresh.id
    engine.dispose()
    at = open_b2b_central(sign_in(app({"account": str(fresh_id)}), "admin@example.com"))
    assert any("no sales yet" in i.value for i in at.info)
    links = at.get("page_link")
    assert [link.label for link in links] == ["Import reports"]


def test_an_account_health_editor_loads_ahr_scores_but_no_sales_report(app, accounts, demo_db):
    from seed.generate import DEMO_PASSWORD
    from services import accounts as accounts_service

    engine = make_engine(demo_db)
    with Session(engine) as session:
        health_editor = accounts_service.create_user(session, "health.editor@example.com", "Hana Health",
                                                     DEMO_PASSWORD)
        accounts_service.grant(session, None, health_editor.id, accounts[NORTHWIND], "user",
                               {"b2b": "view", "actions": "none", "supply_chain": "none", "partners": "none",
                                "health": "edit", "settings": "none"})
        session.commit()
    engine.dispose()
    at = _open_import(app, accounts, "health.editor@example.com")
    _upload(at, "sales.csv", REPORT)
    assert "only these can be loaded here" in _texts(at) and at.button(key="imp_go").disabled
    _upload(at, "scores.csv", b"day,score\n2026-06-01,640\n2026-06-02,655\n")
    assert "AHR scores (CSV)" in _summary(at)
    at.button(key="imp_go").click().run()
    assert not at.exception, at.exception
    [imp] = _imports(demo_db)
    assert (imp.kind, imp.rows) == ("ahr_scores", 2)
    assert at.dataframe[-1].value.iloc[0]["Who"] == "Hana Health"
