"""The email outbox (SPEC §9): every email is written to the outbox first and sent by SMTP when
`SMTP_HOST` is set. A failed delivery stays in the outbox as "failed" with its error and is
retried later; nothing is ever dropped."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy import or_
from sqlmodel import Session, select

from services import config
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
    """Write one email to the outbox (flushes; the caller commits)."""
    email = Email(account_id=account_id, to=to, subject=subject, body=body, created_at=now, next_attempt_at=now)
    session.add(email)
    session.flush()
    return email


def account_admin_emails(session: Session, account_id: int) -> list[str]:
    return list(session.exec(
        select(User.email).join(Membership, Membership.user_id == User.id)
        .where(Membership.account_id == account_id, Membership.role == "admin", User.active)
        .order_by(User.email)
    ))


def email_admins(session: Session, account_id: int, subject: str, body: str, now: datetime) -> list[Email]:
    account = session.get(Account, account_id)
    greeting = f"Hello from B2B Seller Console about {account.name} ({account.merchant_token}).\n\n"
    return [queue_email(session, to, subject, greeting + body, now, account_id)
            for to in account_admin_emails(session, account_id)]


def outbox(session: Session, to: str | None = None, account_ids: list[int] | None = None) -> list[Email]:
    """Emails, newest first; only those to `to`, or of those accounts, when given."""
    query = select(Email)
    if to is not None:
        query = query.where(Email.to == to.strip().lower())
    if account_ids is not None:
        query = query.where(Email.account_id.in_(account_ids))
    return list(session.exec(query.order_by(Email.created_at.desc(), Email.id.desc())))


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
