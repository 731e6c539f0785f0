"""Alerts for account managers and admins (SPEC §8): rules per person, firing once per condition
until it clears, an in-app inbox, email at once or in one daily digest.

- **Rules** (`set_rule`, `remove_rule`, `rules`): per person and kind, for one account or for all
  the accounts they can see; an account's own rule beats the all-accounts one. The kinds in
  config.ALERT_DEFAULT_KINDS are on, in-app, for every admin and manager of an account until they
  change or remove them (no row is needed for a default; removing one stores it switched off).
- **Firing** (`evaluate`): a condition (services/alert_conditions, each with a stable key) fires
  one alert per person when it becomes true; the alert stays open until the condition clears
  (`cleared_at`), and the same condition can fire again later. A partial unique index makes a
  second open alert for the same person and key impossible, even for two evaluations at once.
- **Who**: only people who can see the account now, in the area of the kind (AHR alerts need
  Account Health, buyer requests the Action Center, …). When access goes, their open alerts for
  that account stop showing at once and are cleared at the next evaluation.
- **Delivery**: the inbox always; channel "email" queues one email per alert as it fires;
  "digest" collects them into one email per person per day (`send_digests`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from services import access, config, i18n, notifications, prefs
from services.alert_conditions import FINDERS, KIND_AREA, KIND_LABELS, Condition, Facts
from services.errors import NotFound, ValidationError
from services.i18n import M, tr
from services.i18n import gettext as _
from services.models import Account, Alert, AlertDigest, AlertRule, Email, Membership, User
from services.settings import get_settings
from services.types import utcnow

__all__ = ["KIND_AREA", "KIND_LABELS", "RuleView", "evaluate", "inbox", "mark_all_read", "mark_read",
           "open_alert_counts", "remove_rule", "rules", "send_digests", "set_rule", "snooze", "unread_count"]
DEFAULT_ROLES = ("admin", "manager")


# --- Rules -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleView:
    """A rule as the settings page lists it; `is_default` rules have no row (id None)."""

    id: int | None
    kind: str
    account_id: int | None
    threshold: float | None
    channel: str
    enabled: bool
    is_default: bool


def _clean_threshold(kind: str, threshold) -> float | None:
    if kind not in config.ALERT_THRESHOLDS:
        if threshold not in (None, ""):
            raise ValidationError(M("{kind} takes no threshold.", kind=KIND_LABELS[kind]), field="threshold")
        return None
    default, low, high, unit = config.ALERT_THRESHOLDS[kind]
    if threshold in (None, ""):
        return float(default)
    try:
        value = float(threshold)
    except (TypeError, ValueError):
        value = float("nan")
    if not low <= value <= high:
        raise ValidationError(
            M("The threshold is a number from {low} to {high} ({unit}).", low=low, high=high, unit=unit),
            field="threshold",
        )
    return value


def _rule_row(session: Session, user_id: int, kind: str, account_id: int | None) -> AlertRule | None:
    query = select(AlertRule).where(AlertRule.user_id == user_id, AlertRule.kind == kind)
    query = query.where(AlertRule.account_id.is_(None) if account_id is None else AlertRule.account_id == account_id)
    return session.exec(query).first()


def set_rule(session: Session, user_id: int, kind: str, *, account_id: int | None = None, threshold=None,
             channel: str = "in_app", now: datetime | None = None, enabled: bool = True) -> AlertRule:
    """Create or change the person's rule of this kind for one account (they must see its area) or
    for all their accounts (account_id None). `threshold` None takes the kind's default. Flushes."""
    access.require_seller(session, user_id)
    if kind not in config.ALERT_KINDS:
        raise ValidationError(M("Unknown alert kind {kind}.", kind=f"{kind!r}"), field="kind")
    if account_id is not None:
        access.require(session, user_id, account_id, KIND_AREA[kind], "view")
    if channel not in config.ALERT_CHANNELS:
        raise ValidationError(M("Deliver alerts in the app, by email at once, or in a daily digest."), field="channel")
    value = _clean_threshold(kind, threshold)
    now = now or utcnow()
    rule = _rule_row(session, user_id, kind, account_id) or AlertRule(
        user_id=user_id, kind=kind, account_id=account_id, created_at=now, updated_at=now)
    rule.threshold, rule.channel, rule.enabled, rule.updated_at = value, channel, bool(enabled), now
    session.add(rule)
    session.flush()
    return rule


def remove_rule(session: Session, user_id: int, kind: str, *, account_id: int | None = None,
                now: datetime | None = None) -> None:
    """Remove the person's rule. A default kind's all-accounts rule is kept, switched off, so the
    default does not come back. Flushes; open alerts of the rule clear at the next evaluation."""
    access.require_seller(session, user_id)
    if kind not in config.ALERT_KINDS:
        raise ValidationError(M("Unknown alert kind {kind}.", kind=f"{kind!r}"), field="kind")
    if account_id is None and kind in config.ALERT_DEFAULT_KINDS:
        set_rule(session, user_id, kind, channel="in_app", now=now, enabled=False)
        return
    rule = _rule_row(session, user_id, kind, account_id)
    if rule is None:
        raise NotFound(M("No such alert rule."))
    session.delete(rule)
    session.flush()


def has_defaults(session: Session, user_id: int) -> bool:
    """Whether the default rules apply to the person: admin or manager of at least one account."""
    return session.exec(select(Membership.id).where(Membership.user_id == user_id,
                                                    Membership.role.in_(DEFAULT_ROLES)).limit(1)).first() is not None


def rules(session: Session, user_id: int) -> list[RuleView]:
    """The person's rules, all-accounts ones first, in the order of config.ALERT_KINDS; the defaults
    they have not changed are listed too (is_default)."""
    access.require_seller(session, user_id)
    rows = session.exec(select(AlertRule).where(AlertRule.user_id == user_id)).all()
    views = [RuleView(r.id, r.kind, r.account_id, r.threshold, r.channel, r.enabled, False) for r in rows]
    if has_defaults(session, user_id):
        own = {r.kind for r in rows if r.account_id is None}
        views += [RuleView(None, k, None, _clean_threshold(k, None), "in_app", True, True)
                  for k in config.ALERT_DEFAULT_KINDS if k not in own]
    order = {k: i for i, k in enumerate(config.ALERT_KINDS)}
    return sorted(views, key=lambda v: (v.account_id is not None, v.account_id or 0, order[v.kind]))


# --- Evaluation --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Subscription:
    user_id: int
    account_id: int
    kind: str
    threshold: float | None
    channel: str


def _subscriptions(session: Session, account_ids: list[int] | None) -> list[_Subscription]:
    """Every (person, account, kind) that is watched now, with its effective threshold and channel."""
    pairs = access.level_map(session, account_ids=account_ids)
    if not pairs:
        return []
    users = sorted({u for u, _ in pairs})
    role_query = select(Membership.user_id, Membership.account_id, Membership.role).where(
        Membership.user_id.in_(users))
    if account_ids is not None:
        role_query = role_query.where(Membership.account_id.in_(account_ids))
    roles = {(u, a): r for u, a, r in session.exec(role_query)}
    specific, general = {}, {}
    for rule in session.exec(select(AlertRule).where(AlertRule.user_id.in_(users))):
        if rule.account_id is None:
            general[(rule.user_id, rule.kind)] = rule
        else:
            specific[(rule.user_id, rule.kind, rule.account_id)] = rule
    found = []
    for (user_id, account_id), levels in pairs.items():
        for kind in config.ALERT_KINDS:
            if levels[KIND_AREA[kind]] == "none":
                continue
            rule = specific.get((user_id, kind, account_id), general.get((user_id, kind)))
            if rule is None:
                if kind in config.ALERT_DEFAULT_KINDS and roles.get((user_id, account_id)) in DEFAULT_ROLES:
                    found.append(_Subscription(user_id, account_id, kind, _clean_threshold(kind, None), "in_app"))
            elif rule.enabled:
                found.append(_Subscription(user_id, account_id, kind, rule.threshold, rule.channel))
    return found


def _insert_new(session: Session, rows: list[dict]) -> list[int]:
    """Insert alerts, skipping any whose person and key already have an open one (another
    evaluation may have fired it a moment ago); the ids of those really inserted."""
    if not rows:
        return []
    dialect = session.get_bind().dialect.name
    insert = sqlite.insert if dialect == "sqlite" else postgresql.insert
    statement = (insert(Alert).on_conflict_do_nothing(index_elements=["user_id", "condition_key"],
                                                      index_where=Alert.cleared_at.is_(None))
                 .returning(Alert.id))
    return [row[0] for row in session.execute(statement, rows)]


def evaluate(session: Session, now: datetime, account_ids: list[int] | None = None) -> list[Alert]:
    """Fire the alerts whose conditions hold at `now` and have no open alert yet, clear the open
    alerts whose conditions stopped holding (or whose rule or access went), email those whose
    channel is "email". Only the given accounts when `account_ids` is set (after a change in one
    account). Returns the alerts newly fired. Flushes; idempotent."""
    subscriptions = _subscriptions(session, account_ids)
    ids = sorted({s.account_id for s in subscriptions})
    accounts = {a.id: a for a in session.exec(select(Account).where(Account.id.in_(ids)))} if ids else {}
    facts = Facts(session, now, accounts)
    wanted: dict[tuple[str, float | None], set[int]] = defaultdict(set)
    for s in subscriptions:
        wanted[(s.kind, s.threshold)].add(s.account_id)
    holding: dict[tuple[str, float | None], dict[int, list[Condition]]] = {}
    for (kind, threshold), kind_ids in wanted.items():
        by_account: dict[int, list[Condition]] = defaultdict(list)
        for condition in FINDERS[kind](facts, kind_ids, threshold):
            by_account[condition.account_id].append(condition)
        holding[(kind, threshold)] = by_account
    open_query = select(Alert.id, Alert.user_id, Alert.condition_key).where(Alert.cleared_at.is_(None))
    if account_ids is not None:
        open_query = open_query.where(Alert.account_id.in_(account_ids))
    open_alerts = {(u, key): alert_id for alert_id, u, key in session.exec(open_query)}
    rows, still = [], set()
    for s in subscriptions:
        for condition in holding[(s.kind, s.threshold)].get(s.account_id, []):
            still.add((s.user_id, condition.key))
            if (s.user_id, condition.key) not in open_alerts:
                open_alerts[(s.user_id, condition.key)] = None  # one per person and key, even from two rules
                rows.append({"user_id": s.user_id, "account_id": s.account_id, "kind": s.kind,
                             "condition_key": condition.key, "marketplace": condition.marketplace,
                             "message": condition.message, "link": condition.link, "channel": s.channel,
                             "fired_at": now})
    cleared = [alert_id for pair, alert_id in open_alerts.items() if pair not in still and alert_id is not None]
    if cleared:
        session.execute(update(Alert).where(Alert.id.in_(cleared)).values(cleared_at=now))
    new_ids = _insert_new(session, rows)
    session.flush()
    fired = list(session.exec(select(Alert).where(Alert.id.in_(new_ids)).order_by(Alert.id))) if new_ids else []
    for alert in fired:
        if alert.channel == "email":
            _email(session, alert, now)
    return fired


def _url(link: str) -> str:
    return f"{get_settings().app_base_url}/{link}"


def _email(session: Session, alert: Alert, now: datetime) -> Email:
    user, account = session.get(User, alert.user_id), session.get(Account, alert.account_id)
    with i18n.language(prefs.language_of(session, user.email)):
        kind = tr(KIND_LABELS[alert.kind])
        subject = _("Alert: {account} — {kind}").format(account=account.name, kind=kind)
        body = _("{account} ({merchant_token}): {message}\n\nOpen: {link}\n\nYou get this email because of your "
                 "alert rule \"{kind}\". Change it on the Alerts settings page: {settings_link}\n").format(
            account=account.name, merchant_token=account.merchant_token, message=i18n.tr_stored(alert.message),
            link=_url(alert.link), kind=kind, settings_link=_url("alert-settings"))
    email = notifications.queue_email(session, user.email, subject, body, now, alert.account_id)
    alert.emailed_at = now
    session.add(alert)
    session.flush()
    return email


# --- Inbox ---------------------------------------------------------------------------------------------


def _shown(visible: dict[int, dict[str, str]], account_id: int, kind: str) -> bool:
    return account_id in visible and visible[account_id][KIND_AREA[kind]] != "none"


def inbox(session: Session, user_id: int, unread_only: bool = False, *, now: datetime | None = None,
          account_id: int | None = None, open_only: bool = False, include_snoozed: bool = False,
          limit: int = 500) -> list[Alert]:
    """The person's alerts, newest first: only for accounts (and areas) they can see now, without
    the ones snoozed past `now` (default: the current instant) unless asked."""
    access.require_seller(session, user_id)
    now = now or utcnow()
    visible = access.visible_accounts(session, user_id)
    query = select(Alert).where(Alert.user_id == user_id, Alert.account_id.in_(list(visible) or [-1]))
    if unread_only:
        query = query.where(Alert.read_at.is_(None))
    if open_only:
        query = query.where(Alert.cleared_at.is_(None))
    if account_id is not None:
        query = query.where(Alert.account_id == account_id)
    if not include_snoozed:
        query = query.where(Alert.snoozed_until.is_(None) | (Alert.snoozed_until <= now))
    rows = session.exec(query.order_by(Alert.fired_at.desc(), Alert.id.desc()))
    return [a for a in rows if _shown(visible, a.account_id, a.kind)][:limit]


def _counts(session: Session, user_id: int, now: datetime, visible: dict[int, dict[str, str]],
            *where) -> dict[int, int]:
    t = Alert.__table__.c
    found: dict[int, int] = defaultdict(int)
    for account_id, kind, n in session.execute(
            select(t.account_id, t.kind, func.count()).where(
                t.user_id == user_id, t.snoozed_until.is_(None) | (t.snoozed_until <= now), *where)
            .group_by(t.account_id, t.kind)):
        if _shown(visible, account_id, kind):
            found[account_id] += n
    return dict(found)


def unread_count(session: Session, user_id: int, now: datetime | None = None) -> int:
    """How many alerts the person has not read (what the sidebar badge shows)."""
    access.require_seller(session, user_id)
    visible = access.visible_accounts(session, user_id)
    return sum(_counts(session, user_id, now or utcnow(), visible, Alert.__table__.c.read_at.is_(None)).values())


def open_alert_counts(session: Session, user_id: int, now: datetime,
                      visible: dict[int, dict[str, str]] | None = None) -> dict[int, int]:
    """{account_id: the person's open (not cleared, not snoozed) alerts} in one query."""
    visible = access.visible_accounts(session, user_id) if visible is None else visible
    return _counts(session, user_id, now, visible, Alert.__table__.c.cleared_at.is_(None))


def _own(session: Session, user_id: int, alert_ids: list[int]) -> list[Alert]:
    access.require_seller(session, user_id)
    rows = list(session.exec(select(Alert).where(Alert.id.in_(alert_ids), Alert.user_id == user_id)))
    if len(rows) != len(set(alert_ids)):
        raise NotFound(M("No such alert."))  # another person's alert looks the same as none
    return rows


def mark_read(session: Session, user_id: int, alert_ids: int | list[int], now: datetime | None = None) -> None:
    """Mark the person's alerts read (already read ones keep their time). Flushes."""
    for alert in _own(session, user_id, [alert_ids] if isinstance(alert_ids, int) else list(alert_ids)):
        alert.read_at = alert.read_at or now or utcnow()
        session.add(alert)
    session.flush()


def mark_all_read(session: Session, user_id: int, now: datetime | None = None) -> int:
    """Mark every alert in the person's inbox read; how many were unread."""
    unread = [a.id for a in inbox(session, user_id, unread_only=True, now=now, include_snoozed=True)]
    if unread:
        mark_read(session, user_id, unread, now)
    return len(unread)


def snooze(session: Session, user_id: int, alert_id: int, period: str = "day", now: datetime | None = None) -> Alert:
    """Hide the alert for a day or a week; it comes back unread. Flushes."""
    if period not in config.ALERT_SNOOZE:
        raise ValidationError(M("Snooze for one of: {items}.", items=', '.join(config.ALERT_SNOOZE)), field="period")
    (alert,) = _own(session, user_id, [alert_id])
    alert.snoozed_until, alert.read_at = (now or utcnow()) + config.ALERT_SNOOZE[period], None
    session.add(alert)
    session.flush()
    return alert


# --- Daily digest -------------------------------------------------------------------------------------


def send_digests(session: Session, now: datetime) -> list[Email]:
    """One email per person with their "digest" alerts not sent yet, for accounts they can still
    see: at the first run on or after config.ALERT_DIGEST_HOUR_UTC of a UTC day, and never twice the
    same day (alert_digest). Flushes; the emails wait in the outbox."""
    if now.hour < config.ALERT_DIGEST_HOUR_UTC:
        return []
    day = now.date()
    done = select(AlertDigest.user_id).where(AlertDigest.day == day)
    pending = session.exec(select(Alert).where(Alert.channel == "digest", Alert.emailed_at.is_(None),
                                               Alert.user_id.not_in(done))
                           .order_by(Alert.user_id, Alert.account_id, Alert.fired_at, Alert.id)).all()
    by_user: dict[int, list[Alert]] = defaultdict(list)
    for alert in pending:
        by_user[alert.user_id].append(alert)
    emails = []
    for user_id, alerts_of_user in by_user.items():
        visible = access.visible_accounts(session, user_id)
        shown = [a for a in alerts_of_user if _shown(visible, a.account_id, a.kind)]
        if not shown:
            continue
        user = session.get(User, user_id)
        with i18n.language(prefs.language_of(session, user.email)):  # the digest in its reader's language
            names = {a.id: (a.name, a.merchant_token) for a in session.exec(
                select(Account).where(Account.id.in_({a.account_id for a in shown})))}
            lines, last = [], None
            for alert in shown:
                if alert.account_id != last:
                    name, token = names[alert.account_id]
                    lines.append(f"\n{name} ({token})")
                    last = alert.account_id
                state = _("open") if alert.cleared_at is None else _("cleared")
                lines.append(_("  - [{state}] {kind}: {message}\n    {link}").format(
                    state=state, kind=tr(KIND_LABELS[alert.kind]), message=i18n.tr_stored(alert.message),
                    link=_url(alert.link)))
                alert.emailed_at = now
                session.add(alert)
            subject = _("Your alerts for {day}: {n} new").format(day=notifications.when(day, time=False), n=len(shown))
            body = _("Hello {name},\n\nNew alerts since your last digest:\n{lines}\n\nAll alerts: {alerts_link}\n"
                     "Change what you receive: {settings_link}\n").format(
                name=user.display_name, lines="\n".join(lines), alerts_link=_url("alerts"),
                settings_link=_url("alert-settings"))
        emails.append(notifications.queue_email(session, user.email, subject, body, now))
        session.add(AlertDigest(user_id=user_id, day=day, alerts=len(shown), sent_at=now))
        session.flush()
    return emails
