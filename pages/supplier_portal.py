"""Supplier portal (SPEC §5): the sellers this supplier is connected to, inviting a seller, and
only the shipments shared with it — started and completed here."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from components.shipments import box_count, items_text, shipment_form_values, shipment_status
from services import shipments, suppliers
from services.errors import DomainError
from services.i18n import _, day
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import require_supplier_page
from shell.db import session_scope
from shell.page import DATE_LOCALE, guard, header

guard()
supplier = require_supplier_page()
with session_scope() as session:
    try:
        company = suppliers.supplier_company(session, supplier.id)
    except DomainError:
        header(_("Supplier portal"))
        st.info(_("Your sign-in is not linked to a supplier company yet. Open the invitation link a seller sent "
                  "you and choose “Already have a sign-in?” to link it."))
        st.stop()
    sellers = [(a.name, a.merchant_token) for a in suppliers.supplier_sellers(session, supplier.id)]
    shared = shipments.supplier_shipments(session, supplier.id)
header(_("Supplier portal"), _("{company} · only what sellers share with you shows here.").format(
    company=plain(company.name)))

st.subheader(_("Sellers you work with"), anchor=False)
if sellers:
    st.markdown("\n".join(f"- **{plain(name)}** ({plain(token)})" for name, token in sellers))
else:
    st.info(_("No seller has connected with you yet. When a seller invites you, or accepts your invitation, "
              "their shared shipments appear here."))

with st.expander(_("Invite a seller")):
    problems = errors("supplier_invite")
    with st.form("sp_invite"):
        seller = st.text_input(_("Seller's merchant token or admin email"), key="sp_seller")
        field_errors(problems, "seller")
        field_errors(problems, GENERAL)
        ask = st.form_submit_button(_("Send invitation"))
    if ask:
        run_action(suppliers.invite_seller, supplier.id, seller, clock.now(), errors_key="supplier_invite",
                   notice=_(suppliers.ASKED))

st.subheader(_("Shipments shared with you"), anchor=False)
if not shared:
    st.info(_("Nothing shared with you yet."))
for shipment, seller_account in shared:
    with st.container(border=True, key=f"sp_shipment_{shipment.id}"):
        st.markdown(_("**Shipment {id}: {name}** · {seller} · to {fc} · {status}").format(
            id=shipment.id, name=plain(shipment.name), seller=plain(seller_account.name),
            fc=plain(shipment.destination_fc), status=shipment_status(shipment.status)))
        st.caption(plain(items_text(shipment.items)))
        if shipment.status == "shipped":
            st.caption(_("Shipped {day} with {carrier}: {boxes}, tracking {tracking}").format(
                day=day(shipment.ship_date, DATE_LOCALE), carrier=plain(shipment.carrier),
                boxes=box_count(len(shipment.boxes)), tracking=plain(", ".join(shipment.tracking_numbers))))
            continue
        key = f"supplier_shipment_{shipment.id}"
        field_errors(errors(key), GENERAL)
        if shipment.status == "shared" and st.button(_("Start working on it"), key=f"sp_start_{shipment.id}"):
            run_action(shipments.start_shipment, supplier.id, shipment.id, clock.now(), errors_key=key,
                       notice=_("Shipment {id} is in progress.").format(id=shipment.id))
        values = shipment_form_values(f"sp_form_{shipment.id}", errors(key), shipment.shared_at)
        if values is not None:
            run_action(shipments.complete_shipment, supplier.id, shipment.id, values["boxes"], values["carrier"],
                       values["tracking"], values["ship_date"], clock.now(), errors_key=key,
                       notice=_("Shipment {id} is marked Shipped; the seller sees it now.").format(id=shipment.id))
