"""Partner authorizations (SPEC §6): authorize partner sellers per ASIN and marketplace, within
limits and eligibility rules; the list with filters and revocation; the permission log."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from components.exports import csv_bytes
from components.formatting import UNKNOWN, plain
from components.forms import field_errors
from services import config, partners
from services.i18n import N_, _, day, ngettext, tr
from services.marketplaces import MARKETPLACES
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import link_params, require_page
from shell.db import session_scope
from shell.page import guard, header

STATUSES = [N_("Submitted"), N_("Under review"), N_("Approved"), N_("Rejected"), N_("Revoked"), N_("Expired")]
LOG_ACTIONS = {"requested": N_("requested"), "under review": N_("under review"), "approved": N_("approved"),
               "rejected": N_("rejected"), "revoked": N_("revoked"), "expired": N_("expired")}


def action_label(action: str) -> str:
    return _(LOG_ACTIONS[action]) if action in LOG_ACTIONS else action



guard()
ctx = require_page("partners")
me, editable, today = ctx.user.id, ctx.can("partners", "edit"), ctx.today
locale = ctx.marketplace.locale
header(_("Partner authorizations"))
with session_scope() as session:
    brands = {b.id: b for b in partners.brands_of(session, ctx.account_id, user_id=me)}
if not brands:
    st.info(_("This account owns no brand. Brand owners authorize partner sellers here."))
    st.stop()
brand_id = st.selectbox(_("Brand"), list(brands), format_func=lambda i: f"{brands[i].name} ({_(brands[i].status)})",
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
partners_col.metric(_("Partner accounts"), _("{used} of {max}").format(used=used, max=config.MAX_PARTNERS_PER_BRAND),
                    border=True, help=_("Submitted, under review and approved authorizations use a slot; the brand "
                                        "owner is not counted."))
with pairs_col:
    st.markdown(_("**Partner sellers per ASIN and marketplace**"))
    most = config.MAX_SELLERS_PER_ASIN_MARKETPLACE
    if per_pair:
        st.markdown("\n".join(ngettext("- ASIN {asin}: {n} of {max} seller in {marketplace}",
                                       "- ASIN {asin}: {n} of {max} sellers in {marketplace}", most).format(
            asin=asin, n=n, max=most, marketplace=mp) for (asin, mp), n in sorted(per_pair.items())))
    else:
        st.caption(_("No partner sellers yet."))

# --- request form ---------------------------------------------------------------------------------------
if editable:
    st.subheader(_("Authorize a partner"), anchor=False)
    problems = errors("authorize_partner")
    labels = {a: f"{a} · {c}" if c else _("{asin} · not bound to the brand").format(asin=a)
              for a, c in catalogue.items()}
    with st.form("pa_form"):
        token = st.text_input(_("Partner merchant token"), key="pa_token", placeholder="A1B2C3D4E5F6G7")
        asins = st.multiselect(_("ASINs"), list(labels), format_func=labels.get, key="pa_asins")
        mps = st.multiselect(_("Marketplaces"), list(MARKETPLACES), default=[ctx.marketplace.code], key="pa_mps",
                             help=_("Default: the brand's home marketplace only."))
        start_col, end_col = st.columns(2)
        start = start_col.date_input(_("Start"), value=today, key="pa_start", format="YYYY-MM-DD")
        end = end_col.date_input(_("End"), value=today + timedelta(days=365), key="pa_end", format="YYYY-MM-DD")
        reasons = [r for rs in problems.values() for r in rs]
        if reasons:
            st.error(_("This authorization cannot be requested:\n\n{reasons}").format(
                reasons="\n".join(f"- {plain(tr(r))}" for r in reasons)), icon=":material/block:")
        send = st.form_submit_button(_("Request authorization"), type="primary")
    if send:
        run_action(partners.request_authorization, brand.id, token, asins, mps or None, start, end, me, clock.now(),
                   errors_key="authorize_partner", notice=_("Authorization submitted: an internal reviewer decides."))

# --- list -----------------------------------------------------------------------------------------------
st.subheader(_("Authorizations"), anchor=False)
st.multiselect(_("Status"), STATUSES, key="pa_filter", placeholder=_("All statuses"), format_func=_)
field_errors(errors("revoke_partner"), GENERAL)
if not auths:
    st.caption(_("No authorizations match."))
for auth in auths:
    with st.container(border=True, key=f"pa_auth_{auth.id}"):
        st.markdown(_("**{partner}** · {status} · {asins} in {marketplaces} · {start} – {end}").format(
            partner=plain(partner_names.get(auth.partner_account_id, "?")), status=_(auth.status),
            asins=", ".join(auth.asins), marketplaces=", ".join(auth.marketplaces), start=day(auth.start, locale),
            end=day(auth.end, locale)))
        if auth.note:
            st.caption(_("Reviewer's note: {note}").format(note=plain(auth.note)))
        link_col, revoke_col, confirm_col = st.columns([1, 1, 4])
        link_col.page_link("pages/partner_diagnostics.py", label=_("Diagnostics"),
                           query_params={**link_params(ctx), "authorization": str(auth.id)})
        if editable and auth.status in partners.COUNTING:
            sure = confirm_col.checkbox(_("Yes, revoke"), key=f"pa_sure_{auth.id}")
            if revoke_col.button(_("Revoke"), key=f"pa_revoke_{auth.id}", disabled=not sure):
                run_action(partners.revoke_authorization, auth.id, me, clock.now(), errors_key="revoke_partner",
                           notice=_("Authorization revoked; its slot is free."))

# --- permission log -------------------------------------------------------------------------------------
st.subheader(_("Permission log"), anchor=False)
st.multiselect(_("Action"), log_actions, key="pa_log_filter", placeholder=_("All actions"), format_func=action_label)
table = pd.DataFrame([{_("When (UTC)"): f"{e.at:%Y-%m-%d %H:%M}", _("Action"): action_label(e.action),
                       _("Who"): _("user {id}").format(id=e.actor_user_id) if e.actor_user_id else _("system"),
                       _("Authorization"): e.authorization_id, _("Detail"): tr(e.detail)} for e in log])
if table.empty:
    st.caption(_("Nothing logged yet."))
else:
    st.dataframe(table, hide_index=True, placeholder=UNKNOWN, width="stretch")
    st.download_button(_("Download CSV"), csv_bytes(table), file_name=f"permission-log-{brand.name}.csv",
                       mime="text/csv", key="pa_log_csv", icon=":material/download:")
