"""Internal review › Partner authorizations: take under review, approve or reject with a note."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from services import partners
from services.i18n import _, day
from shell import clock
from shell.actions import run_action
from shell.page import DATE_LOCALE, guard
from shell.review import review_queue_page

guard()
reviewer, queue = review_queue_page(_("Partner authorization reviews"), partners.review_queue,
                                    _("Nothing waiting for review."), "partner_review")
for item in queue:
    auth = item.authorization
    with st.container(border=True, key=f"pr_{auth.id}"):
        st.markdown(_("**{brand}** ({owner}) → **{partner}** · {status} · {asins} in {marketplaces} · "
                      "{start} – {end}").format(
            brand=plain(item.brand_name), owner=plain(item.owner_name), partner=plain(item.partner_name),
            status=_(auth.status), asins=", ".join(auth.asins), marketplaces=", ".join(auth.marketplaces),
            start=day(auth.start, DATE_LOCALE), end=day(auth.end, DATE_LOCALE)))
        note = st.text_input(_("Note"), key=f"pr_note_{auth.id}")
        approve_col, reject_col, take_col, _spare = st.columns([1, 1, 1.3, 3])
        if approve_col.button(_("Approve"), key=f"pr_ok_{auth.id}", type="primary"):
            run_action(partners.review_authorization, auth.id, reviewer.id, True, clock.now(), note,
                       errors_key="partner_review", notice=_("Approved."))
        if reject_col.button(_("Reject"), key=f"pr_no_{auth.id}"):
            run_action(partners.review_authorization, auth.id, reviewer.id, False, clock.now(), note,
                       errors_key="partner_review", notice=_("Rejected."))
        if auth.status == "Submitted" and take_col.button(_("Take under review"), key=f"pr_take_{auth.id}"):
            run_action(partners.start_review, auth.id, reviewer.id, clock.now(), errors_key="partner_review",
                       notice=_("Taken under review."))
