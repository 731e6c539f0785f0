"""New buyer request (demo, internal reviewers): act as a registered business buyer asking every
seller with an active offer on an ASIN for a quantity discount."""

from __future__ import annotations

import streamlit as st

from components.forms import field_errors
from services import actions, config
from services.i18n import _, ngettext
from services.marketplaces import MARKETPLACES
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import require_reviewer_page
from shell.page import guard, header

guard()
reviewer = require_reviewer_page()
hours = config.BUYER_REQUEST_EXPIRY_HOURS
header(_("New buyer request (demo)"),
       ngettext("For demos: every seller account with an active offer on the ASIN in the marketplace gets a task in "
                "its Business Action Center and its admins an email. The request expires after {hours} hour.",
                "For demos: every seller account with an active offer on the ASIN in the marketplace gets a task in "
                "its Business Action Center and its admins an email. The request expires after {hours} hours.",
                hours).format(hours=hours))
problems = errors("new_buyer_request")
with st.form("nbr_form"):
    marketplace_col, asin_col, quantity_col = st.columns(3)
    mp = marketplace_col.selectbox(_("Marketplace"), list(MARKETPLACES), key="nbr_mp")
    with asin_col:
        asin = st.text_input(_("ASIN"), key="nbr_asin", placeholder="B0…")
        field_errors(problems, "asin")
    with quantity_col:
        quantity = st.number_input(_("Quantity"), min_value=1, max_value=1_000_000, value=25, step=1, key="nbr_qty")
        field_errors(problems, "quantity")
    buyer = st.text_input(_("Buyer name"), key="nbr_buyer", max_chars=120)
    target = st.text_input(_("Target unit price (optional)"), key="nbr_target")
    field_errors(problems, "target_price")
    message = st.text_area(_("Message (optional)"), key="nbr_message", max_chars=actions.MESSAGE_MAX)
    field_errors(problems, "message")
    field_errors(problems, GENERAL)
    sent = st.form_submit_button(_("Send request"), type="primary")
if sent:
    run_action(actions.create_buyer_request, mp, asin, int(quantity), clock.now(), buyer_name=buyer, message=message,
               target_price=target or None, user_id=reviewer.id, errors_key="new_buyer_request",
               notice=lambda request: ngettext("Request {id} sent; it expires in {hours} hour.",
                                        "Request {id} sent; it expires in {hours} hours.", hours).format(
                   id=request.id, hours=hours))
