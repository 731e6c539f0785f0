"""Internal review › Supplier removals (SPEC §5): approve (the supplier loses access at once; the
shipment history stays) or reject a seller's request to remove a supplier."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from services import suppliers
from services.i18n import _, day
from shell import clock
from shell.actions import run_action
from shell.page import DATE_LOCALE, guard
from shell.review import review_queue_page

guard()
reviewer, waiting = review_queue_page(_("Supplier removals"), suppliers.pending_removals,
                                      _("No removal requests are waiting for review."), "removal_review")
for request, account, company in waiting:
    with st.container(border=True, key=f"rr_{request.id}"):
        st.markdown(_("**{account}** asks to remove **{company}**").format(account=plain(account.name),
                                                                          company=plain(company.name)))
        st.caption(_("Requested {day} {time} UTC").format(day=day(request.requested_at, DATE_LOCALE),
                                                          time=f"{request.requested_at:%H:%M}"))
        st.text(request.reason)
        note = st.text_input(_("Note (optional)"), key=f"rr_note_{request.id}")
        approve_col, reject_col, _spare = st.columns([1, 1, 4])
        decision = None
        if approve_col.button(_("Approve removal"), key=f"rr_ok_{request.id}", type="primary"):
            decision = True
        if reject_col.button(_("Reject"), key=f"rr_no_{request.id}"):
            decision = False
        if decision is not None:
            run_action(suppliers.review_removal, request.id, reviewer.id, decision, clock.now(), note,
                       errors_key="removal_review",
                       notice=_("{company} removed from {account}.").format(company=company.name, account=account.name)
                       if decision else _("Removal rejected."))
