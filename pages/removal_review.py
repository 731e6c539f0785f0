"""Internal review › Supplier removals (SPEC §5): approve (the supplier loses access at once; the
shipment history stays) or reject a seller's request to remove a supplier."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from services import suppliers
from services.errors import DomainError
from shell import clock
from shell.auth import current_user_id
from shell.db import session_scope

reviewer_id = current_user_id()
st.title("Supplier removals")
if notice := st.session_state.pop("rr_notice", None):
    st.success(notice, icon=":material/check_circle:")
with session_scope() as session:
    waiting = suppliers.pending_removals(session)
    session.expunge_all()
if not waiting:
    st.info("No removal requests are waiting for review.")
for request, account, company in waiting:
    with st.container(border=True, key=f"rr_{request.id}"):
        st.markdown(f"**{plain(account.name)}** asks to remove **{plain(company.name)}**")
        st.caption(f"Requested {request.requested_at:%d %b %Y %H:%M} UTC")
        st.text(request.reason)
        note = st.text_input("Note (optional)", key=f"rr_note_{request.id}")
        c1, c2, _ = st.columns([1, 1, 4])
        decision = None
        if c1.button("Approve removal", key=f"rr_ok_{request.id}", type="primary"):
            decision = True
        if c2.button("Reject", key=f"rr_no_{request.id}"):
            decision = False
        if decision is not None:
            try:
                with session_scope(commit=True) as session:
                    suppliers.review_removal(session, request.id, reviewer_id, decision, clock.now(), note)
            except DomainError as exc:
                st.error(exc.message)
            else:
                st.session_state["rr_notice"] = (f"{company.name} removed from {account.name}." if decision else
                                                 "Removal rejected.")
                st.rerun()
