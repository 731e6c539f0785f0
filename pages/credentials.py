"""Credentials (SPEC §3.4): business credentials the account looks eligible for, approving one
with its certificate details, and the approved ones (flagged when they expire within 30 days)."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from services import config, profile
from services.errors import DomainError, ValidationError
from shell import clock
from shell.context import require_page
from shell.db import session_scope

ctx = require_page("actions")
st.title("Credentials")
st.caption("Approved credentials show as badges on your product pages, SKU Central and your business profile, "
           "until their expiry day.")
with session_scope() as session:
    statuses = profile.credential_statuses(session, ctx.account_id, ctx.today)
    reviewed = profile.get_profile(session, ctx.account_id).credentials_reviewed_at
    session.expunge_all()
editable = ctx.can("actions", "edit")
focus = st.query_params.get("credential")
if notice := st.session_state.pop("cred_notice", None):
    st.success(notice, icon=":material/check_circle:")

if not statuses:
    st.info("No business credentials are suggested for this account yet.")


def approve(name: str) -> None:
    errors = st.session_state.get(f"cred_errors_{name}", {})
    with st.form(f"cred_form_{name}"):
        agency = st.text_input("Issuing agency", key=f"cred_agency_{name}", placeholder="e.g. U.S. SBA, TÜV SÜD")
        field_errors(errors, "issuing_agency")
        number = st.text_input("Certificate number", key=f"cred_number_{name}")
        field_errors(errors, "certificate_number")
        c1, c2 = st.columns(2)
        issued = c1.date_input("Issue date", value=None, max_value=ctx.today, key=f"cred_issued_{name}",
                               min_value=ctx.today - timedelta(days=365 * 40), format="YYYY-MM-DD")
        with c1:
            field_errors(errors, "issued_on")
        expires = c2.date_input("Expiry date", value=None, key=f"cred_expires_{name}", format="YYYY-MM-DD",
                                min_value=ctx.today, max_value=ctx.today + timedelta(days=365 * 20))
        with c2:
            field_errors(errors, "expires_on")
        field_errors(errors, "credential")
        saved = st.form_submit_button("Approve credential", type="primary")
    if saved:
        try:
            with session_scope(commit=True) as session:
                profile.approve_credential(session, ctx.account_id, name, agency, number, issued, expires,
                                           ctx.user.id, clock.now(), ctx.today)
        except ValidationError as exc:
            st.session_state[f"cred_errors_{name}"] = exc.by_field
        except DomainError as exc:
            st.session_state[f"cred_errors_{name}"] = {"credential": [exc.message]}
        else:
            st.session_state.pop(f"cred_errors_{name}", None)
            st.session_state["cred_notice"] = f"{name} approved: it now shows on your product pages."
        st.rerun()


def _mark_reviewed() -> None:
    with session_scope(commit=True) as session:
        profile.mark_credentials_reviewed(session, ctx.account_id, ctx.user.id, clock.now())


for status in statuses:
    with st.container(border=True):
        head, state = st.columns([3, 2], vertical_alignment="center")
        head.markdown(f"**{plain(status.credential)}**")
        cred = status.approved
        if cred is not None:
            text = f"Approved · expires {cred.expires_on:%d %b %Y}"
            if status.expiring_soon:
                state.markdown(f":orange-badge[:material/warning: Expires within "
                               f"{config.CREDENTIAL_EXPIRY_WARNING_DAYS} days] {text}")
            else:
                state.markdown(f":green-badge[:material/verified: Approved] expires {cred.expires_on:%d %b %Y}")
            st.caption(f"{plain(cred.issuing_agency)} · certificate {plain(cred.certificate_number)} · issued "
                       f"{cred.issued_on:%d %b %Y}")
        else:
            state.markdown(":gray-badge[Not added yet]")
            if editable:
                with st.expander("Add the certificate details", expanded=status.credential == focus):
                    approve(status.credential)

if statuses and editable:
    if reviewed is None:
        st.button("I have reviewed my credentials", key="cred_reviewed", icon=":material/done_all:",
                  help="Clears the Welcome Series step.",
                  on_click=_mark_reviewed)
    else:
        st.caption(f"Reviewed on {reviewed:%d %b %Y}.")
