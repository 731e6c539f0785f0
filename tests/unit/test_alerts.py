"""Alerts: every kind fires once per condition, clears and fires again; defaults; snooze; email and
the daily digest; only people who can see the account (and its area) get them. Fixed clocks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from services import accounts, actions, alerts, config, health, notifications, partners, products, profile, sales, team
from services.errors import NotFound, PermissionDenied, ValidationError
from services.models import Alert, AlertRule, HealthMetric, User
from tests.conftest import NOW
from tests.factories import make_account, make_user
from tests.portfolio_builders import authorization, history, line, shipment

TODAY = NOW.date()


@pytest.fixture
def shop(session):
    """A US account with an admin, a manager and a user who sees only the Action Center."""
    account = make_account(session, "US", name="Alpha Supplies")
    admin, manager, clerk = make_user(session), make_user(session), make_user(session)
    accounts.grant(session, None, admin.id, account.id, "admin")
    accounts.grant(session, None, manager.id, account.id, "manager")
    accounts.grant(session, None, clerk.id, account.id, "user", {"actions": "view"})
    history(session, account.id, TODAY, good=700)
    health.set_emergency_phone(session, account.id, "+1 415 555 0100")
    products.upsert_product(session, account.id, "US", "B0ALERT001", "AL-1", "Gloves", "20.00", "18.00")
    session.commit()
    return {"account": account, "admin": admin, "manager": manager, "clerk": clerk}


def _kinds(fired, user_id) -> list[str]:
    return sorted(a.kind for a in fired if a.user_id == user_id)


# --- one condition per kind: make it true, and make it clear ---------------------------------------------


def _ahr_below(session, a, now):
    health.record_ahr(session, a.id, TODAY, 240)
    return lambda: health.record_ahr(session, a.id, TODAY, 300)


def _ahr_band_change(session, a, now):
    health.record_ahr(session, a.id, TODAY, 150)  # Healthy yesterday, At risk today
    return lambda: health.record_ahr(session, a.id, TODAY, 700)


def _ahr_drop(session, a, now):
    health.record_ahr(session, a.id, TODAY, 640)  # 700 → 640 within 7 days, threshold 50
    return lambda: health.record_ahr(session, a.id, TODAY, 690)


def _b2b_sales_drop(session, a, now):
    rows = [line(a.id, "US", TODAY - timedelta(days=d), "100.00" if d > 7 else "50.00", True) for d in range(1, 15)]
    sales.record_order_lines(session, rows)  # 700 the week before, 350 the last 7 days: −50 %
    return lambda: sales.record_order_lines(session, [line(a.id, "US", TODAY - timedelta(days=2), "400.00", True)])


def _buyer_request_new(session, a, now):
    request = actions.create_buyer_request(session, "US", "B0ALERT001", 20, now - timedelta(hours=1))
    return lambda: actions.decline_request(session, a.id, request.id, None, now)


def _buyer_request_expiring(session, a, now):
    request = actions.create_buyer_request(session, "US", "B0ALERT001", 20, now - timedelta(hours=43))
    return lambda: actions.respond_to_request(session, a.id, request.id, "15.00", None, now)


def _credential_expiring(session, a, now):
    profile.set_eligible(session, a.id, ["ISO 9001"])
    profile.approve_credential(session, a.id, "ISO 9001", "Body", "N-1", TODAY - timedelta(days=300),
                               TODAY + timedelta(days=20), None, now, TODAY)
    return None  # clears on its expiry day (see the clearing test)


def _authorization_expiring(session, a, now):
    partner = make_account(session, "US", name="Partner Co")
    history(session, partner.id, TODAY, good=950, days=2)
    authorization(session, a.id, partner.merchant_token, TODAY, now, end_in_days=10, approve=True)
    return None


def _shipment_shipped(session, a, now):
    shipment(session, a.id, now - timedelta(hours=2), "shipped")
    return None


def _aha_case(session, a, now):
    health.reconcile(session, a.id, NOW)  # enrols
    case = health.open_case(session, a.id, "Listing review", now - timedelta(hours=2))
    return lambda: health.resolve_case(session, case.id, None, now)


def _metric_off_target(session, a, now):
    session.add(HealthMetric(account_id=a.id, metric="late_shipment_rate", segment="all", value_pct=5.5, as_of=TODAY))
    session.flush()
    return lambda: session.merge(HealthMetric(account_id=a.id, metric="late_shipment_rate", segment="all",
                                              value_pct=2.0, as_of=TODAY))


SETUPS = {"ahr_below": _ahr_below, "ahr_band_change": _ahr_band_change, "ahr_drop": _ahr_drop,
          "b2b_sales_drop": _b2b_sales_drop, "buyer_request_new": _buyer_request_new,
          "buyer_request_expiring": _buyer_request_expiring, "credential_expiring": _credential_expiring,
          "authorization_expiring": _authorization_expiring, "shipment_shipped": _shipment_shipped,
          "aha_case": _aha_case, "metric_off_target": _metric_off_target}


def test_every_kind_has_a_setup():
    assert set(SETUPS) == set(config.ALERT_KINDS)


@pytest.mark.parametrize("kind", config.ALERT_KINDS)
def test_each_kind_fires_once_and_clears(session, shop, kind):
    a, manager = shop["account"], shop["manager"]
    for default in config.ALERT_DEFAULT_KINDS:  # only the kind under test
        alerts.remove_rule(session, manager.id, default, now=NOW)
    alerts.set_rule(session, manager.id, kind, now=NOW)
    assert [x for x in alerts.evaluate(session, NOW) if x.user_id == manager.id] == []  # nothing holds yet
    clear = SETUPS[kind](session, a, NOW)
    fired = [x for x in alerts.evaluate(session, NOW) if x.user_id == manager.id]
    assert [x.kind for x in fired] == [kind], [x.message for x in fired]
    assert fired[0].account_id == a.id and fired[0].message and f"account={a.id}" in fired[0].link
    assert [x for x in alerts.evaluate(session, NOW + timedelta(minutes=5)) if x.user_id == manager.id] == []
    if clear is not None:
        clear()
        session.flush()
        assert [x for x in alerts.evaluate(session, NOW + timedelta(minutes=10)) if x.user_id == manager.id] == []
        session.refresh(fired[0])
        assert fired[0].cleared_at == NOW + timedelta(minutes=10)
    inbox = alerts.inbox(session, manager.id, now=NOW + timedelta(minutes=10))
    assert [x.id for x in inbox] == [fired[0].id]


def test_time_based_kinds_clear_as_time_passes_and_the_same_condition_fires_again(session, shop):
    a, manager = shop["account"], shop["manager"]
    for kind in ("credential_expiring", "authorization_expiring", "shipment_shipped", "ahr_below"):
        alerts.set_rule(session, manager.id, kind, now=NOW)
    _credential_expiring(session, a, NOW)
    _authorization_expiring(session, a, NOW)
    _shipment_shipped(session, a, NOW)
    assert _kinds(alerts.evaluate(session, NOW), manager.id) == [
        "authorization_expiring", "credential_expiring", "shipment_shipped"]
    later = NOW + timedelta(days=21)  # the credential expired, the authorization ended, the shipment is old news
    partners.expire(session, later)  # the cron's reconciliation
    alerts.evaluate(session, later)
    open_kinds = {x.kind for x in alerts.inbox(session, manager.id, now=later, open_only=True)}
    assert not open_kinds & {"credential_expiring", "authorization_expiring", "shipment_shipped"}
    # a condition that clears can fire again later: a new alert, the old one stays cleared
    health.record_ahr(session, a.id, TODAY, 100)
    one = alerts.evaluate(session, NOW)
    health.record_ahr(session, a.id, TODAY, 700)
    alerts.evaluate(session, NOW + timedelta(hours=1))
    health.record_ahr(session, a.id, TODAY, 120)
    two = alerts.evaluate(session, NOW + timedelta(hours=2))
    below = [x for x in one + two if x.kind == "ahr_below" and x.user_id == manager.id]
    assert len(below) == 2 and below[0].condition_key == below[1].condition_key
    assert session.get(Alert, below[0].id).cleared_at == NOW + timedelta(hours=1)
    assert session.get(Alert, below[1].id).cleared_at is None


def test_defaults_are_on_for_admins_and_managers_only(session, shop):
    a = shop["account"]
    health.reconcile(session, a.id, NOW)
    health.open_case(session, a.id, "Listing review", NOW - timedelta(hours=1))
    actions.create_buyer_request(session, "US", "B0ALERT001", 20, NOW - timedelta(hours=45))
    health.record_ahr(session, a.id, TODAY, 90)  # Healthy → Critical
    fired = alerts.evaluate(session, NOW)
    want = ["aha_case", "ahr_band_change", "buyer_request_expiring"]
    assert _kinds(fired, shop["admin"].id) == want and _kinds(fired, shop["manager"].id) == want
    assert _kinds(fired, shop["clerk"].id) == []  # a plain user has no defaults
    listed = alerts.rules(session, shop["manager"].id)
    assert [(r.kind, r.is_default, r.id) for r in listed] == [
        ("ahr_band_change", True, None), ("buyer_request_expiring", True, None), ("aha_case", True, None)]
    assert alerts.rules(session, shop["clerk"].id) == []
    # removing a default keeps it off; its open alerts clear at the next evaluation
    alerts.remove_rule(session, shop["manager"].id, "aha_case", now=NOW)
    alerts.evaluate(session, NOW + timedelta(minutes=1))
    assert {x.kind for x in alerts.inbox(session, shop["manager"].id, now=NOW, open_only=True)} == {
        "ahr_band_change", "buyer_request_expiring"}
    assert [r.enabled for r in alerts.rules(session, shop["manager"].id) if r.kind == "aha_case"] == [False]


def test_an_account_rule_beats_the_all_accounts_rule_and_never_duplicates(session, shop):
    a, manager = shop["account"], shop["manager"]
    other = make_account(session, "US")
    accounts.grant(session, None, manager.id, other.id, "manager")
    history(session, other.id, TODAY, good=700)
    alerts.set_rule(session, manager.id, "ahr_below", threshold=500, now=NOW)
    alerts.set_rule(session, manager.id, "ahr_below", account_id=a.id, threshold=200, channel="email", now=NOW)
    health.record_ahr(session, a.id, TODAY, 300)  # below 500 but not below 200: this account's rule says no
    health.record_ahr(session, other.id, TODAY, 300)
    fired = [x for x in alerts.evaluate(session, NOW) if x.kind == "ahr_below"]
    assert [(x.account_id, x.channel) for x in fired] == [(other.id, "in_app")]
    health.record_ahr(session, a.id, TODAY, 150)
    fired = [x for x in alerts.evaluate(session, NOW) if x.kind == "ahr_below"]
    assert [(x.account_id, x.channel) for x in fired] == [(a.id, "email")]
    for _ in range(3):
        assert [x for x in alerts.evaluate(session, NOW) if x.kind == "ahr_below"] == []
    assert len(session.exec(select(AlertRule).where(AlertRule.user_id == manager.id)).all()) == 2
    alerts.set_rule(session, manager.id, "ahr_below", threshold=400, now=NOW)  # changes the rule, no new row
    assert len(session.exec(select(AlertRule).where(AlertRule.user_id == manager.id)).all()) == 2


def test_the_open_alert_index_refuses_a_second_open_alert(session, shop):
    a, manager = shop["account"], shop["manager"]
    row = {"user_id": manager.id, "account_id": a.id, "kind": "ahr_below", "condition_key": f"ahr_below:{a.id}",
           "marketplace": None, "message": "m", "link": "", "channel": "in_app", "fired_at": NOW}
    assert len(alerts._insert_new(session, [row])) == 1
    assert alerts._insert_new(session, [row, row]) == []  # another evaluation got there first


def test_email_channel_queues_one_email_per_alert(session, shop):
    manager = shop["manager"]
    alerts.set_rule(session, manager.id, "buyer_request_new", channel="email", now=NOW)
    actions.create_buyer_request(session, "US", "B0ALERT001", 20, NOW - timedelta(hours=1))
    fired = [x for x in alerts.evaluate(session, NOW) if x.kind == "buyer_request_new"]
    assert fired[0].emailed_at == NOW
    (email,) = [e for e in notifications.outbox(session, to=manager.email) if e.subject.startswith("Alert:")]
    assert email.subject == "Alert: Alpha Supplies — New buyer request"
    assert "20 units of ASIN B0ALERT001" in email.body and "/quote?account=" in email.body
    alerts.evaluate(session, NOW + timedelta(minutes=1))
    assert len([e for e in notifications.outbox(session, to=manager.email) if e.subject.startswith("Alert:")]) == 1


def test_daily_digest_once_a_day_with_every_pending_alert(session, shop):
    manager, a = shop["manager"], shop["account"]
    alerts.set_rule(session, manager.id, "ahr_below", channel="digest", now=NOW)
    alerts.set_rule(session, manager.id, "buyer_request_new", channel="digest", now=NOW)
    health.record_ahr(session, a.id, TODAY, 200)
    actions.create_buyer_request(session, "US", "B0ALERT001", 20, NOW - timedelta(hours=1))
    alerts.evaluate(session, NOW)
    early = NOW.replace(hour=config.ALERT_DIGEST_HOUR_UTC - 1)
    assert alerts.send_digests(session, early) == []
    (digest,) = alerts.send_digests(session, NOW)
    assert digest.to == manager.email and digest.subject == f"Your alerts for {TODAY:%d %b %Y}: 2 new"
    assert "Alpha Supplies" in digest.body and "AHR 200 is below 250" in digest.body
    assert "New buyer request" in digest.body and "[open]" in digest.body
    assert alerts.send_digests(session, NOW + timedelta(hours=3)) == []  # once a day
    health.record_ahr(session, a.id, TODAY, 700)
    alerts.evaluate(session, NOW + timedelta(hours=4))  # the AHR alert clears, no new alert
    assert alerts.send_digests(session, NOW + timedelta(days=1)) == []  # nothing new: no email
    actions.create_buyer_request(session, "US", "B0ALERT001", 30, NOW + timedelta(days=1))
    alerts.evaluate(session, NOW + timedelta(days=1, hours=1))
    (second,) = alerts.send_digests(session, NOW + timedelta(days=1, hours=2))
    assert second.subject.endswith("1 new") and "30 units" in second.body


def test_snooze_hides_an_alert_for_a_day_or_a_week(session, shop):
    manager, a = shop["manager"], shop["account"]
    health.record_ahr(session, a.id, TODAY, 90)
    (alert,) = [x for x in alerts.evaluate(session, NOW) if x.user_id == manager.id]
    assert alerts.unread_count(session, manager.id, NOW) == 1
    alerts.mark_read(session, manager.id, alert.id, NOW)
    assert alerts.unread_count(session, manager.id, NOW) == 0 and alerts.inbox(session, manager.id, True, now=NOW) == []
    alerts.snooze(session, manager.id, alert.id, "day", NOW)
    assert alerts.inbox(session, manager.id, now=NOW + timedelta(hours=23)) == []
    back = alerts.inbox(session, manager.id, now=NOW + timedelta(days=1))
    assert [x.id for x in back] == [alert.id] and back[0].read_at is None  # back, unread
    alerts.snooze(session, manager.id, alert.id, "week", NOW)
    assert alerts.unread_count(session, manager.id, NOW + timedelta(days=6)) == 0
    assert alerts.unread_count(session, manager.id, NOW + timedelta(days=7)) == 1
    with pytest.raises(ValidationError):
        alerts.snooze(session, manager.id, alert.id, "month", NOW)
    with pytest.raises(NotFound):  # someone else's alert is no alert
        alerts.snooze(session, shop["admin"].id, alert.id, "day", NOW)
    assert alerts.mark_all_read(session, manager.id, NOW + timedelta(days=8)) == 1


def test_removing_access_stops_alerts_at_once(session, shop):
    manager, a = shop["manager"], shop["account"]
    alerts.set_rule(session, manager.id, "ahr_below", channel="digest", now=NOW)
    health.record_ahr(session, a.id, TODAY, 90)
    alerts.evaluate(session, NOW)
    assert {x.kind for x in alerts.inbox(session, manager.id, now=NOW)} == {"ahr_below", "ahr_band_change"}
    team.remove_member(session, a.id, None, manager.id, NOW)
    assert alerts.inbox(session, manager.id, now=NOW) == [] and alerts.unread_count(session, manager.id, NOW) == 0
    assert alerts.open_alert_counts(session, manager.id, NOW) == {}
    assert alerts.send_digests(session, NOW) == []  # the digest leaves it out too
    health.record_ahr(session, a.id, TODAY, 80)
    assert [x for x in alerts.evaluate(session, NOW + timedelta(hours=1)) if x.user_id == manager.id] == []
    assert all(x.cleared_at is not None for x in session.exec(select(Alert).where(Alert.user_id == manager.id)))
    with pytest.raises(PermissionDenied):
        alerts.set_rule(session, manager.id, "ahr_below", account_id=a.id, now=NOW)


def test_alerts_need_the_area_of_their_kind(session, shop):
    clerk, a = shop["clerk"], shop["account"]  # sees the Action Center only
    with pytest.raises(PermissionDenied):
        alerts.set_rule(session, clerk.id, "ahr_below", account_id=a.id, now=NOW)
    alerts.set_rule(session, clerk.id, "ahr_below", now=NOW)  # for all accounts: no Account Health here
    alerts.set_rule(session, clerk.id, "buyer_request_new", account_id=a.id, now=NOW)
    health.record_ahr(session, a.id, TODAY, 90)
    actions.create_buyer_request(session, "US", "B0ALERT001", 20, NOW - timedelta(hours=1))
    assert _kinds(alerts.evaluate(session, NOW), clerk.id) == ["buyer_request_new"]


def test_evaluating_one_account_leaves_the_others_alone(session, shop):
    a, manager = shop["account"], shop["manager"]
    other = make_account(session, "US")
    accounts.grant(session, None, manager.id, other.id, "manager")
    history(session, other.id, TODAY)
    for account in (a, other):
        health.record_ahr(session, account.id, TODAY, 90)
    assert {x.account_id for x in alerts.evaluate(session, NOW, account_ids=[a.id])} == {a.id}
    health.record_ahr(session, a.id, TODAY, 700)
    alerts.evaluate(session, NOW, account_ids=[other.id])  # does not clear a's alert
    assert {x.account_id for x in alerts.inbox(session, manager.id, now=NOW, open_only=True)} == {a.id, other.id}
    alerts.evaluate(session, NOW, account_ids=[a.id])
    assert {x.account_id for x in alerts.inbox(session, manager.id, now=NOW, open_only=True)} == {other.id}


def test_rules_are_checked(session, shop):
    manager = shop["manager"]
    with pytest.raises(ValidationError, match="Unknown alert kind"):
        alerts.set_rule(session, manager.id, "weather", now=NOW)
    with pytest.raises(ValidationError, match="from 1 to 100"):
        alerts.set_rule(session, manager.id, "b2b_sales_drop", threshold=150, now=NOW)
    with pytest.raises(ValidationError, match="takes no threshold"):
        alerts.set_rule(session, manager.id, "aha_case", threshold=3, now=NOW)
    with pytest.raises(ValidationError):
        alerts.set_rule(session, manager.id, "aha_case", channel="sms", now=NOW)
    with pytest.raises(NotFound):
        alerts.remove_rule(session, manager.id, "ahr_drop", now=NOW)
    rule = alerts.set_rule(session, manager.id, "ahr_drop", now=NOW)
    assert rule.threshold == config.ALERT_THRESHOLDS["ahr_drop"][0]
    alerts.remove_rule(session, manager.id, "ahr_drop", now=NOW)
    assert "ahr_drop" not in {r.kind for r in alerts.rules(session, manager.id)}
    session.get(User, manager.id).active = False
    session.flush()
    with pytest.raises(PermissionDenied):
        alerts.set_rule(session, manager.id, "aha_case", now=NOW)
    with pytest.raises(PermissionDenied):
        alerts.inbox(session, manager.id, now=NOW)


def test_authorization_expiry_reaches_the_owner_and_the_partner(session, shop):
    a, manager = shop["account"], shop["manager"]
    partner = make_account(session, "US", name="Partner Co")
    accounts.grant(session, None, manager.id, partner.id, "manager")
    history(session, partner.id, TODAY, good=950, days=2)
    auth = authorization(session, a.id, partner.merchant_token, TODAY, NOW, end_in_days=10, approve=True)
    alerts.set_rule(session, manager.id, "authorization_expiring", threshold=14, now=NOW)
    fired = sorted((x.account_id, x.message) for x in alerts.evaluate(session, NOW)
                   if x.kind == "authorization_expiring")
    assert [f[0] for f in fired] == sorted([a.id, partner.id])
    assert any("Partner Co's authorization for" in m for _, m in fired)
    partners.revoke_authorization(session, auth.id, None, NOW)
    alerts.evaluate(session, NOW + timedelta(minutes=1))
    assert not [x for x in alerts.inbox(session, manager.id, now=NOW, open_only=True)
                if x.kind == "authorization_expiring"]
