"""Sign-in with streamlit-authenticator over the database users (SPEC §1).

The library draws the login form and keeps the signed re-authentication cookie; its credential
check is pointed at services.auth.authenticate (bcrypt, case-insensitive emails, the lockout),
and the users it knows are looked up one at a time by email (never every user's hash). Each
sign-in starts a server-side session (services.auth.start_session) whose token rides in the
signed cookie: signing out ends that session at once, so a copied cookie stops working too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities.exceptions import LoginError

from components.formatting import local_time
from services import auth as auth_service
from services import config
from services.i18n import _, tr
from shell import clock, cookies, language
from shell.db import session_scope
from shell.nav import placeholder_navigation
from shell.secret import cookie_key

_PENDING_COOKIE_DELETE = "_pending_cookie_delete"
_SET_COOKIE = "_set_cookie"
_USER_KEY = "_signed_in_user"
_SESSION_TOKEN = "_session_token"

cookies.install()  # no cookie-reading iframe (and no rerun) on page load


@dataclass(frozen=True)
class SignedInUser:
    id: int
    email: str
    display_name: str
    kind: str


class _UsersByEmail(MutableMapping):
    """streamlit-authenticator's ``credentials['usernames']``, backed by one look-up per email."""

    def __init__(self) -> None:
        self._seen: dict[str, dict] = {}

    def _load(self, email: str) -> dict | None:
        key = auth_service.normalize(email)
        if key not in self._seen:
            with session_scope() as session:
                user = auth_service.user_by_email(session, key)
                if user is None or not user.active:
                    return None
                self._seen[key] = {"email": user.email, "name": user.display_name, "password": "(checked elsewhere)"}
        return self._seen[key]

    def __getitem__(self, email: str) -> dict:
        found = self._load(email)
        if found is None:
            raise KeyError(email)
        return found

    def __contains__(self, email: object) -> bool:
        return isinstance(email, str) and self._load(email) is not None

    def __setitem__(self, email: str, value: dict) -> None:
        self._seen[auth_service.normalize(email)] = value

    def __delitem__(self, email: str) -> None:
        self._seen.pop(auth_service.normalize(email), None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._seen)  # only those looked up on this run (stauth never needs more)

    def __len__(self) -> int:
        return len(self._seen)


def _authenticator() -> stauth.Authenticate:
    authenticator = stauth.Authenticate(
        {"usernames": {}}, config.COOKIE_NAME, cookie_key(), config.COOKIE_EXPIRY_DAYS, auto_hash=False,
        login_sleep_time=0,
    )
    model = authenticator.authentication_controller.authentication_model
    model.credentials["usernames"] = _UsersByEmail()
    cookie_model = authenticator.cookie_controller.cookie_model

    def check_credentials(username: str, password: str) -> bool:
        now = clock.now()
        with session_scope(commit=True) as session:
            result = auth_service.authenticate(session, username, password, now)
            token = auth_service.start_session(session, result.user_id, now) if result.ok else None
        if result.ok:
            st.session_state[_SESSION_TOKEN] = token
            st.session_state[_SET_COOKIE] = True
            st.session_state.pop("login_error", None)
            return True
        message = tr(result.message)
        if result.locked_until is not None:
            message = _("{message} Try again after {time}.").format(
                message=message, time=local_time(result.locked_until, st.context.timezone))
        st.session_state["login_error"] = message
        return False

    def token_encode() -> str:  # the cookie also carries the server-side session's token
        return jwt.encode({"username": st.session_state["username"], "exp_date": cookie_model.exp_date,
                           "sid": st.session_state.get(_SESSION_TOKEN)}, cookie_model.cookie_key, algorithm="HS256")

    model.check_credentials = check_credentials
    cookie_model._token_encode = token_encode
    return authenticator


def _clear_sign_in() -> None:
    for key in ("authentication_status", "username", "name", "email", "roles", _USER_KEY, _SESSION_TOKEN):
        st.session_state[key] = None
    st.session_state["logout"] = True
    st.session_state[_PENDING_COOKIE_DELETE] = True
    language.forget_user()


def sign_out() -> None:
    """Button callback: sign out of this browser; the session's token stops working everywhere."""
    with session_scope(commit=True) as session:
        auth_service.end_session(session, st.session_state.get(_SESSION_TOKEN), clock.now())
    _clear_sign_in()


def sign_out_everywhere(user_id: int) -> None:
    """Button callback: every session and cookie issued until now stops working."""
    with session_scope(commit=True) as session:
        auth_service.revoke_sessions(session, user_id, clock.now())
    _clear_sign_in()


def _draw_sign_in(authenticator: stauth.Authenticate) -> None:
    st.title("B2B Seller Console")
    st.caption(_("Sign in with your work email."))
    notice = st.session_state.pop("login_notice", None)
    if notice:
        st.info(notice)
    try:
        authenticator.login(
            location="main",
            fields={"Form name": _("Sign in"), "Username": _("Email"), "Password": _("Password"),
                    "Login": _("Sign in")},
            key="signin",
        )
    except LoginError:
        st.session_state["authentication_status"] = False
    if st.session_state.get("authentication_status") is False:
        st.error(tr(st.session_state.get("login_error")) or _(auth_service.WRONG_CREDENTIALS))
    if st.session_state.get("authentication_status"):
        st.rerun()  # draw the app without the sign-in form; the cookie is set on that run


def _cookie_session_token(authenticator: stauth.Authenticate) -> str | None:
    token = authenticator.cookie_controller.cookie_model.token
    return token.get("sid") if isinstance(token, dict) else None


def signed_in_user(requested: str | None = None) -> SignedInUser | None:
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
            placeholder_navigation(lambda: _draw_sign_in(authenticator), _("Sign in"), public=True, requested=requested)
            return None
        st.session_state[_SESSION_TOKEN] = _cookie_session_token(authenticator)
    email = auth_service.normalize(st.session_state.get("username") or "")
    with session_scope() as session:
        user = auth_service.session_user(session, st.session_state.get(_SESSION_TOKEN), clock.now())
        if user is None or user.email != email:  # signed out (here or everywhere), expired, deactivated
            _clear_sign_in()
            st.session_state["login_notice"] = _("You have been signed out. Please sign in again.")
            st.rerun()
        signed_in = SignedInUser(user.id, user.email, user.display_name, user.kind)
    if st.session_state.get(_SET_COOKIE):  # until a run finishes (cookie_written), see below
        with cookie_slot:
            authenticator.cookie_controller.set_cookie()
    st.session_state[_USER_KEY] = signed_in
    return signed_in


def cookie_written() -> None:
    """Call at the end of a run that reached its end: the cookie component drawn on it has reached
    the browser. A run cut short (st.switch_page, st.rerun) draws the component again next time."""
    st.session_state.pop(_SET_COOKIE, None)


def current_user() -> SignedInUser:
    """The user app.py signed in for this run. A page run without app.py (Streamlit's pages/
    auto-discovery) stops here, showing nothing."""
    user = st.session_state.get(_USER_KEY)
    if user is None or not st.session_state.get("authentication_status"):
        st.stop()
    return user


def current_user_id() -> int:
    return current_user().id
