"""Internal review › AHA cases: open a case for an enrolled account (demo) and resolve cases."""

from __future__ import annotations

import streamlit as st
from sqlmodel import select

from components.actions import time_left
from components.formatting import plain
from services import health
from services.errors import DomainError
from services.models import Account, HealthSettings
from shell import clock
from shell.auth import current_user_id
from shell.db import session_scope

reviewer_id = current_user_id()
now = clock.now()
st.title("AHA cases")
if notice := st.session_state.pop("ar_notice", None):
    st.success(notice, icon=":material/check_circle:")
with session_scope() as session:
    all_cases = [(c, session.get(Account, c.account_id).name) for c in health.cases(session)]
    enrolled = {a.id: a.name for a in session.exec(select(Account).join(
        HealthSettings, HealthSettings.account_id == Account.id).where(HealthSettings.aha_enrolled))}
    session.expunge_all()

with st.expander("Open a case (demo)", expanded=not all_cases):
    if not enrolled:
        st.caption("No account is enrolled in Account Health Assurance.")
    else:
        with st.form("ar_open"):
            account_id = st.selectbox("Account", list(enrolled), format_func=enrolled.get, key="ar_account")
            issue = st.text_input("Issue that could lead to deactivation", key="ar_issue")
            opened = st.form_submit_button("Open case")
        if opened:
            try:
                with session_scope(commit=True) as session:
                    health.open_case(session, account_id, issue, clock.now(), reviewer_id)
            except DomainError as exc:
                st.error(exc.message)
            else:
                st.session_state["ar_notice"] = "Case opened; the account's admins got an email."
                st.rerun()

for case, name in all_cases:
    state = health.case_state(case, now)
    with st.container(border=True, key=f"ar_case_{case.id}"):
        st.markdown(f"**{plain(name)}** · {plain(case.issue)} · {state.replace('_', ' ')}"
                    + (f" · {time_left(case.deadline, now)}" if state == "open" else ""))
        if case.plan_submitted_at:
            st.text(f"What happened: {case.plan_what_happened}\nDone: {case.plan_actions_taken}\n"
                    f"Prevention: {case.plan_prevention}")
        if case.resolved_at is None and st.button("Resolve case", key=f"ar_resolve_{case.id}"):
            with session_scope(commit=True) as session:
                health.resolve_case(session, case.id, reviewer_id, clock.now())
            st.session_state["ar_notice"] = "Case resolved."
            st.rerun()
