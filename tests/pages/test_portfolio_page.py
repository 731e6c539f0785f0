"""The Portfolio, Alerts and Alert settings pages in AppTest (issue 13): who lands where, the
figures against the service, filters and search in the URL, per-currency subtotals, opening an
account, reading and snoozing alerts, and a rule saved on the settings page firing at once."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from services import alerts, portfolio
from services.db import make_engine
from services.models import Alert, AlertRule, User
from services.periods import resolve_range
from tests.conftest import NOW
from tests.helpers import LONE_STAR, MAPLE, NORTHWIND
from tests.pages.conftest import sign_in

pytestmark = pytest.mark.page


def _titles(at) -> list[str]:
    return [t.value for t in at.title]


def _table(at):
    return at.dataframe(key="pf_table").value


def _with_session(db_url: str, fn):
    engine = make_engine(db_url)
    with Session(engine) as session:
        found = fn(session)
    engine.dispose()
    return found


def _user_id(session: Session, email: str) -> int:
    return session.exec(select(User.id).where(User.email == email)).one()


def _service_frame(db_url: str, email: str, range_code: str = "30D"):
    start, end = resolve_range(range_code, NOW.date())
    return _with_session(db_url, lambda s: portfolio.portfolio(s, _user_id(s, email), start, end, NOW.date(),
                                                               now=NOW))


def _query(at, key: str):
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def test_manager_lands_on_the_portfolio_with_the_services_figures(app, demo_db):
    at = sign_in(app(), "manager@example.com")
    assert _titles(at) == ["Portfolio"]
    table = _table(at)
    expected = _service_frame(demo_db, "manager@example.com")
    assert list(zip(table["Account"], table["Marketplace"], strict=True)) == list(
        zip(expected["account_name"], expected["marketplace"], strict=True))
    assert list(table["AHR"]) == list(expected["ahr"])
    assert list(table["AHR band"]) == list(expected["ahr_band"])
    assert list(table["Open tasks"]) == list(expected["open_tasks"])
    assert list(table["Currency"]) == list(expected["currency"])
    assert list(table["B2B sales"]) == pytest.approx([float(v) for v in expected["b2b_sales"]])
    assert list(table["Open alerts"]) == list(expected["open_alerts"])
    for shown, wanted in zip(table["B2B YoY %"], expected["b2b_yoy_pct"], strict=True):
        assert (wanted is None and shown != shown) or shown == pytest.approx(wanted)  # empty (NaN) when None
    assert any(v is None for v in expected["b2b_yoy_pct"])  # the demo has a row without last year's sales…
    assert at.dataframe(key="pf_table").proto.placeholder == "—"  # …shown as a dash, not Streamlit's "None"
    # the demo has accounts in every state: some need attention, some do not
    assert 0 < int(expected.drop_duplicates("account_id")["needs_attention"].sum()) < expected["account_id"].nunique()
    assert set(table["AHR band"]) == {"Critical", "At risk", "Healthy"}
    # the navigation offers the alert pages beside the portfolio, with the unread count
    unread = _with_session(demo_db, lambda s: alerts.unread_count(s, _user_id(s, "manager@example.com"), NOW))
    assert unread > 0


def test_an_admin_of_several_accounts_sees_exactly_theirs(app, demo_db, accounts):
    at = sign_in(app(), "admin@example.com")
    assert _titles(at) == ["Portfolio"]
    assert set(_table(at)["Account"]) == {NORTHWIND, MAPLE}


def test_a_user_of_one_account_has_no_portfolio(app):
    at = sign_in(app(), "user@example.com")
    assert _titles(at) == ["B2B Central"]
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("pages/portfolio.py")


def test_filters_and_search_narrow_the_rows_and_live_in_the_url(app, demo_db):
    at = sign_in(app(), "manager@example.com")
    at.text_input(key="pf_q").input("maple").run()
    assert set(_table(at)["Account"]) == {MAPLE}
    at.text_input(key="pf_q").input("A7LONESTAR").run()  # the merchant token too
    assert set(_table(at)["Account"]) == {LONE_STAR}
    at.text_input(key="pf_q").input("").run()
    at.multiselect(key="pf_band").set_value(["Critical"]).run()
    assert list(_table(at)["AHR band"]) == ["Critical"]
    at.multiselect(key="pf_band").set_value([]).run()
    at.multiselect(key="pf_mp").set_value(["CA"]).run()
    assert set(_table(at)["Marketplace"]) == {"CA"} and set(_table(at)["Account"]) == {NORTHWIND, MAPLE}
    at.multiselect(key="pf_mp").set_value([]).run()
    at.checkbox(key="pf_attention").check().run()
    expected = _service_frame(demo_db, "manager@example.com")
    assert set(_table(at)["Account"]) == set(expected.loc[expected["needs_attention"], "account_name"])
    at.text_input(key="pf_q").input("no such seller").run()
    assert not at.dataframe or "pf_table" not in [getattr(d, "key", None) for d in at.dataframe]
    assert "No account matches these filters." in [i.value for i in at.info]


def test_a_shared_link_opens_the_same_view(app):
    at = sign_in(app({"pf_q": "northwind", "pf_mp": "CA", "pf_range": "90D"}), "manager@example.com")
    assert _titles(at) == ["Portfolio"]
    assert list(zip(_table(at)["Account"], _table(at)["Marketplace"], strict=True)) == [(NORTHWIND, "CA")]
    assert at.segmented_control(key="pf_range").value == "90D"


def test_subtotals_keep_each_currency_apart(app, demo_db):
    at = sign_in(app(), "manager@example.com")
    sub = at.dataframe[1].value  # the subtotals, under the table
    expected = portfolio.subtotals(_service_frame(demo_db, "manager@example.com"))
    assert list(sub["Currency"]) == list(expected["currency"])
    assert len(set(sub["Currency"])) == len(sub) > 1  # one row per currency, never one sum
    usd = sub[sub["Currency"] == "USD"].iloc[0]
    wanted = expected[expected["currency"] == "USD"].iloc[0]
    assert usd["B2B sales"] == f"${wanted['b2b_sales']:,.2f}"
    assert usd["Accounts"] == wanted["accounts"]


def test_opening_an_account_sets_the_switcher(app, accounts):
    at = sign_in(app(), "manager@example.com")
    at.selectbox(key="pf_open").set_value(f"{accounts[MAPLE]}|CA").run()
    at.button(key="pf_go_b2b-central").click().run()
    assert not at.exception
    assert _titles(at) == ["B2B Central"]
    assert _query(at, "account") == str(accounts[MAPLE])
    assert at.selectbox(key="account_switcher").value == accounts[MAPLE]
    assert "Maple Office Co" in at.caption[0].value


def test_opening_the_flag_of_an_account_opens_its_page(app, accounts):
    at = sign_in(app(), "manager@example.com")
    at.selectbox(key="pf_open").set_value(f"{accounts[NORTHWIND]}|US").run()
    at.button(key="pf_go_account-health").click().run()
    assert _titles(at) == ["Account Health"]
    assert _query(at, "account") == str(accounts[NORTHWIND])


def _inbox(db_url: str, email: str) -> list[Alert]:
    return _with_session(db_url, lambda s: alerts.inbox(s, _user_id(s, email), now=NOW))


def test_inbox_mark_read_and_snooze(app, demo_db):
    found = _inbox(demo_db, "manager@example.com")
    assert found
    at = sign_in(app(), "manager@example.com")
    at.switch_page("pages/alerts.py").run()
    assert _titles(at) == ["Alerts"]
    first, second = found[0], found[1]
    assert at.button(key=f"al_read_{first.id}")
    at.button(key=f"al_read_{first.id}").click().run()
    after = {a.id: a for a in _inbox(demo_db, "manager@example.com")}
    assert after[first.id].read_at is not None and after[second.id].read_at is None
    at.button(key=f"al_day_{second.id}").click().run()
    assert any("Snoozed for a day" in s.value for s in at.success)
    assert second.id not in {a.id for a in _inbox(demo_db, "manager@example.com")}
    assert not [b for b in at.button if b.key == f"al_day_{second.id}"]


def test_a_rule_saved_on_the_settings_page_fires_into_the_inbox(app, demo_db):
    at = sign_in(app(), "manager@example.com")
    at.switch_page("pages/alert_settings.py").run()
    assert _titles(at) == ["Alert settings"]
    listed = at.dataframe[0].value
    assert {"AHR enters another band", "AHA case opened or overdue", "Buyer request about to expire"} <= set(
        listed["When"])  # the defaults show
    before = {a.id for a in _inbox(demo_db, "manager@example.com")}
    at.selectbox(key="rule_kind").set_value("ahr_below").run()
    at.number_input(key="rule_threshold_ahr_below").set_value(700).run()
    at.radio(key="rule_channel").set_value("email").run()
    at.button(key="rule_save").click().run()
    assert not at.exception
    rule = _with_session(demo_db, lambda s: s.exec(select(AlertRule).where(AlertRule.kind == "ahr_below")).one())
    assert (rule.threshold, rule.channel, rule.account_id) == (700, "email", None)
    fired = [a for a in _inbox(demo_db, "manager@example.com") if a.id not in before]
    assert fired and {a.kind for a in fired} == {"ahr_below"}  # evaluated with the change
    at.switch_page("pages/alerts.py").run()
    assert any("AHR below a value" in m.value for m in at.markdown)


def test_a_buyer_request_sent_on_a_page_fires_the_managers_alert_at_once(app, demo_db, accounts):
    """run_action evaluates the alert rules with the change: the reviewer's request reaches every
    account offering the ASIN, and the manager's "New buyer request" rule (seeded) fires."""
    from services.models import Product

    asin = _with_session(demo_db, lambda s: s.exec(select(Product.asin).where(
        Product.account_id == accounts[LONE_STAR]).order_by(Product.sku)).first())
    before = {a.id for a in _inbox(demo_db, "manager@example.com")}
    at = sign_in(app(), "reviewer@example.com")
    at.switch_page("pages/new_buyer_request.py").run()
    at.selectbox(key="nbr_mp").set_value("US")
    at.text_input(key="nbr_asin").input(asin)
    at.text_input(key="nbr_buyer").input("Alert Test Buyer")
    at.button(key="FormSubmitter:nbr_form-Send request").click().run()
    assert not at.exception
    fired = [a for a in _inbox(demo_db, "manager@example.com") if a.id not in before]
    assert any(a.kind == "buyer_request_new" and a.account_id == accounts[LONE_STAR] for a in fired), fired
    manager = sign_in(app(), "manager@example.com")
    manager.switch_page("pages/alerts.py").run()
    assert any("New buyer request" in m.value for m in manager.markdown)
