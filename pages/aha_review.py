"""Internal review › AHA cases: open a case for an enrolled account (demo) and resolve cases."""

from __future__ import annotations

import streamlit as st

from components.actions import time_left
from components.formatting import plain
from components.forms import field_errors
from services import health
from services.i18n import N_, _
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import require_reviewer_page
from shell.db import session_scope
from shell.page import guard, header

CASE_STATES = {"open": N_("open"), "overdue": N_("overdue"), "resolved_in_time": N_("resolved in time"),
               "resolved_late": N_("resolved late")}

guard()
reviewer = require_reviewer_page()
now = clock.now()
header(_("AHA cases"))
with session_scope() as session:
    all_cases = health.review_cases(session, reviewer.id)
    enrolled = health.enrolled_accounts(session, reviewer.id)

with st.expander(_("Open a case (demo)"), expanded=not all_cases):
    if not enrolled:
        st.caption(_("No account is enrolled in Account Health Assurance."))
    else:
        problems = errors("aha_open")
        with st.form("ar_open"):
            account_id = st.selectbox(_("Account"), list(enrolled), format_func=enrolled.get, key="ar_account")
            issue = st.text_input(_("Issue that could lead to deactivation"), key="ar_issue")
            field_errors(problems, "issue")
            field_errors(problems, GENERAL)
            opened = st.form_submit_button(_("Open case"))
        if opened:
            run_action(health.open_case, account_id, issue, clock.now(), reviewer.id, errors_key="aha_open",
                       notice=_("Case opened; the account's admins got an email."))

field_errors(errors("aha_resolve"), GENERAL)
for row in all_cases:
    case = row.case
    state = health.case_state(case, now)
    with st.container(border=True, key=f"ar_case_{case.id}"):
        shown_state = _(CASE_STATES[state]) if state in CASE_STATES else state.replace("_", " ")
        st.markdown(f"**{plain(row.account_name)}** · {plain(case.issue)} · {shown_state}"
                    + (f" · {time_left(case.deadline, now)}" if state == "open" else ""))
        if case.plan_submitted_at:
            st.text(_("What happened: {what}\nDone: {done}\nPrevention: {prevention}").format(
                what=case.plan_what_happened, done=case.plan_actions_taken, prevention=case.plan_prevention))
        if case.resolved_at is None and st.button(_("Resolve case"), key=f"ar_resolve_{case.id}"):
            run_action(health.resolve_case, case.id, reviewer.id, clock.now(), errors_key="aha_resolve",
                       notice=_("Case resolved."))
