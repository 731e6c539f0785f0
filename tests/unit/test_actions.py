"""Business Action Center with fixed clocks: tasks, buyer requests, profile, credentials, welcome."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from services import accounts, actions, notifications, products, profile, sales
from services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from services.models import AuditEntry, Email, Task
from tests.conftest import NOW
from tests.factories import make_account, make_user

ASIN = "B0REQUEST1"
FULL_PROFILE = {"about": "We sell tools.", "year_established": "1998", "employees": "40", "duns": "123456789",
                "website": "example.com", "business_type": "Distributor"}


def page_load(session, account_id, now):
    """What a page load does: the shell reconciles, then the page reads."""
    actions.reconcile(session, account_id, now)
    return actions.open_tasks(session, account_id, now)


def page_load_dismissed(session, account_id, now):
    actions.reconcile(session, account_id, now)
    return actions.dismissed_tasks(session, account_id, now)


@pytest.fixture
def world(session):
    """Three US accounts, two with an active offer on ASIN (one inactive elsewhere), a CA offer."""
    a, b, c = (make_account(session, "US") for _ in range(3))
    d = make_account(session, "CA")
    admin_a, admin_b = make_user(session), make_user(session)
    accounts.grant(session, None, admin_a.id, a.id, "admin")
    accounts.grant(session, None, admin_b.id, b.id, "admin")
    products.upsert_product(session, a.id, "US", ASIN, "A-1", "Pallet Jack", "500.00", "450.00")
    products.upsert_product(session, b.id, "US", ASIN, "B-1", "Pallet Jack (B)", "520.00")
    products.upsert_product(session, c.id, "US", ASIN, "C-1", "Pallet Jack (C)", "510.00", active=False)
    products.upsert_product(session, d.id, "CA", ASIN, "D-1", "Pallet Jack (CA)", "600.00")
    for account in (a, b, c, d):  # profiles complete, so only the tasks a test makes show up
        profile.save_profile(session, account.id, FULL_PROFILE, None, NOW, NOW.date())
    return {"a": a, "b": b, "c": c, "d": d, "admin_a": admin_a, "admin_b": admin_b}


def test_buyer_request_fans_out_to_active_offers_in_the_marketplace_only(session, world):
    request = actions.create_buyer_request(session, "US", ASIN, 50, NOW, buyer_name="Acme Schools",
                                           target_price="400.00")
    got = {acct: [t.title for t in page_load(session, world[acct].id, NOW)] for acct in "abcd"}
    assert got["a"] == ["Buyer request: 50 × Pallet Jack"]
    assert got["b"] == ["Buyer request: 50 × Pallet Jack (B)"]
    assert got["c"] == [] and got["d"] == []
    emails = notifications.outbox(session)
    assert sorted(e.to for e in emails) == sorted([world["admin_a"].email, world["admin_b"].email])
    assert all(e.status == "queued" and "Pallet Jack" in e.subject for e in emails)
    assert request.expires_at == NOW + timedelta(hours=48)


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"quantity": 0}, ValidationError), ({"quantity": -3}, ValidationError), ({"quantity": 2.5}, ValidationError),
    ({"asin": "B0NOSUCH00"}, NotFound), ({"asin": "short"}, ValidationError), ({"marketplace": "XX"}, ValidationError),
    ({"target_price": "abc"}, ValidationError), ({"target_price": "-1"}, ValidationError),
])
def test_bad_buyer_requests_are_refused(session, world, kwargs, error):
    args = {"marketplace": "US", "asin": ASIN, "quantity": 10, **kwargs}
    with pytest.raises(error):
        actions.create_buyer_request(session, args["marketplace"], args["asin"], args["quantity"], NOW,
                                     target_price=kwargs.get("target_price"))
    assert session.exec(select(Task)).all() == []


def test_buyer_request_task_expires_after_48_hours(session, world):
    actions.create_buyer_request(session, "US", ASIN, 10, NOW)
    a = world["a"].id
    assert len(page_load(session, a, NOW + timedelta(hours=47, minutes=59))) == 1
    assert page_load(session, a, NOW + timedelta(hours=48)) == []
    request_id = session.exec(select(Task)).first().link.split("=")[1]
    q = actions.quote(session, a, int(request_id), NOW + timedelta(hours=48))
    assert q.status == "expired"
    with pytest.raises(Conflict):
        actions.respond_to_request(session, a, int(request_id), "400.00", None, NOW + timedelta(hours=49))


def test_answering_completes_the_task_and_prices_are_capped(session, world):
    request = actions.create_buyer_request(session, "US", ASIN, 10, NOW)
    a, b = world["a"].id, world["b"].id
    with pytest.raises(ValidationError, match="at most your business price"):
        actions.respond_to_request(session, a, request.id, "450.01", None, NOW)
    with pytest.raises(ValidationError):
        actions.respond_to_request(session, a, request.id, "4x", None, NOW)
    with pytest.raises(ValidationError, match="standard price"):  # B has no business price
        actions.respond_to_request(session, b, request.id, "520.01", None, NOW)
    actions.respond_to_request(session, a, request.id, "450.00", world["admin_a"].id, NOW + timedelta(hours=1))
    assert page_load(session, a, NOW + timedelta(hours=2)) == []
    q = actions.quote(session, a, request.id, NOW + timedelta(hours=60))
    assert (q.status, q.response.unit_price_minor) == ("responded", 45000)  # answered: never "expired"
    with pytest.raises(Conflict):
        actions.decline_request(session, a, request.id, None, NOW)
    actions.decline_request(session, b, request.id, None, NOW, note="Out of stock")
    assert actions.quote(session, b, request.id, NOW).status == "declined"
    assert len(page_load(session, b, NOW)) == 0


def test_other_accounts_cannot_see_or_answer_a_request(session, world):
    request = actions.create_buyer_request(session, "US", ASIN, 10, NOW)
    with pytest.raises(NotFound):
        actions.quote(session, world["c"].id, request.id, NOW)
    with pytest.raises(PermissionDenied):
        actions.respond_to_request(session, world["a"].id, request.id, "1.00", world["admin_b"].id, NOW)


def test_derived_tasks_disappear_after_14_days_and_do_not_come_back(session, world):
    a = world["a"].id
    profile.save_profile(session, a, {**FULL_PROFILE, "duns": ""}, None, NOW, NOW.date())
    assert [t.type for t in page_load(session, a, NOW)] == ["business_profile"]
    assert page_load(session, a, NOW + timedelta(days=13, hours=23))
    assert page_load(session, a, NOW + timedelta(days=14)) == []
    assert page_load(session, a, NOW + timedelta(days=40)) == []  # still missing, not back


def test_order_is_type_then_expiry_then_age(session, world):
    a = world["a"].id
    profile.set_eligible(session, a, ["ISO 9001"])
    profile.save_profile(session, a, {**FULL_PROFILE, "about": ""}, None, NOW, NOW.date())
    page_load(session, a, NOW)
    later = actions.create_buyer_request(session, "US", ASIN, 5, NOW + timedelta(hours=2))
    sooner = actions.create_buyer_request(session, "US", ASIN, 7, NOW + timedelta(hours=1))
    tasks = page_load(session, a, NOW + timedelta(hours=3))
    assert [t.type for t in tasks] == ["buyer_request", "buyer_request", "credential", "business_profile"]
    assert [t.link for t in tasks[:2]] == [f"quote?request={sooner.id}", f"quote?request={later.id}"]


def test_dismiss_and_restore_are_audited_and_restore_restarts_the_14_days(session, world):
    a, admin = world["a"].id, world["admin_a"]
    profile.save_profile(session, a, {**FULL_PROFILE, "website": ""}, None, NOW, NOW.date())
    task = page_load(session, a, NOW)[0]
    actions.dismiss_task(session, task.id, admin.id, NOW + timedelta(days=1))
    assert page_load(session, a, NOW + timedelta(days=1)) == []
    assert [t.id for t in page_load_dismissed(session, a, NOW + timedelta(days=1))] == [task.id]
    actions.restore_task(session, task.id, admin.id, NOW + timedelta(days=13))
    assert [t.id for t in page_load(session, a, NOW + timedelta(days=26))] == [task.id]
    assert page_load(session, a, NOW + timedelta(days=27)) == []
    actions_logged = [e.action for e in session.exec(select(AuditEntry).where(AuditEntry.account_id == a)
                                                     .order_by(AuditEntry.id))]
    assert actions_logged[-2:] == ["task.dismissed", "task.restored"]


def test_another_accounts_admin_and_view_only_users_cannot_dismiss(session, world):
    a = world["a"].id
    profile.save_profile(session, a, {**FULL_PROFILE, "website": ""}, None, NOW, NOW.date())
    task = page_load(session, a, NOW)[0]
    viewer = make_user(session)
    accounts.grant(session, None, viewer.id, a, "user", {"b2b": "view", "actions": "view"})
    for user in (world["admin_b"], viewer):
        with pytest.raises(PermissionDenied):
            actions.dismiss_task(session, task.id, user.id, NOW)
    with pytest.raises(NotFound):
        actions.dismiss_task(session, 999_999, world["admin_a"].id, NOW)


def test_two_sessions_dismissing_at_once_make_one_audit_entry(engine, session, world):
    a, admin = world["a"].id, world["admin_a"]
    profile.save_profile(session, a, {**FULL_PROFILE, "website": ""}, None, NOW, NOW.date())
    task_id = page_load(session, a, NOW)[0].id
    session.commit()
    with Session(engine) as first, Session(engine) as second:
        first.get(Task, task_id), second.get(Task, task_id)  # both loaded it before either wrote
        actions.dismiss_task(first, task_id, admin.id, NOW)
        first.commit()
        actions.dismiss_task(second, task_id, admin.id, NOW + timedelta(seconds=1))
        second.commit()
    entries = session.exec(select(AuditEntry).where(AuditEntry.action == "task.dismissed")).all()
    assert len(entries) == 1


def test_profile_task_names_missing_fields_and_clears_on_the_next_load(session, world):
    a = world["a"].id
    profile.save_profile(session, a, {"about": "Hi"}, None, NOW, NOW.date())
    [task] = page_load(session, a, NOW)
    assert task.title == ("Complete your business profile: add Year established, Number of employees, "
                          "DUNS number, Website, Business type")
    profile.save_profile(session, a, FULL_PROFILE, None, NOW + timedelta(minutes=5), NOW.date())
    assert page_load(session, a, NOW + timedelta(minutes=6)) == []


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("about", "x" * 2001, "at most 2,000"), ("year_established", "1799", "from 1800"),
    ("year_established", "2027", "to 2026"), ("year_established", "19x8", "from 1800"),
    ("employees", "0", "above zero"), ("employees", "-4", "above zero"), ("employees", "2.5", "above zero"),
    ("duns", "12345678", "exactly 9 digits"), ("duns", "12345678a", "exactly 9 digits"),
    ("website", "not a site", "web address"), ("website", "ftp://x.com", "web address"),
    ("business_type", "Pirate", "one of"),
])
def test_profile_field_rules(field, value, expected):
    with pytest.raises(ValidationError) as exc:
        profile.validate_profile({**FULL_PROFILE, field: value}, date(2026, 6, 15))
    assert exc.value.field == field and expected in exc.value.reasons[0]


def test_profile_accepts_good_values():
    clean = profile.validate_profile({**FULL_PROFILE, "about": "x" * 2000, "year_established": "2026",
                                      "duns": "12-345-6789"}, date(2026, 6, 15))
    assert (clean["duns"], clean["website"], clean["year_established"]) == ("123456789", "https://example.com", 2026)


def test_credentials_show_until_their_expiry_day_and_warn_30_days_before(session, world):
    a = world["a"].id
    profile.set_eligible(session, a, ["ISO 9001", "AS9100"])
    today = date(2026, 6, 15)
    assert [t.key for t in page_load(session, a, NOW)] == ["credential:ISO 9001", "credential:AS9100"]
    with pytest.raises(ValidationError) as exc:
        profile.approve_credential(session, a, "ISO 9001", "", "", today + timedelta(days=1), today, None, NOW, today)
    assert set(exc.value.by_field) == {"issuing_agency", "certificate_number", "issued_on", "expires_on"}
    profile.approve_credential(session, a, "ISO 9001", "TÜV", "C-1", date(2024, 1, 1), date(2026, 7, 10), None,
                               NOW, today)
    assert [t.key for t in page_load(session, a, NOW)] == ["credential:AS9100"]
    statuses = {s.credential: s for s in profile.credential_statuses(session, a, today)}
    assert statuses["ISO 9001"].expiring_soon and statuses["ISO 9001"].approved
    assert not statuses["AS9100"].approved
    assert profile.credential_badges(session, a, date(2026, 7, 9)) == ["ISO 9001"]
    assert profile.credential_badges(session, a, date(2026, 7, 10)) == []  # gone on its expiry day
    with pytest.raises(ValidationError):
        profile.approve_credential(session, a, "Women-Owned Small Business", "SBA", "1", date(2024, 1, 1),
                                   date(2027, 1, 1), None, NOW, today)  # not eligible


def test_welcome_series_for_new_b2b_sellers_clears_step_by_step(session, world):
    a = world["a"].id
    profile.set_eligible(session, a, ["ISO 9001"])
    profile.approve_credential(session, a, "ISO 9001", "TÜV", "C-1", date(2024, 1, 1), date(2030, 1, 1), None,
                               NOW, NOW.date())
    products.upsert_product(session, a, "US", "B0NOBIZ001", "A-2", "Cart", "100.00")  # no business price
    line = {"account_id": a, "marketplace": "US", "asin": ASIN, "sku": "A-1", "units": 1, "sales": "450.00",
            "is_business_order": True, "order_id": "w1", "purchase_date": NOW.date() - timedelta(days=10)}
    sales.record_order_lines(session, [line])
    keys = [t.key for t in page_load(session, a, NOW)]
    assert keys == ["welcome:business_prices", "welcome:quantity_discounts", "welcome:credentials"]
    assert all(t.link in ("sku", "credentials") for t in page_load(session, a, NOW))
    products.set_offer_prices(session, a, "A-2", "100.00", "95.00", [products.TierInput(10, "fixed", "90.00")],
                              None, NOW)
    profile.mark_credentials_reviewed(session, a, None, NOW)
    assert page_load(session, a, NOW + timedelta(minutes=1)) == []
    # a seller whose first B2B order is older than 60 days gets no welcome series
    b = world["b"].id
    sales.record_order_lines(session, [{**line, "account_id": b, "sku": "B-1", "order_id": "old",
                                        "purchase_date": NOW.date() - timedelta(days=61)}])
    assert [t for t in page_load(session, b, NOW) if t.type == "welcome"] == []


def test_outbox_lists_newest_first_and_filters(session, world):
    notifications.queue_email(session, "x@example.com", "One", "body", NOW, world["a"].id)
    notifications.queue_email(session, "y@example.com", "Two", "body", NOW + timedelta(seconds=1))
    assert [e.subject for e in notifications.outbox(session)] == ["Two", "One"]
    assert [e.subject for e in notifications.outbox(session, to="X@example.com")] == ["One"]
    assert [e.subject for e in notifications.outbox(session, account_ids=[world["a"].id])] == ["One"]
    assert session.exec(select(Email)).all()


def test_decimal_max_price_is_the_business_price(session, world):
    request = actions.create_buyer_request(session, "US", ASIN, 3, NOW)
    assert actions.quote(session, world["a"].id, request.id, NOW).max_price == Decimal("450.00")


def test_reading_tasks_writes_nothing(session):
    """Reads never write (DESIGN.md): open_tasks shows what the last reconcile left, and only
    reconcile makes the derived tasks."""
    account = make_account(session, "US")
    assert actions.open_tasks(session, account.id, NOW) == []
    assert session.exec(select(Task).where(Task.account_id == account.id)).all() == []
    actions.reconcile(session, account.id, NOW)
    assert [t.type for t in actions.open_tasks(session, account.id, NOW)] == ["business_profile"]
