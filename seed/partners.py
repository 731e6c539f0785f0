"""Demo data for partner authorizations (SPEC §6, §10): Northwind owns an Active brand with bound
and unbound ASINs and a Books ASIN; partners with high and low health, one with an infringement
record and one restricted; authorizations approved, submitted, rejected and expired."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from services import partners
from services.models import Account, Product


def seed_partners(session: Session, ids: list[int], today: date, now: datetime) -> None:
    northwind, maple = ids[0], ids[1]
    accounts = {a.id: a for a in session.exec(select(Account))}
    products = session.exec(select(Product).where(Product.account_id == northwind, Product.marketplace == "US")
                            .order_by(Product.sku)).all()
    brand_name = products[0].brand
    brand = partners.create_brand(session, northwind, brand_name)
    own = [p for p in products if p.brand == brand_name]
    for p in own[:-1]:  # the last one stays unbound, to show the rule
        partners.bind_asin(session, brand.id, p.asin, p.category)
    partners.bind_asin(session, brand.id, "B0BOOKDEMO", "Books")
    partners.create_brand(session, maple, "MapleWorks", status="Pending")
    partners.set_standing(session, ids[5], infringement_record=True)  # Bharat
    partners.set_standing(session, ids[4], restricted=True)  # Sakura
    lone_star, rheinland = accounts[ids[6]].merchant_token, accounts[ids[3]].merchant_token
    asins = [p.asin for p in own[:3]]
    approved = partners.request_authorization(session, brand.id, lone_star, asins[:2], ["US"], today,
                                              today + timedelta(days=365), None, now - timedelta(days=12))
    partners.review_authorization(session, approved.id, None, True, now - timedelta(days=11), "Verified reseller.")
    old = partners.request_authorization(session, brand.id, rheinland, asins[:1], ["US"], today - timedelta(days=200),
                                         today - timedelta(days=20), None, now - timedelta(days=201))
    partners.review_authorization(session, old.id, None, True, now - timedelta(days=200))
    partners.expire(session, now)  # the old one has ended: Expired
    rejected = partners.request_authorization(session, brand.id, rheinland, asins[1:3], ["US", "CA"], today,
                                              today + timedelta(days=180), None, now - timedelta(days=5))
    partners.review_authorization(session, rejected.id, None, False, now - timedelta(days=4),
                                  "Send proof of authenticity for the CA listings.")
    partners.request_authorization(session, brand.id, rheinland, asins[2:3], ["US"], today,
                                   today + timedelta(days=90), None, now - timedelta(hours=6))
