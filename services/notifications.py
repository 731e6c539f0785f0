"""The email outbox (SPEC §9): every email is written to the outbox first and sent by SMTP when
`SMTP_HOST` is set. A failed delivery stays in the outbox as "failed" with its error and is
retried later; nothing is ever dropped."""

from __future__ import annotations

import re
import smtplib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy import or_
from sqlmodel import Session, select

from services import access, config, i18n, prefs
from services.errors import NO_ACCESS_MESSAGE, PermissionDenied
from services.i18n import M
from services.models import Account, Email, Membership, User
from services.settings import get_settings


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str = ""
    password: str = ""
    sender: str = "B2B Seller Console <no-reply@localhost>"
    starttls: bool = False

    @classmethod
    def from_env(cls) -> SmtpSettings | None:
        """From the app's settings (SMTP_*); None when SMTP_HOST is not set."""
        settings = get_settings()
        if not settings.smtp_host.strip():
            return None
        return cls(host=settings.smtp_host.strip(), port=settings.smtp_port, user=settings.smtp_user,
                   password=settings.smtp_password, sender=settings.smtp_from, starttls=settings.smtp_starttls)


def queue_email(session: Session, to: str, subject: str, body: str, now: datetime,
                account_id: int | None = None) -> Email:
    """Write one email to the outbox (flushes; the caller commits). The email goes out in its
    recipient's language: a subject or body made with M() (a Message) is rendered in it here, so a
    caller that writes to several people passes Messages and each reads their own language."""
    with i18n.language(prefs.language_of(session, to)):
        subject, body = str(i18n.tr(subject)), str(i18n.tr(body))
    email = Email(account_id=account_id, to=to, subject=subject, body=body, created_at=now, next_attempt_at=now)
    session.add(email)
    session.flush()
    return email


def when(moment: datetime, time: bool = True) -> str:
    """A date (and time) in an email, in the active language ("05 Nov 2026 14:30" in English)."""
    if i18n.active() == i18n.DEFAULT:
        return f"{moment:%d %b %Y %H:%M}" if time else f"{moment:%d %b %Y}"
    return i18n.day(moment, "en_US", "yMMMdHHmm" if time else "yMMMd")


def account_admin_emails(session: Session, account_id: int) -> list[str]:
    return list(session.exec(
        select(User.email).join(Membership, Membership.user_id == User.id)
        .where(Membership.account_id == account_id, Membership.role == "admin", User.active)
        .order_by(User.email)
    ))


def email_admins(session: Session, account_id: int, subject: str, body: str, now: datetime) -> list[Email]:
    """One email to each admin of the account, each in its admin's language (see queue_email)."""
    account = session.get(Account, account_id)
    greeting = M("Hello from B2B Seller Console about {account} ({merchant_token}).\n\n{body}",
                 account=account.name, merchant_token=account.merchant_token, body=body)
    return [queue_email(session, to, subject, greeting, now, account_id)
            for to in account_admin_emails(session, account_id)]


LINK_HIDDEN = M("[link hidden: only the account's admins see invitation links]")
_SECRET_LINK = re.compile(r"https?://\S*[?&](?:user_)?token=\S+")


@dataclass(frozen=True)
class OutboxEntry:
    """An email as one reader may see it: links that carry a token are masked for everyone but
    the admins of the email's account."""

    id: int
    account_id: int | None
    to: str
    subject: str
    body: str
    status: str
    attempts: int
    last_error: str
    created_at: datetime
    sent_at: datetime | None
    masked: bool


def _entry(email: Email, mask: bool) -> OutboxEntry:
    body = _SECRET_LINK.sub(str(i18n.tr(LINK_HIDDEN)), email.body) if mask else email.body
    return OutboxEntry(email.id, email.account_id, email.to, email.subject, body, email.status, email.attempts,
                       email.last_error, email.created_at, email.sent_at, mask and body != email.body)


def outbox(session: Session, to: str | None = None, account_ids: list[int] | None = None, *,
           user_id: int | None = None) -> list[OutboxEntry]:
    """Emails, newest first; only those to `to`, or of those accounts, when given.

    With an acting user: an internal reviewer reads every account's emails, a seller user those of
    the accounts where they may see Settings (`account_ids` then required); either way a body's
    token-bearing links show only to the admins of the email's account. `user_id=None` (the system)
    reads everything as it is."""
    query = select(Email)
    mask_for: set[int | None] = set()
    if user_id is not None:
        if access.is_reviewer(session, user_id):
            mask_for = None  # every account: mask all
        else:
            if account_ids is None:
                raise PermissionDenied(NO_ACCESS_MESSAGE)
            for account_id in account_ids:
                access.require(session, user_id, account_id, "settings", "view")
            mask_for = {a for a in account_ids if access.role(session, user_id, a) != "admin"}
    if to is not None:
        query = query.where(Email.to == to.strip().lower())
    if account_ids is not None:
        query = query.where(Email.account_id.in_(account_ids))
    emails = session.exec(query.order_by(Email.created_at.desc(), Email.id.desc())).all()
    return [_entry(e, mask_for is None or e.account_id in mask_for) for e in emails]


def deliver_pending(session: Session, now: datetime, settings: SmtpSettings | None = None,
                    limit: int = 50) -> dict[str, int]:
    """Send queued emails (and failed ones whose retry time has come) over SMTP. Commits after
    each email, so a crash never loses or repeats more than one. Without settings nothing is
    sent: emails wait in the outbox. Returns counts of sent and failed."""
    settings = settings if settings is not None else SmtpSettings.from_env()
    counts = {"sent": 0, "failed": 0}
    if settings is None:
        return counts
    due = session.exec(
        select(Email).where(Email.status.in_(("queued", "failed")),
                            or_(Email.next_attempt_at.is_(None), Email.next_attempt_at <= now))
        .order_by(Email.id).limit(limit)
    ).all()
    for email in due:
        email.attempts += 1
        try:
            _send(settings, email)
        except (OSError, smtplib.SMTPException) as exc:
            email.status = "failed"
            email.last_error = f"{type(exc).__name__}: {exc}"[:500]
            delays = config.EMAIL_RETRY_DELAYS
            email.next_attempt_at = now + delays[min(email.attempts - 1, len(delays) - 1)]
            counts["failed"] += 1
        else:
            email.status = "sent"
            email.sent_at = now
            email.last_error = ""
            counts["sent"] += 1
        session.add(email)
        session.commit()
    return counts


def _send(settings: SmtpSettings, email: Email) -> None:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = email.to
    message["Subject"] = email.subject
    message.set_content(email.body)
    with smtplib.SMTP(settings.host, settings.port, timeout=config.SMTP_TIMEOUT_SECONDS) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password)
        smtp.send_message(message)
