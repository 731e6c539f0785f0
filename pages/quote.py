"""Buyer requests and the Quote page (SPEC §3.4): answer a business buyer's quantity-discount
request with a unit price, or decline it, within 48 hours."""

from __future__ import annotations

import streamlit as st

from components.actions import time_left
from components.formatting import money, number, plain
from services import actions
from services.errors import DomainError, ValidationError
from services.marketplaces import marketplace
from services.money import from_minor
from shell import clock
from shell.context import link_params, require_page
from shell.db import session_scope
from shell.mail import deliver_soon

STATUS_BADGES = {"needs_response": ":orange-badge[Needs response]", "responded": ":green-badge[Responded]",
                 "declined": ":gray-badge[Declined]", "expired": ":red-badge[Expired]"}

ctx = require_page("actions")
now = clock.now()
st.title("Buyer requests")
requested = st.query_params.get("request")


def show_list() -> None:
    with session_scope() as session:
        quotes = actions.buyer_requests(session, ctx.account_id, now)
    if not quotes:
        st.info("No buyer requests yet. When a registered business buyer asks for a quantity discount on one of "
                "your offers, it shows here and in the Business Action Center.")
        return
    st.caption("Answer within 48 hours of the request. Open ones first.")
    for q in quotes:
        mp = marketplace(q.request.marketplace)
        cells = st.columns([1.4, 4, 2.2, 1.6, 1.2], vertical_alignment="center")
        cells[0].markdown(STATUS_BADGES[q.status])
        cells[1].page_link("pages/quote.py", label=plain(f"{q.request.quantity:,} × {q.product.title}"),
                           query_params={**link_params(ctx), "request": str(q.request.id)})
        cells[2].markdown(plain(q.request.buyer_name or "Registered business buyer"))
        cells[3].caption(time_left(q.request.expires_at, now) if q.status == "needs_response" else
                         f"{q.request.created_at:%d %b %Y}")
        cells[4].caption(mp.code)


if not requested:
    show_list()
    st.stop()

try:
    request_id = int(requested)
    with session_scope() as session:
        q = actions.quote(session, ctx.account_id, request_id, now)
except (ValueError, DomainError):
    st.error("This account has no such buyer request. It may belong to another account, or the link is wrong.")
    st.page_link("pages/quote.py", label="All buyer requests", query_params=link_params(ctx))
    st.stop()

mp = marketplace(q.request.marketplace)


def fmt(value) -> str:
    return money(value, mp.currency, mp.locale)


st.page_link("pages/quote.py", label="← All buyer requests", query_params=link_params(ctx))
st.header(plain(f"{q.request.quantity:,} × {q.product.title}"), anchor=False)
st.markdown(f"{STATUS_BADGES[q.status]} &nbsp; ASIN {q.product.asin} · SKU {plain(q.product.sku)} · {mp.name}")
c1, c2, c3, c4 = st.columns(4)
c1.metric("Quantity", number(q.request.quantity, mp.locale), border=True)
c2.metric("Buyer's target price", fmt(q.target_price) if q.target_price is not None else "none given", border=True)
c3.metric("Your highest allowed price", fmt(q.max_price), border=True,
          help="Your business price, or your standard price when the offer has no business price.")
c4.metric("Time left", time_left(q.request.expires_at, now).removeprefix("expires in ") or "—"
          if q.status == "needs_response" else "—",
          border=True)
st.markdown(f"**Buyer:** {plain(q.request.buyer_name or 'Registered business buyer')}")
if q.request.message:
    st.markdown("**Message:**")
    st.text(q.request.message)  # shown as typed, never as markup

if q.status == "responded":
    st.success(f"You quoted {fmt(from_minor(q.response.unit_price_minor))} per unit on "
               f"{q.response.responded_at:%d %b %Y %H:%M} UTC.", icon=":material/check_circle:")
elif q.status == "declined":
    st.info("You declined this request." + (f" Note: {plain(q.response.note)}" if q.response.note else ""))
elif q.status == "expired":
    st.warning("This request expired before it was answered (48 hours).")
elif not ctx.can("actions", "edit"):
    st.caption("You can view this request; answering needs edit rights for the Business Action Center.")
else:
    answer, decline = st.columns(2)
    with answer, st.form("quote_form"):
        st.markdown("**Send a quote**")
        price = st.text_input(f"Unit price for {q.request.quantity:,} units ({mp.currency})",
                              placeholder=f"at most {q.max_price}", key="quote_price")
        if err := st.session_state.pop("quote_error", None):
            st.error(err, icon=":material/error:")
        send = st.form_submit_button("Send quote", type="primary")
    with decline, st.form("decline_form"):
        st.markdown("**Or decline**")
        note = st.text_input("Reason (optional, for your records)", max_chars=500, key="decline_note")
        sure = st.checkbox("Yes, decline this request", key="decline_sure")
        if err := st.session_state.pop("decline_error", None):
            st.error(err, icon=":material/error:")
        refuse = st.form_submit_button("Decline")
    if send or refuse:
        key = "quote_error" if send else "decline_error"
        try:
            if refuse and not sure:
                raise ValidationError("Tick “Yes, decline this request” to confirm.")
            with session_scope(commit=True) as session:
                if send:
                    actions.respond_to_request(session, ctx.account_id, request_id, price, ctx.user.id, clock.now())
                else:
                    actions.decline_request(session, ctx.account_id, request_id, ctx.user.id, clock.now(), note)
        except DomainError as exc:
            st.session_state[key] = exc.message
        else:
            deliver_soon()
        st.rerun()
