"""B2B Central through Streamlit's AppTest: what a signed-in person sees and can change."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from services import sales
from services.db import make_engine
from services.errors import NO_ACCESS_MESSAGE
from services.marketplaces import local_today
from services.models import Account, Membership, User
from services.periods import resolve_range
from tests.conftest import NOW
from tests.pages.conftest import open_b2b_central, sign_in

pytestmark = pytest.mark.page


def _titles(at):
    return [t.value for t in at.title]


def _snapshot_shown(at) -> bool:
    return any(m.label == "B2B sales" for m in at.metric)


def _table(at):
    return at.dataframe[0].value


def _account(demo_db, name):
    engine = make_engine(demo_db)
    with Session(engine) as s:
        account = s.exec(select(Account).where(Account.name == name)).one()
    engine.dispose()
    return account


def test_admin_sees_the_snapshot_with_the_services_numbers(app, demo_db):
    account = _account(demo_db, "Northwind Industrial Supply")
    at = open_b2b_central(sign_in(app({"account": str(account.id)}), "Admin@Example.com"))
    assert _titles(at) == ["B2B Central"]
    table = _table(at)
    assert list(table.columns) == ["Period", "B2B", "Non-B2B", "Total"]
    start, end = resolve_range("30D", local_today("US", NOW))
    engine = make_engine(demo_db)
    with Session(engine) as s:
        expected = sales.sales_snapshot(s, account.id, start, end, "sales")
    engine.dispose()
    assert list(table["B2B"]) == list(expected["b2b"])
    assert list(table["Total"]) == list(expected["total"])
    # the chart draws exactly the table's numbers
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    traces = {t["name"]: t["y"] for t in figure["data"]}
    assert traces["B2B"] == [float(v) for v in table["B2B"]]
    assert traces["Total"] == [float(v) for v in table["Total"]]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["B2B sales"] == f"${sum(expected['b2b']):,.2f}"


def test_check_boxes_and_compare_change_the_columns(app):
    at = open_b2b_central(sign_in(app(), "admin@example.com"))
    at.checkbox(key="snap_b2b").uncheck().run()
    assert list(_table(at).columns) == ["Period", "Non-B2B", "Total"]
    at.checkbox(key="snap_compare").check().run()
    assert list(_table(at).columns) == ["Period", "Non-B2B", "Non-B2B last year", "Non-B2B YoY %",
                                        "Total", "Total last year", "Total YoY %"]
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    dashed = [t["name"] for t in figure["data"] if t["line"]["dash"] == "dash"]
    assert dashed == ["Non-B2B last year", "Total last year"]
    for _, row in _table(at).iterrows():
        if row["Total last year"]:
            expected = 100 * (row["Total"] - row["Total last year"]) / row["Total last year"]
            assert row["Total YoY %"] == f"{expected:+.1f}%"
        else:
            assert row["Total YoY %"] == "n/a"


def test_unticking_all_three_says_one_must_stay(app):
    at = open_b2b_central(sign_in(app(), "admin@example.com"))
    at.checkbox(key="snap_b2b").uncheck().run()
    at.checkbox(key="snap_non_b2b").uncheck().run()
    assert not at.warning
    at.checkbox(key="snap_total").uncheck().run()
    assert "Keep at least one of B2B, Non-B2B or Total ticked." in [w.value for w in at.warning]
    assert at.checkbox(key="snap_total").value is True
    assert list(_table(at).columns) == ["Period", "Total"]


def test_units_metric(app):
    at = open_b2b_central(sign_in(app(), "admin@example.com"))
    at.segmented_control(key="snap_metric").set_value("units").run()
    labels = [m.label for m in at.metric]
    assert labels == ["B2B units", "Non-B2B units", "Total units"]
    assert all(isinstance(v, int) for v in _table(at)["Total"])


def test_custom_range_with_end_before_start_shows_a_message(app):
    at = open_b2b_central(sign_in(app(), "admin@example.com"))
    at.segmented_control(key="snap_range").set_value("Custom").run()
    start = at.date_input(key="snap_from").value
    at.date_input(key="snap_to").set_value(start.replace(year=start.year - 1)).run()
    assert "The end date must be on or after the start date." in [e.value for e in at.error]
    assert not [m for m in at.metric if m.label.startswith("B2B")] and not at.exception  # no snapshot figures


@pytest.mark.parametrize("requested", ["foreign", "999999", "abc"])
def test_other_accounts_in_the_url_show_the_access_message(app, demo_db, requested):
    if requested == "foreign":
        requested = str(_account(demo_db, "Britannia Lab Goods").id)
    at = sign_in(app({"account": requested}), "admin@example.com")
    assert any(NO_ACCESS_MESSAGE in e.value for e in at.error)
    assert not at.dataframe and not at.metric


def test_view_only_user_sees_no_settings_and_no_editing_controls(app):
    at = sign_in(app(), "user@example.com")
    assert _titles(at) == ["B2B Central"]
    buttons = {b.label for b in at.button}
    assert buttons <= {"Minimize", "Refresh", "Save rating", "Sign out", "Sign out everywhere"}, buttons
    with pytest.raises(ValueError, match=r"Known pages: \[(?!.*audit_log).*pages/b2b_central.py"):
        at.switch_page("pages/audit_log.py")  # the audit log is not in this user's navigation


def test_admin_reaches_the_audit_log(app):
    at = sign_in(app(), "admin@example.com")
    at.switch_page("pages/audit_log.py").run()
    assert _titles(at) == ["Audit log"]
    assert "permission.grant" in set(at.dataframe[0].value["Action"])


def test_supplier_and_reviewer_land_on_their_pages(app):
    assert _titles(sign_in(app(), "supplier@example.com")) == ["Supplier portal"]
    reviewer = sign_in(app(), "reviewer@example.com")
    assert _titles(reviewer) == ["Partner authorization reviews"]
    reviewer.switch_page("pages/audit_log.py").run()
    assert _titles(reviewer) == ["Audit log"]
    assert len(reviewer.dataframe[0].value) > 0


def test_manager_can_switch_between_every_account(app, demo_db):
    at = open_b2b_central(sign_in(app(), "manager@example.com"))
    engine = make_engine(demo_db)
    with Session(engine) as s:
        n = len(s.exec(select(Account.id)).all())
    engine.dispose()
    switcher = at.selectbox(key="account_switcher")
    assert len(switcher.options) == n
    target = _account(demo_db, "Sakura Office Japan")
    switcher.set_value(target.id).run()
    assert at.query_params["account"] in (str(target.id), [str(target.id)])
    assert "Sakura Office Japan" in at.caption[0].value
    assert "￥" in at.metric[0].value


def test_wrong_password_then_lockout(app, demo_db):
    at = sign_in(app(), "manager@example.com", "wrong-password")
    assert [e.value for e in at.error] == ["Email or password is incorrect."]
    for _ in range(4):
        at = sign_in(app(), "manager@example.com", "wrong-password")
    assert "locked" in at.error[0].value and "Try again after" in at.error[0].value
    at = sign_in(app(), "manager@example.com")  # right password, still locked
    assert "locked" in at.error[0].value
    assert _titles(at) == ["B2B Seller Console"]


def test_minimized_state_and_rating_are_remembered_per_user(app):
    at = open_b2b_central(sign_in(app(), "admin@example.com"))
    assert _snapshot_shown(at)
    tables = len(at.dataframe)
    at.button(key="sales_snapshot_minimize").click().run()
    assert not _snapshot_shown(at) and len(at.dataframe) == tables - 1
    again = open_b2b_central(sign_in(app(), "admin@example.com"))
    assert not _snapshot_shown(again) and any("Minimized" in c.value for c in again.caption)
    other = open_b2b_central(sign_in(app(), "manager@example.com"))
    assert _snapshot_shown(other)  # another user's frame is not minimized
    again.button(key="sales_snapshot_minimize").click().run()
    assert _snapshot_shown(again)


def test_empty_database_says_what_to_do(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from services.db import init_db
    from tests.pages.conftest import APP

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    init_db(make_engine(url))
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "python -m seed" in at.warning[0].value


def test_no_membership_user_gets_a_plain_page(app, demo_db):
    engine = make_engine(demo_db)
    from services import accounts

    with Session(engine) as s:
        accounts.create_user(s, "lonely@example.com", "Lonely", "Lonely-pass-1")
        s.commit()
        assert not s.exec(select(Membership).join(User).where(User.email == "lonely@example.com")).first()
    engine.dispose()
    at = sign_in(app(), "lonely@example.com", "Lonely-pass-1")
    assert _titles(at) == ["No accounts yet"]
