"""The offer a product or SKU page shows: read from the URL's `sku` (or `asin`), within the account."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import streamlit as st

from components.offers import OfferChoice, choose_offer
from services import products, profile
from services.errors import NotFound
from services.i18n import _, tr
from services.models import Product
from services.money import from_minor
from shell.context import AccountContext, require_page
from shell.db import session_scope
from shell.page import header


@dataclass(frozen=True)
class OfferView:
    product: Product
    tiers: list[products.Tier]
    standard_price: Decimal
    business_price: Decimal | None
    credentials: list[str]  # the account's approved, unexpired credentials (badges)


def offer_from_url(ctx: AccountContext, key: str) -> OfferView | None:
    """Draw the product picker; return the chosen offer of this account, or None (with a plain
    message when the URL names a SKU or ASIN the account does not have)."""
    requested = st.query_params.get("sku")
    asin = st.query_params.get("asin")
    me, mp = ctx.user.id, ctx.marketplace.code
    with session_scope() as session:
        offers = products.list_products(session, ctx.account_id, mp, user_id=me)
        if not requested and asin:
            try:
                requested = products.get_product(session, ctx.account_id, asin=asin, marketplace=mp, user_id=me).sku
            except NotFound as exc:
                st.error(tr(exc.message))
        if not offers:
            st.info(_("This account has no products in this marketplace yet."))
            return None
        sku = choose_offer([OfferChoice(p.sku, f"{p.title} · {p.sku}") for p in offers], requested, key)
        if sku is None:
            return None
        product = products.get_product(session, ctx.account_id, sku=sku, marketplace=mp, user_id=me)
        tiers = products.quantity_tiers(session, product)
        badges = profile.credential_badges(session, ctx.account_id, ctx.today, user_id=me)
    return OfferView(product, tiers, from_minor(product.standard_price_minor),
                     None if product.business_price_minor is None else from_minor(product.business_price_minor),
                     badges)


def offer_page(title: str, key: str) -> tuple[AccountContext, OfferView]:
    """What a page about one offer (Product details, SKU Central) starts with, after guard(): the
    account's B2B area, the page header and the product picker. Stops the run until an offer is
    chosen (the picker says why when the account has none)."""
    ctx = require_page("b2b")
    header(title)
    offer = offer_from_url(ctx, key)
    if offer is None:
        st.stop()
    return ctx, offer
