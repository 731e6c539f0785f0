"""python -m scripts.evaluate_alerts: reconciles what time changes, evaluates, sends digests; a
second run changes nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from scripts import evaluate_alerts
from services import accounts, alerts, health, notifications
from services.models import Alert, HealthSettings, PartnerAuthorization, Task
from shell import clock
from tests.conftest import NOW
from tests.factories import make_account, make_user
from tests.portfolio_builders import authorization, history

TODAY = NOW.date()


def _book(session):
    owner, partner = make_account(session, "US", name="Owner Co"), make_account(session, "US", name="Partner Co")
    manager = make_user(session)
    for account in (owner, partner):
        accounts.grant(session, None, manager.id, account.id, "manager")
        history(session, account.id, TODAY, good=950)
        health.set_emergency_phone(session, account.id, "+1 415 555 0100")
    auth = authorization(session, owner.id, partner.merchant_token, TODAY, NOW, end_in_days=2, approve=True)
    alerts.set_rule(session, manager.id, "authorization_expiring", threshold=5, channel="digest", now=NOW)
    session.commit()
    return owner, partner, manager, auth


def test_one_run_reconciles_evaluates_and_sends_digests_and_a_second_changes_nothing(session):
    owner, partner, manager, auth = _book(session)
    counts = evaluate_alerts.run(session, NOW)
    assert counts == {"accounts": 2, "fired": 2, "emailed": 0, "digests": 1}
    assert session.get(HealthSettings, owner.id).aha_enrolled  # AHA enrolment reconciled
    assert session.exec(select(Task).where(Task.account_id == owner.id, Task.type == "business_profile")).first()
    (digest,) = [e for e in notifications.outbox(session, to=manager.email)]
    assert "Owner Co" in digest.body and "Partner Co" in digest.body
    assert evaluate_alerts.run(session, NOW + timedelta(minutes=15)) == {"accounts": 2, "fired": 0, "emailed": 0,
                                                                         "digests": 0}
    # the authorization ends: it expires, and its alerts clear
    later = NOW + timedelta(days=3)
    evaluate_alerts.run(session, later)
    assert session.get(PartnerAuthorization, auth.id).status == "Expired"
    assert all(a.cleared_at == later for a in session.exec(select(Alert)))


def test_main_takes_its_time_from_the_clock(engine, db_url, capsys):
    with Session(engine) as session:
        _book(session)
    clock.freeze(NOW)
    try:
        assert evaluate_alerts.main(["--database-url", db_url]) == 0
    finally:
        clock.thaw()
    assert "2026-06-15 12:00 UTC: reconciled 2 accounts; 2 alerts fired (0 by email); 1 digests queued" in (
        capsys.readouterr().out)
