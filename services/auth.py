"""Password sign-in with lockout (SPEC §1): 5 wrong passwords in 15 minutes lock for 15 minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, delete, func, select

from services import config
from services.accounts import get_user_by_email
from services.models import LoginFailure, User
from services.passwords import check_password

WRONG_CREDENTIALS = "Email or password is incorrect."


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    user_id: int | None = None
    message: str = ""
    locked_until: datetime | None = None


def authenticate(session: Session, email: str, password: str, now: datetime) -> LoginResult:
    """Check an email/password pair; records failures and locks the user when the policy says so.

    The caller commits. Unknown emails and wrong passwords get the same message.
    """
    user = get_user_by_email(session, email)
    if user is None or not user.active:
        return LoginResult(False, message=WRONG_CREDENTIALS)
    if user.locked_until is not None and user.locked_until > now:
        return LoginResult(False, user.id, "This user is locked after too many wrong passwords.", user.locked_until)
    if check_password(password, user.password_hash):
        session.exec(delete(LoginFailure).where(col(LoginFailure.user_id) == user.id))
        user.failed_login_count = 0
        user.locked_until = None
        session.add(user)
        session.flush()
        return LoginResult(True, user.id)
    session.add(LoginFailure(user_id=user.id, at=now))
    session.flush()
    recent = session.exec(
        select(func.count())
        .select_from(LoginFailure)
        .where(LoginFailure.user_id == user.id, col(LoginFailure.at) > now - config.LOCKOUT_WINDOW)
    ).one()
    user.failed_login_count = recent
    if recent >= config.LOCKOUT_MAX_FAILURES:
        user.locked_until = now + config.LOCKOUT_DURATION
        session.exec(delete(LoginFailure).where(col(LoginFailure.user_id) == user.id))
        user.failed_login_count = 0
        session.add(user)
        session.flush()
        return LoginResult(False, user.id, "Too many wrong passwords: this user is locked.", user.locked_until)
    session.add(user)
    session.flush()
    return LoginResult(False, user.id, WRONG_CREDENTIALS)


def revoke_sessions(session: Session, user_id: int, now: datetime) -> None:
    """Sign out everywhere: any session or cookie issued before `now` stops working."""
    user = session.get(User, user_id)
    if user is not None:
        user.sessions_revoked_at = now
        session.add(user)
        session.flush()


def session_still_valid(session: Session, user_id: int, signed_in_at: datetime) -> bool:
    user = session.get(User, user_id)
    if user is None or not user.active:
        return False
    return user.sessions_revoked_at is None or signed_in_at >= user.sessions_revoked_at
