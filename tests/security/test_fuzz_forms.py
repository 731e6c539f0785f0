"""Fuzzing every form's service (issue 11): any text — any unicode, 10 kB, control characters,
markup, formulas — is either saved or refused with a ValidationError that names a field. Never
another exception (a crash would put a traceback on the page, or lose the user's other input).
Runs on SQLite and on PostgreSQL (which refuses NUL characters outright)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services import accounts, actions, health, partners, prefs, products, profile, shipments, suppliers, team
from services.errors import DomainError, ValidationError
from tests.conftest import NOW
from tests.factories import make_account, make_user

TODAY = NOW.date()
HOSTILE = ["<script>alert(1)</script>", "=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3", "@import", "**bold** [x](http://e.x)",
           "![i](http://e.x/i.png)", "\x00", "a\x00b", "\u202e\u2066", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎉", "x" * 10_000, "  ", "", "\n\n",
           "1e999999", "NaN", "-0", "9" * 5000, "Robert'); DROP TABLE account;--", "\t=1", "\r=1"]
TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300), st.text(min_size=5000, max_size=10_000))
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])


@pytest.fixture
def world(session):
    account = make_account(session, "US")
    admin = make_user(session)
    accounts.grant(session, None, admin.id, account.id, "admin")
    reviewer = make_user(session, kind="reviewer")
    products.upsert_product(session, account.id, "US", "B0FUZZ0001", "FUZZ-1", "Fuzz crate", "20.00", "18.00")
    profile.set_eligible(session, account.id, ["ISO 9001"])
    invitation = suppliers.invite_supplier(session, account.id, admin.id, "Harbor", "", "h@harbor.example", "other",
                                           NOW)
    supplier = suppliers.accept_invitation(session, invitation.token, "Sam", "Supplier-pass-1", NOW)
    company = suppliers.supplier_company(session, supplier.id)
    shipment = shipments.create_shipment(session, account.id, admin.id, "S", "PHX7", [("FUZZ-1", 3)], NOW)
    shipments.share_shipment(session, account.id, shipment.id, company.id, admin.id, NOW)
    connection = suppliers.connections(session, account.id)[0].connection
    request = actions.create_buyer_request(session, "US", "B0FUZZ0001", 10, NOW)
    for i in range(1, 181):
        health.record_ahr(session, account.id, TODAY - timedelta(days=i), 700, today=TODAY)
    health.set_emergency_phone(session, account.id, "+14155550132")
    health.reconcile(session, account.id, NOW)
    case = health.open_case(session, account.id, "Review", NOW, reviewer.id)
    brand = partners.create_brand(session, account.id, "Fuzz Brand")
    session.flush()
    return {"session": session, "account": account.id, "admin": admin.id, "reviewer": reviewer.id,
            "supplier": supplier.id, "shipment": shipment.id, "connection": connection.id, "request": request.id,
            "case": case.id, "brand": brand.id, "company": company.id}


def attempt(world, call) -> None:
    """Run one form submission in a savepoint: saved, or refused naming a field; nothing else."""
    session = world["session"]
    savepoint = session.begin_nested()
    try:
        call()
        session.flush()
    except ValidationError as exc:
        assert exc.by_field and all(exc.by_field.values()), f"a refusal must name its field: {exc.reasons}"
    except DomainError:
        pass  # a rule of the domain (a conflict, a missing record): a plain message, also fine
    finally:
        savepoint.rollback()


FORMS = {
    "business profile": lambda w, t: profile.save_profile(
        w["session"], w["account"], {"about": t, "year_established": t, "employees": t, "duns": t, "website": t,
                                     "business_type": t}, w["admin"], NOW, TODAY),
    "credential": lambda w, t: profile.approve_credential(w["session"], w["account"], "ISO 9001", t, t,
                                                          TODAY - timedelta(days=1), TODAY + timedelta(days=30),
                                                          w["admin"], NOW, TODAY),
    "quote": lambda w, t: actions.respond_to_request(w["session"], w["account"], w["request"], t, w["admin"], NOW),
    "decline": lambda w, t: actions.decline_request(w["session"], w["account"], w["request"], w["admin"], NOW, t),
    "buyer request": lambda w, t: actions.create_buyer_request(w["session"], "US", t, 5, NOW, buyer_name=t,
                                                               message=t, target_price=t),
    "buyer request (good ASIN)": lambda w, t: actions.create_buyer_request(w["session"], "US", "B0FUZZ0001", 5, NOW,
                                                                           buyer_name=t, message=t),
    "invite supplier": lambda w, t: suppliers.invite_supplier(w["session"], w["account"], w["admin"], t, t, t,
                                                              "other", NOW),
    "invite user": lambda w, t: team.invite_user(w["session"], w["account"], w["admin"], t, "user", None, NOW),
    "removal": lambda w, t: suppliers.request_removal(w["session"], w["account"], w["connection"], w["admin"], t,
                                                      NOW),
    "invite seller": lambda w, t: suppliers.invite_seller(w["session"], w["supplier"], t, NOW),
    "create shipment": lambda w, t: shipments.create_shipment(w["session"], w["account"], w["admin"], t, t,
                                                              [("FUZZ-1", t), (t, "1")], NOW),
    "complete shipment": lambda w, t: shipments.complete_shipment(
        w["session"], w["supplier"], w["shipment"], [{"weight_kg": t, "length_cm": "1", "width_cm": t,
                                                      "height_cm": "2"}], t, [t, t], TODAY, NOW),
    "emergency phone": lambda w, t: health.set_emergency_phone(w["session"], w["account"], t, w["admin"], NOW),
    "plan": lambda w, t: health.submit_plan(w["session"], w["account"], w["case"], w["admin"], t, t, t, NOW),
    "open case": lambda w, t: health.open_case(w["session"], w["account"], t, NOW, w["reviewer"]),
    "scores csv": lambda w, t: health.import_ahr_csv(w["session"], w["account"], t, w["admin"], NOW),
    "prices": lambda w, t: products.set_offer_prices(w["session"], w["account"], "FUZZ-1", t, t,
                                                     [products.TierInput(t, "fixed", t),
                                                      products.TierInput("5", "percent", t)], w["admin"], NOW),
    "authorization": lambda w, t: partners.request_authorization(w["session"], w["brand"], t, [t], [t], TODAY,
                                                                 TODAY + timedelta(days=5), w["admin"], NOW),
    "rating": lambda w, t: prefs.rate_widget(w["session"], w["admin"], "sales_snapshot", 4, t, NOW),
    "new user": lambda w, t: accounts.create_user(w["session"], t, t, t),
}


@pytest.mark.parametrize("form", list(FORMS))
def test_any_text_is_saved_or_refused_beside_a_field(world, form):
    @FUZZ
    @given(text=TEXT)
    def check(text):
        attempt(world, lambda: FORMS[form](world, text))

    check()


@pytest.mark.parametrize("text", ["Fuzz & Sons <b>", "=1+2", "Ünïcödé 名前", "O'Brien"])
def test_ordinary_odd_text_is_saved_as_given(world, text):
    """Not vacuous: odd but legal text goes through and comes back exactly."""
    session = world["session"]
    invitation = suppliers.invite_supplier(session, world["account"], world["admin"], text, text,
                                           "odd@harbor.example", "other", NOW)
    assert (invitation.company, invitation.contact_name) == (text, text)
    saved = profile.save_profile(session, world["account"], {"about": text}, world["admin"], NOW, TODAY)
    assert saved.about == text
