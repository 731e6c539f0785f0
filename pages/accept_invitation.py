"""Accept an invitation (SPEC §5, §1): a supplier's link (`token`) or a new account user's link
(`user_token`). Works without signing in. Expired, used, cancelled and unknown links each get a
plain message. Every password typed here goes through the one sign-in check (with its lockout)."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from services import config, suppliers, team
from services.errors import DomainError, ValidationError
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.db import session_scope
from shell.page import guard, header

guard()
header("Accept invitation")
token, user_token = st.query_params.get("token"), st.query_params.get("user_token")
done_key = f"_invitation_done_{token or user_token}"
if done := st.session_state.get(done_key):
    st.success(done, icon=":material/check_circle:")
    st.markdown("[Sign in](/)")
    st.stop()
try:
    with session_scope() as session:
        if token:
            preview = suppliers.invitation_preview(session, token, clock.now())
        elif user_token:
            preview = team.invitation_preview(session, user_token, clock.now())
        else:
            raise ValidationError("This invitation link is not valid: it has no token. Use the link from the email.")
except DomainError as exc:
    st.error(exc.message)
    st.markdown("[Go to sign in](/)")
    st.stop()

if preview.kind == "supplier":
    st.markdown(f"**{plain(preview.account_name)}** invites **{plain(preview.company)}** ({preview.supplier_type}) "
                "to Supply Chain Connect: you will see and complete the inbound shipments it shares with you.")
else:
    st.markdown(f"You are invited to join **{plain(preview.account_name)}** as **{preview.role}**.")
who = f"Invitation for {plain(preview.email)}" if preview.email else "Invitation"
st.caption(f"{who} · the link works once and expires on {preview.expires_at:%d %b %Y}.")
if st.session_state.get("authentication_status"):
    st.warning(f"You are signed in as {plain(st.session_state.get('username') or '')}. Sign out first, then open "
               "the link again to accept it.")
    st.stop()


def _accepted(user) -> None:
    st.session_state[done_key] = f"Invitation accepted. Sign in as {user.email}."


new_col, existing_col = st.columns(2)
new_errors, existing_errors = errors("invitation_new"), errors("invitation_existing")
with new_col, st.form("invite_new"):
    st.markdown("**New here? Create your sign-in**")
    if preview.email:
        st.text_input("Email", value=preview.email, disabled=True, key="inv_email_shown")
        typed_email = preview.email
    else:
        typed_email = st.text_input("Email (the address this invitation was sent to)", key="inv_email")
    field_errors(new_errors, "email")
    name = st.text_input("Your name", key="inv_name", max_chars=120)
    field_errors(new_errors, "display_name")
    password = st.text_input("Password", type="password", key="inv_password",
                             help=f"At least {config.PASSWORD_MIN_LENGTH} characters, with letters and digits.")
    repeat = st.text_input("Repeat the password", type="password", key="inv_password2")
    field_errors(new_errors, "password")
    field_errors(new_errors, GENERAL)
    create = st.form_submit_button("Create my sign-in and accept", type="primary")
with existing_col, st.form("invite_existing"):
    st.markdown("**Already have a sign-in?**")
    login_email = st.text_input("Email", key="inv_login_email")
    field_errors(existing_errors, "email")
    login_password = st.text_input("Password", type="password", key="inv_login_password")
    field_errors(existing_errors, "password")
    field_errors(existing_errors, GENERAL)
    link = st.form_submit_button("Sign in and accept")


def _create(session):
    if password != repeat:
        raise ValidationError("The two passwords differ.", field="password")
    if token:
        return suppliers.accept_invitation(session, token, name, password, clock.now())
    return team.accept_user_invitation(session, user_token, name, password, clock.now(), email=typed_email)


def _link(session):
    if token:
        return suppliers.link_existing_supplier(session, token, login_email, login_password, clock.now())
    return team.link_existing_user(session, user_token, login_email, login_password, clock.now())


if create:
    run_action(_create, errors_key="invitation_new", then=_accepted)
if link:
    run_action(_link, errors_key="invitation_existing", then=_accepted)
