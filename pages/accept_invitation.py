"""Accept an invitation (SPEC §5, §1): a supplier's link (`token`) or a new account user's link
(`user_token`). Works without signing in. Expired, used, cancelled and unknown links each get a
plain message."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from services import config, suppliers, team
from services.errors import DomainError, ValidationError
from services.models import Account
from shell import clock
from shell.db import session_scope

st.title("Accept invitation")
token, user_token = st.query_params.get("token"), st.query_params.get("user_token")
now = clock.now()
done_key = f"invite_done_{token or user_token}"
if done := st.session_state.get(done_key):
    st.success(done, icon=":material/check_circle:")
    st.markdown("[Sign in](/)")
    st.stop()
try:
    with session_scope() as session:
        if token:
            invitation = suppliers.invitation_by_token(session, token, now)
            account = session.get(Account, invitation.account_id)
            intro = (f"**{plain(account.name)}** invites **{plain(invitation.company)}** "
                     f"({config.SUPPLIER_TYPES.get(invitation.supplier_type, 'supplier')}) to Supply Chain Connect: "
                     "you will see and complete the inbound shipments it shares with you.")
        elif user_token:
            invitation = team.user_invitation_by_token(session, user_token, now)
            account = session.get(Account, invitation.account_id)
            intro = f"You are invited to join **{plain(account.name)}** as **{invitation.role}**."
        else:
            raise ValidationError("This invitation link is not valid: it has no token. Use the link from the email.")
        email = invitation.email
except DomainError as exc:
    st.error(exc.message)
    st.markdown("[Go to sign in](/)")
    st.stop()

st.markdown(intro)
st.caption(f"Invitation for {plain(email)} · the link works once and expires on {invitation.expires_at:%d %b %Y}.")
if st.session_state.get("authentication_status"):
    st.warning(f"You are signed in as {plain(st.session_state.get('username') or '')}. Sign out first, then open "
               "the link again to accept it.")
    st.stop()

new, existing = st.columns(2)
errors = st.session_state.get("invite_errors", {})
with new, st.form("invite_new"):
    st.markdown("**New here? Create your sign-in**")
    st.text_input("Email", value=email, disabled=True, key="inv_email_shown")
    name = st.text_input("Your name", key="inv_name", max_chars=120)
    field_errors(errors, "display_name")
    password = st.text_input("Password", type="password", key="inv_password",
                             help=f"At least {config.PASSWORD_MIN_LENGTH} characters, with letters and digits.")
    repeat = st.text_input("Repeat the password", type="password", key="inv_password2")
    field_errors(errors, "password")
    field_errors(errors, "new")
    create = st.form_submit_button("Create my sign-in and accept", type="primary")
with existing, st.form("invite_existing"):
    st.markdown("**Already have a sign-in?**")
    login_email = st.text_input("Email", key="inv_login_email")
    login_password = st.text_input("Password", type="password", key="inv_login_password")
    field_errors(errors, "existing")
    link = st.form_submit_button("Sign in and accept")

if create or link:
    try:
        with session_scope(commit=True) as session:
            if create:
                if password != repeat:
                    raise ValidationError("The two passwords differ.", field="password")
                user = (suppliers.accept_invitation(session, token, name, password, clock.now()) if token else
                        team.accept_user_invitation(session, user_token, name, password, clock.now()))
            else:
                user = (suppliers.link_existing_supplier(session, token, login_email, login_password, clock.now())
                        if token else team.link_existing_user(session, user_token, login_email, login_password,
                                                              clock.now()))
            address = user.email
    except ValidationError as exc:
        field = exc.field if create and exc.field in ("display_name", "password") else ("new" if create else "existing")
        st.session_state["invite_errors"] = {field: exc.reasons}
    except DomainError as exc:
        st.session_state["invite_errors"] = {"new" if create else "existing": [exc.message]}
    else:
        st.session_state.pop("invite_errors", None)
        st.session_state[done_key] = f"Invitation accepted. Sign in as {address}."
    st.rerun()
