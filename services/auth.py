"""Password sign-in with lockout, and signed-in sessions (SPEC §1).

Every password check in the app goes through :func:`authenticate`: the sign-in form and the
"Already have a sign-in?" forms of invitation links. It counts wrong passwords per email, known
or not (5 in 15 minutes lock that email for 15 minutes), answers unknown, inactive and wrong
alike with one message, and spends the same bcrypt work on an unknown email as on a known one,
so neither the answer nor its timing tells whether an email has a user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, delete, func, select

from services import config, tokens
from services.errors import SignInRefused
from services.i18n import M
from services.models import LoginFailure, LoginLock, User, UserSession
from services.passwords import check_password, hash_password

WRONG_CREDENTIALS = M("Email or password is incorrect.")
LOCKED = M("Too many wrong passwords for this email: signing in with it is locked for a while.")

_dummy_hash: dict[int, str] = {}  # per bcrypt cost: a hash to check unknown emails against


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    user_id: int | None = None
    message: str = ""
    locked_until: datetime | None = None


def normalize(email: str) -> str:
    return (email or "").strip().lower()


def user_by_email(session: Session, email: str) -> User | None:
    """The user with this email (case-insensitive), active or not."""
    return session.exec(select(User).where(User.email == normalize(email))).first()


def _dummy() -> str:
    rounds = config.BCRYPT_ROUNDS
    if rounds not in _dummy_hash:
        _dummy_hash[rounds] = hash_password("not-a-password-0")
    return _dummy_hash[rounds]


def authenticate(session: Session, email: str, password: str, now: datetime) -> LoginResult:
    """Check an email/password pair; records failures and locks the email when the policy says
    so. The caller commits (also after a failure: the count must stick)."""
    address = normalize(email)
    user = user_by_email(session, address)
    usable = user is not None and user.active
    # the same bcrypt work whatever the outcome (an unknown email is checked against a dummy hash)
    matches = check_password(password or "", user.password_hash if usable else _dummy()) and usable
    lock = session.get(LoginLock, address)
    if lock is not None and lock.locked_until > now:
        return LoginResult(False, None, LOCKED, lock.locked_until)
    if matches:
        session.exec(delete(LoginFailure).where(col(LoginFailure.email) == address))
        if lock is not None:
            session.delete(lock)
        session.flush()
        return LoginResult(True, user.id)
    session.add(LoginFailure(email=address, at=now))
    session.flush()
    recent = session.exec(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.email == address, col(LoginFailure.at) > now - config.LOCKOUT_WINDOW)).one()
    if recent >= config.LOCKOUT_MAX_FAILURES:
        lock = lock or LoginLock(email=address, locked_until=now)
        lock.locked_until = now + config.LOCKOUT_DURATION
        session.add(lock)
        session.exec(delete(LoginFailure).where(col(LoginFailure.email) == address))
        session.flush()
        return LoginResult(False, None, LOCKED, lock.locked_until)
    return LoginResult(False, None, WRONG_CREDENTIALS)


def verify_sign_in(session: Session, email: str, password: str, now: datetime) -> User:
    """The user behind an email and password, by :func:`authenticate` (the one check, with the
    lockout); else SignInRefused with the sign-in form's message (the failure stays counted)."""
    result = authenticate(session, email, password, now)
    if not result.ok:
        raise SignInRefused(result.message, field="password")
    return session.get(User, result.user_id)


def failed_logins(session: Session, email: str, now: datetime) -> int:
    """Wrong passwords for this email within the lockout window (the failed-login counter)."""
    return session.exec(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.email == normalize(email), col(LoginFailure.at) > now - config.LOCKOUT_WINDOW)).one()


# --- Sessions ---------------------------------------------------------------------------------------


def start_session(session: Session, user_id: int, now: datetime) -> str:
    """A new signed-in session for the user; returns the token for the cookie (stored hashed)."""
    row = UserSession(user_id=user_id, created_at=now, expires_at=now + config.SESSION_LIFETIME, token_hash="")
    token = tokens.issue(row)
    session.add(row)
    session.flush()
    return token


def session_user(session: Session, token: str | None, now: datetime) -> User | None:
    """The active user a session token belongs to, while the session is neither ended nor expired."""
    if not token:
        return None
    row = session.exec(select(UserSession).where(UserSession.token_hash == tokens.digest(token))).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


def end_session(session: Session, token: str | None, now: datetime) -> None:
    """Sign out: this session's token stops working at once (also on a copied cookie)."""
    if token:
        session.execute(update(UserSession).where(UserSession.token_hash == tokens.digest(token),
                                                  UserSession.revoked_at.is_(None)).values(revoked_at=now))
        session.flush()


def revoke_sessions(session: Session, user_id: int, now: datetime) -> None:
    """Sign out everywhere: every session of the user stops working."""
    session.execute(update(UserSession).where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
                    .values(revoked_at=now))
    session.flush()
