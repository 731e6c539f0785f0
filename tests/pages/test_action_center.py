"""Business Action Center in AppTest: dismiss and restore; the profile task follows the profile."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from services.db import make_engine
from services.models import Account
from tests.pages.conftest import sign_in

pytestmark = pytest.mark.page


def _account_id(demo_db, name):
    engine = make_engine(demo_db)
    with Session(engine) as s:
        account_id = s.exec(select(Account).where(Account.name == name)).one().id
    engine.dispose()
    return account_id


def test_dismiss_then_restore(app, demo_db):
    account = _account_id(demo_db, "Lone Star Janitorial")  # its admin: owner.a7lonestar0us1@example.com
    at = sign_in(app({"account": str(account)}), "owner.a7lonestar0us1@example.com")
    buttons = [b for b in at.button if b.key and b.key.startswith("bac_")]
    assert len(buttons) >= 2 and {b.label for b in buttons} == {"Dismiss"}
    count, first = len(buttons), buttons[0].help
    buttons[0].click().run()
    assert not at.exception
    remaining = [b.help for b in at.button if b.key and b.key.startswith("bac_")]
    assert first not in remaining and len(remaining) == count - 1
    # the confirmation is drawn by the widget's run, not by the click's callback (a callback of a
    # fragment that draws puts its element at the top of the app, and Streamlit warns)
    assert [t.value for t in at.toast] == ["Task dismissed. Turn on “Show dismissed” to bring it back."]
    at.toggle(key="bac_dismissed").set_value(True).run()
    restore = [b for b in at.button if b.key and b.key.startswith("bac_")]
    assert [b.label for b in restore] == ["Restore"]
    assert restore[0].help == first.replace("Dismiss", "Restore")
    restore[0].click().run()
    at.toggle(key="bac_dismissed").set_value(False).run()
    assert len([b for b in at.button if b.key and b.key.startswith("bac_")]) == count


def test_view_only_user_sees_tasks_without_dismiss(app):
    at = sign_in(app(), "user@example.com")
    assert any(s.value == "Business Action Center" for s in at.subheader)
    assert not [b for b in at.button if b.key and b.key.startswith("bac_")]


def test_profile_task_names_missing_fields_and_goes_away_when_saved(app, demo_db):
    account = _account_id(demo_db, "Rheinland Werkzeug GmbH")  # profile without a website
    at = sign_in(app({"account": str(account)}), "owner.a4rhein0000de1@example.com")
    titles = [p.label.replace("\\", "") for p in at.get("page_link")]
    assert any("Complete your business profile: add Website" in t for t in titles), titles
    at.switch_page("pages/business_profile.py").run()
    assert any("Still missing: Website." in w.value for w in at.warning)
    at.text_input(key="pf_website").input("not a site")
    at.button(key="FormSubmitter:profile_form-Save profile").click().run()
    assert any("web address" in e.value for e in at.error)
    at.text_input(key="pf_website").input("rheinland-werkzeug.de")
    at.button(key="FormSubmitter:profile_form-Save profile").click().run()
    assert not at.error and any("complete" in s.value for s in at.success)
    at.switch_page("pages/b2b_central.py").run()
    titles = [p.label.replace("\\", "") for p in at.get("page_link")]
    assert not any("business profile" in t for t in titles), titles


def test_reviewer_creates_a_buyer_request_and_bad_input_stays_beside_its_field(app, demo_db):
    from services.models import Product

    engine = make_engine(demo_db)
    with Session(engine) as s:
        account = s.exec(select(Account).where(Account.name == "Lone Star Janitorial")).one()
        asin = s.exec(select(Product.asin).where(Product.account_id == account.id).order_by(Product.sku)).first()
    engine.dispose()
    at = sign_in(app(), "reviewer@example.com")
    at.switch_page("pages/new_buyer_request.py").run()
    at.text_input(key="nbr_asin").input("B0NOTSOLD0")
    at.button(key="FormSubmitter:nbr_form-Send request").click().run()
    assert any("No seller has an active offer" in e.value for e in at.error)
    at.text_input(key="nbr_asin").input("bad")
    at.button(key="FormSubmitter:nbr_form-Send request").click().run()
    assert any("10 capital letters" in e.value for e in at.error)
    at.selectbox(key="nbr_mp").set_value("US")
    at.text_input(key="nbr_asin").input(asin)
    at.text_input(key="nbr_buyer").input("Test Buyer <script>")
    at.button(key="FormSubmitter:nbr_form-Send request").click().run()
    assert not at.exception and any("expires in 48 hours" in s.value for s in at.success)
    owner = sign_in(app({"account": str(account.id)}), "owner.a7lonestar0us1@example.com")
    titles = [p.label.replace("\\", "") for p in owner.get("page_link")]
    assert any(t.startswith("Buyer request: 25 ×") for t in titles), titles
