"""Sign-in with streamlit-authenticator over the database users (SPEC §1).

The library draws the login form and keeps the signed re-authentication cookie; its
credential check is pointed at services.auth.authenticate, which owns bcrypt, case-insensitive
emails and the lockout policy.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import streamlit as st
import streamlit_authenticator as stauth
from sqlmodel import select
from streamlit_authenticator.utilities.exceptions import LoginError

from components.formatting import local_time
from services import auth as auth_service
from services import config
from services.models import User
from shell import clock, cookies
from shell.db import session_scope
from shell.nav import placeholder_navigation
from shell.secret import cookie_key

_PENDING_COOKIE_DELETE = "_pending_cookie_delete"
_SET_COOKIE = "_set_cookie"
_USER_KEY = "_signed_in_user"

cookies.install()  # no cookie-reading iframe (and no rerun) on page load


@dataclass(frozen=True)
class SignedInUser:
    id: int
    email: str
    display_name: str
    kind: str


def _credentials() -> dict:
    with session_scope() as session:
        users = session.exec(select(User).where(User.active)).all()
        return {
            "usernames": {
                u.email: {"email": u.email, "name": u.display_name, "password": u.password_hash} for u in users
            }
        }


def _authenticator() -> stauth.Authenticate:
    authenticator = stauth.Authenticate(
        _credentials(),
        config.COOKIE_NAME,
        cookie_key(),
        config.COOKIE_EXPIRY_DAYS,
        auto_hash=False,
        login_sleep_time=0,
    )
    model = authenticator.authentication_controller.authentication_model

    def check_credentials(username: str, password: str) -> bool:
        now = clock.now()
        with session_scope(commit=True) as session:
            result = auth_service.authenticate(session, username, password, now)
        if result.ok:
            st.session_state["signed_in_at"] = now
            st.session_state[_SET_COOKIE] = True
            st.session_state.pop("login_error", None)
            return True
        message = result.message
        if result.locked_until is not None:
            message += f" Try again after {local_time(result.locked_until, st.context.timezone)}."
        st.session_state["login_error"] = message
        return False

    model.check_credentials = check_credentials
    return authenticator


def _cookie_issued_at(authenticator: stauth.Authenticate) -> datetime | None:
    token = authenticator.cookie_controller.cookie_model.token
    if isinstance(token, dict) and "exp_date" in token:
        expires = datetime.fromtimestamp(token["exp_date"], tz=UTC)
        return expires - timedelta(days=config.COOKIE_EXPIRY_DAYS)
    return None


def _clear_sign_in() -> None:
    for key in ("authentication_status", "username", "name", "email", "roles", "signed_in_at", _USER_KEY):
        st.session_state[key] = None
    st.session_state["logout"] = True
    st.session_state[_PENDING_COOKIE_DELETE] = True


def sign_out() -> None:
    """Button callback: sign out of this browser."""
    _clear_sign_in()


def sign_out_everywhere(user_id: int) -> None:
    """Button callback: every session and cookie issued until now stops working."""
    with session_scope(commit=True) as session:
        auth_service.revoke_sessions(session, user_id, clock.now())
    _clear_sign_in()


def _draw_sign_in(authenticator: stauth.Authenticate) -> None:
    st.title("B2B Seller Console")
    st.caption("Sign in with your work email.")
    notice = st.session_state.pop("login_notice", None)
    if notice:
        st.info(notice)
    try:
        authenticator.login(
            location="main",
            fields={"Form name": "Sign in", "Username": "Email", "Password": "Password", "Login": "Sign in"},
            key="signin",
        )
    except LoginError as exc:
        st.error(str(exc))
    if st.session_state.get("authentication_status") is False:
        st.error(st.session_state.get("login_error") or auth_service.WRONG_CREDENTIALS)
    if st.session_state.get("authentication_status"):
        st.rerun()  # draw the app without the sign-in form; the cookie is set on that run


def signed_in_user() -> SignedInUser | None:
    """The signed-in user (by this session or by the re-authentication cookie), else None, after
    showing the sign-in page. The form is drawn inside a page of ``st.navigation`` so that its
    widgets keep the same ids from the first run on (drawn before navigation, the first submit
    after a fresh load lost what was typed)."""
    authenticator = _authenticator()
    # Cookie set/delete components draw into this fixed slot, so the elements after it keep their
    # positions from run to run (otherwise a stale copy of the form can flash up after sign-out).
    cookie_slot = st.container(height=1, border=False)
    if st.session_state.pop(_PENDING_COOKIE_DELETE, False):
        with cookie_slot:
            authenticator.cookie_controller.delete_cookie()
    if not st.session_state.get("authentication_status"):
        with contextlib.suppress(LoginError):  # a cookie for a user who no longer exists: sign in again
            authenticator.login(location="unrendered")  # only reads the re-authentication cookie
        if not st.session_state.get("authentication_status"):
            placeholder_navigation(lambda: _draw_sign_in(authenticator), "Sign in", public=True)
            return None
        st.session_state["signed_in_at"] = _cookie_issued_at(authenticator)
    email = (st.session_state.get("username") or "").lower()
    signed_in_at = st.session_state.get("signed_in_at")
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == email)).first()
        valid = (
            user is not None
            and signed_in_at is not None
            and auth_service.session_still_valid(session, user.id, signed_in_at)
        )
        if not valid:
            _clear_sign_in()
            st.session_state["login_notice"] = "You have been signed out. Please sign in again."
            st.rerun()
        st.session_state["signed_in_at"] = signed_in_at
        if st.session_state.get(_SET_COOKIE):  # until a run finishes (cookie_written), see below
            with cookie_slot:
                authenticator.cookie_controller.set_cookie()
        signed_in = SignedInUser(user.id, user.email, user.display_name, user.kind)
        st.session_state[_USER_KEY] = signed_in
        return signed_in


def cookie_written() -> None:
    """Call at the end of a run that reached its end: the cookie component drawn on it has reached
    the browser. A run cut short (st.switch_page, st.rerun) draws the component again next time."""
    st.session_state.pop(_SET_COOKIE, None)


def current_user_id() -> int:
    """For pages without an account (supplier, reviewer): the user app.py signed in for this run."""
    user = st.session_state.get(_USER_KEY)
    if user is None or not st.session_state.get("authentication_status"):
        st.stop()
    return user.id
