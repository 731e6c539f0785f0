"""Products and offers (SPEC §2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from sqlalchemy import delete, func, or_
from sqlmodel import Session, select

from services import access, config
from services.audit import record_audit
from services.errors import NotFound, ValidationError
from services.i18n import M
from services.models import ImportAsin, Product, ProductDay, QuantityTier
from services.money import from_minor, to_minor
from services.periods import bucket_start, buckets, grain_for
from services.sales import account_marketplace, check_query

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
        reasons.append(M("An ASIN is 10 capital letters and digits."))
    if not sku:
        reasons.append(M("Enter a SKU."))
    standard = to_minor(standard_price, field="standard_price")
    business = None if business_price in (None, "") else to_minor(business_price, field="business_price")
    if standard <= 0:
        reasons.append(M("The standard price must be above zero."))
    if business is not None and not 0 < business <= standard:
        reasons.append(M("The business price must be above zero and at most the standard price."))
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


# --- Reading offers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Tier:
    """A quantity discount as shown and edited: from `min_quantity` units, `kind` "fixed" with a
    unit `price`, or "percent" with `percent_off` of the business price. `unit_price` is what a
    buyer pays per unit at that quantity (Decimal)."""

    min_quantity: int
    kind: str
    price: Decimal | None
    percent_off: int | None
    unit_price: Decimal | None


@access.guarded("b2b")
def get_product(session: Session, account_id: int, sku: str | None = None, asin: str | None = None,
                marketplace: str | None = None, *, user_id: int | None = None) -> Product:
    """The account's offer by SKU, or by ASIN (its first SKU). NotFound when the account has none:
    another account's product is not found either."""
    mp = account_marketplace(session, account_id, marketplace)
    query = select(Product).where(Product.account_id == account_id, Product.marketplace == mp)
    if sku:
        query = query.where(Product.sku == sku.strip())
    elif asin:
        query = query.where(Product.asin == asin.strip().upper())
    else:
        raise NotFound(M("Choose a product."))
    product = session.exec(query.order_by(Product.sku)).first()
    if product is None:
        raise NotFound(
            M("This account has no product {product} in {mp}.", product=f"SKU {sku}" if sku else f"ASIN {asin}", mp=mp)
        )
    return product


@access.guarded(("b2b", "supply_chain"))
def list_products(session: Session, account_id: int, marketplace: str | None = None, *,
                  user_id: int | None = None) -> list[Product]:
    mp = account_marketplace(session, account_id, marketplace)
    return list(session.exec(
        select(Product).where(Product.account_id == account_id, Product.marketplace == mp).order_by(Product.title)
    ))


def _percent_price(business_minor: int, percent_off: int) -> int:
    """Unit price in minor units after `percent_off` % off the business price, half-up to the cent."""
    return int((Decimal(business_minor) * (100 - percent_off) / 100).quantize(Decimal(1), ROUND_HALF_UP))


def quantity_tiers(session: Session, product: Product) -> list[Tier]:
    rows = session.exec(
        select(QuantityTier).where(QuantityTier.product_id == product.id).order_by(QuantityTier.min_quantity)
    ).all()
    out = []
    for r in rows:
        if r.kind == "percent":
            unit = None if product.business_price_minor is None else _percent_price(
                product.business_price_minor, r.percent_off)
            out.append(Tier(r.min_quantity, "percent", None, r.percent_off, None if unit is None else from_minor(unit)))
        else:
            out.append(Tier(r.min_quantity, "fixed", from_minor(r.price_minor), None, from_minor(r.price_minor)))
    return out


# --- Editing prices and tiers (SPEC §2) ----------------------------------------------------------


@dataclass(frozen=True)
class TierInput:
    """One tier as typed: quantity and value are text or numbers; kind "fixed" (value is a unit
    price) or "percent" (value is a whole percent off the business price)."""

    min_quantity: object
    kind: str
    value: object


def _parse_int(text: object) -> int | None:
    """A whole number as typed ("12", "12.0"; at most 9 digits), else None."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if abs(text) < 10**9 else None
    match = re.fullmatch(r"([0-9]{1,9})(?:\.0*)?", str(text).strip())
    return int(match.group(1)) if match else None


def _parse_price(text: object, field: str, label: str, reasons: list[tuple[str, str]]) -> int | None:
    if text is None or str(text).strip() == "":
        return None
    try:
        minor = to_minor(text, field=field)
    except ValidationError:
        reasons.append((field, M("{label}: enter an amount like 12.50 (digits, at most two decimals).", label=label)))
        return None
    if minor <= 0:
        reasons.append((field, M("{label} must be above zero.", label=label)))
        return None
    return minor


def validate_offer_prices(standard_price: object, business_price: object, tiers: list[TierInput]):
    """Check prices and tiers by SPEC §2's rules. Returns (standard_minor, business_minor, rows) or
    raises ValidationError whose reasons name every failure (its .field is the first one's)."""
    reasons: list[tuple[str, str]] = []
    standard = _parse_price(standard_price, "standard_price", M("Standard price"), reasons)
    if standard is None and not reasons:
        reasons.append(("standard_price", M("Enter the standard price.")))
    business = _parse_price(business_price, "business_price", M("Business price"), reasons)
    if standard is not None and business is not None and business > standard:
        reasons.append(("business_price", M("The business price must be at most the standard price.")))
    tiers = [t for t in tiers if not (str(t.min_quantity or "").strip() == "" and str(t.value or "").strip() == "")]
    if len(tiers) > config.MAX_QUANTITY_TIERS:
        reasons.append(
            (
                "tiers",
                M(
                    "At most {max_quantity_tiers} quantity discount tiers.",
                    max_quantity_tiers=config.MAX_QUANTITY_TIERS,
                ),
            )
        )
    if tiers and business_price in (None, "") and business is None:
        reasons.append(("business_price", M("Set a business price before adding quantity discounts.")))
    rows: list[dict] = []
    last_quantity: int | None = None
    last_unit: int | None = None
    for n, tier in enumerate(tiers, start=1):
        field, label = f"tier_{n}", M("Tier {n}", n=n)
        quantity = _parse_int(tier.min_quantity)
        if quantity is None or quantity < config.MIN_TIER_QUANTITY:
            reasons.append(
                (
                    field,
                    M(
                        "{label}: the quantity must be a whole number of at least {min_tier_quantity}.",
                        label=label,
                        min_tier_quantity=config.MIN_TIER_QUANTITY,
                    ),
                )
            )
        elif last_quantity is not None and quantity <= last_quantity:
            reasons.append(
                (
                    field,
                    M(
                        "{label}: quantities must go up from tier to tier ({quantity} is not above {last_quantity}).",
                        label=label,
                        quantity=quantity,
                        last_quantity=last_quantity,
                    ),
                )
            )
        if quantity is not None:
            last_quantity = quantity if last_quantity is None else max(quantity, last_quantity)
        unit = price = percent = None
        if tier.kind == "percent":
            percent = _parse_int(tier.value)
            if percent is None or not 1 <= percent <= 99:
                reasons.append((field, M("{label}: a percent off is a whole number from 1 to 99.", label=label)))
                percent = None
            elif business is not None:
                unit = _percent_price(business, percent)
        elif tier.kind == "fixed":
            price = _parse_price(tier.value, field, M("{tier} price", tier=label), reasons)
            if price is None and str(tier.value or "").strip() == "":
                reasons.append((field, M("{label}: enter the unit price.", label=label)))
            unit = price
        else:
            reasons.append((field, M("{label}: choose a fixed price or a percent off.", label=label)))
        if unit is not None:
            if business is not None and unit >= business:
                reasons.append((field, M("{label}: the unit price must be below the business price.", label=label)))
            if last_unit is not None and unit >= last_unit:
                reasons.append((field, M("{label}: unit prices must go down from tier to tier.", label=label)))
            last_unit = unit if last_unit is None else min(unit, last_unit)
        rows.append({"min_quantity": quantity, "kind": tier.kind, "price_minor": price, "percent_off": percent})
    if reasons:
        by_field: dict[str, list[str]] = {}
        for field, reason in reasons:
            by_field.setdefault(field, []).append(reason)
        raise ValidationError(reasons[0][1], field=reasons[0][0], reasons=[r for _, r in reasons], by_field=by_field)
    return standard, business, rows


def set_offer_prices(
    session: Session,
    account_id: int,
    sku: str,
    standard_price: object,
    business_price: object,
    tiers: list[TierInput],
    user_id: int | None,
    now: datetime,
    marketplace: str | None = None,
) -> Product:
    """Save an offer's standard and business price and its quantity tiers, all or nothing, with an
    audit entry. Checks `b2b` edit access first, then validates (see validate_offer_prices). Flushes."""
    if user_id is not None:
        access.require(session, user_id, account_id, "b2b", "edit")
    product = get_product(session, account_id, sku=sku, marketplace=marketplace)
    standard, business, rows = validate_offer_prices(standard_price, business_price, tiers)
    before = _offer_snapshot(session, product)
    product.standard_price_minor = standard
    product.business_price_minor = business
    session.add(product)
    session.execute(delete(QuantityTier).where(QuantityTier.product_id == product.id))
    for row in rows:
        session.add(QuantityTier(product_id=product.id, **row))
    session.flush()
    record_audit(session, user_id, account_id, "offer.prices_changed", f"SKU {product.sku}",
                 before=before, after=_offer_snapshot(session, product), now=now)
    return product


def _offer_snapshot(session: Session, product: Product) -> dict:
    return {
        "standard_price": str(from_minor(product.standard_price_minor)),
        "business_price": None if product.business_price_minor is None else str(
            from_minor(product.business_price_minor)),
        "tiers": [{"min_quantity": t.min_quantity, "kind": t.kind,
                   "value": str(t.price) if t.kind == "fixed" else t.percent_off}
                  for t in quantity_tiers(session, product)],
    }


# --- Top Products (SPEC §3.3) and a product's B2B trend ----------------------------------------


def offer_titles(session: Session, account_id: int, mp: str, skus: list[str] | None = None) -> dict:
    """{(asin, sku): title} of the account's offers (all, or those SKUs)."""
    query = select(Product.asin, Product.sku, Product.title).where(
        Product.account_id == account_id, Product.marketplace == mp)
    if skus is not None:
        if not skus:
            return {}
        query = query.where(Product.sku.in_(skus))
    return {(asin, sku): title for asin, sku, title in session.execute(query).all()}


def imported_asin_report(session: Session, account_id: int, mp: str, start: date, end: date) -> int | None:
    """The import id of the latest by-ASIN report (Business Report by child item, or Sales & Traffic
    by ASIN) whose period is exactly start..end, else None."""
    t = ImportAsin.__table__.c
    return session.execute(select(func.max(t.import_id)).where(
        t.account_id == account_id, t.marketplace == mp, t.period_start == start, t.period_end == end)).scalar()


@access.guarded("b2b")
def top_products(session: Session, account_id: int, start: date, end: date, metric: str = "sales",
                 limit: int = 5, marketplace: str | None = None, *, user_id: int | None = None) -> pd.DataFrame:
    """The top `limit` (ASIN, SKU) pairs by B2B sales or units in the range; ties by ASIN, then SKU.
    Columns rank, asin, sku, title (falls back to the ASIN), sales (Decimal), units, orders.

    When the range is exactly the period of an imported by-ASIN report with B2B figures, the
    report answers (orders are then its B2B order items: the report counts no orders); otherwise
    the order lines. `attrs["source"]` says which ("report" or "orders")."""
    check_query(start, end, metric)
    mp = account_marketplace(session, account_id, marketplace)
    report_id = imported_asin_report(session, account_id, mp, start, end)
    rows = _top_from_report(session, report_id, metric, limit) if report_id is not None else None
    source = "report" if rows is not None else "orders"
    if rows is None:
        t = ProductDay.__table__.c
        sales_sum, units_sum = func.sum(t.sales_minor), func.sum(t.units)
        ranked = sales_sum if metric == "sales" else units_sum
        rows = session.execute(
            select(t.asin, t.sku, sales_sum, units_sum, func.sum(t.orders))
            .where(t.account_id == account_id, t.marketplace == mp, t.is_business.is_(True),
                   t.day.between(start, end))
            .group_by(t.asin, t.sku)
            .order_by(ranked.desc(), t.asin, t.sku)
            .limit(limit)
        ).all()
    titles = offer_titles(session, account_id, mp, [r[1] for r in rows])
    frame = pd.DataFrame(
        [{"rank": i, "asin": asin, "sku": sku, "title": titles.get((asin, sku)) or asin, "sales": from_minor(s),
          "units": int(u), "orders": int(o)} for i, (asin, sku, s, u, o) in enumerate(rows, start=1)],
        columns=["rank", "asin", "sku", "title", "sales", "units", "orders"],
    )
    frame.attrs.update(metric=metric, marketplace=mp, start=start, end=end, source=source,
                       import_id=report_id if source == "report" else None)
    return frame


def _top_from_report(session: Session, import_id: int, metric: str, limit: int) -> list | None:
    """Top rows of an imported by-ASIN report by B2B sales or units; None when it has no B2B figures."""
    t = ImportAsin.__table__.c
    if session.execute(select(t.asin).where(t.import_id == import_id, t.b2b_sales_minor.is_not(None))
                       .limit(1)).first() is None:
        return None
    ranked = t.b2b_sales_minor if metric == "sales" else t.b2b_units
    return session.execute(
        select(t.asin, t.sku, t.b2b_sales_minor, func.coalesce(t.b2b_units, 0),
               func.coalesce(t.b2b_order_items, 0))
        .where(t.import_id == import_id, or_(t.b2b_sales_minor > 0, t.b2b_units > 0))
        .order_by(ranked.desc(), t.asin, t.sku).limit(limit)
    ).all()


@access.guarded("b2b")
def product_trend(session: Session, account_id: int, sku: str, start: date, end: date,
                  marketplace: str | None = None, *, user_id: int | None = None) -> pd.DataFrame:
    """B2B sales and units of one SKU per bucket (the Sales Snapshot's buckets); all buckets present."""
    if end < start:
        raise ValidationError(M("The end date must be on or after the start date."), field="end")
    mp = account_marketplace(session, account_id, marketplace)
    grain = grain_for(start, end)
    t = ProductDay.__table__.c
    acc: dict[date, list[int]] = {b: [0, 0, 0] for b in buckets(start, end, grain)}
    for day, s, u, o in session.execute(
        select(t.day, t.sales_minor, t.units, t.orders).where(
            t.account_id == account_id, t.marketplace == mp, t.sku == sku, t.is_business.is_(True),
            t.day.between(start, end))
    ).all():
        row = acc[bucket_start(day, grain, start)]
        row[0] += s
        row[1] += u
        row[2] += o
    frame = pd.DataFrame(
        [{"bucket": b, "sales": from_minor(v[0]), "units": v[1], "orders": v[2]} for b, v in acc.items()],
        columns=["bucket", "sales", "units", "orders"],
    )
    frame.attrs.update(grain=grain, marketplace=mp, start=start, end=end)
    return frame
