"""Settings › User Permissions (SPEC §1, §5): account users, Supply Chain Connect permissions and
partner authorizations. Admins only (the services check again)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import UNKNOWN, plain
from components.forms import field_errors
from services import accounts, config, suppliers, team
from services.access import AREA_LABELS, AREAS, LEVELS
from services.i18n import _, day, ngettext, tr
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import level_label, link_params, require_page, role_label
from shell.db import session_scope
from shell.page import guard, header

guard()
ctx = require_page("settings", "edit")
me, account_id, now = ctx.user.id, ctx.account_id, clock.now()
days = config.INVITATION_EXPIRY_DAYS
locale = ctx.marketplace.locale
header(_("User Permissions"), _("{account} · changes here are recorded in the audit log.").format(
    account=plain(ctx.account_name)))
if not ctx.is_admin:
    st.info(_("Only the account's admins manage users and suppliers."))
    st.stop()

with session_scope() as session:
    people = team.members(session, account_id, user_id=me)
    user_invites = team.invitations(session, account_id, now, statuses=("pending",), user_id=me)
    outgoing = suppliers.invitations(session, account_id, now, "to_supplier", user_id=me)
    incoming = suppliers.invitations(session, account_id, now, "to_seller", statuses=("pending",), user_id=me)
    connected = suppliers.connections(session, account_id, user_id=me)


def area_label(area: str) -> str:
    return _(AREA_LABELS[area])


def supplier_type(kind: str) -> str:
    return tr(config.SUPPLIER_TYPES[kind]) if kind in config.SUPPLIER_TYPES else ""


# --- Account users -----------------------------------------------------------------------------------
st.header(_("Account users"), anchor=False)
st.dataframe(pd.DataFrame([{_("Email"): m.email, _("Name"): m.display_name, _("Role"): role_label(m.role).capitalize(),
                            **{area_label(a): level_label(m.levels[a]) for a in AREAS}} for m in people]),
             hide_index=True, placeholder=UNKNOWN, width="stretch")
st.caption(_("Levels in effect: admins edit everything; managers view every area but Settings unless given more."))

change_col, invite_col = st.columns(2)
with change_col:
    st.subheader(_("Change a user"), anchor=False)
    problems = errors("change_user")
    by_id = {m.user_id: m for m in people}
    who = st.selectbox(_("User"), list(by_id), format_func=lambda i: by_id[i].email, key="up_who")
    member = by_id[who]
    with st.form(f"up_change_{who}"):
        role = st.selectbox(_("Role"), accounts.ROLES, index=accounts.ROLES.index(member.role), key=f"up_role_{who}",
                            format_func=role_label,
                            help=_("Admins can do everything; users get a level per area; managers view (or edit)."))
        st.caption(_("Levels apply to users and managers; admins can do everything."))
        levels = {a: st.segmented_control(area_label(a), LEVELS, default=member.levels[a], required=True,
                                          format_func=level_label, key=f"up_level_{who}_{a}") for a in AREAS}
        field_errors(problems, GENERAL)
        save = st.form_submit_button(_("Save changes"), type="primary")
    if save:
        run_action(accounts.grant, me, who, account_id, role, levels, now, errors_key="change_user",
                   notice=_("{email} is now {role}.").format(email=member.email, role=role_label(role)))
    sure = st.checkbox(_("Yes, remove {email} from this account").format(email=member.email), key=f"up_sure_{who}")
    if st.button(_("Remove user"), key=f"up_remove_{who}", disabled=not sure):
        run_action(team.remove_member, account_id, me, who, now, errors_key="change_user",
                   notice=_("{email} was removed.").format(email=member.email))

with invite_col:
    st.subheader(_("Invite a user"), anchor=False)
    problems = errors("invite_user")
    with st.form("up_invite"):
        email = st.text_input(_("Email"), key="up_inv_email")
        field_errors(problems, "email")
        role = st.selectbox(_("Role"), accounts.ROLES, index=1, key="up_inv_role", format_func=role_label)
        levels = {a: st.segmented_control(area_label(a), LEVELS, default="view" if a == "b2b" else "none",
                                          format_func=level_label, required=True, key=f"up_inv_{a}") for a in AREAS}
        field_errors(problems, GENERAL)
        send = st.form_submit_button(_("Send invitation"))
    if send:
        run_action(team.invite_user, account_id, me, email, role, levels, now, errors_key="invite_user",
                   notice=ngettext("Invitation sent to {email} (valid {days} day).",
                                   "Invitation sent to {email} (valid {days} days).", days).format(
                       email=email.strip(), days=days))
    for view in user_invites:
        inv = view.invitation
        text_col, button_col = st.columns([3, 1], vertical_alignment="center")
        text_col.caption(_("Pending: {email} as {role}, expires {day}").format(
            email=plain(inv.email), role=role_label(inv.role), day=day(inv.expires_at, locale)))
        if button_col.button(_("Cancel"), key=f"up_inv_cancel_{inv.id}"):
            run_action(team.cancel_user_invitation, account_id, inv.id, me, now, errors_key="invite_user",
                       notice=_("Invitation cancelled."))

# --- Supply Chain Connect -------------------------------------------------------------------------------
st.header(_("Supply Chain Connect permissions"), anchor=False)
st.caption(_("Suppliers (manufacturers, freight forwarders, wholesalers) sign in with their own user and see only "
             "the shipments you share with them."))
invite_supplier_col, requests_col = st.columns(2)
with invite_supplier_col:
    st.subheader(_("Invite a supplier"), anchor=False)
    problems = errors("invite_supplier")
    with st.form("sc_invite"):
        company = st.text_input(_("Company name"), key="sc_company")
        field_errors(problems, "company")
        contact = st.text_input(_("Contact name"), key="sc_contact")
        email = st.text_input(_("Email"), key="sc_email")
        field_errors(problems, "email")
        kind = st.selectbox(_("Type"), list(config.SUPPLIER_TYPES), format_func=supplier_type, key="sc_type")
        field_errors(problems, "supplier_type")
        field_errors(problems, GENERAL)
        send = st.form_submit_button(_("Send invitation"), type="primary")
    if send:
        run_action(suppliers.invite_supplier, account_id, me, company, contact, email, kind, now,
                   errors_key="invite_supplier",
                   notice=ngettext("Invitation sent to {email}: the link works once and expires in {days} day.",
                                   "Invitation sent to {email}: the link works once and expires in {days} days.",
                                   days).format(email=email.strip(), days=days))
with requests_col:
    st.subheader(_("Requests from suppliers"), anchor=False)
    field_errors(errors("supplier_requests"), GENERAL)
    if not incoming:
        st.caption(_("No supplier is waiting for an answer."))
    for view in incoming:
        inv = view.invitation
        text_col, accept_col, decline_col = st.columns([3, 1, 1], vertical_alignment="center")
        text_col.markdown(f"**{plain(inv.company)}** · {plain(inv.email)}")
        if accept_col.button(_("Accept"), key=f"sc_in_accept_{inv.id}", type="primary"):
            run_action(suppliers.answer_seller_invitation, account_id, inv.id, me, True, now,
                       errors_key="supplier_requests",
                       notice=_("{company} is now connected.").format(company=inv.company))
        if decline_col.button(_("Decline"), key=f"sc_in_decline_{inv.id}"):
            run_action(suppliers.answer_seller_invitation, account_id, inv.id, me, False, now,
                       errors_key="supplier_requests", notice=_("Request declined."))

st.subheader(_("Invitations sent"), anchor=False)
field_errors(errors("supplier_invitations"), GENERAL)
if not outgoing:
    st.caption(_("No invitations yet."))
for view in outgoing:
    inv, status = view.invitation, view.status
    text_col, status_col, resend_col, cancel_col = st.columns([4, 1.4, 1, 1], vertical_alignment="center")
    text_col.markdown(f"**{plain(inv.company)}** · {plain(inv.contact_name or '—')} · {plain(inv.email)} · "
                      f"{supplier_type(inv.supplier_type)}")
    status_text = _(suppliers.STATUS_LABELS[status])
    status_col.markdown(_("{status} · until {day}").format(status=status_text, day=day(inv.expires_at, locale, "MMMd"))
                        if status == "pending" else status_text)
    if inv.status == "pending":  # pending or expired: both can get a fresh link
        if resend_col.button(_("Resend"), key=f"sc_resend_{inv.id}"):
            run_action(suppliers.resend_invitation, account_id, inv.id, me, now, errors_key="supplier_invitations",
                       notice=ngettext("Invitation sent again to {email} with a new link ({days} day).",
                                       "Invitation sent again to {email} with a new link ({days} days).",
                                       days).format(email=inv.email, days=days))
        if cancel_col.button(_("Cancel"), key=f"sc_cancel_{inv.id}"):
            run_action(suppliers.cancel_invitation, account_id, inv.id, me, now, errors_key="supplier_invitations",
                       notice=_("Invitation cancelled; its link no longer works."))

st.subheader(_("Connected suppliers"), anchor=False)
if not connected:
    st.caption(_("No suppliers connected yet."))
for view in connected:
    connection_id = view.connection.id
    with st.container(border=True, key=f"sc_conn_{connection_id}"):
        st.markdown(_("**{company}** · {type} · {contacts} · connected {day}").format(
            company=plain(view.company.name), type=supplier_type(view.company.supplier_type),
            contacts=plain(", ".join(view.contacts)), day=day(view.connection.connected_at, locale)))
        if view.removal is not None:
            st.caption(_("Removal requested on {day}: waiting for internal review.").format(
                day=day(view.removal.requested_at, locale)))
            continue
        key = f"removal_{connection_id}"
        problems = errors(key)
        with st.expander(_("Request removal")), st.form(f"sc_rm_{connection_id}"):
            reason = st.text_input(_("Reason"), key=f"sc_reason_{connection_id}")
            field_errors(problems, "reason")
            field_errors(problems, GENERAL)
            ask = st.form_submit_button(_("Request removal"))
        if ask:
            run_action(suppliers.request_removal, account_id, connection_id, me, reason, now, errors_key=key,
                       notice=_("Removal requested; an internal reviewer decides. Shipment history stays."))

# --- Partner authorizations ---------------------------------------------------------------------------
st.header(_("Partner authorizations"), anchor=False)
st.caption(_("Brand owners authorize partner sellers per ASIN and marketplace, within limits and eligibility rules."))
if ctx.can("partners"):
    st.page_link("pages/partners.py", label=_("Open Partner authorizations"), icon=":material/handshake:",
                 query_params=link_params(ctx))
