"""Account Health (SPEC §7): AHR scores, performance metrics against targets, policy violations,
Account Health Assurance (eligibility, enrolment by email) and AHA cases with a 72-hour clock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import phonenumbers
from sqlalchemy import delete, insert
from sqlmodel import Session, select

from services import access, config, notifications, seller_performance
from services.audit import record_audit
from services.errors import Conflict, NotFound, ValidationError
from services.i18n import N_, M, joined, moment
from services.marketplaces import local_today
from services.models import Account, AhaCase, AhrScore, HealthMetric, HealthSettings, PolicyViolation
from services.text import LONG_TEXT_MAX, NOTE_MAX, check_text, clean_text
from services.types import utcnow

METRIC_LABELS = {"order_defect_rate": M("Order defect rate ({days} days)", days=config.ORDER_DEFECT_WINDOW_DAYS),
                 "late_shipment_rate": M("Late shipment rate"),
                 "pre_fulfilment_cancel_rate": M("Pre-fulfilment cancel rate"),
                 "valid_tracking_rate": M("Valid tracking rate"),
                 "order_defect_rate_fba":
                     M("Order defect rate, fulfilled by Amazon ({days} days)", days=config.ORDER_DEFECT_WINDOW_DAYS),
                 "on_time_delivery_rate": M("On-time delivery rate"),
                 "unit_on_time_delivery_rate": M("On-time delivery rate (units)"),
                 "invoice_defect_rate": M("Invoice defect rate")}


def band(score: int) -> tuple[str, str]:
    """(label, colour) of the AHR band the score falls in."""
    label, colour = config.AHR_BANDS[0][1:]
    for low, name, hue in config.AHR_BANDS:
        if score >= low:
            label, colour = name, hue
    return label, colour


def _account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(M("No such account."))
    return account


def check_ahr(day: object, score: object, today: date) -> list[tuple[str, str]]:
    """(field, reason) for each problem with one score: a whole number 0–1000 for a real day up to
    today (a future score would count as the "latest" one and lift eligibility)."""
    problems = []
    if not isinstance(day, date):
        problems.append(("day", M("Enter the day of the score.")))
    elif day > today:
        problems.append(
            (
                "day",
                M(
                    "{day} is in the future (today is {today}): scores are for days that have happened.",
                    day=moment(day),
                    today=moment(today),
                ),
            )
        )
    if isinstance(score, bool) or not isinstance(score, int) or not config.AHR_MIN <= score <= config.AHR_MAX:
        problems.append(
            (
                "score",
                M(
                    "An AHR is a whole number from {ahr_min} to {ahr_max}.",
                    ahr_min=config.AHR_MIN,
                    ahr_max=config.AHR_MAX,
                ),
            )
        )
    return problems


def record_ahr(session: Session, account_id: int, day: date, score: int, user_id: int | None = None, *,
               today: date | None = None) -> None:
    """Store (or replace) the day's AHR, a whole number from 0 to 1000, for a day up to `today`
    (default: the account's local today). Flushes."""
    if user_id is not None:
        access.require(session, user_id, account_id, "health", "edit")
    account = _account(session, account_id)
    today = today or local_today(account.home_marketplace, utcnow())
    problems = check_ahr(day, score, today)
    if problems:
        raise ValidationError.from_fields({f: [r for g, r in problems if g == f] for f, _ in problems})
    row = session.get(AhrScore, (account_id, day)) or AhrScore(account_id=account_id, day=day, score=score)
    row.score = score
    session.add(row)
    session.flush()


def record_ahr_history(session: Session, account_id: int, scores: Mapping[date, int],
                       user_id: int | None = None, *, today: date | None = None) -> int:
    """Store (or replace) many days' AHR in one go (a history load, the seed), each checked as
    record_ahr checks one (no day after `today`); nothing is written when any is bad. Flushes.
    Returns how many."""
    if user_id is not None:
        access.require(session, user_id, account_id, "health", "edit")
    account = _account(session, account_id)
    today = today or local_today(account.home_marketplace, utcnow())
    bad = [f"{day}: {score!r}" for day, score in scores.items() if check_ahr(day, score, today)]
    if bad:
        raise ValidationError(
            M("An AHR is a whole number from {ahr_min} to {ahr_max}.", ahr_min=config.AHR_MIN, ahr_max=config.AHR_MAX),
            field="score",
            reasons=bad,
        )
    days = list(scores)
    for start in range(0, len(days), 500):
        session.execute(delete(AhrScore).where(AhrScore.account_id == account_id,
                                               AhrScore.day.in_(days[start:start + 500])))
    if scores:
        session.execute(insert(AhrScore), [{"account_id": account_id, "day": d, "score": v} for d, v in scores.items()])
    session.flush()
    return len(scores)


@access.guarded(("health", "partners"))
def latest_ahr(session: Session, account_id: int, today: date | None = None, *,
               user_id: int | None = None) -> tuple[date | None, int]:
    """The latest score on or before `today` (any day when None) and its day; a new account
    without scores starts at 200 (SPEC §7)."""
    query = select(AhrScore).where(AhrScore.account_id == account_id)
    if today is not None:
        query = query.where(AhrScore.day <= today)
    row = session.exec(query.order_by(AhrScore.day.desc())).first()
    return (row.day, row.score) if row else (None, config.AHR_START_SCORE)


@access.guarded("health")
def ahr_history(session: Session, account_id: int, start: date, end: date, *,
                user_id: int | None = None) -> dict[date, int]:
    return {r.day: r.score for r in session.exec(select(AhrScore).where(
        AhrScore.account_id == account_id, AhrScore.day.between(start, end)).order_by(AhrScore.day))}


def _window(today: date) -> tuple[date, date]:
    """The AHA window: the 180 days before today (today itself not included)."""
    return today - timedelta(days=config.AHA_WINDOW_DAYS), today - timedelta(days=1)


@access.guarded("health")
def below_days(session: Session, account_id: int, today: date, *, user_id: int | None = None) -> list[date]:
    """Days of the window with a score below 250 or no score at all."""
    start, end = _window(today)
    scores = ahr_history(session, account_id, start, end)
    return [start + timedelta(days=i) for i in range(config.AHA_WINDOW_DAYS)
            if scores.get(start + timedelta(days=i), -1) < config.AHA_THRESHOLD]


def days_to_recover(below: list[date], today: date) -> int:
    """How many more days at ≥ 250 (from today on) until at most 10 of the window are below."""
    allowed = config.AHA_MAX_DAYS_BELOW
    if len(below) <= allowed:
        return 0
    start, _ = _window(today)
    # after k more good days the window starts k days later: the oldest bad days drop out
    oldest_to_drop = sorted(below)[len(below) - allowed - 1]
    return (oldest_to_drop - start).days + 1


def _settings(session: Session, account_id: int) -> HealthSettings:
    return session.get(HealthSettings, account_id) or HealthSettings(account_id=account_id)


def normalize_phone(phone: str, region: str | None) -> str:
    """E.164 (+14155550123) of a valid number, read in the account's home region when it has no
    country code; else ValidationError."""
    text = clean_text(phone, "phone", N_("Phone number"), 40)
    if not text:
        raise ValidationError(M("Enter the emergency phone number."), field="phone")
    try:
        number = phonenumbers.parse(text, region if not text.startswith("+") else None)
    except phonenumbers.NumberParseException:
        raise ValidationError(M("That is not a phone number. Use the international form, like +1 415 555 0123."),
                              field="phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(M("That phone number is not valid. Check the country code and the digits."),
                              field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def set_emergency_phone(session: Session, account_id: int, phone: str, user_id: int | None = None,
                        now: datetime | None = None) -> None:
    """Store the account's emergency phone in E.164, else ValidationError. Flushes and audits."""
    if user_id is not None:
        access.require(session, user_id, account_id, "health", "edit")
    account = _account(session, account_id)
    region = "GB" if account.home_marketplace == "UK" else account.home_marketplace
    e164 = normalize_phone(phone, region)
    settings = _settings(session, account_id)
    before = settings.emergency_phone
    settings.emergency_phone = e164
    session.add(settings)
    session.flush()
    record_audit(session, user_id, account_id, "health.phone_changed", M("Emergency phone"), {"phone": before},
                 {"phone": e164}, now)


@dataclass
class AhaStatus:
    eligible: bool
    enrolled: bool
    reasons: list[str] = field(default_factory=list)
    days_below_threshold: int = 0
    offered: bool = True
    fixes: list[str] = field(default_factory=list)
    phone: str = ""
    score_ok: bool = False  # offered and the score rule holds (the phone may still be missing)


@access.guarded(("health", "b2b"))
def aha_status(session: Session, account_id: int, today: date, *, user_id: int | None = None) -> AhaStatus:
    """The AHA rules as they stand for `today` — a pure read. `enrolled` is as the last
    :func:`reconcile` left it (the app reconciles once per page run, the cron script daily)."""
    account = _account(session, account_id)
    settings = _settings(session, account_id)
    below = below_days(session, account_id, today)
    offered = account.home_marketplace in config.AHA_MARKETPLACES
    status = AhaStatus(False, settings.aha_enrolled, [], len(below), offered, [], settings.emergency_phone)
    if not offered:
        status.reasons.append(
            M(
                "Account Health Assurance is offered in {items} only; this account's home marketplace is "
                "{home_marketplace}.",
                items=", ".join(config.AHA_MARKETPLACES),
                home_marketplace=account.home_marketplace,
            )
        )
    score_ok = len(below) <= config.AHA_MAX_DAYS_BELOW
    if offered and not score_ok:
        status.reasons.append(
            M(
                "{n_below} of the last {aha_window_days} days had an AHR below {aha_threshold} or no score; at most "
                "{aha_max_days_below} may.",
                n_below=len(below),
                aha_window_days=config.AHA_WINDOW_DAYS,
                aha_threshold=config.AHA_THRESHOLD,
                aha_max_days_below=config.AHA_MAX_DAYS_BELOW,
            )
        )
        status.fixes.append(
            M(
                "{days} more days at ≥ {aha_threshold} (from today).",
                days=days_to_recover(below, today),
                aha_threshold=config.AHA_THRESHOLD,
            )
        )
    phone_ok = bool(settings.emergency_phone)
    if offered and not phone_ok:
        status.reasons.append(M("No valid emergency phone number."))
        status.fixes.append(M("Add an emergency phone number (below) so a specialist can call you."))
    status.eligible = offered and score_ok and phone_ok
    status.score_ok = offered and score_ok
    return status


def reconcile(session: Session, account_id: int, now: datetime) -> AhaStatus:
    """Act on the AHA rules for the account's local today: enrol an eligible account (email to
    every admin), ask once by email for a phone when only the phone is missing, end enrolment when
    the rules stop holding (email). Flushes; returns the status after acting."""
    account = _account(session, account_id)
    today = local_today(account.home_marketplace, now)
    status = aha_status(session, account_id, today)
    settings = _settings(session, account_id)
    changed = False
    if status.eligible and not settings.aha_enrolled:
        settings.aha_enrolled, settings.enrolled_on, settings.unenrolled_on = True, today, None
        notifications.email_admins(session, account_id, M("You are enrolled in Account Health Assurance"),
                                   M("Your account meets the Account Health Assurance rules and is now enrolled, "
                                     "free. If an issue could lead to deactivation, a specialist works with you "
                                     "first."), now)
        changed = True
    elif not status.eligible and settings.aha_enrolled:
        settings.aha_enrolled, settings.unenrolled_on = False, today
        notifications.email_admins(session, account_id, M("Account Health Assurance enrolment has ended"),
                                   M("Your account no longer meets the Account Health Assurance rules:\n- {reasons}",
                                     reasons=joined(status.reasons, "\n- ")), now)
        changed = True
    if status.score_ok and not status.phone and settings.phone_requested_on is None:
        settings.phone_requested_on = today
        notifications.email_admins(session, account_id, M("Add an emergency phone to join Account Health Assurance"),
                                   M("Your account health qualifies for Account Health Assurance. Add an emergency "
                                     "phone number on the Account Health page to be enrolled."), now)
        changed = True
    elif status.phone and settings.phone_requested_on is not None:
        settings.phone_requested_on = None
        changed = True
    if changed:
        session.add(settings)
        session.flush()
    status.enrolled = settings.aha_enrolled
    return status


# --- Metrics and violations ---------------------------------------------------------------------


@dataclass(frozen=True)
class MetricRow:
    metric: str
    label: str
    value: float | None
    target: str
    on_target: bool | None
    business_value: float | None
    business_target: str
    business_on_target: bool | None
    source: str = "entered"  # entered (by hand or the seed) | report (a seller performance import)
    status: str = ""  # Amazon's own status of an imported metric (GOOD, BAD, NONE)
    as_of: date | None = None  # the last day of an imported metric's reporting range



def _meets(value: float, rule: tuple[str, float]) -> bool:
    op, limit = rule
    return value < limit if op == "<" else value <= limit if op == "<=" else value > limit


_RULE_WORDS = {"<": N_("below {pct}%"), "<=": N_("at most {pct}%"), ">": N_("above {pct}%")}


def _rule_text(rule: tuple[str, float] | None) -> str:
    if rule is None:
        return "—"
    op, limit = rule
    return M(_RULE_WORDS[op], pct=f"{limit:g}")


def metric_on_target(metric: str, segment: str, home_marketplace: str, value: float) -> bool:
    """Whether a metric's value (all orders, or business orders: stricter in US and CA) meets its target."""
    rule = config.METRIC_TARGETS[metric]
    if segment == "business":
        rule = config.BUSINESS_METRIC_TARGETS.get(home_marketplace, {}).get(metric, rule)
    return _meets(value, rule)


@access.guarded("health")
def metrics(session: Session, account_id: int, marketplace: str | None = None, *,
            user_id: int | None = None) -> list[MetricRow]:
    """The performance metrics against their targets (percent). After a seller performance import
    the latest one's figures for the marketplace (None: the home one) replace the entered ones:
    `order_defect_rate` is then the seller-fulfilled (mfn) rate, with `order_defect_rate_fba`
    right after it, and the report's other rates (on-time delivery, invoice defects) follow with
    Amazon's own targets. Reports give no business-order figures: those are None then."""
    account = _account(session, account_id)
    mp = marketplace or account.home_marketplace
    report_id, imported = seller_performance.imported_metrics(session, account_id, mp)
    values = {} if report_id else {(m.metric, m.segment): m.value_pct for m in session.exec(
        select(HealthMetric).where(HealthMetric.account_id == account_id))}
    business_rules = config.BUSINESS_METRIC_TARGETS.get(mp, {})
    rows = []

    def add(metric: str, rule: tuple[str, float] | None, brule: tuple[str, float] | None) -> None:
        fact = imported.get(metric)
        value = fact.value_pct if fact else values.get((metric, "all"))
        bvalue = None if report_id else values.get((metric, "business"))
        rows.append(MetricRow(metric, METRIC_LABELS[metric], value, _rule_text(rule),
                              None if value is None or rule is None else _meets(value, rule), bvalue,
                              _rule_text(brule), None if bvalue is None or brule is None else _meets(bvalue, brule),
                              "report" if report_id else "entered", fact.status if fact else "",
                              fact.period_to if fact else None))

    for metric, rule in config.METRIC_TARGETS.items():
        add(metric, rule, business_rules.get(metric, rule))
        if metric == "order_defect_rate" and "order_defect_rate_fba" in imported:
            add("order_defect_rate_fba", rule, None)
    for metric in ("on_time_delivery_rate", "unit_on_time_delivery_rate", "invoice_defect_rate"):
        if metric in imported:
            add(metric, seller_performance.report_rule(imported[metric]), None)
    return rows


@access.guarded("health")
def violations(session: Session, account_id: int, severities: list[str] | None = None,
               statuses: list[str] | None = None, *, user_id: int | None = None) -> list[PolicyViolation]:
    query = select(PolicyViolation).where(PolicyViolation.account_id == account_id)
    if severities:
        query = query.where(PolicyViolation.severity.in_(severities))
    if statuses:
        query = query.where(PolicyViolation.status.in_(statuses))
    return list(session.exec(query.order_by(PolicyViolation.occurred_on.desc(), PolicyViolation.id.desc())))


# --- AHA cases ----------------------------------------------------------------------------------------


def case_state(case: AhaCase, now: datetime) -> str:
    """open | overdue | resolved_in_time | resolved_late"""
    if case.resolved_at is not None:
        return "resolved_in_time" if case.resolved_at <= case.deadline else "resolved_late"
    return "open" if now < case.deadline else "overdue"


def open_case(session: Session, account_id: int, issue: str, now: datetime, user_id: int | None = None) -> AhaCase:
    """A specialist case for an enrolled account, with a 72-hour clock (by a reviewer or the seed)."""
    access.require_reviewer(session, user_id)
    settings = _settings(session, account_id)
    if not settings.aha_enrolled:
        raise Conflict(M("This account is not enrolled in Account Health Assurance."))
    issue = clean_text(issue, "issue", N_("Issue"), NOTE_MAX, required=True)
    case = AhaCase(account_id=account_id, issue=issue, opened_at=now,
                   deadline=now + timedelta(hours=config.AHA_CASE_HOURS))
    session.add(case)
    session.flush()
    notifications.email_admins(session, account_id, M("Account Health Assurance: a specialist case is open"),
                               M("Issue: {issue}\nA specialist works with you for the next {hours} hours. Open "
                                 "Account Health to ask for a call or submit a plan.", issue=case.issue,
                                 hours=config.AHA_CASE_HOURS), now)
    record_audit(session, user_id, account_id, "aha.case_opened", case.issue, None, {"case_id": case.id}, now)
    return case


@access.guarded("health")
def cases(session: Session, account_id: int, *, user_id: int | None = None) -> list[AhaCase]:
    """The account's AHA cases, newest first."""
    return list(session.exec(select(AhaCase).where(AhaCase.account_id == account_id)
                             .order_by(AhaCase.opened_at.desc())))


@dataclass(frozen=True)
class ReviewCase:
    case: AhaCase
    account_name: str


def review_cases(session: Session, reviewer_user_id: int | None) -> list[ReviewCase]:
    """Every account's AHA cases with the account's name, newest first (internal reviewers)."""
    access.require_reviewer(session, reviewer_user_id)
    rows = session.exec(select(AhaCase, Account.name).join(Account, Account.id == AhaCase.account_id)
                        .order_by(AhaCase.opened_at.desc(), AhaCase.id.desc())).all()
    return [ReviewCase(case, name) for case, name in rows]


def enrolled_accounts(session: Session, reviewer_user_id: int | None) -> dict[int, str]:
    """{account id: name} of the accounts enrolled in AHA (internal reviewers open cases for them)."""
    access.require_reviewer(session, reviewer_user_id)
    return dict(session.exec(select(Account.id, Account.name).join(HealthSettings, HealthSettings.account_id
                                                                  == Account.id)
                             .where(HealthSettings.aha_enrolled).order_by(Account.name)).all())


def _case(session: Session, case_id: int, account_id: int, user_id: int | None) -> AhaCase:
    case = session.get(AhaCase, case_id)
    if case is None or case.account_id != account_id:
        raise NotFound(M("No such case in this account."))
    if user_id is not None:
        access.require(session, user_id, account_id, "health", "edit")
    if case.resolved_at is not None:
        raise Conflict(M("This case is already resolved."))
    return case


def request_callback(session: Session, account_id: int, case_id: int, user_id: int | None, now: datetime) -> AhaCase:
    case = _case(session, case_id, account_id, user_id)
    phone = _settings(session, account_id).emergency_phone
    if not phone:
        raise ValidationError(M("Add an emergency phone number first."), field="phone")
    case.callback_requested_at, case.callback_phone = now, phone
    session.add(case)
    session.flush()
    record_audit(session, user_id, account_id, "aha.callback_requested", case.issue, None, {"phone": phone}, now)
    return case


def submit_plan(session: Session, account_id: int, case_id: int, user_id: int | None, what_happened: str,
                actions_taken: str, prevention: str, now: datetime) -> AhaCase:
    """Store the plan of action; each of the three parts is required."""
    case = _case(session, case_id, account_id, user_id)
    parts = {"what_happened": (what_happened, M("What happened"), M("Say what happened.")),
             "actions_taken": (actions_taken, M("What you have done"), M("Say what you have done about it.")),
             "prevention": (prevention, M("What prevents it"), M("Say what prevents it from happening again."))}
    by_field: dict[str, list[str]] = {}
    clean = {part: check_text(by_field, part, text, label, LONG_TEXT_MAX, multiline=True)
             for part, (text, label, _) in parts.items()}
    for part, (_, _, missing) in parts.items():
        if not clean[part] and part not in by_field:
            by_field[part] = [missing]
    if by_field:
        raise ValidationError.from_fields(by_field)
    case.plan_what_happened, case.plan_actions_taken = clean["what_happened"], clean["actions_taken"]
    case.plan_prevention, case.plan_submitted_at, case.plan_status = clean["prevention"], now, "submitted"
    session.add(case)
    session.flush()
    record_audit(session, user_id, account_id, "aha.plan_submitted", case.issue, None, {"case_id": case.id}, now)
    return case


def resolve_case(session: Session, case_id: int, reviewer_user_id: int | None, now: datetime) -> AhaCase:
    access.require_reviewer(session, reviewer_user_id)
    case = session.get(AhaCase, case_id)
    if case is None:
        raise NotFound(M("No such case."))
    if case.resolved_at is not None:
        raise Conflict(M("This case is already resolved."))
    case.resolved_at, case.resolved_by = now, reviewer_user_id
    if case.plan_status == "submitted":
        case.plan_status = "accepted"
    session.add(case)
    session.flush()
    record_audit(session, reviewer_user_id, case.account_id, "aha.case_resolved", case.issue, None,
                 {"case_id": case.id, "state": case_state(case, now)}, now)
    return case


def import_ahr_csv(session: Session, account_id: int, text: str, user_id: int | None = None,
                   now: datetime | None = None) -> int:
    """Load scores from CSV text with the columns `day` (YYYY-MM-DD) and `score` (0–1000): an
    `ahr_scores` import (services.imports), so it is all or nothing, listed in the import history
    and undoable. Returns the number of scores in the file. Flushes."""
    from services import imports  # imports reads health's tables; health's callers need not know

    result = imports.import_report(session, account_id, "ahr-scores.csv", (text or "").encode("utf-8"),
                                   user_id=user_id, now=now, kinds=("ahr_scores",))
    return result.rows
