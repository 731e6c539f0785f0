"""Internal review › Partner authorizations: take under review, approve or reject with a note."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from services import partners
from services.errors import DomainError
from shell import clock
from shell.auth import current_user_id
from shell.db import session_scope

reviewer_id = current_user_id()
st.title("Partner authorization reviews")
if notice := st.session_state.pop("pr_notice", None):
    st.success(notice, icon=":material/check_circle:")
with session_scope() as session:
    queue = partners.authorizations(session, statuses=["Submitted", "Under review"])
    names = partners.account_names(session)
    brands = {a.id: partners.brand_name(session, a.brand_id) for a in queue}
    session.expunge_all()
if not queue:
    st.info("Nothing waiting for review.")
for a in queue:
    with st.container(border=True, key=f"pr_{a.id}"):
        st.markdown(f"**{plain(brands[a.id])}** → "
                    f"**{plain(names.get(a.partner_account_id, '?'))}** · {a.status} · {', '.join(a.asins)} in "
                    f"{', '.join(a.marketplaces)} · {a.start:%d %b %Y} – {a.end:%d %b %Y}")
        note = st.text_input("Note", key=f"pr_note_{a.id}")
        c1, c2, c3, _ = st.columns([1, 1, 1.3, 3])
        decision = None
        if c1.button("Approve", key=f"pr_ok_{a.id}", type="primary"):
            decision = True
        if c2.button("Reject", key=f"pr_no_{a.id}"):
            decision = False
        if a.status == "Submitted" and c3.button("Take under review", key=f"pr_take_{a.id}"):
            with session_scope(commit=True) as session:
                partners.start_review(session, a.id, reviewer_id, clock.now())
            st.rerun()
        if decision is not None:
            try:
                with session_scope(commit=True) as session:
                    partners.review_authorization(session, a.id, reviewer_id, decision, clock.now(), note)
            except DomainError as exc:
                st.error(exc.message)
            else:
                st.session_state["pr_notice"] = "Approved." if decision else "Rejected."
                st.rerun()
