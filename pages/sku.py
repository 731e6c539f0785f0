"""SKU Central (SPEC §3.3): offer details, standard and business price, quantity tiers (editable
with `b2b` edit rights, by SPEC §2's rules), B2B sales trend."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from components.charts import trend_figure
from components.formatting import bucket_label, money, plain
from components.offers import credential_badges, price_form, show_tiers
from services import config, products
from services.errors import DomainError, ValidationError
from shell import clock, data
from shell.context import link_params, require_page
from shell.db import session_scope
from shell.offers import offer_from_url

ctx = require_page("b2b")
mp = ctx.marketplace
st.title("SKU Central")
offer = offer_from_url(ctx, "sku_pick")
if offer is None:
    st.stop()
product = offer.product


def fmt_money(value) -> str:
    return money(value, mp.currency, mp.locale)


st.header(plain(product.sku), anchor=False)
st.caption(f"{plain(product.title)} · ASIN {product.asin} · fulfilled by {plain(product.fulfilment_channel)} · "
           f"{'active' if product.active else 'inactive'} · {mp.name} ({mp.currency})")
st.page_link("pages/product.py", label="Product details", icon=":material/inventory_2:",
             query_params={**link_params(ctx), "sku": product.sku})
credential_badges(offer.credentials)

notice_key, errors_key = f"sku_saved_{product.sku}", f"sku_errors_{product.sku}"
if st.session_state.pop(notice_key, False):
    st.success("Prices and quantity discounts saved.", icon=":material/check_circle:")

if ctx.can("b2b", "edit"):
    st.subheader("Prices and quantity discounts", anchor=False)
    errors = st.session_state.get(errors_key, {})  # kept until the next save, beside what was typed
    typed = price_form(
        f"prices_{product.sku}", str(offer.standard_price),
        "" if offer.business_price is None else str(offer.business_price),
        [(str(t.min_quantity), t.kind, str(t.price) if t.kind == "fixed" else str(t.percent_off))
         for t in offer.tiers],
        config.MAX_QUANTITY_TIERS, errors, mp.currency,
    )
    if typed is not None:
        tiers = [products.TierInput(q, k, v) for q, k, v in typed.tiers]
        try:
            with session_scope(commit=True) as session:
                products.set_offer_prices(session, ctx.account_id, product.sku, typed.standard, typed.business,
                                          tiers, ctx.user.id, clock.now(), ctx.marketplace.code)
        except ValidationError as exc:
            st.session_state[errors_key] = exc.by_field or {"tiers": exc.reasons}
        except DomainError as exc:
            st.session_state[errors_key] = {"tiers": [exc.message]}
        else:
            st.session_state[notice_key] = True
            st.session_state.pop(errors_key, None)
        st.rerun()
else:
    c1, c2 = st.columns(2)
    c1.metric("Standard price", fmt_money(offer.standard_price), border=True)
    c2.metric("Business price", "not set" if offer.business_price is None else fmt_money(offer.business_price),
              border=True)
    st.subheader("Quantity discounts", anchor=False)
    show_tiers(offer.tiers, fmt_money)
    st.caption("You can view this offer; changing prices needs edit rights for B2B.")

st.subheader("B2B sales, last 90 days", anchor=False)
end = ctx.today
start = end - timedelta(days=89)
trend = data.product_trend(ctx.account_id, mp.code, product.sku, start, end, data.data_version(ctx.account_id))
if not trend["units"].any():
    st.info("No B2B sales of this SKU in the last 90 days.")
labels = [bucket_label(b, trend.attrs["grain"], mp.locale) for b in trend["bucket"]]
st.plotly_chart(trend_figure(trend, "sales", fmt_money, labels, "Sales"), key="sku_trend",
                config={"displaylogo": False})
