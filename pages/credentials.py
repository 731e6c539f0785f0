"""Credentials (SPEC §3.4): business credentials the account looks eligible for, approving one
with its certificate details, and the approved ones (flagged when they expire soon)."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from services import config, profile
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import require_page
from shell.db import session_scope
from shell.page import guard, header

guard()
ctx = require_page("actions")
me, editable = ctx.user.id, ctx.can("actions", "edit")
header("Credentials", "Approved credentials show as badges on your product pages, SKU Central and your business "
                      "profile, until their expiry day.")
with session_scope() as session:
    statuses = profile.credential_statuses(session, ctx.account_id, ctx.today, user_id=me)
    reviewed = profile.get_profile(session, ctx.account_id, user_id=me).credentials_reviewed_at
focus = st.query_params.get("credential")
if not statuses:
    st.info("No business credentials are suggested for this account yet.")


def approve_form(name: str) -> None:
    key = f"credential_{name}"
    problems = errors(key)
    with st.form(f"cred_form_{name}"):
        agency = st.text_input("Issuing agency", key=f"cred_agency_{name}", placeholder="e.g. U.S. SBA, TÜV SÜD")
        field_errors(problems, "issuing_agency")
        number = st.text_input("Certificate number", key=f"cred_number_{name}")
        field_errors(problems, "certificate_number")
        issued_col, expires_col = st.columns(2)
        with issued_col:
            issued = st.date_input("Issue date", value=None, max_value=ctx.today, key=f"cred_issued_{name}",
                                   min_value=ctx.today - timedelta(days=365 * 40), format="YYYY-MM-DD")
            field_errors(problems, "issued_on")
        with expires_col:
            expires = st.date_input("Expiry date", value=None, key=f"cred_expires_{name}", format="YYYY-MM-DD",
                                    min_value=ctx.today, max_value=ctx.today + timedelta(days=365 * 20))
            field_errors(problems, "expires_on")
        field_errors(problems, "credential")
        field_errors(problems, GENERAL)
        saved = st.form_submit_button("Approve credential", type="primary")
    if saved:
        run_action(profile.approve_credential, ctx.account_id, name, agency, number, issued, expires, me, clock.now(),
                   ctx.today, errors_key=key, notice=f"{name} approved: it now shows on your product pages.")


for status in statuses:
    with st.container(border=True):
        name_col, state_col = st.columns([3, 2], vertical_alignment="center")
        name_col.markdown(f"**{plain(status.credential)}**")
        credential = status.approved
        if credential is not None:
            if status.expiring_soon:
                state_col.markdown(f":orange-badge[:material/warning: Expires within "
                                   f"{config.CREDENTIAL_EXPIRY_WARNING_DAYS} days] Approved · expires "
                                   f"{credential.expires_on:%d %b %Y}")
            else:
                state_col.markdown(f":green-badge[:material/verified: Approved] expires "
                                   f"{credential.expires_on:%d %b %Y}")
            st.caption(f"{plain(credential.issuing_agency)} · certificate {plain(credential.certificate_number)} · "
                       f"issued {credential.issued_on:%d %b %Y}")
        else:
            state_col.markdown(":gray-badge[Not added yet]")
            if editable:
                with st.expander("Add the certificate details", expanded=status.credential == focus):
                    approve_form(status.credential)

if statuses and editable:
    field_errors(errors("credentials_reviewed"), GENERAL)
    if reviewed is None:
        st.button("I have reviewed my credentials", key="cred_reviewed", icon=":material/done_all:",
                  help="Clears the Welcome Series step.",
                  on_click=lambda: run_action(profile.mark_credentials_reviewed, ctx.account_id, me, clock.now(),
                                              errors_key="credentials_reviewed", rerun=False,
                                              notice="Credentials marked as reviewed."))
    else:
        st.caption(f"Reviewed on {reviewed:%d %b %Y}.")
