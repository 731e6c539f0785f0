"""New buyer request (demo, internal reviewers): act as a registered business buyer asking every
seller with an active offer on an ASIN for a quantity discount."""

from __future__ import annotations

import streamlit as st

from components.forms import field_errors
from services import actions
from services.errors import DomainError, ValidationError
from services.marketplaces import MARKETPLACES
from shell import clock
from shell.db import session_scope
from shell.mail import deliver_soon

st.title("New buyer request (demo)")
st.caption("For demos: every seller account with an active offer on the ASIN in the marketplace gets a task in its "
           "Business Action Center and its admins an email. The request expires after 48 hours.")
if notice := st.session_state.pop("nbr_notice", None):
    st.success(notice, icon=":material/check_circle:")
errors = st.session_state.get("nbr_errors", {})
with st.form("nbr_form"):
    c1, c2, c3 = st.columns(3)
    mp = c1.selectbox("Marketplace", list(MARKETPLACES), key="nbr_mp")
    asin = c2.text_input("ASIN", key="nbr_asin", placeholder="B0…")
    with c2:
        field_errors(errors, "asin")
    quantity = c3.number_input("Quantity", min_value=1, max_value=1_000_000, value=25, step=1, key="nbr_qty")
    with c3:
        field_errors(errors, "quantity")
    buyer = st.text_input("Buyer name", key="nbr_buyer", max_chars=120)
    target = st.text_input("Target unit price (optional)", key="nbr_target")
    field_errors(errors, "target_price")
    message = st.text_area("Message (optional)", key="nbr_message", max_chars=actions.MESSAGE_MAX)
    field_errors(errors, "message")
    field_errors(errors, "offers")
    sent = st.form_submit_button("Send request", type="primary")
if sent:
    try:
        with session_scope(commit=True) as session:
            request = actions.create_buyer_request(session, mp, asin, int(quantity), clock.now(), buyer_name=buyer,
                                                   message=message, target_price=target or None)
    except ValidationError as exc:
        st.session_state["nbr_errors"] = exc.by_field
    except DomainError as exc:
        st.session_state["nbr_errors"] = {"offers": [exc.message]}
    else:
        st.session_state.pop("nbr_errors", None)
        st.session_state["nbr_notice"] = f"Request {request.id} sent; it expires in 48 hours."
        deliver_soon()
    st.rerun()
