"""Credentials (SPEC §3.4): business credentials the account looks eligible for, approving one
with its certificate details, and the approved ones (flagged when they expire soon)."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from services import config, profile
from services.i18n import _, day, ngettext
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import require_page
from shell.db import session_scope
from shell.page import guard, header

guard()
ctx = require_page("actions")
me, editable = ctx.user.id, ctx.can("actions", "edit")
locale = ctx.marketplace.locale
header(_("Credentials"), _("Approved credentials show as badges on your product pages, SKU Central and your business "
                           "profile, until their expiry day."))
with session_scope() as session:
    statuses = profile.credential_statuses(session, ctx.account_id, ctx.today, user_id=me)
    reviewed = profile.get_profile(session, ctx.account_id, user_id=me).credentials_reviewed_at
focus = st.query_params.get("credential")
if not statuses:
    st.info(_("No business credentials are suggested for this account yet."))


def approve_form(name: str) -> None:
    key = f"credential_{name}"
    problems = errors(key)
    with st.form(f"cred_form_{name}"):
        agency = st.text_input(_("Issuing agency"), key=f"cred_agency_{name}", placeholder=_("e.g. U.S. SBA, TÜV SÜD"))
        field_errors(problems, "issuing_agency")
        number = st.text_input(_("Certificate number"), key=f"cred_number_{name}")
        field_errors(problems, "certificate_number")
        issued_col, expires_col = st.columns(2)
        with issued_col:
            issued = st.date_input(_("Issue date"), value=None, max_value=ctx.today, key=f"cred_issued_{name}",
                                   min_value=ctx.today - timedelta(days=365 * 40), format="YYYY-MM-DD")
            field_errors(problems, "issued_on")
        with expires_col:
            expires = st.date_input(_("Expiry date"), value=None, key=f"cred_expires_{name}", format="YYYY-MM-DD",
                                    min_value=ctx.today, max_value=ctx.today + timedelta(days=365 * 20))
            field_errors(problems, "expires_on")
        field_errors(problems, "credential")
        field_errors(problems, GENERAL)
        saved = st.form_submit_button(_("Approve credential"), type="primary")
    if saved:
        run_action(profile.approve_credential, ctx.account_id, name, agency, number, issued, expires, me, clock.now(),
                   ctx.today, errors_key=key,
                   notice=_("{name} approved: it now shows on your product pages.").format(name=_(name)))


for status in statuses:
    with st.container(border=True):
        name_col, state_col = st.columns([3, 2], vertical_alignment="center")
        name_col.markdown(f"**{plain(_(status.credential))}**")
        credential = status.approved
        if credential is not None:
            if status.expiring_soon:
                days = config.CREDENTIAL_EXPIRY_WARNING_DAYS
                state_col.markdown(ngettext(":orange-badge[:material/warning: Expires within {n} day] Approved · "
                                            "expires {day}",
                                            ":orange-badge[:material/warning: Expires within {n} days] Approved · "
                                            "expires {day}", days).format(n=days,
                                                                          day=day(credential.expires_on, locale)))
            else:
                state_col.markdown(_(":green-badge[:material/verified: Approved] expires {day}").format(
                    day=day(credential.expires_on, locale)))
            st.caption(_("{agency} · certificate {number} · issued {day}").format(
                agency=plain(credential.issuing_agency), number=plain(credential.certificate_number),
                day=day(credential.issued_on, locale)))
        else:
            state_col.markdown(_(":gray-badge[Not added yet]"))
            if editable:
                with st.expander(_("Add the certificate details"), expanded=status.credential == focus):
                    approve_form(status.credential)

if statuses and editable:
    field_errors(errors("credentials_reviewed"), GENERAL)
    if reviewed is None:
        st.button(_("I have reviewed my credentials"), key="cred_reviewed", icon=":material/done_all:",
                  help=_("Clears the Welcome Series step."),
                  on_click=lambda: run_action(profile.mark_credentials_reviewed, ctx.account_id, me, clock.now(),
                                              errors_key="credentials_reviewed", rerun=False,
                                              notice=_("Credentials marked as reviewed.")))
    else:
        st.caption(_("Reviewed on {day}.").format(day=day(reviewed, locale)))
