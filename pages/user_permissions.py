"""Settings › User Permissions (SPEC §1, §5): account users, Supply Chain Connect permissions and
partner authorizations."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from services import accounts, config, suppliers, team
from services.access import AREA_LABELS, AREAS, LEVELS
from services.errors import DomainError, ValidationError
from shell import clock
from shell.context import require_page
from shell.db import session_scope

ctx = require_page("settings")
now = clock.now()
st.title("User Permissions")
st.caption(f"{plain(ctx.account_name)} · changes here are recorded in the audit log.")
if notice := st.session_state.pop("up_notice", None):
    st.success(notice, icon=":material/check_circle:")


def run(action, success: str, error_key: str) -> None:
    """Run a service call in one transaction; remember the outcome for the next run."""
    try:
        with session_scope(commit=True) as session:
            action(session)
    except ValidationError as exc:
        st.session_state[error_key] = exc.by_field or {"_": exc.reasons}
    except DomainError as exc:
        st.session_state[error_key] = {"_": [exc.message]}
    else:
        st.session_state.pop(error_key, None)
        st.session_state["up_notice"] = success
    st.rerun()


with session_scope() as session:
    people = team.members(session, ctx.account_id)
    user_invites = [i for i in team.invitations(session, ctx.account_id) if i.status == "pending"]
    outgoing = suppliers.invitations(session, ctx.account_id, "to_supplier")
    incoming = [i for i in suppliers.invitations(session, ctx.account_id, "to_seller")
                if suppliers.invitation_status(i, now) == "pending"]
    connected = suppliers.connections(session, ctx.account_id)
    session.expunge_all()

# --- Account users -----------------------------------------------------------------------------------
st.header("Account users", anchor=False)
st.dataframe(pd.DataFrame([{
    "Email": m.email, "Name": m.display_name, "Role": m.role.capitalize(),
    **{AREA_LABELS[a]: ("edit" if m.role == "admin" else m.areas.get(a, "view" if m.role == "manager" else "none"))
       for a in AREAS},
} for m in people]), hide_index=True, width="stretch")

change, invite = st.columns(2)
with change:
    st.subheader("Change a user", anchor=False)
    errors = st.session_state.get("up_change_errors", {})
    emails = {m.user_id: m for m in people}
    who = st.selectbox("User", list(emails), format_func=lambda i: emails[i].email, key="up_who")
    member = emails[who]
    with st.form(f"up_change_{who}"):
        role = st.selectbox("Role", accounts.ROLES, index=accounts.ROLES.index(member.role), key=f"up_role_{who}",
                            help="Admins can do everything; users get a level per area; managers view (or edit).")
        st.caption("Levels apply to users (and managers, who view unless given edit); admins can do everything.")
        default = "view" if member.role == "manager" else "none"
        levels = {a: st.segmented_control(AREA_LABELS[a], LEVELS, default=member.areas.get(a, default),
                                          required=True, key=f"up_level_{who}_{a}") for a in AREAS}
        field_errors(errors, "_")
        save = st.form_submit_button("Save changes", type="primary")
    if save:
        run(lambda s: accounts.grant(s, ctx.user.id, who, ctx.account_id, role, levels, now),
            f"{member.email} is now {role}.", "up_change_errors")
    sure = st.checkbox(f"Yes, remove {member.email} from this account", key=f"up_sure_{who}")
    if st.button("Remove user", key=f"up_remove_{who}", disabled=not sure):
        run(lambda s: team.remove_member(s, ctx.account_id, ctx.user.id, who, now), f"{member.email} was removed.",
            "up_change_errors")

with invite:
    st.subheader("Invite a user", anchor=False)
    errors = st.session_state.get("up_invite_errors", {})
    with st.form("up_invite"):
        email = st.text_input("Email", key="up_inv_email")
        role = st.selectbox("Role", accounts.ROLES, index=1, key="up_inv_role")
        levels = {a: st.segmented_control(AREA_LABELS[a], LEVELS, default="view" if a == "b2b" else "none",
                                          required=True, key=f"up_inv_{a}") for a in AREAS}
        field_errors(errors, "email")
        field_errors(errors, "_")
        send = st.form_submit_button("Send invitation")
    if send:
        run(lambda s: team.invite_user(s, ctx.account_id, ctx.user.id, email, role, levels, now),
            f"Invitation sent to {email.strip()} (valid 7 days).", "up_invite_errors")
    for inv in user_invites:
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.caption(f"Pending: {plain(inv.email)} as {inv.role}, expires {inv.expires_at:%d %b %Y}")
        if c2.button("Cancel", key=f"up_inv_cancel_{inv.id}"):
            run(lambda s, i=inv.id: team.cancel_user_invitation(s, ctx.account_id, i, ctx.user.id, now),
                "Invitation cancelled.", "up_invite_errors")

# --- Supply Chain Connect -------------------------------------------------------------------------------
st.header("Supply Chain Connect permissions", anchor=False)
st.caption("Suppliers (manufacturers, freight forwarders, wholesalers) sign in with their own user and see only "
           "the shipments you share with them.")
left, right = st.columns(2)
with left:
    st.subheader("Invite a supplier", anchor=False)
    errors = st.session_state.get("sc_invite_errors", {})
    with st.form("sc_invite"):
        company = st.text_input("Company name", key="sc_company")
        field_errors(errors, "company")
        contact = st.text_input("Contact name", key="sc_contact")
        email = st.text_input("Email", key="sc_email")
        field_errors(errors, "email")
        kind = st.selectbox("Type", list(config.SUPPLIER_TYPES), format_func=config.SUPPLIER_TYPES.get, key="sc_type")
        field_errors(errors, "_")
        send = st.form_submit_button("Send invitation", type="primary")
    if send:
        run(lambda s: suppliers.invite_supplier(s, ctx.account_id, ctx.user.id, company, contact, email, kind, now),
            f"Invitation sent to {email.strip()}: the link works once and expires in 7 days.", "sc_invite_errors")
with right:
    st.subheader("Requests from suppliers", anchor=False)
    if not incoming:
        st.caption("No supplier is waiting for an answer.")
    for inv in incoming:
        c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="center")
        c1.markdown(f"**{plain(inv.company)}** · {plain(inv.email)}")
        if c2.button("Accept", key=f"sc_in_accept_{inv.id}", type="primary"):
            run(lambda s, i=inv.id: suppliers.answer_seller_invitation(s, ctx.account_id, i, ctx.user.id, True, now),
                f"{inv.company} is now connected.", "sc_incoming_errors")
        if c3.button("Decline", key=f"sc_in_decline_{inv.id}"):
            run(lambda s, i=inv.id: suppliers.answer_seller_invitation(s, ctx.account_id, i, ctx.user.id, False,
                                                                       now), "Request declined.", "sc_incoming_errors")

st.subheader("Invitations sent", anchor=False)
if errors := st.session_state.get("sc_list_errors"):
    field_errors(errors, "_")
if not outgoing:
    st.caption("No invitations yet.")
for inv in outgoing:
    status = suppliers.invitation_status(inv, now)
    c1, c2, c3, c4 = st.columns([4, 1.4, 1, 1], vertical_alignment="center")
    c1.markdown(f"**{plain(inv.company)}** · {plain(inv.contact_name or '—')} · {plain(inv.email)} · "
                f"{config.SUPPLIER_TYPES.get(inv.supplier_type, '')}")
    c2.markdown(f"{suppliers.STATUS_LABELS[status]}" + (f" · until {inv.expires_at:%d %b}" if status == "pending"
                                                        else ""))
    if inv.status == "pending":
        if c3.button("Resend", key=f"sc_resend_{inv.id}"):
            run(lambda s, i=inv.id: suppliers.resend_invitation(s, ctx.account_id, i, ctx.user.id, now),
                f"Invitation sent again to {inv.email} with a new link (7 days).", "sc_list_errors")
        if c4.button("Cancel", key=f"sc_cancel_{inv.id}"):
            run(lambda s, i=inv.id: suppliers.cancel_invitation(s, ctx.account_id, i, ctx.user.id, now),
                "Invitation cancelled; its link no longer works.", "sc_list_errors")

st.subheader("Connected suppliers", anchor=False)
if not connected:
    st.caption("No suppliers connected yet.")
for view in connected:
    with st.container(border=True, key=f"sc_conn_{view.connection.id}"):
        st.markdown(f"**{plain(view.company.name)}** · {config.SUPPLIER_TYPES.get(view.company.supplier_type, '')} · "
                    f"{plain(', '.join(view.contacts))} · connected {view.connection.connected_at:%d %b %Y}")
        if view.removal is not None:
            st.caption(f"Removal requested on {view.removal.requested_at:%d %b %Y}: waiting for internal review.")
            continue
        errors = st.session_state.get(f"sc_rm_errors_{view.connection.id}", {})
        with st.expander("Request removal"):
            with st.form(f"sc_rm_{view.connection.id}"):
                reason = st.text_input("Reason", key=f"sc_reason_{view.connection.id}")
                field_errors(errors, "reason")
                field_errors(errors, "_")
                ask = st.form_submit_button("Request removal")
            if ask:
                run(lambda s, c=view.connection.id, r=reason: suppliers.request_removal(
                    s, ctx.account_id, c, ctx.user.id, r, now),
                    "Removal requested; an internal reviewer decides. Shipment history stays.",
                    f"sc_rm_errors_{view.connection.id}")

# --- Partner authorizations ---------------------------------------------------------------------------
st.header("Partner authorizations", anchor=False)
st.caption("Brand owners authorize partner sellers per ASIN and marketplace, within limits and eligibility rules.")
if ctx.can("partners"):
    st.page_link("pages/partners.py", label="Open Partner authorizations", icon=":material/handshake:",
                 query_params={"account": str(ctx.account_id)})
