"""Prepare Shipment (SPEC §5): inbound shipments, creating one from the account's SKUs, sharing it
with a connected supplier, and what the supplier reports back."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from components.shipments import box_count, items_text, shipment_status
from services import products, shipments, suppliers
from services.errors import DomainError, ValidationError
from shell import clock
from shell.context import require_page
from shell.db import session_scope

ROWS = 5

ctx = require_page("supply_chain")
editable = ctx.can("supply_chain", "edit")
st.title("Prepare Shipment")
with session_scope() as session:
    listed = shipments.shipments(session, ctx.account_id)
    names = {s.id: shipments.company_name(session, s.company_id) for s in listed}
    connected = [(c.company.id, c.company.name) for c in suppliers.connections(session, ctx.account_id)]
    skus = [(p.sku, p.title) for p in products.list_products(session, ctx.account_id, ctx.marketplace.code)]
    session.expunge_all()
if notice := st.session_state.pop("ship_notice", None):
    st.success(notice, icon=":material/check_circle:")

st.subheader("Inbound shipments", anchor=False)
if not listed:
    st.info("No shipments yet. Create one below, then share it with a connected supplier.")
for s in listed:
    with st.container(border=True, key=f"shipment_{s.id}"):
        st.markdown(f"**Shipment {s.id}: {plain(s.name)}** · to {s.destination_fc} · {shipment_status(s.status)}"
                    + (f" · shared with {plain(names[s.id])} on {s.shared_at:%d %b %Y}" if s.shared_at else ""))
        st.caption(items_text(s.items))
        if s.status == "shipped":
            boxes = "; ".join(f"{b['weight_kg']} kg, {b['length_cm']}×{b['width_cm']}×{b['height_cm']} cm"
                              for b in s.boxes)
            st.markdown(f"Shipped **{s.ship_date:%d %b %Y}** with **{plain(s.carrier)}** · tracking "
                        f"{plain(', '.join(s.tracking_numbers))} · {box_count(len(s.boxes))} ({boxes})")
        elif s.status == "draft" and editable:
            if not connected:
                st.caption("Connect a supplier in Settings › User Permissions to share this shipment.")
                continue
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            company = c1.selectbox("Share with", [c for c, _ in connected], format_func=dict(connected).get,
                                   key=f"share_to_{s.id}")
            if c2.button("Share Shipment", key=f"share_{s.id}", type="primary"):
                try:
                    with session_scope(commit=True) as session:
                        shipments.share_shipment(session, ctx.account_id, s.id, company, ctx.user.id, clock.now())
                except DomainError as exc:
                    st.error(exc.message)
                else:
                    st.session_state["ship_notice"] = (f"Shipment {s.id} shared with {dict(connected)[company]}; "
                                                       "they got an email with its details.")
                    st.rerun()

if editable:
    st.subheader("Create a shipment", anchor=False)
    errors = st.session_state.get("ship_errors", {})
    labels = {sku: f"{sku} · {title}" for sku, title in skus}
    with st.form("ship_create"):
        c1, c2 = st.columns([3, 1])
        name = c1.text_input("Shipment name", key="ship_name", placeholder="Spring restock")
        with c1:
            field_errors(errors, "name")
        fc = c2.text_input("Destination fulfilment centre", key="ship_fc", placeholder="PHX7")
        with c2:
            field_errors(errors, "destination_fc")
        rows = []
        for n in range(1, ROWS + 1):
            a, b = st.columns([3, 1])
            sku = a.selectbox(f"SKU {n}", list(labels), format_func=labels.get, index=None, key=f"ship_sku_{n}",
                              placeholder="Choose a SKU")
            quantity = b.text_input(f"Quantity {n}", key=f"ship_qty_{n}")
            rows.append((sku or "", quantity))
        field_errors(errors, "items")
        create = st.form_submit_button("Create shipment", type="primary")
    if create:
        try:
            with session_scope(commit=True) as session:
                made = shipments.create_shipment(session, ctx.account_id, ctx.user.id, name, fc, rows, clock.now())
                made_id = made.id
        except ValidationError as exc:
            st.session_state["ship_errors"] = exc.by_field
        except DomainError as exc:
            st.session_state["ship_errors"] = {"items": [exc.message]}
        else:
            st.session_state.pop("ship_errors", None)
            st.session_state["ship_notice"] = f"Shipment {made_id} created as a draft. Share it when it is ready."
        st.rerun()
else:
    st.caption("You can view shipments; creating and sharing them needs edit rights for Supply Chain.")
