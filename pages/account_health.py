"""Account Health (SPEC §7): the AHR gauge and history, metrics against targets, policy
violations, Account Health Assurance status with every reason, the emergency phone, AHA cases."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from components.actions import time_left
from components.formatting import plain
from components.forms import field_errors
from components.health import ahr_gauge, ahr_history_figure
from services import config, health
from services.errors import DomainError, ValidationError
from shell import clock
from shell.context import require_page
from shell.db import session_scope

CASE_STATES = {"open": ":orange-badge[Open]", "overdue": ":red-badge[Overdue — past 72 hours]",
               "resolved_in_time": ":green-badge[Resolved — no deactivation]",
               "resolved_late": ":gray-badge[Resolved after 72 hours]"}

ctx = require_page("health")
editable = ctx.can("health", "edit")
now, today = clock.now(), ctx.today
st.title("Account Health")
st.caption(f"{plain(ctx.account_name)} · scores are entered, loaded from a CSV or seeded (Amazon's API gives only a "
           "status, not the 0–1000 score).")
if notice := st.session_state.pop("ah_notice", None):
    st.success(notice, icon=":material/check_circle:")

with session_scope(commit=True) as session:  # aha_status enrols/unenrols and emails
    day, score = health.latest_ahr(session, ctx.account_id)
    start = today - timedelta(days=config.AHR_HISTORY_DAYS)
    history = health.ahr_history(session, ctx.account_id, start, today)
    status = health.aha_status(session, ctx.account_id, today)
    metric_rows = health.metrics(session, ctx.account_id)
    case_list = health.cases(session, ctx.account_id)
    session.expunge_all()
label, _ = health.band(score)

gauge_col, text_col = st.columns([3, 2], vertical_alignment="center")
gauge_col.plotly_chart(ahr_gauge(score, label), key="ahr_gauge", config={"displaylogo": False})
with text_col:
    st.metric("Account Health Rating", f"{score} — {label}", border=True,
              help="Bands: 0–99 Critical, 100–199 At risk, 200–1000 Healthy.")
    st.caption(f"Latest score of {day:%d %b %Y}." if day else "No score yet: new accounts start at 200.")
    st.markdown(f"**{status.days_below_threshold}** of the last {config.AHA_WINDOW_DAYS} days below "
                f"{config.AHA_THRESHOLD} (or without a score).")

st.subheader("AHR history, last 12 months", anchor=False)
days = [start + timedelta(days=i) for i in range(config.AHR_HISTORY_DAYS + 1)]
st.plotly_chart(ahr_history_figure(days, [history.get(d) for d in days]), key="ahr_history",
                config={"displaylogo": False})

if editable:
    with st.expander("Enter or load scores"):
        errors = st.session_state.get("ah_score_errors", {})
        with st.form("ah_score"):
            c1, c2 = st.columns(2)
            score_day = c1.date_input("Day", value=today, max_value=today, key="ah_score_day", format="YYYY-MM-DD")
            new_score = c2.number_input("AHR (0–1000)", min_value=0, max_value=1000, value=score, step=1,
                                        key="ah_score_value")
            upload = st.file_uploader("…or a CSV with the columns day and score", type=["csv"], key="ah_score_csv")
            field_errors(errors, "file")
            field_errors(errors, "score")
            load = st.form_submit_button("Save scores")
        if load:
            try:
                with session_scope(commit=True) as session:
                    if upload is not None:
                        count = health.import_ahr_csv(session, ctx.account_id,
                                                      upload.getvalue().decode("utf-8-sig", "replace"),
                                                      ctx.user.id, clock.now())
                    else:
                        health.record_ahr(session, ctx.account_id, score_day, int(new_score), ctx.user.id)
                        count = 1
            except ValidationError as exc:
                st.session_state["ah_score_errors"] = {exc.field or "score": exc.reasons}
            else:
                st.session_state.pop("ah_score_errors", None)
                st.session_state["ah_notice"] = f"{count} score{'s' if count != 1 else ''} saved."
            st.rerun()

st.subheader("Account Health Assurance", anchor=False)
if not status.offered:
    st.info(status.reasons[0], icon=":material/public:")
elif status.enrolled:
    st.success("Enrolled in Account Health Assurance (free). If an issue could lead to deactivation, a specialist "
               "works with you for 72 hours first.", icon=":material/verified_user:")
else:
    st.warning("Not eligible for Account Health Assurance yet. What stands in the way, and what would fix it:",
               icon=":material/info:")
    for reason in status.reasons:
        st.markdown(f"- {plain(reason)}")
    for fix in status.fixes:
        st.markdown(f"- **Fix:** {plain(fix)}")

phone_col, _ = st.columns([2, 1])
with phone_col:
    errors = st.session_state.get("ah_phone_errors", {})
    with st.form("ah_phone"):
        phone = st.text_input("Emergency phone (for Account Health Assurance specialists)", value=status.phone,
                              disabled=not editable, key="ah_phone_input", placeholder="+1 415 555 0123")
        field_errors(errors, "phone")
        save = st.form_submit_button("Save phone", disabled=not editable)
    if save:
        try:
            with session_scope(commit=True) as session:
                health.set_emergency_phone(session, ctx.account_id, phone, ctx.user.id, clock.now())
        except ValidationError as exc:
            st.session_state["ah_phone_errors"] = {"phone": [exc.message]}
        except DomainError as exc:
            st.session_state["ah_phone_errors"] = {"phone": [exc.message]}
        else:
            st.session_state.pop("ah_phone_errors", None)
            st.session_state["ah_notice"] = "Emergency phone saved."
        st.rerun()

if case_list:
    st.subheader("Account Health Assurance cases", anchor=False)
for case in case_list:
    state = health.case_state(case, now)
    with st.container(border=True, key=f"ah_case_{case.id}"):
        st.markdown(f"**{plain(case.issue)}** · {CASE_STATES[state]}")
        countdown = time_left(case.deadline, now) if state == "open" else ""
        st.caption(f"Opened {case.opened_at:%d %b %Y %H:%M} UTC · deadline {case.deadline:%d %b %Y %H:%M} UTC"
                   + (f" · {countdown}" if countdown else ""))
        if case.callback_requested_at:
            st.markdown(f":blue-badge[Call requested] we call {plain(case.callback_phone)} "
                        f"(asked {case.callback_requested_at:%d %b %H:%M} UTC)")
        if case.plan_submitted_at:
            st.markdown(f":green-badge[Plan {case.plan_status}] submitted {case.plan_submitted_at:%d %b %H:%M} UTC")
        if case.resolved_at is not None or not editable:
            continue
        if not case.callback_requested_at and st.button("Contact me now", key=f"ah_call_{case.id}",
                                                        icon=":material/call:"):
            try:
                with session_scope(commit=True) as session:
                    health.request_callback(session, ctx.account_id, case.id, ctx.user.id, clock.now())
            except DomainError as exc:
                st.error(exc.message)
            else:
                st.session_state["ah_notice"] = "Call requested: a specialist will call your emergency phone."
                st.rerun()
        if not case.plan_submitted_at:
            errors = st.session_state.get(f"ah_plan_errors_{case.id}", {})
            with st.expander("Submit a plan"), st.form(f"ah_plan_{case.id}"):
                what = st.text_area("What happened", key=f"ah_what_{case.id}", max_chars=4000)
                field_errors(errors, "what_happened")
                done = st.text_area("What you have done", key=f"ah_done_{case.id}", max_chars=4000)
                field_errors(errors, "actions_taken")
                prevent = st.text_area("What prevents it from happening again", key=f"ah_prevent_{case.id}",
                                       max_chars=4000)
                field_errors(errors, "prevention")
                send = st.form_submit_button("Submit plan", type="primary")
            if send:
                try:
                    with session_scope(commit=True) as session:
                        health.submit_plan(session, ctx.account_id, case.id, ctx.user.id, what, done, prevent,
                                           clock.now())
                except ValidationError as exc:
                    st.session_state[f"ah_plan_errors_{case.id}"] = exc.by_field
                else:
                    st.session_state.pop(f"ah_plan_errors_{case.id}", None)
                    st.session_state["ah_notice"] = "Plan submitted: the specialist reviews it."
                st.rerun()

st.subheader("Performance metrics", anchor=False)


def shown(value: float | None, ok: bool | None) -> str:
    if value is None:
        return "no data"
    return f"{value:.2f}% " + ("✅ on target" if ok else "❌ off target")


st.dataframe(pd.DataFrame([{
    "Metric": r.label, "All orders": shown(r.value, r.on_target), "Target": r.target,
    "Business orders": shown(r.business_value, r.business_on_target), "Business target": r.business_target,
} for r in metric_rows]), hide_index=True, width="stretch")

st.subheader("Policy violations", anchor=False)
f1, f2 = st.columns(2)
severities = f1.multiselect("Severity", ["critical", "high", "low"], key="ah_sev", placeholder="All severities")
statuses = f2.multiselect("Status", ["open", "responded", "resolved"], key="ah_status", placeholder="All statuses")
with session_scope() as session:
    found = health.violations(session, ctx.account_id, severities, statuses)
    rows = [{"Date": v.occurred_on, "Severity": v.severity.capitalize(), "Violation": v.title,
             "Status": v.status.capitalize(),
             "Respond": f"https://sellercentral.amazon.{ctx.marketplace.domain}/performance/account/health"}
            for v in found]
if rows:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 column_config={"Respond": st.column_config.LinkColumn("Respond", display_text="Respond")})
else:
    st.info("No policy violations match." if severities or statuses else "No policy violations.")
