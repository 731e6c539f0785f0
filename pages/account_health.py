"""Account Health (SPEC §7): the AHR gauge and history, metrics against targets, policy
violations, Account Health Assurance status with every reason, the emergency phone, AHA cases."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from components.actions import time_left
from components.formatting import plain
from components.forms import field_errors
from components.health import ahr_gauge, ahr_history_figure, band_text
from services import config, health, seller_performance
from services.i18n import _
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import link_params, require_page
from shell.db import session_scope
from shell.page import guard, header

HOURS = config.AHA_CASE_HOURS
CASE_STATES = {"open": ":orange-badge[Open]", "overdue": f":red-badge[Overdue — past {HOURS} hours]",
               "resolved_in_time": ":green-badge[Resolved — no deactivation]",
               "resolved_late": f":gray-badge[Resolved after {HOURS} hours]"}

guard()
ctx = require_page("health")
me, editable, today = ctx.user.id, ctx.can("health", "edit"), ctx.today
header("Account Health", f"{plain(ctx.account_name)} · scores are entered, loaded from a CSV or seeded (Amazon's "
                         "API gives only a status, not the 0–1000 score).")
history_start = today - timedelta(days=config.AHR_HISTORY_DAYS)
with session_scope() as session:  # reconciled by the shell before this run: these are plain reads
    day, score = health.latest_ahr(session, ctx.account_id, today, user_id=me)
    history = health.ahr_history(session, ctx.account_id, history_start, today, user_id=me)
    status = health.aha_status(session, ctx.account_id, today, user_id=me)
    metric_rows = health.metrics(session, ctx.account_id, ctx.marketplace.code, user_id=me)
    reported = seller_performance.account_status(session, ctx.account_id, ctx.marketplace.code, user_id=me)
    case_list = health.cases(session, ctx.account_id, user_id=me)
label, _colour = health.band(score)

gauge_col, text_col = st.columns([3, 2], vertical_alignment="center")
gauge_col.plotly_chart(ahr_gauge(score, label), key="ahr_gauge", config={"displaylogo": False})
with text_col:
    st.metric("Account Health Rating", f"{score} — {label}", border=True, help=f"Bands: {band_text()}.")
    st.caption(f"Latest score of {day:%d %b %Y}." if day else
               f"No score yet: new accounts start at {config.AHR_START_SCORE}.")
    st.markdown(f"**{status.days_below_threshold}** of the last {config.AHA_WINDOW_DAYS} days below "
                f"{config.AHA_THRESHOLD} (or without a score).")

st.subheader("AHR history, last 12 months", anchor=False)
days = [history_start + timedelta(days=i) for i in range(config.AHR_HISTORY_DAYS + 1)]
st.plotly_chart(ahr_history_figure(days, [history.get(d) for d in days]), key="ahr_history",
                config={"displaylogo": False})

if editable:
    with st.expander("Enter or load scores"):
        problems = errors("scores")
        with st.form("ah_score"):
            day_col, score_col = st.columns(2)
            with day_col:
                score_day = st.date_input("Day", value=today, max_value=today, key="ah_score_day",
                                          format="YYYY-MM-DD")
                field_errors(problems, "day")
            with score_col:
                new_score = st.number_input(f"AHR ({config.AHR_MIN}–{config.AHR_MAX})", min_value=config.AHR_MIN,
                                            max_value=config.AHR_MAX, value=score, step=1, key="ah_score_value")
                field_errors(problems, "score")
            upload = st.file_uploader("…or a CSV with the columns day and score", type=["csv"], key="ah_score_csv")
            field_errors(problems, "file")
            field_errors(problems, GENERAL)
            load = st.form_submit_button("Save scores")
        if load and upload is not None:
            run_action(health.import_ahr_csv, ctx.account_id, upload.getvalue().decode("utf-8-sig", "replace"), me,
                       clock.now(), errors_key="scores", notice=lambda n: f"{n} scores saved.")
        elif load:
            run_action(health.record_ahr, ctx.account_id, score_day, int(new_score), me, today=today,
                       errors_key="scores", notice="1 score saved.")

st.subheader("Account Health Assurance", anchor=False)
if not status.offered:
    st.info(status.reasons[0], icon=":material/public:")
elif status.enrolled:
    st.success(f"Enrolled in Account Health Assurance (free). If an issue could lead to deactivation, a specialist "
               f"works with you for {HOURS} hours first.", icon=":material/verified_user:")
else:
    st.warning("Not eligible for Account Health Assurance yet. What stands in the way, and what would fix it:",
               icon=":material/info:")
    for reason in status.reasons:
        st.markdown(f"- {plain(reason)}")
    for fix in status.fixes:
        st.markdown(f"- **Fix:** {plain(fix)}")

phone_col, _spare = st.columns([2, 1])
with phone_col:
    problems = errors("phone")
    with st.form("ah_phone"):
        phone = st.text_input("Emergency phone (for Account Health Assurance specialists)", value=status.phone,
                              disabled=not editable, key="ah_phone_input", placeholder="+1 415 555 0123")
        field_errors(problems, "phone")
        field_errors(problems, GENERAL)
        save = st.form_submit_button("Save phone", disabled=not editable)
    if save:
        run_action(health.set_emergency_phone, ctx.account_id, phone, me, clock.now(), errors_key="phone",
                   notice="Emergency phone saved.")

now = clock.now()
if case_list:
    st.subheader("Account Health Assurance cases", anchor=False)
for case in case_list:
    state = health.case_state(case, now)
    key = f"case_{case.id}"
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
        problems = errors(key)
        field_errors(problems, GENERAL)
        field_errors(problems, "phone")
        if not case.callback_requested_at and st.button("Contact me now", key=f"ah_call_{case.id}",
                                                        icon=":material/call:"):
            run_action(health.request_callback, ctx.account_id, case.id, me, clock.now(), errors_key=key,
                       notice="Call requested: a specialist will call your emergency phone.")
        if not case.plan_submitted_at:
            with st.expander("Submit a plan", expanded=bool(problems)), st.form(f"ah_plan_{case.id}"):
                what = st.text_area("What happened", key=f"ah_what_{case.id}", max_chars=4000)
                field_errors(problems, "what_happened")
                done = st.text_area("What you have done", key=f"ah_done_{case.id}", max_chars=4000)
                field_errors(problems, "actions_taken")
                prevent = st.text_area("What prevents it from happening again", key=f"ah_prevent_{case.id}",
                                       max_chars=4000)
                field_errors(problems, "prevention")
                send = st.form_submit_button("Submit plan", type="primary")
            if send:
                run_action(health.submit_plan, ctx.account_id, case.id, me, what, done, prevent, clock.now(),
                           errors_key=key, notice="Plan submitted: the specialist reviews it.")

st.subheader("Performance metrics", anchor=False)
ACCOUNT_STATUSES = {"NORMAL": ":green-badge[Normal]", "AT_RISK": ":orange-badge[At risk]",
                    "DEACTIVATED": ":red-badge[Deactivated]", "SUSPENDED": ":red-badge[Suspended]"}
AHR_STATUSES = {"GREAT": ":green-badge[Great]", "WARNED": ":orange-badge[Warned]"}
if reported is not None:
    with st.container(border=True, key="ah_reported"):
        st.markdown(_("**Account status in {marketplace}:** {status} · **AHR status:** {ahr}").format(
            marketplace=reported.marketplace,
            status=ACCOUNT_STATUSES.get(reported.status, plain(reported.status or "—")),
            ahr=AHR_STATUSES.get(reported.ahr_status, plain(reported.ahr_status or "—"))))
        as_of = f"{reported.as_of:%d %b %Y}" if reported.as_of else "—"
        st.caption(_("From Amazon's seller performance report (import #{id}), as of {day}. The metrics below are "
                     "the report's; the order defect rate is the seller-fulfilled figure, with the FBA figure "
                     "beside it.").format(id=reported.import_id, day=as_of))
        if defects := {name: n for name, n in reported.defects.items() if n}:
            st.markdown(_("Policy defects: {list}").format(
                list=", ".join(f"{plain(name.replace('_', ' '))} {n}" for name, n in sorted(defects.items()))))
if editable:
    st.page_link("pages/import_reports.py", label=_("Import a seller performance report or AHR scores"),
                 icon=":material/upload_file:", query_params=link_params(ctx))


def shown(value: float | None, ok: bool | None) -> str:
    if value is None:
        return "no data"
    return f"{value:.2f}% " + ("✅ on target" if ok else "❌ off target")


from_report = any(r.source == "report" for r in metric_rows)
st.dataframe(pd.DataFrame([{
    "Metric": r.label, "All orders": shown(r.value, r.on_target), "Target": r.target,
    "Business orders": shown(r.business_value, r.business_on_target), "Business target": r.business_target,
    **({_("Amazon's status"): r.status or "—", _("As of"): f"{r.as_of:%d %b %Y}" if r.as_of else "—"}
       if from_report else {}),
} for r in metric_rows]), hide_index=True, width="stretch")


@st.fragment
def violations_panel() -> None:
    """Policy violations with their filters: changing a filter reruns this panel only."""
    st.subheader("Policy violations", anchor=False)
    severity_col, status_col = st.columns(2)
    severities = severity_col.multiselect("Severity", ["critical", "high", "low"], key="ah_sev",
                                          placeholder="All severities")
    statuses = status_col.multiselect("Status", ["open", "responded", "resolved"], key="ah_status",
                                      placeholder="All statuses")
    with session_scope() as session:
        found = health.violations(session, ctx.account_id, severities, statuses, user_id=me)
    respond = f"https://sellercentral.amazon.{ctx.marketplace.domain}/performance/account/health"
    rows = [{"Date": v.occurred_on, "Severity": v.severity.capitalize(), "Violation": v.title,
             "Status": v.status.capitalize(), "Respond": respond} for v in found]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                     column_config={"Respond": st.column_config.LinkColumn("Respond", display_text="Respond")})
    else:
        st.info("No policy violations match." if severities or statuses else "No policy violations.")


violations_panel()
