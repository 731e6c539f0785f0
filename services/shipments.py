"""Inbound shipments shared with suppliers (SPEC §5): Draft → Shared → In progress → Shipped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlmodel import Session, select

from services import access, config, i18n, notifications, prefs
from services.audit import record_audit
from services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from services.i18n import N_, M
from services.i18n import gettext as _
from services.models import (
    Account,
    Product,
    Shipment,
    SupplierCompany,
    SupplierConnection,
    SupplierMember,
    User,
)
from services.suppliers import base_url
from services.text import NAME_MAX, check_text

MAX_QUANTITY = 1_000_000  # units of one SKU in one shipment
MAX_MEASURE = Decimal(100_000)  # kg or cm of one box
MAX_TRACKING_NUMBERS = 200
STATUS_LABELS = {"draft": M("Draft"), "shared": M("Shared"), "in_progress": M("In progress"), "shipped": M("Shipped")}
FC_RE = re.compile(r"^[A-Z0-9]{3,8}$")


def create_shipment(session: Session, account_id: int, user_id: int | None, name: str, destination_fc: str,
                    items: list[tuple[str, object]], now: datetime) -> Shipment:
    """A draft inbound shipment of the account's SKUs (each once, a whole quantity above zero)."""
    if user_id is not None:
        access.require(session, user_id, account_id, "supply_chain", "edit")
    by_field: dict[str, list[str]] = {}
    name = check_text(by_field, "name", name, N_("Shipment name"), NAME_MAX)
    if not name and "name" not in by_field:
        by_field["name"] = [M("Give the shipment a name.")]
    fc = (destination_fc or "").strip().upper()
    if not FC_RE.match(fc):
        by_field["destination_fc"] = [M("A fulfilment centre code is 3–8 letters and digits, like PHX7.")]
    skus = set(session.exec(select(Product.sku).where(Product.account_id == account_id)).all())
    clean, seen = [], set()
    for sku, quantity in items:
        sku = (sku or "").strip()
        if not sku and str(quantity or "").strip() == "":
            continue
        if sku not in skus:
            by_field.setdefault("items", []).append(
                M("{sku} is not one of this account's SKUs.", sku=sku[:40] or "(empty)")
            )
        elif sku in seen:
            by_field.setdefault("items", []).append(M("{sku} is listed twice.", sku=sku))
        q = _quantity(quantity)
        if q is None:
            by_field.setdefault("items", []).append(
                M(
                    "{sku}: the quantity must be a whole number from 1 to {max_quantity}.",
                    sku=sku or M("A row"),
                    max_quantity=f"{MAX_QUANTITY:,}",
                )
            )
        seen.add(sku)
        clean.append({"sku": sku, "quantity": q or 0})
    if not clean and "items" not in by_field:
        by_field["items"] = [M("Add at least one SKU and its quantity.")]
    if by_field:
        raise ValidationError.from_fields(by_field)
    shipment = Shipment(account_id=account_id, name=name, destination_fc=fc, items=clean, created_at=now)
    session.add(shipment)
    session.flush()
    record_audit(session, user_id, account_id, "shipment.created", shipment.name, None,
                 {"shipment_id": shipment.id, "items": clean}, now)
    return shipment


@dataclass(frozen=True)
class ShipmentView:
    shipment: Shipment
    supplier: str  # the company it is shared with ("" while a draft)


@access.guarded("supply_chain")
def shipments(session: Session, account_id: int, *, user_id: int | None = None) -> list[ShipmentView]:
    """The account's shipments, newest first, each with the supplier it is shared with."""
    rows = session.exec(select(Shipment, SupplierCompany.name).outerjoin(
        SupplierCompany, SupplierCompany.id == Shipment.company_id).where(Shipment.account_id == account_id)
        .order_by(Shipment.created_at.desc(), Shipment.id.desc())).all()
    return [ShipmentView(s, name or "") for s, name in rows]


def share_shipment(session: Session, account_id: int, shipment_id: int, company_id: int, user_id: int | None,
                   now: datetime) -> Shipment:
    """Share a draft shipment with a connected supplier; its users get an email with the details."""
    if user_id is not None:
        access.require(session, user_id, account_id, "supply_chain", "edit")
    shipment = session.get(Shipment, shipment_id)
    if shipment is None or shipment.account_id != account_id:
        raise NotFound(M("No such shipment in this account."))
    if shipment.status != "draft":
        raise Conflict(M("This shipment was already shared."))
    connected = session.exec(select(SupplierConnection).where(
        SupplierConnection.account_id == account_id, SupplierConnection.company_id == company_id,
        SupplierConnection.status == "active")).first()
    if connected is None:
        raise ValidationError(M("Share only with a connected supplier."), field="company")
    shipment.status, shipment.company_id, shipment.shared_at = "shared", company_id, now
    session.add(shipment)
    session.flush()
    account = session.get(Account, account_id)
    for email in session.exec(select(User.email).join(SupplierMember, SupplierMember.user_id == User.id)
                              .where(SupplierMember.company_id == company_id, User.active)):
        with i18n.language(prefs.language_of(session, email)):
            lines = "\n".join(_("  {sku}: {quantity} units").format(sku=i["sku"], quantity=f"{i['quantity']:,}")
                              for i in shipment.items)
            subject = _("{account} shared shipment {id}: {name}").format(
                account=account.name, id=shipment.id, name=shipment.name)
            body = _("{account} shared an inbound shipment with you.\n\nShipment {id}: {name}\n"
                     "Destination fulfilment centre: {fc}\nItems:\n{lines}\n\nSign in to complete it "
                     "(boxes, weights, carrier, tracking): {link}\n").format(
                account=account.name, id=shipment.id, name=shipment.name, fc=shipment.destination_fc, lines=lines,
                link=f"{base_url()}/supplier")
        notifications.queue_email(session, email, subject, body, now, account_id)
    record_audit(session, user_id, account_id, "shipment.shared", shipment.name, None,
                 {"shipment_id": shipment.id, "company_id": company_id}, now)
    return shipment


# --- Supplier side -----------------------------------------------------------------------------------


def _supplier_company_id(session: Session, supplier_user_id: int) -> int:
    access.require_kind(session, supplier_user_id, "supplier", M("Only supplier users can see shared shipments."))
    member = session.get(SupplierMember, supplier_user_id)
    if member is None:
        raise PermissionDenied(M("Only supplier users can see shared shipments."))
    return member.company_id


def supplier_shipments(session: Session, supplier_user_id: int) -> list[tuple[Shipment, Account]]:
    """Only shipments shared with the supplier's company, by sellers it is still connected to."""
    company_id = _supplier_company_id(session, supplier_user_id)
    rows = session.exec(
        select(Shipment, Account).join(Account, Account.id == Shipment.account_id)
        .join(SupplierConnection, (SupplierConnection.account_id == Shipment.account_id)
              & (SupplierConnection.company_id == company_id))
        .where(Shipment.company_id == company_id, SupplierConnection.status == "active")
        .order_by(Shipment.shared_at.desc(), Shipment.id.desc())
    ).all()
    return [(s, a) for s, a in rows]


def _supplier_shipment(session: Session, supplier_user_id: int, shipment_id: int) -> Shipment:
    for shipment, _company in supplier_shipments(session, supplier_user_id):
        if shipment.id == shipment_id:
            return shipment
    raise NotFound(M("No such shipment is shared with you."))


def start_shipment(session: Session, supplier_user_id: int, shipment_id: int, now: datetime) -> Shipment:
    shipment = _supplier_shipment(session, supplier_user_id, shipment_id)
    if shipment.status != "shared":
        raise Conflict(M("Only a newly shared shipment can be started."))
    shipment.status, shipment.started_at = "in_progress", now
    session.add(shipment)
    session.flush()
    record_audit(session, supplier_user_id, shipment.account_id, "shipment.started", shipment.name, None,
                 {"shipment_id": shipment.id}, now)
    return shipment


def _number(value: object) -> Decimal | None:
    text = str(value).strip()
    if len(text) > 20:
        return None
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _quantity(value: object) -> int | None:
    """A whole number of units from 1 to MAX_QUANTITY, else None."""
    number = _number(value)
    if number is None or number != number.to_integral_value() or not 0 < number <= MAX_QUANTITY:
        return None
    return int(number)


def _positive(value: object) -> Decimal | None:
    """A weight (kg) or a length (cm): above zero and at most MAX_MEASURE."""
    number = _number(value)
    return number if number is not None and 0 < number <= MAX_MEASURE else None


def complete_shipment(session: Session, supplier_user_id: int, shipment_id: int, boxes: list[dict], carrier: str,
                      tracking_numbers: list[str], ship_date: date | None, now: datetime) -> Shipment:
    """Box count with weight (kg) and dimensions (cm) per box, carrier, tracking numbers and ship
    date; validated (positive numbers, ship date not before sharing, at least one tracking number)
    and saved in one go. Status becomes Shipped."""
    shipment = _supplier_shipment(session, supplier_user_id, shipment_id)
    if shipment.status not in ("shared", "in_progress"):
        raise Conflict(M("This shipment is already shipped."))
    by_field: dict[str, list[str]] = {}
    if not boxes:
        by_field["boxes"] = [M("Enter at least one box.")]
    if len(boxes) > config.MAX_SHIPMENT_BOXES:
        by_field["boxes"] = [M("At most {max_shipment_boxes} boxes.", max_shipment_boxes=config.MAX_SHIPMENT_BOXES)]
    clean_boxes = []
    for n, box in enumerate(boxes, start=1):
        values = {k: _positive(box.get(k)) for k in ("weight_kg", "length_cm", "width_cm", "height_cm")}
        bad = [k.split("_")[0] for k, v in values.items() if v is None]
        if bad:
            by_field.setdefault("boxes", []).append(
                M(
                    "Box {n}: {items} must be numbers above zero (at most {max_measure}).",
                    n=n,
                    items=", ".join(bad),
                    max_measure=f"{MAX_MEASURE:,}",
                )
            )
        clean_boxes.append({k: str(v) if v is not None else None for k, v in values.items()})
    carrier = check_text(by_field, "carrier", carrier, N_("Carrier"), 100, required=True)
    tracking = [check_text(by_field, "tracking_numbers", t, N_("A tracking number"), 100)
                for t in tracking_numbers[:MAX_TRACKING_NUMBERS + 1] if t and str(t).strip()]
    if len(tracking) > MAX_TRACKING_NUMBERS:
        by_field.setdefault("tracking_numbers", []).append(
            M("At most {max_tracking_numbers} tracking numbers.", max_tracking_numbers=MAX_TRACKING_NUMBERS)
        )
    if not tracking and "tracking_numbers" not in by_field:
        by_field["tracking_numbers"] = [M("Enter at least one tracking number.")]
    if ship_date is None:
        by_field["ship_date"] = [M("Enter the ship date.")]
    elif shipment.shared_at is not None and ship_date < shipment.shared_at.date():
        by_field["ship_date"] = [
            M(
                "The ship date cannot be before the shipment was shared ({shared_at}).",
                shared_at=f"{shipment.shared_at:%d %b %Y}",
            )
        ]
    if by_field:
        raise ValidationError.from_fields(by_field)
    shipment.boxes, shipment.carrier, shipment.tracking_numbers = clean_boxes, carrier, tracking
    shipment.ship_date, shipment.status = ship_date, "shipped"
    shipment.completed_at, shipment.completed_by = now, supplier_user_id
    session.add(shipment)
    session.flush()
    record_audit(session, supplier_user_id, shipment.account_id, "shipment.completed", shipment.name, None,
                 {"shipment_id": shipment.id, "boxes": len(clean_boxes), "carrier": shipment.carrier,
                  "tracking_numbers": tracking, "ship_date": ship_date.isoformat()}, now)
    return shipment


