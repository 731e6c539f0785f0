"""Product details (SPEC §3.3): title, prices, quantity discounts, credentials, B2B trend, public link."""

from __future__ import annotations

import streamlit as st

from components.charts import trend_figure
from components.controls import METRIC_LABELS, metric_and_range
from components.formatting import bucket_label, metric_value, money, plain
from components.offers import credential_badges, show_tiers
from services.i18n import _, ngettext
from services.marketplaces import product_url
from shell import data
from shell.context import link_params
from shell.offers import offer_page
from shell.page import guard

guard()
ctx, offer = offer_page(_("Product details"), "product_pick")
mp = ctx.marketplace
product, tiers = offer.product, offer.tiers


def fmt_money(value) -> str:
    return money(value, mp.currency, mp.locale)


st.header(plain(product.title), anchor=False)
caption = (_("ASIN {asin} · SKU {sku} · brand {brand} · category {category} · active offer") if product.active else
           _("ASIN {asin} · SKU {sku} · brand {brand} · category {category} · inactive offer"))
st.caption(caption.format(asin=product.asin, sku=plain(product.sku), brand=plain(product.brand or "—"),
                          category=plain(product.category)))
standard_col, business_col, tiers_col = st.columns(3)
standard_col.metric(_("Standard price"), fmt_money(offer.standard_price), border=True)
business_col.metric(_("Business price"), fmt_money(offer.business_price) if offer.business_price is not None
                    else _("not set"), border=True)
tiers_col.metric(_("Quantity discounts"), ngettext("{n} tier", "{n} tiers", len(tiers)).format(n=len(tiers)),
                 border=True)
left, right = st.columns(2)
with left:
    st.subheader(_("Quantity discounts"), anchor=False)
    show_tiers(tiers, fmt_money)
with right:
    st.subheader(_("Business credentials"), anchor=False)
    credential_badges(offer.credentials)
public_col, sku_col, _spare = st.columns([1, 1, 2])
public_col.link_button(_("View on amazon.{domain}").format(domain=mp.domain), product_url(mp.code, product.asin),
                       icon=":material/open_in_new:", help=_("The public product page (opens a new tab)."))
sku_col.page_link("pages/sku.py", label=_("Edit in SKU Central"), icon=":material/sell:",
                   query_params={**link_params(ctx), "sku": product.sku})

st.subheader(_("B2B sales trend"), anchor=False)
controls = metric_and_range("prod", ctx.today)
if controls.error is None:
    trend = data.product_trend(ctx, product.sku, controls.start, controls.end, data.data_version(ctx))

    def fmt(value) -> str:
        return metric_value(value, controls.metric, mp.currency, mp.locale)

    if not trend["units"].any():
        st.info(_("No B2B sales of this product in this range."))
    labels = [bucket_label(b, trend.attrs["grain"], mp.locale) for b in trend["bucket"]]
    st.plotly_chart(trend_figure(trend, controls.metric, fmt, labels, _(METRIC_LABELS[controls.metric])),
                    key="prod_trend", config={"displaylogo": False})
