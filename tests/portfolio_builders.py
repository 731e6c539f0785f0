"""Builders shared by the portfolio and alert tests: order lines, AHR histories, a supplier's
shipment in a chosen status, a brand with an authorization. Everything through the services."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from services import health, partners, products, shipments, suppliers
from services.models import Shipment

_orders = itertools.count(1)
PASSWORD = "Supplier-pass-1"


def line(account_id: int, mp: str, day: date, sales: str, b2b: bool, units: int = 1) -> dict:
    return {"account_id": account_id, "marketplace": mp, "order_id": f"O{next(_orders):08d}", "purchase_date": day,
            "asin": "B0TEST0001", "sku": "SKU-1", "units": units, "sales": sales, "is_business_order": b2b,
            "industry": "Education" if b2b else None, "sub_industry": None}


def history(session, account_id: int, today: date, good: int = 700, low_days: int = 0, low: int = 200,
            days: int = 180, today_score: int | None = None) -> None:
    """`days` scores before today (the most recent `low_days` of them at `low`), and today's if given."""
    for i in range(1, days + 1):
        health.record_ahr(session, account_id, today - timedelta(days=i), low if i <= low_days else good)
    if today_score is not None:
        health.record_ahr(session, account_id, today, today_score)


def shipment(session, account_id: int, now: datetime, status: str, n: int = 1) -> Shipment:
    """A shipment of the account in `status` (draft | shared | in_progress | shipped), shared with a
    newly connected supplier."""
    sku = f"SHIP-{account_id}-{n}"
    products.upsert_product(session, account_id, "US", f"B0SHIP{account_id:02d}{n:02d}", sku, "Crate", "10.00")
    made = shipments.create_shipment(session, account_id, None, f"Shipment {n}", "PHX7", [(sku, 5)], now)
    if status == "draft":
        return made
    email = f"ops{account_id}-{n}@forwarder.example"
    invitation = suppliers.invite_supplier(session, account_id, None, f"Forwarder {account_id}-{n}", "Olga", email,
                                           "freight_forwarder", now)
    supplier = suppliers.accept_invitation(session, invitation.token, "Olga Ops", PASSWORD, now)
    company_id = suppliers.supplier_company(session, supplier.id).id
    shipments.share_shipment(session, account_id, made.id, company_id, None, now)
    if status in ("in_progress", "shipped"):
        shipments.start_shipment(session, supplier.id, made.id, now)
    if status == "shipped":
        box = {"weight_kg": "10", "length_cm": "40", "width_cm": "30", "height_cm": "30"}
        shipments.complete_shipment(session, supplier.id, made.id, [box], "UPS", ["1Z0001"], now.date(), now)
    return made


def authorization(session, owner_id: int, partner_token: str, today: date, now: datetime, end_in_days: int = 90,
                  approve: bool | None = None, asin: str = "B0BRAND001"):
    """A brand of the owner (made once) and an authorization for the partner: approved, rejected
    or (approve None) waiting for review."""
    brand = next(iter(partners.brands_of(session, owner_id)), None) or partners.create_brand(session, owner_id,
                                                                                           f"Brand {owner_id}")
    partners.bind_asin(session, brand.id, asin, "Tools")
    auth = partners.request_authorization(session, brand.id, partner_token, [asin], None, today,
                                          today + timedelta(days=end_in_days), None, now)
    if approve is not None:
        partners.review_authorization(session, auth.id, None, approve, now)
    return auth
