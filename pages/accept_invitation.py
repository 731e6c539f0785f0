"""Accept an invitation (SPEC §5, §1): a supplier's link (`token`) or a new account user's link
(`user_token`). Works without signing in. Expired, used, cancelled and unknown links each get a
plain message. Every password typed here goes through the one sign-in check (with its lockout)."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from services import config, suppliers, team
from services.errors import DomainError, ValidationError
from services.i18n import _, day, tr
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import role_label
from shell.db import session_scope
from shell.page import DATE_LOCALE, guard, header

guard()
header(_("Accept invitation"))
token, user_token = st.query_params.get("token"), st.query_params.get("user_token")
done_key = f"_invitation_done_{token or user_token}"
if done := st.session_state.get(done_key):
    st.success(done, icon=":material/check_circle:")
    st.markdown(_("[Sign in](/)"))
    st.stop()
try:
    with session_scope() as session:
        if token:
            preview = suppliers.invitation_preview(session, token, clock.now())
        elif user_token:
            preview = team.invitation_preview(session, user_token, clock.now())
        else:
            raise ValidationError(_("This invitation link is not valid: it has no token. Use the link from the email."))
except DomainError as exc:
    st.error(tr(exc.message))
    st.markdown(_("[Go to sign in](/)"))
    st.stop()

if preview.kind == "supplier":
    st.markdown(_("**{account}** invites **{company}** ({type}) to Supply Chain Connect: you will see and complete "
                  "the inbound shipments it shares with you.").format(
        account=plain(preview.account_name), company=plain(preview.company), type=tr(preview.supplier_type)))
else:
    st.markdown(_("You are invited to join **{account}** as **{role}**.").format(
        account=plain(preview.account_name), role=role_label(preview.role)))
expires = day(preview.expires_at, DATE_LOCALE)
if preview.email:
    st.caption(_("Invitation for {email} · the link works once and expires on {day}.").format(
        email=plain(preview.email), day=expires))
else:
    st.caption(_("Invitation · the link works once and expires on {day}.").format(day=expires))
if st.session_state.get("authentication_status"):
    st.warning(_("You are signed in as {email}. Sign out first, then open the link again to accept it.").format(
        email=plain(st.session_state.get("username") or "")))
    st.stop()


def _accepted(user) -> None:
    st.session_state[done_key] = _("Invitation accepted. Sign in as {email}.").format(email=user.email)


new_col, existing_col = st.columns(2)
new_errors, existing_errors = errors("invitation_new"), errors("invitation_existing")
with new_col, st.form("invite_new"):
    st.markdown(_("**New here? Create your sign-in**"))
    if preview.email:
        st.text_input(_("Email"), value=preview.email, disabled=True, key="inv_email_shown")
        typed_email = preview.email
    else:
        typed_email = st.text_input(_("Email (the address this invitation was sent to)"), key="inv_email")
    field_errors(new_errors, "email")
    name = st.text_input(_("Your name"), key="inv_name", max_chars=120)
    field_errors(new_errors, "display_name")
    password = st.text_input(_("Password"), type="password", key="inv_password",
                             help=_("At least {n} characters, with letters and digits.").format(
                                 n=config.PASSWORD_MIN_LENGTH))
    repeat = st.text_input(_("Repeat the password"), type="password", key="inv_password2")
    field_errors(new_errors, "password")
    field_errors(new_errors, GENERAL)
    create = st.form_submit_button(_("Create my sign-in and accept"), type="primary")
with existing_col, st.form("invite_existing"):
    st.markdown(_("**Already have a sign-in?**"))
    login_email = st.text_input(_("Email"), key="inv_login_email")
    field_errors(existing_errors, "email")
    login_password = st.text_input(_("Password"), type="password", key="inv_login_password")
    field_errors(existing_errors, "password")
    field_errors(existing_errors, GENERAL)
    link = st.form_submit_button(_("Sign in and accept"))


def _create(session):
    if password != repeat:
        raise ValidationError(_("The two passwords differ."), field="password")
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
