"""Products and offers (SPEC §2)."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from services.errors import ValidationError
from services.models import Product
from services.money import to_minor
from services.sales import account_marketplace

ASIN_RE = re.compile(r"^[A-Z0-9]{10}$")


def upsert_product(
    session: Session,
    account_id: int,
    marketplace: str,
    asin: str,
    sku: str,
    title: str,
    standard_price,
    business_price=None,
    active: bool = True,
    **optional,
) -> Product:
    """Create or update the offer identified by (account, marketplace, SKU). Flushes."""
    account_marketplace(session, account_id, marketplace)
    asin = (asin or "").strip().upper()
    sku = (sku or "").strip()
    reasons = []
    if not ASIN_RE.match(asin):
        reasons.append("An ASIN is 10 capital letters and digits.")
    if not sku:
        reasons.append("Enter a SKU.")
    standard = to_minor(standard_price, field="standard_price")
    business = None if business_price in (None, "") else to_minor(business_price, field="business_price")
    if standard <= 0:
        reasons.append("The standard price must be above zero.")
    if business is not None and not 0 < business <= standard:
        reasons.append("The business price must be above zero and at most the standard price.")
    if reasons:
        raise ValidationError(reasons[0], reasons=reasons)
    product = session.exec(
        select(Product).where(
            Product.account_id == account_id, Product.marketplace == marketplace, Product.sku == sku
        )
    ).first() or Product(account_id=account_id, marketplace=marketplace, sku=sku, standard_price_minor=standard)
    product.asin = asin
    product.title = (title or "").strip() or asin
    product.standard_price_minor = standard
    product.business_price_minor = business
    product.active = active
    for key in ("brand", "category", "fulfilment_channel"):
        if key in optional:
            setattr(product, key, optional[key])
    session.add(product)
    session.flush()
    return product
