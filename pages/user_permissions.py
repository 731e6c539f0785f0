"""Settings › User Permissions (SPEC §1, §5): account users, Supply Chain Connect permissions and
partner authorizations. Admins only (the services check again)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from services import accounts, config, suppliers, team
from services.access import AREA_LABELS, AREAS, LEVELS
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import link_params, require_page
from shell.db import session_scope
from shell.page import guard, header

guard()
ctx = require_page("settings", "edit")
me, account_id, now = ctx.user.id, ctx.account_id, clock.now()
days = config.INVITATION_EXPIRY_DAYS
header("User Permissions", f"{plain(ctx.account_name)} · changes here are recorded in the audit log.")
if not ctx.is_admin:
    st.info("Only the account's admins manage users and suppliers.")
    st.stop()

with session_scope() as session:
    people = team.members(session, account_id, user_id=me)
    user_invites = team.invitations(session, account_id, now, statuses=("pending",), user_id=me)
    outgoing = suppliers.invitations(session, account_id, now, "to_supplier", user_id=me)
    incoming = suppliers.invitations(session, account_id, now, "to_seller", statuses=("pending",), user_id=me)
    connected = suppliers.connections(session, account_id, user_id=me)

# --- Account users -----------------------------------------------------------------------------------
st.header("Account users", anchor=False)
st.dataframe(pd.DataFrame([{"Email": m.email, "Name": m.display_name, "Role": m.role.capitalize(),
                            **{AREA_LABELS[a]: m.levels[a] for a in AREAS}} for m in people]),
             hide_index=True, width="stretch")
st.caption("Levels in effect: admins edit everything; managers view every area but Settings unless given more.")

change_col, invite_col = st.columns(2)
with change_col:
    st.subheader("Change a user", anchor=False)
    problems = errors("change_user")
    by_id = {m.user_id: m for m in people}
    who = st.selectbox("User", list(by_id), format_func=lambda i: by_id[i].email, key="up_who")
    member = by_id[who]
    with st.form(f"up_change_{who}"):
        role = st.selectbox("Role", accounts.ROLES, index=accounts.ROLES.index(member.role), key=f"up_role_{who}",
                            help="Admins can do everything; users get a level per area; managers view (or edit).")
        st.caption("Levels apply to users and managers; admins can do everything.")
        levels = {a: st.segmented_control(AREA_LABELS[a], LEVELS, default=member.levels[a], required=True,
                                          key=f"up_level_{who}_{a}") for a in AREAS}
        field_errors(problems, GENERAL)
        save = st.form_submit_button("Save changes", type="primary")
    if save:
        run_action(accounts.grant, me, who, account_id, role, levels, now, errors_key="change_user",
                   notice=f"{member.email} is now {role}.")
    sure = st.checkbox(f"Yes, remove {member.email} from this account", key=f"up_sure_{who}")
    if st.button("Remove user", key=f"up_remove_{who}", disabled=not sure):
        run_action(team.remove_member, account_id, me, who, now, errors_key="change_user",
                   notice=f"{member.email} was removed.")

with invite_col:
    st.subheader("Invite a user", anchor=False)
    problems = errors("invite_user")
    with st.form("up_invite"):
        email = st.text_input("Email", key="up_inv_email")
        field_errors(problems, "email")
        role = st.selectbox("Role", accounts.ROLES, index=1, key="up_inv_role")
        levels = {a: st.segmented_control(AREA_LABELS[a], LEVELS, default="view" if a == "b2b" else "none",
                                          required=True, key=f"up_inv_{a}") for a in AREAS}
        field_errors(problems, GENERAL)
        send = st.form_submit_button("Send invitation")
    if send:
        run_action(team.invite_user, account_id, me, email, role, levels, now, errors_key="invite_user",
                   notice=f"Invitation sent to {email.strip()} (valid {days} days).")
    for view in user_invites:
        inv = view.invitation
        text_col, button_col = st.columns([3, 1], vertical_alignment="center")
        text_col.caption(f"Pending: {plain(inv.email)} as {inv.role}, expires {inv.expires_at:%d %b %Y}")
        if button_col.button("Cancel", key=f"up_inv_cancel_{inv.id}"):
            run_action(team.cancel_user_invitation, account_id, inv.id, me, now, errors_key="invite_user",
                       notice="Invitation cancelled.")

# --- Supply Chain Connect -------------------------------------------------------------------------------
st.header("Supply Chain Connect permissions", anchor=False)
st.caption("Suppliers (manufacturers, freight forwarders, wholesalers) sign in with their own user and see only "
           "the shipments you share with them.")
invite_supplier_col, requests_col = st.columns(2)
with invite_supplier_col:
    st.subheader("Invite a supplier", anchor=False)
    problems = errors("invite_supplier")
    with st.form("sc_invite"):
        company = st.text_input("Company name", key="sc_company")
        field_errors(problems, "company")
        contact = st.text_input("Contact name", key="sc_contact")
        email = st.text_input("Email", key="sc_email")
        field_errors(problems, "email")
        kind = st.selectbox("Type", list(config.SUPPLIER_TYPES), format_func=config.SUPPLIER_TYPES.get, key="sc_type")
        field_errors(problems, "supplier_type")
        field_errors(problems, GENERAL)
        send = st.form_submit_button("Send invitation", type="primary")
    if send:
        run_action(suppliers.invite_supplier, account_id, me, company, contact, email, kind, now,
                   errors_key="invite_supplier",
                   notice=f"Invitation sent to {email.strip()}: the link works once and expires in {days} days.")
with requests_col:
    st.subheader("Requests from suppliers", anchor=False)
    field_errors(errors("supplier_requests"), GENERAL)
    if not incoming:
        st.caption("No supplier is waiting for an answer.")
    for view in incoming:
        inv = view.invitation
        text_col, accept_col, decline_col = st.columns([3, 1, 1], vertical_alignment="center")
        text_col.markdown(f"**{plain(inv.company)}** · {plain(inv.email)}")
        if accept_col.button("Accept", key=f"sc_in_accept_{inv.id}", type="primary"):
            run_action(suppliers.answer_seller_invitation, account_id, inv.id, me, True, now,
                       errors_key="supplier_requests", notice=f"{inv.company} is now connected.")
        if decline_col.button("Decline", key=f"sc_in_decline_{inv.id}"):
            run_action(suppliers.answer_seller_invitation, account_id, inv.id, me, False, now,
                       errors_key="supplier_requests", notice="Request declined.")

st.subheader("Invitations sent", anchor=False)
field_errors(errors("supplier_invitations"), GENERAL)
if not outgoing:
    st.caption("No invitations yet.")
for view in outgoing:
    inv, status = view.invitation, view.status
    text_col, status_col, resend_col, cancel_col = st.columns([4, 1.4, 1, 1], vertical_alignment="center")
    text_col.markdown(f"**{plain(inv.company)}** · {plain(inv.contact_name or '—')} · {plain(inv.email)} · "
                      f"{config.SUPPLIER_TYPES.get(inv.supplier_type, '')}")
    status_col.markdown(suppliers.STATUS_LABELS[status] + (f" · until {inv.expires_at:%d %b}" if status == "pending"
                                                           else ""))
    if inv.status == "pending":  # pending or expired: both can get a fresh link
        if resend_col.button("Resend", key=f"sc_resend_{inv.id}"):
            run_action(suppliers.resend_invitation, account_id, inv.id, me, now, errors_key="supplier_invitations",
                       notice=f"Invitation sent again to {inv.email} with a new link ({days} days).")
        if cancel_col.button("Cancel", key=f"sc_cancel_{inv.id}"):
            run_action(suppliers.cancel_invitation, account_id, inv.id, me, now, errors_key="supplier_invitations",
                       notice="Invitation cancelled; its link no longer works.")

st.subheader("Connected suppliers", anchor=False)
if not connected:
    st.caption("No suppliers connected yet.")
for view in connected:
    connection_id = view.connection.id
    with st.container(border=True, key=f"sc_conn_{connection_id}"):
        st.markdown(f"**{plain(view.company.name)}** · {config.SUPPLIER_TYPES.get(view.company.supplier_type, '')} · "
                    f"{plain(', '.join(view.contacts))} · connected {view.connection.connected_at:%d %b %Y}")
        if view.removal is not None:
            st.caption(f"Removal requested on {view.removal.requested_at:%d %b %Y}: waiting for internal review.")
            continue
        key = f"removal_{connection_id}"
        problems = errors(key)
        with st.expander("Request removal"), st.form(f"sc_rm_{connection_id}"):
            reason = st.text_input("Reason", key=f"sc_reason_{connection_id}")
            field_errors(problems, "reason")
            field_errors(problems, GENERAL)
            ask = st.form_submit_button("Request removal")
        if ask:
            run_action(suppliers.request_removal, account_id, connection_id, me, reason, now, errors_key=key,
                       notice="Removal requested; an internal reviewer decides. Shipment history stays.")

# --- Partner authorizations ---------------------------------------------------------------------------
st.header("Partner authorizations", anchor=False)
st.caption("Brand owners authorize partner sellers per ASIN and marketplace, within limits and eligibility rules.")
if ctx.can("partners"):
    st.page_link("pages/partners.py", label="Open Partner authorizations", icon=":material/handshake:",
                 query_params=link_params(ctx))
