"""Supplier portal (SPEC §5): the sellers this supplier is connected to, inviting a seller, and
only the shipments shared with it — started and completed here."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from components.shipments import box_count, items_text, shipment_form_values, shipment_status
from services import shipments, suppliers
from services.errors import DomainError, ValidationError
from shell import clock
from shell.auth import current_user_id
from shell.db import session_scope

user_id = current_user_id()
st.title("Supplier portal")
with session_scope() as session:
    try:
        company = suppliers.supplier_company(session, user_id)
    except DomainError:
        st.info("Your sign-in is not linked to a supplier company yet. Open the invitation link a seller sent "
                "you and choose “Already have a sign-in?” to link it.")
        st.stop()
    sellers = [(a.name, a.merchant_token) for a in suppliers.supplier_sellers(session, user_id)]
    shared = [(s, a.name) for s, a in shipments.supplier_shipments(session, user_id)]
    session.expunge_all()
st.caption(f"{plain(company.name)} · only what sellers share with you shows here.")
if notice := st.session_state.pop("sp_notice", None):
    st.success(notice, icon=":material/check_circle:")

st.subheader("Sellers you work with", anchor=False)
if sellers:
    st.markdown("\n".join(f"- **{plain(name)}** ({token})" for name, token in sellers))
else:
    st.info("No seller has connected with you yet. When a seller invites you, or accepts your invitation, "
            "their shared shipments appear here.")

with st.expander("Invite a seller"):
    errors = st.session_state.get("sp_invite_errors", {})
    with st.form("sp_invite"):
        seller = st.text_input("Seller's merchant token or admin email", key="sp_seller")
        field_errors(errors, "seller")
        ask = st.form_submit_button("Send invitation")
    if ask:
        try:
            with session_scope(commit=True) as session:
                suppliers.invite_seller(session, user_id, seller, clock.now())
        except DomainError as exc:
            st.session_state["sp_invite_errors"] = {"seller": [exc.message]}
        else:
            st.session_state.pop("sp_invite_errors", None)
            st.session_state["sp_notice"] = "Invitation sent. The seller's admins answer it in User Permissions."
        st.rerun()

st.subheader("Shipments shared with you", anchor=False)
if not shared:
    st.info("Nothing shared with you yet.")
for shipment, seller_name in shared:
    with st.container(border=True, key=f"sp_shipment_{shipment.id}"):
        st.markdown(f"**Shipment {shipment.id}: {plain(shipment.name)}** · {plain(seller_name)} · to "
                    f"{shipment.destination_fc} · {shipment_status(shipment.status)}")
        st.caption(items_text(shipment.items))
        if shipment.status == "shipped":
            st.caption(f"Shipped {shipment.ship_date:%d %b %Y} with {plain(shipment.carrier)}: "
                       f"{box_count(len(shipment.boxes))}, tracking {', '.join(shipment.tracking_numbers)}")
            continue
        if shipment.status == "shared" and st.button("Start working on it", key=f"sp_start_{shipment.id}"):
            with session_scope(commit=True) as session:
                shipments.start_shipment(session, user_id, shipment.id, clock.now())
            st.rerun()
        errors = st.session_state.get(f"sp_errors_{shipment.id}", {})
        values = shipment_form_values(f"sp_form_{shipment.id}", errors, shipment.shared_at)
        if values is not None:
            try:
                with session_scope(commit=True) as session:
                    shipments.complete_shipment(session, user_id, shipment.id, values["boxes"], values["carrier"],
                                                values["tracking"], values["ship_date"], clock.now())
            except ValidationError as exc:
                st.session_state[f"sp_errors_{shipment.id}"] = exc.by_field
            except DomainError as exc:
                st.session_state[f"sp_errors_{shipment.id}"] = {"boxes": [exc.message]}
            else:
                st.session_state.pop(f"sp_errors_{shipment.id}", None)
                st.session_state["sp_notice"] = f"Shipment {shipment.id} is marked Shipped; the seller sees it now."
            st.rerun()
