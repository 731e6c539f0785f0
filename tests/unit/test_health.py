"""Account Health and AHA with fixed dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import select

from services import accounts, health, notifications
from services.errors import Conflict, PermissionDenied, ValidationError
from services.models import HealthSettings
from tests.conftest import NOW
from tests.factories import make_account, make_user

TODAY = date(2026, 6, 15)


def at_noon(day: date) -> datetime:
    """Noon UTC of `day`: the same calendar day in the US and Canada."""
    return datetime.combine(day, time(12), UTC)


def scores(session, account_id, low_days=0, days=180, good=700, low=200, end=TODAY):
    """`days` scores up to yesterday; the last `low_days` of them below 250."""
    for i in range(1, days + 1):
        day = end - timedelta(days=i)
        health.record_ahr(session, account_id, day, low if i <= low_days else good, today=end)


@pytest.fixture
def us(session):
    account = make_account(session, "US")
    admin = make_user(session)
    accounts.grant(session, None, admin.id, account.id, "admin")
    return account, admin


def test_eligible_account_is_enrolled_once_with_an_email(session, us):
    account, admin = us
    scores(session, account.id)
    health.set_emergency_phone(session, account.id, "(415) 555-0132")
    status = health.reconcile(session, account.id, at_noon(TODAY))
    assert (status.eligible, status.enrolled, status.reasons, status.days_below_threshold) == (True, True, [], 0)
    assert status.phone == "+14155550132"
    health.reconcile(session, account.id, at_noon(TODAY + timedelta(days=1)))
    subjects = [e.subject for e in notifications.outbox(session, to=admin.email)]
    assert subjects == ["You are enrolled in Account Health Assurance"]


@pytest.mark.parametrize(("low", "eligible"), [(10, True), (11, False)])
def test_ten_days_below_is_eligible_eleven_is_not(session, us, low, eligible):
    account, _ = us
    scores(session, account.id, low_days=low)
    health.set_emergency_phone(session, account.id, "+1 415 555 0132")
    status = health.aha_status(session, account.id, TODAY)
    assert (status.eligible, status.days_below_threshold) == (eligible, low)
    if not eligible:
        assert "11 of the last 180 days" in status.reasons[0]
        assert status.fixes == ["170 more days at ≥ 250 (from today)."]  # the oldest bad day leaves in 170


def test_no_phone_asks_once_by_email_and_does_not_enrol(session, us):
    account, admin = us
    scores(session, account.id)
    for day in (TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=2)):
        status = health.reconcile(session, account.id, at_noon(day))
    assert (status.eligible, status.enrolled) == (False, False)
    assert status.reasons == ["No valid emergency phone number."]
    assert [e.subject for e in notifications.outbox(session, to=admin.email)] == [
        "Add an emergency phone to join Account Health Assurance"]


def test_canada_is_offered_and_the_uk_is_not(session):
    ca, uk = make_account(session, "CA"), make_account(session, "UK")
    for account, phone in ((ca, "+1 604 555 0199"), (uk, "+44 20 7946 0958")):
        scores(session, account.id)
        health.set_emergency_phone(session, account.id, phone)
    assert health.aha_status(session, ca.id, TODAY).eligible
    uk_status = health.aha_status(session, uk.id, TODAY)
    assert (uk_status.eligible, uk_status.offered) == (False, False)
    assert "offered in US, CA only" in uk_status.reasons[0]


def test_short_history_counts_missing_days_as_below(session, us):
    account, _ = us
    scores(session, account.id, days=175)  # 5 days without a score
    health.set_emergency_phone(session, account.id, "+14155550132")
    assert health.aha_status(session, account.id, TODAY).days_below_threshold == 5
    new = make_account(session, "US")
    health.set_emergency_phone(session, new.id, "+14155550133")
    assert health.aha_status(session, new.id, TODAY).eligible is False


def test_low_days_before_the_window_do_not_count(session, us):
    account, _ = us
    scores(session, account.id)
    for i in range(181, 200):
        health.record_ahr(session, account.id, TODAY - timedelta(days=i), 50)
    health.set_emergency_phone(session, account.id, "+14155550132")
    assert health.aha_status(session, account.id, TODAY).days_below_threshold == 0


def test_enrolment_ends_when_the_score_drops(session, us):
    account, admin = us
    scores(session, account.id)
    health.set_emergency_phone(session, account.id, "+14155550132")
    assert health.reconcile(session, account.id, at_noon(TODAY)).enrolled
    later = TODAY + timedelta(days=11)
    for i in range(11):
        health.record_ahr(session, account.id, TODAY + timedelta(days=i), 100, today=later)
    status = health.reconcile(session, account.id, at_noon(later))
    assert (status.enrolled, status.eligible) == (False, False)
    assert notifications.outbox(session, to=admin.email)[0].subject == "Account Health Assurance enrolment has ended"
    assert session.get(HealthSettings, account.id).unenrolled_on == later


@pytest.mark.parametrize("phone", ["", "12", "not a phone", "+1 555 0000", "+999 123"])
def test_invalid_phone_is_refused(session, us, phone):
    with pytest.raises(ValidationError):
        health.set_emergency_phone(session, us[0].id, phone)


def test_scores_must_be_0_to_1000(session, us):
    for bad in (-1, 1001, 2.5, "700"):
        with pytest.raises(ValidationError):
            health.record_ahr(session, us[0].id, TODAY, bad, today=TODAY)
    assert health.latest_ahr(session, make_account(session, "US").id) == (None, 200)  # new accounts start at 200
    assert [health.band(s)[0] for s in (0, 99, 100, 199, 200, 1000)] == [
        "Critical", "Critical", "At risk", "At risk", "Healthy", "Healthy"]


def test_case_countdown_and_resolution_states(session, us):
    account, admin = us
    scores(session, account.id)
    health.set_emergency_phone(session, account.id, "+14155550132")
    health.reconcile(session, account.id, at_noon(TODAY))
    reviewer = make_user(session, kind="reviewer")
    with pytest.raises(PermissionDenied):
        health.open_case(session, account.id, "Listing policy", NOW, user_id=admin.id)
    case = health.open_case(session, account.id, "Suspected counterfeit complaint", NOW, user_id=reviewer.id)
    assert case.deadline == NOW + timedelta(hours=72)
    assert health.case_state(case, NOW + timedelta(hours=71)) == "open"
    assert health.case_state(case, NOW + timedelta(hours=72)) == "overdue"
    with pytest.raises(ValidationError) as exc:
        health.submit_plan(session, account.id, case.id, admin.id, "It happened", "", " ", NOW)
    assert set(exc.value.by_field) == {"actions_taken", "prevention"}
    health.request_callback(session, account.id, case.id, admin.id, NOW)
    assert case.callback_phone == "+14155550132"
    health.submit_plan(session, account.id, case.id, admin.id, "A", "B", "C", NOW + timedelta(hours=1))
    assert case.plan_status == "submitted"
    health.resolve_case(session, case.id, reviewer.id, NOW + timedelta(hours=70))
    assert health.case_state(case, NOW + timedelta(days=9)) == "resolved_in_time"
    late = health.open_case(session, account.id, "Late one", NOW, user_id=reviewer.id)
    health.resolve_case(session, late.id, reviewer.id, NOW + timedelta(hours=73))
    assert health.case_state(late, NOW + timedelta(hours=80)) == "resolved_late"
    with pytest.raises(Conflict):
        health.submit_plan(session, account.id, late.id, admin.id, "A", "B", "C", NOW)


def test_cases_only_for_enrolled_accounts(session, us):
    with pytest.raises(Conflict):
        health.open_case(session, us[0].id, "Issue", NOW)


def test_metrics_against_targets_including_business_targets(session, us):
    from services.models import HealthMetric

    account, _ = us
    for metric, value, bvalue in (("order_defect_rate", 0.8, 0.6), ("valid_tracking_rate", 94.0, 99.0)):
        session.add(HealthMetric(account_id=account.id, metric=metric, segment="all", value_pct=value, as_of=TODAY))
        session.add(HealthMetric(account_id=account.id, metric=metric, segment="business", value_pct=bvalue,
                                 as_of=TODAY))
    session.flush()
    rows = {r.metric: r for r in health.metrics(session, account.id)}
    odr = rows["order_defect_rate"]
    assert (odr.on_target, odr.business_on_target, odr.business_target) == (True, False, "at most 0.5%")
    assert rows["valid_tracking_rate"].on_target is False
    assert rows["late_shipment_rate"].value is None and rows["late_shipment_rate"].business_target == "below 1%"
    assert session.exec(select(HealthMetric)).all()


def test_csv_import_is_all_or_nothing(session, us):
    account, _ = us
    with pytest.raises(ValidationError) as exc:
        health.import_ahr_csv(session, account.id, "day,score\n2026-05-01,700\n2026-13-01,600\n2026-05-03,1200\n")
    assert len(exc.value.reasons) == 2 and exc.value.reasons[0].startswith("line 3")
    assert health.latest_ahr(session, account.id) == (None, 200)  # nothing stored
    with pytest.raises(ValidationError):
        health.import_ahr_csv(session, account.id, "date;value\n")
    assert health.import_ahr_csv(session, account.id, "day,score\n2026-05-01,700\n2026-05-02, 650\n") == 2
    assert health.latest_ahr(session, account.id) == (date(2026, 5, 2), 650)


def test_aha_status_is_a_pure_read(session, us):
    """Reads never write: the status says eligible, but only reconcile enrols and emails."""
    account, admin = us
    scores(session, account.id)
    health.set_emergency_phone(session, account.id, "+14155550132")
    status = health.aha_status(session, account.id, TODAY)
    assert (status.eligible, status.enrolled) == (True, False)
    assert notifications.outbox(session, to=admin.email) == []
    assert health.reconcile(session, account.id, at_noon(TODAY)).enrolled


def test_a_future_score_is_refused_and_never_counts_as_the_latest(session, us):
    """Defect 11.5: `2099-12-31,1000` was stored and lifted a partner's eligibility."""
    account, _ = us
    health.record_ahr(session, account.id, TODAY, 430, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        health.record_ahr(session, account.id, date(2099, 12, 31), 1000, today=TODAY)
    assert refused.value.field == "day" and "future" in refused.value.message
    with pytest.raises(ValidationError) as refused:
        health.import_ahr_csv(session, account.id, "day,score\n2026-06-14,500\n2099-12-31,1000\n2026-06-16,990\n",
                              now=at_noon(TODAY))
    assert [r.split(":")[0] for r in refused.value.reasons] == ["line 3, column 'day'", "line 4, column 'day'"]
    assert "in the future (today is 2026-06-15)" in refused.value.reasons[1]
    assert health.latest_ahr(session, account.id, TODAY) == (TODAY, 430)
