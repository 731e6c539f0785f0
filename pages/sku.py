"""SKU Central (SPEC §3.3): offer details, standard and business price, quantity tiers (editable
with `b2b` edit rights, by SPEC §2's rules), B2B sales trend."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from components.charts import trend_figure
from components.formatting import bucket_label, money, plain
from components.offers import credential_badges, price_form, show_tiers
from services import config, products
from services.i18n import _
from shell import clock, data
from shell.actions import GENERAL, errors, run_action
from shell.context import link_params
from shell.offers import offer_page
from shell.page import guard

guard()
ctx, offer = offer_page(_("SKU Central"), "sku_pick")
mp = ctx.marketplace
product = offer.product


def fmt_money(value) -> str:
    return money(value, mp.currency, mp.locale)


st.header(plain(product.sku), anchor=False)
caption = (_("{title} · ASIN {asin} · fulfilled by {channel} · active · {marketplace} ({currency})") if product.active
           else _("{title} · ASIN {asin} · fulfilled by {channel} · inactive · {marketplace} ({currency})"))
st.caption(caption.format(title=plain(product.title), asin=product.asin, channel=plain(product.fulfilment_channel),
                          marketplace=mp.name, currency=mp.currency))
st.page_link("pages/product.py", label=_("Product details"), icon=":material/inventory_2:",
             query_params={**link_params(ctx), "sku": product.sku})
credential_badges(offer.credentials)

errors_key = f"prices_{product.sku}"
if ctx.can("b2b", "edit"):
    st.subheader(_("Prices and quantity discounts"), anchor=False)
    problems = errors(errors_key)  # kept until the next save, beside what was typed
    typed = price_form(
        f"prices_{product.sku}", str(offer.standard_price),
        "" if offer.business_price is None else str(offer.business_price),
        [(str(t.min_quantity), t.kind, str(t.price) if t.kind == "fixed" else str(t.percent_off))
         for t in offer.tiers],
        config.MAX_QUANTITY_TIERS, {**problems, "tiers": problems.get("tiers", []) + problems.get(GENERAL, [])},
        mp.currency,
    )
    if typed is not None:
        tiers = [products.TierInput(q, k, v) for q, k, v in typed.tiers]
        run_action(products.set_offer_prices, ctx.account_id, product.sku, typed.standard, typed.business, tiers,
                   ctx.user.id, clock.now(), mp.code, errors_key=errors_key,
                   notice=_("Prices and quantity discounts saved."))
else:
    standard_col, business_col = st.columns(2)
    standard_col.metric(_("Standard price"), fmt_money(offer.standard_price), border=True)
    business_col.metric(_("Business price"), _("not set") if offer.business_price is None
                        else fmt_money(offer.business_price), border=True)
    st.subheader(_("Quantity discounts"), anchor=False)
    show_tiers(offer.tiers, fmt_money)
    st.caption(_("You can view this offer; changing prices needs edit rights for B2B."))

st.subheader(_("B2B sales, last 90 days"), anchor=False)
end = ctx.today
start = end - timedelta(days=89)
trend = data.product_trend(ctx, product.sku, start, end, data.data_version(ctx))
if not trend["units"].any():
    st.info(_("No B2B sales of this SKU in the last 90 days."))
labels = [bucket_label(b, trend.attrs["grain"], mp.locale) for b in trend["bucket"]]
st.plotly_chart(trend_figure(trend, "sales", fmt_money, labels, _("Sales")), key="sku_trend",
                config={"displaylogo": False})
