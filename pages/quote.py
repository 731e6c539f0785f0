"""Buyer requests and the Quote page (SPEC §3.4): answer a business buyer's quantity-discount
request with a unit price, or decline it, before it expires."""

from __future__ import annotations

import streamlit as st

from components.actions import duration_left, time_left
from components.formatting import money, number, plain
from components.forms import field_errors
from services import actions, config
from services.errors import DomainError, ValidationError
from services.i18n import N_, _, day, ngettext
from services.marketplaces import marketplace
from services.money import from_minor
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import link_params, require_page
from shell.db import session_scope
from shell.page import guard, header

STATUS_BADGES = {"needs_response": N_(":orange-badge[Needs response]"), "responded": N_(":green-badge[Responded]"),
                 "declined": N_(":gray-badge[Declined]"), "expired": N_(":red-badge[Expired]")}
HOURS = config.BUYER_REQUEST_EXPIRY_HOURS

guard()
ctx = require_page("actions")
me, now = ctx.user.id, clock.now()
BUYER = N_("Registered business buyer")
requested = st.query_params.get("request")


def show_list() -> None:
    header(_("Buyer requests"))
    with session_scope() as session:
        quotes = actions.buyer_requests(session, ctx.account_id, now, user_id=me)
    if not quotes:
        st.info(_("No buyer requests yet. When a registered business buyer asks for a quantity discount on one of "
                  "your offers, it shows here and in the Business Action Center."))
        return
    st.caption(ngettext("Answer within {hours} hour of the request. Open ones first.",
                        "Answer within {hours} hours of the request. Open ones first.", HOURS).format(hours=HOURS))
    for q in quotes:
        cells = st.columns([1.4, 4, 2.2, 1.6, 1.2], vertical_alignment="center")
        cells[0].markdown(_(STATUS_BADGES[q.status]))
        cells[1].page_link("pages/quote.py", label=plain(f"{q.request.quantity:,} × {q.product.title}"),
                           query_params={**link_params(ctx), "request": str(q.request.id)})
        cells[2].markdown(plain(q.request.buyer_name or _(BUYER)))
        cells[3].caption(time_left(q.request.expires_at, now) if q.status == "needs_response" else
                         day(q.request.created_at, ctx.marketplace.locale))
        cells[4].caption(q.request.marketplace)


if not requested:
    show_list()
    st.stop()

try:
    request_id = int(requested)
    with session_scope() as session:
        q = actions.quote(session, ctx.account_id, request_id, now, user_id=me)
except (ValueError, DomainError):
    header(_("Buyer requests"))
    st.error(_("This account has no such buyer request. It may belong to another account, or the link is wrong."))
    st.page_link("pages/quote.py", label=_("All buyer requests"), query_params=link_params(ctx))
    st.stop()

mp = marketplace(q.request.marketplace)


def fmt(value) -> str:
    return money(value, mp.currency, mp.locale)


header(_("Buyer requests"))
st.page_link("pages/quote.py", label=_("← All buyer requests"), query_params=link_params(ctx))
st.header(plain(f"{q.request.quantity:,} × {q.product.title}"), anchor=False)
st.markdown(_("{badge} &nbsp; ASIN {asin} · SKU {sku} · {marketplace}").format(
    badge=_(STATUS_BADGES[q.status]), asin=q.product.asin, sku=plain(q.product.sku), marketplace=mp.name))
quantity_col, target_col, ceiling_col, left_col = st.columns(4)
quantity_col.metric(_("Quantity"), number(q.request.quantity, mp.locale), border=True)
target_col.metric(_("Buyer's target price"), fmt(q.target_price) if q.target_price is not None else _("none given"),
                  border=True)
ceiling_col.metric(_("Your highest allowed price"), fmt(q.max_price), border=True,
                   help=_("Your business price, or your standard price when the offer has no business price."))
remaining = duration_left(q.request.expires_at, now) if q.status == "needs_response" else None
left_col.metric(_("Time left"), remaining or "—", border=True)
st.markdown(_("**Buyer:** {buyer}").format(buyer=plain(q.request.buyer_name or _(BUYER))))
if q.request.message:
    st.markdown(_("**Message:**"))
    st.text(q.request.message)  # shown as typed, never as markup

if q.status == "responded":
    answered = q.response.responded_at
    st.success(_("You quoted {price} per unit on {day} {time} UTC.").format(
        price=fmt(from_minor(q.response.unit_price_minor)), day=day(answered, ctx.marketplace.locale),
        time=f"{answered:%H:%M}"), icon=":material/check_circle:")
elif q.status == "declined":
    st.info(_("You declined this request. Note: {note}").format(note=plain(q.response.note)) if q.response.note
            else _("You declined this request."))
elif q.status == "expired":
    st.warning(ngettext("This request expired before it was answered ({hours} hour).",
                        "This request expired before it was answered ({hours} hours).", HOURS).format(hours=HOURS))
elif not ctx.can("actions", "edit"):
    st.caption(_("You can view this request; answering needs edit rights for the Business Action Center."))
else:
    answer_col, decline_col = st.columns(2)
    with answer_col, st.form("quote_form"):
        st.markdown(_("**Send a quote**"))
        quote_errors = errors("quote")
        price = st.text_input(ngettext("Unit price for {quantity} unit ({currency})",
                                       "Unit price for {quantity} units ({currency})", q.request.quantity).format(
                                  quantity=f"{q.request.quantity:,}", currency=mp.currency),
                              placeholder=_("at most {price}").format(price=q.max_price), key="quote_price")
        field_errors(quote_errors, "unit_price")
        field_errors(quote_errors, GENERAL)
        send = st.form_submit_button(_("Send quote"), type="primary")
    with decline_col, st.form("decline_form"):
        st.markdown(_("**Or decline**"))
        decline_errors = errors("decline")
        note = st.text_input(_("Reason (optional, for your records)"), max_chars=500, key="decline_note")
        sure = st.checkbox(_("Yes, decline this request"), key="decline_sure")
        field_errors(decline_errors, "confirm")
        field_errors(decline_errors, GENERAL)
        refuse = st.form_submit_button(_("Decline"))
    if send:
        run_action(actions.respond_to_request, ctx.account_id, request_id, price, me, clock.now(), errors_key="quote",
                   notice=_("Quote sent to the buyer."))
    if refuse:
        def _decline(session):
            if not sure:
                raise ValidationError(_("Tick “Yes, decline this request” to confirm."), field="confirm")
            return actions.decline_request(session, ctx.account_id, request_id, me, clock.now(), note)

        run_action(_decline, errors_key="decline", notice=_("Request declined."))
