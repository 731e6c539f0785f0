"""Demo data for Supply Chain Connect (SPEC §10): the demo supplier connected to Northwind with
shipments in every status, a pending outgoing invitation, an incoming request from another
supplier, and a removal request waiting for review. Written through the services."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session

from seed.hostile import dress
from services import accounts, shipments, suppliers

SUPPLIER_PASSWORD_NOTE = "same demo password"


def seed_supply_chain(session: Session, northwind_id: int, maple_id: int, supplier_email: str, password: str,
                      skus: list[str], maple_skus: list[str], today: date, now: datetime) -> None:
    earlier = now - timedelta(days=6)
    # the demo supplier accepts Northwind's invitation (its user exists already: link it)
    invitation = suppliers.invite_supplier(session, northwind_id, None, dress("Harbor Freight Forwarding"),
                                           dress("Sam Supplier"), supplier_email, "freight_forwarder", earlier)
    supplier = suppliers.link_existing_supplier(session, invitation.token, supplier_email, password, earlier)
    company_id = suppliers.supplier_company(session, supplier.id).id
    made = []
    for n, (name, fc) in enumerate((("Spring restock", "PHX7"), ("Trade show samples", "ONT8"),
                                    ("Bulk gloves", "BFI4"), ("Back-to-school", "MDW2"))):
        items = [(skus[(n * 3 + k) % len(skus)], 20 * (k + 1) + 5 * n) for k in range(2)]
        made.append(shipments.create_shipment(session, northwind_id, None, dress(name), fc, items, earlier))
    draft, shared, started, shipped = made
    for s in (shared, started, shipped):
        shipments.share_shipment(session, northwind_id, s.id, company_id, None, earlier + timedelta(hours=2))
    shipments.start_shipment(session, supplier.id, started.id, earlier + timedelta(days=1))
    shipments.start_shipment(session, supplier.id, shipped.id, earlier + timedelta(days=1))
    box = {"weight_kg": "18.5", "length_cm": "60", "width_cm": "40", "height_cm": "40"}
    shipments.complete_shipment(session, supplier.id, shipped.id, [box, {**box, "weight_kg": "16"}], dress("UPS"),
                                [dress("1Z999AA10123456784"), "1Z999AA10123456785"],
                                (earlier + timedelta(days=2)).date(), earlier + timedelta(days=2))
    # an outgoing invitation still pending, and another supplier asking to connect
    suppliers.invite_supplier(session, northwind_id, None, dress("Keystone Manufacturing"), dress("Kim Keystone"),
                              "orders@keystone-mfg.example", "manufacturer", now - timedelta(days=2))
    wholesaler = accounts.create_user(session, "wholesale@example.com", "Wendy Wholesale", password, kind="supplier",
                                      now=earlier)
    inv = suppliers.invite_supplier(session, maple_id, None, dress("Prairie Wholesale"), "Wendy Wholesale",
                                    wholesaler.email, "wholesaler", earlier)
    suppliers.link_existing_supplier(session, inv.token, wholesaler.email, password, earlier)
    suppliers.invite_seller(session, wholesaler.id, "A1NWIND0000US1", now - timedelta(hours=5))
    # Maple asks to remove the wholesaler: waiting for an internal reviewer
    [connection] = [c for c in suppliers.connections(session, maple_id)]
    shipment = shipments.create_shipment(session, maple_id, None, "Office chairs", "YYZ9", [(maple_skus[0], 12)],
                                         earlier)
    shipments.share_shipment(session, maple_id, shipment.id, connection.company.id, None, earlier)
    suppliers.request_removal(session, maple_id, connection.connection.id, None, dress("We no longer work together."),
                              now - timedelta(hours=3))
