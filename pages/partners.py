"""Partner authorizations (SPEC §6): authorize partner sellers per ASIN and marketplace, within
limits and eligibility rules; the list with filters and revocation; the permission log."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from components.formatting import plain
from services import config, partners
from services.errors import DomainError, ValidationError
from services.marketplaces import MARKETPLACES
from shell import clock
from shell.context import link_params, require_page
from shell.db import session_scope

STATUSES = ["Submitted", "Under review", "Approved", "Rejected", "Revoked", "Expired"]

ctx = require_page("partners")
editable = ctx.can("partners", "edit")
now, today = clock.now(), ctx.today
st.title("Partner authorizations")
if notice := st.session_state.pop("pa_notice", None):
    st.success(notice, icon=":material/check_circle:")
with session_scope(commit=True) as session:
    partners.refresh_expired(session, today, now)
    brands = partners.brands_of(session, ctx.account_id)
    session.expunge_all()
if not brands:
    st.info("This account owns no brand. Brand owners authorize partner sellers here.")
    st.stop()
names = {b.id: f"{b.name} ({b.status})" for b in brands}
brand_id = st.selectbox("Brand", list(names), format_func=names.get, key="pa_brand")
with session_scope() as session:
    brand = next(b for b in partners.brands_of(session, ctx.account_id) if b.id == brand_id)
    catalogue = partners.brand_asins(session, brand)
    used, per_pair = partners.limits_used(session, brand)
    auths = partners.authorizations(session, brand.id)
    partner_names = partners.account_names(session)
    log = partners.permission_log(session, brand.id)
    session.expunge_all()

# --- limits ---------------------------------------------------------------------------------------------
c1, c2 = st.columns([1, 2])
c1.metric("Partner accounts", f"{used} of {config.MAX_PARTNERS_PER_BRAND}", border=True,
          help="Submitted, under review and approved authorizations use a slot; the brand owner is not counted.")
with c2:
    st.markdown("**Partner sellers per ASIN and marketplace**")
    if per_pair:
        st.markdown("\n".join(f"- ASIN {asin}: {n} of {config.MAX_SELLERS_PER_ASIN_MARKETPLACE} sellers in {mp}"
                              for (asin, mp), n in sorted(per_pair.items())))
    else:
        st.caption("No partner sellers yet.")

# --- request form ---------------------------------------------------------------------------------------
if editable:
    st.subheader("Authorize a partner", anchor=False)
    errors = st.session_state.get("pa_errors", {})
    labels = {a: f"{a} · {c}" if c else f"{a} · not bound to the brand" for a, c in catalogue.items()}
    with st.form("pa_form"):
        token = st.text_input("Partner merchant token", key="pa_token", placeholder="A1B2C3D4E5F6G7")
        asins = st.multiselect("ASINs", list(labels), format_func=labels.get, key="pa_asins")
        mps = st.multiselect("Marketplaces", list(MARKETPLACES), default=[ctx.marketplace.code], key="pa_mps",
                             help="Default: the brand's home marketplace only.")
        d1, d2 = st.columns(2)
        start = d1.date_input("Start", value=today, key="pa_start", format="YYYY-MM-DD")
        end = d2.date_input("End", value=today + timedelta(days=365), key="pa_end", format="YYYY-MM-DD")
        if errors.get("_"):
            st.error("This authorization cannot be requested:\n\n" + "\n".join(f"- {plain(r)}" for r in errors["_"]),
                     icon=":material/block:")
        send = st.form_submit_button("Request authorization", type="primary")
    if send:
        try:
            with session_scope(commit=True) as session:
                partners.request_authorization(session, brand.id, token, asins, mps or None, start, end,
                                               ctx.user.id, clock.now())
        except (ValidationError, DomainError) as exc:
            st.session_state["pa_errors"] = {"_": getattr(exc, "reasons", [exc.message])}
        else:
            st.session_state.pop("pa_errors", None)
            st.session_state["pa_notice"] = "Authorization submitted: an internal reviewer decides."
        st.rerun()

# --- list -----------------------------------------------------------------------------------------------
st.subheader("Authorizations", anchor=False)
shown = st.multiselect("Status", STATUSES, key="pa_filter", placeholder="All statuses")
rows = [a for a in auths if not shown or a.status in shown]
if not rows:
    st.caption("No authorizations match.")
for a in rows:
    with st.container(border=True, key=f"pa_auth_{a.id}"):
        st.markdown(f"**{plain(partner_names.get(a.partner_account_id, '?'))}** · {a.status} · "
                    f"{', '.join(a.asins)} in {', '.join(a.marketplaces)} · {a.start:%d %b %Y} – {a.end:%d %b %Y}")
        if a.note:
            st.caption(f"Reviewer's note: {plain(a.note)}")
        cols = st.columns([1, 1, 4])
        cols[0].page_link("pages/partner_diagnostics.py", label="Diagnostics",
                          query_params={**link_params(ctx), "authorization": str(a.id)})
        if editable and a.status in partners.COUNTING:
            sure = cols[2].checkbox("Yes, revoke", key=f"pa_sure_{a.id}")
            if cols[1].button("Revoke", key=f"pa_revoke_{a.id}", disabled=not sure):
                try:
                    with session_scope(commit=True) as session:
                        partners.revoke_authorization(session, a.id, ctx.user.id, clock.now())
                except DomainError as exc:
                    st.error(exc.message)
                else:
                    st.session_state["pa_notice"] = "Authorization revoked; its slot is free."
                    st.rerun()

# --- permission log -------------------------------------------------------------------------------------
st.subheader("Permission log", anchor=False)
actions = sorted({e.action for e in log})
chosen = st.multiselect("Action", actions, key="pa_log_filter", placeholder="All actions")
table = pd.DataFrame([{"When (UTC)": f"{e.at:%Y-%m-%d %H:%M}", "Action": e.action,
                       "Who": f"user {e.actor_user_id}" if e.actor_user_id else "system",
                       "Authorization": e.authorization_id, "Detail": e.detail}
                      for e in log if not chosen or e.action in chosen])
if table.empty:
    st.caption("Nothing logged yet.")
else:
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button("Download CSV", table.to_csv(index=False).encode("utf-8-sig"),
                       file_name=f"permission-log-{brand.name}.csv", mime="text/csv", key="pa_log_csv")
