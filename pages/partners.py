"""Partner authorizations (SPEC §6): authorize partner sellers per ASIN and marketplace, within
limits and eligibility rules; the list with filters and revocation; the permission log."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from components.exports import csv_bytes
from components.formatting import plain
from components.forms import field_errors
from services import config, partners
from services.marketplaces import MARKETPLACES
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import link_params, require_page
from shell.db import session_scope
from shell.page import guard, header

STATUSES = ["Submitted", "Under review", "Approved", "Rejected", "Revoked", "Expired"]

guard()
ctx = require_page("partners")
me, editable, today = ctx.user.id, ctx.can("partners", "edit"), ctx.today
header("Partner authorizations")
with session_scope() as session:
    brands = {b.id: b for b in partners.brands_of(session, ctx.account_id, user_id=me)}
if not brands:
    st.info("This account owns no brand. Brand owners authorize partner sellers here.")
    st.stop()
brand_id = st.selectbox("Brand", list(brands), format_func=lambda i: f"{brands[i].name} ({brands[i].status})",
                        key="pa_brand")
brand = brands[brand_id]
shown_statuses = st.session_state.get("pa_filter") or None
with session_scope() as session:
    catalogue = partners.brand_asins(session, brand)
    used, per_pair = partners.limits_used(session, brand)
    auths = partners.authorizations(session, ctx.account_id, brand.id, shown_statuses, user_id=me)
    partner_names = partners.partner_names(session, ctx.account_id, user_id=me)
    log = partners.permission_log(session, ctx.account_id, brand.id, st.session_state.get("pa_log_filter") or None,
                                  user_id=me)
    log_actions = sorted({e.action for e in partners.permission_log(session, ctx.account_id, brand.id, user_id=me)})

# --- limits ---------------------------------------------------------------------------------------------
partners_col, pairs_col = st.columns([1, 2])
partners_col.metric("Partner accounts", f"{used} of {config.MAX_PARTNERS_PER_BRAND}", border=True,
                    help="Submitted, under review and approved authorizations use a slot; the brand owner is not "
                         "counted.")
with pairs_col:
    st.markdown("**Partner sellers per ASIN and marketplace**")
    if per_pair:
        st.markdown("\n".join(f"- ASIN {asin}: {n} of {config.MAX_SELLERS_PER_ASIN_MARKETPLACE} sellers in {mp}"
                              for (asin, mp), n in sorted(per_pair.items())))
    else:
        st.caption("No partner sellers yet.")

# --- request form ---------------------------------------------------------------------------------------
if editable:
    st.subheader("Authorize a partner", anchor=False)
    problems = errors("authorize_partner")
    labels = {a: f"{a} · {c}" if c else f"{a} · not bound to the brand" for a, c in catalogue.items()}
    with st.form("pa_form"):
        token = st.text_input("Partner merchant token", key="pa_token", placeholder="A1B2C3D4E5F6G7")
        asins = st.multiselect("ASINs", list(labels), format_func=labels.get, key="pa_asins")
        mps = st.multiselect("Marketplaces", list(MARKETPLACES), default=[ctx.marketplace.code], key="pa_mps",
                             help="Default: the brand's home marketplace only.")
        start_col, end_col = st.columns(2)
        start = start_col.date_input("Start", value=today, key="pa_start", format="YYYY-MM-DD")
        end = end_col.date_input("End", value=today + timedelta(days=365), key="pa_end", format="YYYY-MM-DD")
        reasons = [r for rs in problems.values() for r in rs]
        if reasons:
            st.error("This authorization cannot be requested:\n\n" + "\n".join(f"- {plain(r)}" for r in reasons),
                     icon=":material/block:")
        send = st.form_submit_button("Request authorization", type="primary")
    if send:
        run_action(partners.request_authorization, brand.id, token, asins, mps or None, start, end, me, clock.now(),
                   errors_key="authorize_partner", notice="Authorization submitted: an internal reviewer decides.")

# --- list -----------------------------------------------------------------------------------------------
st.subheader("Authorizations", anchor=False)
st.multiselect("Status", STATUSES, key="pa_filter", placeholder="All statuses")
field_errors(errors("revoke_partner"), GENERAL)
if not auths:
    st.caption("No authorizations match.")
for auth in auths:
    with st.container(border=True, key=f"pa_auth_{auth.id}"):
        st.markdown(f"**{plain(partner_names.get(auth.partner_account_id, '?'))}** · {auth.status} · "
                    f"{', '.join(auth.asins)} in {', '.join(auth.marketplaces)} · "
                    f"{auth.start:%d %b %Y} – {auth.end:%d %b %Y}")
        if auth.note:
            st.caption(f"Reviewer's note: {plain(auth.note)}")
        link_col, revoke_col, confirm_col = st.columns([1, 1, 4])
        link_col.page_link("pages/partner_diagnostics.py", label="Diagnostics",
                           query_params={**link_params(ctx), "authorization": str(auth.id)})
        if editable and auth.status in partners.COUNTING:
            sure = confirm_col.checkbox("Yes, revoke", key=f"pa_sure_{auth.id}")
            if revoke_col.button("Revoke", key=f"pa_revoke_{auth.id}", disabled=not sure):
                run_action(partners.revoke_authorization, auth.id, me, clock.now(), errors_key="revoke_partner",
                           notice="Authorization revoked; its slot is free.")

# --- permission log -------------------------------------------------------------------------------------
st.subheader("Permission log", anchor=False)
st.multiselect("Action", log_actions, key="pa_log_filter", placeholder="All actions")
table = pd.DataFrame([{"When (UTC)": f"{e.at:%Y-%m-%d %H:%M}", "Action": e.action,
                       "Who": f"user {e.actor_user_id}" if e.actor_user_id else "system",
                       "Authorization": e.authorization_id, "Detail": e.detail} for e in log])
if table.empty:
    st.caption("Nothing logged yet.")
else:
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button("Download CSV", csv_bytes(table), file_name=f"permission-log-{brand.name}.csv",
                       mime="text/csv", key="pa_log_csv", icon=":material/download:")
