"""Prepare Shipment (SPEC §5): inbound shipments, creating one from the account's SKUs, sharing it
with a connected supplier, and what the supplier reports back."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from components.shipments import box_count, items_text, shipment_status
from services import products, shipments, suppliers
from services.i18n import _, day
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import require_page
from shell.db import session_scope
from shell.page import guard, header

ROWS = 5

guard()
ctx = require_page("supply_chain")
me, editable = ctx.user.id, ctx.can("supply_chain", "edit")
locale = ctx.marketplace.locale
header(_("Prepare Shipment"))
with session_scope() as session:
    listed = shipments.shipments(session, ctx.account_id, user_id=me)
    connected = {c.company.id: c.company.name for c in suppliers.connections(session, ctx.account_id, user_id=me)}
    skus = {p.sku: p.title for p in products.list_products(session, ctx.account_id, ctx.marketplace.code,
                                                           user_id=me)}

st.subheader(_("Inbound shipments"), anchor=False)
if not listed:
    st.info(_("No shipments yet. Create one below, then share it with a connected supplier."))
field_errors(errors("share_shipment"), GENERAL)
for view in listed:
    s = view.shipment
    with st.container(border=True, key=f"shipment_{s.id}"):
        fields = {"id": s.id, "name": plain(s.name), "fc": plain(s.destination_fc), "status": shipment_status(s.status)}
        if s.shared_at:
            st.markdown(_("**Shipment {id}: {name}** · to {fc} · {status} · shared with {supplier} on {day}").format(
                **fields, supplier=plain(view.supplier), day=day(s.shared_at, locale)))
        else:
            st.markdown(_("**Shipment {id}: {name}** · to {fc} · {status}").format(**fields))
        st.caption(plain(items_text(s.items)))
        if s.status == "shipped":
            boxes = "; ".join(_("{weight} kg, {length}×{width}×{height} cm").format(
                weight=b["weight_kg"], length=b["length_cm"], width=b["width_cm"], height=b["height_cm"])
                for b in s.boxes)
            st.markdown(_("Shipped **{day}** with **{carrier}** · tracking {tracking} · {boxes} ({sizes})").format(
                day=day(s.ship_date, locale), carrier=plain(s.carrier), tracking=plain(", ".join(s.tracking_numbers)),
                boxes=box_count(len(s.boxes)), sizes=plain(boxes)))
        elif s.status == "draft" and editable:
            if not connected:
                st.caption(_("Connect a supplier in Settings › User Permissions to share this shipment."))
                continue
            choice_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
            company_id = choice_col.selectbox(_("Share with"), list(connected), format_func=connected.get,
                                              key=f"share_to_{s.id}")
            if button_col.button(_("Share Shipment"), key=f"share_{s.id}", type="primary"):
                run_action(shipments.share_shipment, ctx.account_id, s.id, company_id, me, clock.now(),
                           errors_key="share_shipment",
                           notice=_("Shipment {id} shared with {supplier}; they got an email with its details.").format(
                               id=s.id, supplier=connected[company_id]))

if editable:
    st.subheader(_("Create a shipment"), anchor=False)
    problems = errors("create_shipment")
    with st.form("ship_create"):
        name_col, fc_col = st.columns([3, 1])
        with name_col:
            name = st.text_input(_("Shipment name"), key="ship_name", placeholder=_("Spring restock"))
            field_errors(problems, "name")
        with fc_col:
            fc = st.text_input(_("Destination fulfilment centre"), key="ship_fc", placeholder="PHX7")
            field_errors(problems, "destination_fc")
        rows = []
        for n in range(1, ROWS + 1):
            sku_col, quantity_col = st.columns([3, 1])
            sku = sku_col.selectbox(_("SKU {n}").format(n=n), list(skus), format_func=lambda s: f"{s} · {skus[s]}",
                                    index=None, key=f"ship_sku_{n}", placeholder=_("Choose a SKU"))
            quantity = quantity_col.text_input(_("Quantity {n}").format(n=n), key=f"ship_qty_{n}")
            rows.append((sku or "", quantity))
        field_errors(problems, "items")
        field_errors(problems, GENERAL)
        create = st.form_submit_button(_("Create shipment"), type="primary")
    if create:
        run_action(shipments.create_shipment, ctx.account_id, me, name, fc, rows, clock.now(),
                   errors_key="create_shipment",
                   notice=lambda made: _("Shipment {id} created as a draft. Share it when it is ready.").format(
                       id=made.id))
else:
    st.caption(_("You can view shipments; creating and sharing them needs edit rights for Supply Chain."))
