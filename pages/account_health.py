"""Account Health (SPEC §7): the AHR gauge and history, metrics against targets, policy
violations, Account Health Assurance status with every reason, the emergency phone, AHA cases."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from components.actions import time_left
from components.formatting import UNKNOWN, plain
from components.forms import field_errors
from components.health import ahr_gauge, ahr_history_figure, band_text
from services import config, health, i18n, seller_performance
from services.i18n import N_, _, ngettext, tr, tr_stored
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import link_params, require_page
from shell.db import session_scope
from shell.page import guard, header

HOURS = config.AHA_CASE_HOURS
CASE_STATES = {"open": ("orange", N_("Open")), "overdue": ("red", N_("Overdue — past {hours} hours")),
               "resolved_in_time": ("green", N_("Resolved — no deactivation")),
               "resolved_late": ("gray", N_("Resolved after {hours} hours"))}
ACCOUNT_STATUSES = {"NORMAL": ("green", N_("Normal")), "AT_RISK": ("orange", N_("At risk")),
                    "DEACTIVATED": ("red", N_("Deactivated")), "SUSPENDED": ("red", N_("Suspended"))}
AHR_STATUSES = {"GREAT": ("green", N_("Great")), "WARNED": ("orange", N_("Warned"))}
PLAN_STATUSES = {"submitted": N_("Plan submitted"), "accepted": N_("Plan accepted")}
SEVERITIES = {"critical": N_("Critical"), "high": N_("High"), "low": N_("Low")}
VIOLATION_STATUSES = {"open": N_("Open"), "responded": N_("Responded"), "resolved": N_("Resolved")}


def badge(colour: str, label: str) -> str:
    """A coloured badge with a translated word (the label may name {hours})."""
    return f":{colour}-badge[{_(label).format(hours=HOURS)}]"


def case_badge(state: str) -> str:
    return badge(*CASE_STATES[state])


def status_badge(statuses: dict, value: str | None) -> str:
    return badge(*statuses[value]) if value in statuses else plain(value or "—")


def when(instant, skeleton: str = "yMMMd") -> str:
    """A date and time for the reader: the date their way, the time as HH:MM (UTC)."""
    return f"{i18n.day(instant.date(), locale, skeleton)} {instant:%H:%M}"


guard()
ctx = require_page("health")
me, editable, today = ctx.user.id, ctx.can("health", "edit"), ctx.today
locale = ctx.marketplace.locale
header(_("Account Health"), _("{account} · scores are entered, loaded from a CSV or seeded (Amazon's API gives only a "
                              "status, not the 0–1000 score).").format(account=plain(ctx.account_name)))
history_start = today - timedelta(days=config.AHR_HISTORY_DAYS)
with session_scope() as session:  # reconciled by the shell before this run: these are plain reads
    day, score = health.latest_ahr(session, ctx.account_id, today, user_id=me)
    history = health.ahr_history(session, ctx.account_id, history_start, today, user_id=me)
    status = health.aha_status(session, ctx.account_id, today, user_id=me)
    metric_rows = health.metrics(session, ctx.account_id, ctx.marketplace.code, user_id=me)
    reported = seller_performance.account_status(session, ctx.account_id, ctx.marketplace.code, user_id=me)
    case_list = health.cases(session, ctx.account_id, user_id=me)
band_label, _colour = health.band(score)
label = _(band_label)

gauge_col, text_col = st.columns([3, 2], vertical_alignment="center")
gauge_col.plotly_chart(ahr_gauge(score, label), key="ahr_gauge", config={"displaylogo": False})
with text_col:
    st.metric(_("Account Health Rating"), _("{score} — {band}").format(score=score, band=label), border=True,
              help=_("Bands: {bands}.").format(bands=band_text()))
    st.caption(_("Latest score of {day}.").format(day=i18n.day(day, locale)) if day else
               _("No score yet: new accounts start at {score}.").format(score=config.AHR_START_SCORE))
    st.markdown(ngettext("**{n}** of the last {days} day below {threshold} (or without a score).",
                         "**{n}** of the last {days} days below {threshold} (or without a score).",
                         config.AHA_WINDOW_DAYS).format(n=status.days_below_threshold, days=config.AHA_WINDOW_DAYS,
                                                        threshold=config.AHA_THRESHOLD))

st.subheader(_("AHR history, last 12 months"), anchor=False)
days = [history_start + timedelta(days=i) for i in range(config.AHR_HISTORY_DAYS + 1)]
st.plotly_chart(ahr_history_figure(days, [history.get(d) for d in days]), key="ahr_history",
                config={"displaylogo": False})


def saved_scores(n: int) -> str:
    return ngettext("{n} score saved.", "{n} scores saved.", n).format(n=n)


if editable:
    with st.expander(_("Enter or load scores")):
        problems = errors("scores")
        with st.form("ah_score"):
            day_col, score_col = st.columns(2)
            with day_col:
                score_day = st.date_input(_("Day"), value=today, max_value=today, key="ah_score_day",
                                          format="YYYY-MM-DD")
                field_errors(problems, "day")
            with score_col:
                new_score = st.number_input(_("AHR ({min}–{max})").format(min=config.AHR_MIN, max=config.AHR_MAX),
                                            min_value=config.AHR_MIN,
                                            max_value=config.AHR_MAX, value=score, step=1, key="ah_score_value")
                field_errors(problems, "score")
            upload = st.file_uploader(_("…or a CSV with the columns day and score"), type=["csv"], key="ah_score_csv")
            field_errors(problems, "file")
            field_errors(problems, GENERAL)
            load = st.form_submit_button(_("Save scores"))
        if load and upload is not None:
            run_action(health.import_ahr_csv, ctx.account_id, upload.getvalue().decode("utf-8-sig", "replace"), me,
                       clock.now(), errors_key="scores", notice=saved_scores)
        elif load:
            run_action(health.record_ahr, ctx.account_id, score_day, int(new_score), me, today=today,
                       errors_key="scores", notice=_("1 score saved."))

st.subheader(_("Account Health Assurance"), anchor=False)
if not status.offered:
    st.info(tr(status.reasons[0]), icon=":material/public:")
elif status.enrolled:
    st.success(_("Enrolled in Account Health Assurance (free). If an issue could lead to deactivation, a specialist "
                 "works with you for {hours} hours first.").format(hours=HOURS), icon=":material/verified_user:")
else:
    st.warning(_("Not eligible for Account Health Assurance yet. What stands in the way, and what would fix it:"),
               icon=":material/info:")
    for reason in status.reasons:
        st.markdown(f"- {plain(str(tr(reason)))}")
    for fix in status.fixes:
        st.markdown(_("- **Fix:** {fix}").format(fix=plain(str(tr(fix)))))

phone_col, _spare = st.columns([2, 1])
with phone_col:
    problems = errors("phone")
    with st.form("ah_phone"):
        phone = st.text_input(_("Emergency phone (for Account Health Assurance specialists)"), value=status.phone,
                              disabled=not editable, key="ah_phone_input", placeholder="+1 415 555 0123")
        field_errors(problems, "phone")
        field_errors(problems, GENERAL)
        save = st.form_submit_button(_("Save phone"), disabled=not editable)
    if save:
        run_action(health.set_emergency_phone, ctx.account_id, phone, me, clock.now(), errors_key="phone",
                   notice=_("Emergency phone saved."))

now = clock.now()
if case_list:
    st.subheader(_("Account Health Assurance cases"), anchor=False)
for case in case_list:
    state = health.case_state(case, now)
    key = f"case_{case.id}"
    with st.container(border=True, key=f"ah_case_{case.id}"):
        st.markdown(f"**{plain(str(tr_stored(case.issue)))}** · {case_badge(state)}")
        countdown = time_left(case.deadline, now) if state == "open" else ""
        opened = _("Opened {opened} UTC · deadline {deadline} UTC").format(opened=when(case.opened_at),
                                                                           deadline=when(case.deadline))
        st.caption(_("{opened} · {countdown}").format(opened=opened, countdown=countdown) if countdown else opened)
        if case.callback_requested_at:
            st.markdown(_("{badge} we call {phone} (asked {when} UTC)").format(
                badge=badge("blue", N_("Call requested")), phone=plain(case.callback_phone),
                when=when(case.callback_requested_at, "MMMd")))
        if case.plan_submitted_at:
            plan = PLAN_STATUSES.get(case.plan_status)
            st.markdown(_("{badge} submitted {when} UTC").format(
                badge=badge("green", plan) if plan else f":green-badge[{plain(case.plan_status)}]",
                when=when(case.plan_submitted_at, "MMMd")))
        if case.resolved_at is not None or not editable:
            continue
        problems = errors(key)
        field_errors(problems, GENERAL)
        field_errors(problems, "phone")
        if not case.callback_requested_at and st.button(_("Contact me now"), key=f"ah_call_{case.id}",
                                                        icon=":material/call:"):
            run_action(health.request_callback, ctx.account_id, case.id, me, clock.now(), errors_key=key,
                       notice=_("Call requested: a specialist will call your emergency phone."))
        if not case.plan_submitted_at:
            with st.expander(_("Submit a plan"), expanded=bool(problems)), st.form(f"ah_plan_{case.id}"):
                what = st.text_area(_("What happened"), key=f"ah_what_{case.id}", max_chars=4000)
                field_errors(problems, "what_happened")
                done = st.text_area(_("What you have done"), key=f"ah_done_{case.id}", max_chars=4000)
                field_errors(problems, "actions_taken")
                prevent = st.text_area(_("What prevents it from happening again"), key=f"ah_prevent_{case.id}",
                                       max_chars=4000)
                field_errors(problems, "prevention")
                send = st.form_submit_button(_("Submit plan"), type="primary")
            if send:
                run_action(health.submit_plan, ctx.account_id, case.id, me, what, done, prevent, clock.now(),
                           errors_key=key, notice=_("Plan submitted: the specialist reviews it."))

st.subheader(_("Performance metrics"), anchor=False)
if reported is not None:
    with st.container(border=True, key="ah_reported"):
        st.markdown(_("**Account status in {marketplace}:** {status} · **AHR status:** {ahr}").format(
            marketplace=reported.marketplace,
            status=status_badge(ACCOUNT_STATUSES, reported.status),
            ahr=status_badge(AHR_STATUSES, reported.ahr_status)))
        as_of = i18n.day(reported.as_of, locale) if reported.as_of else "—"
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
        return _("no data")
    return (_("{value}% ✅ on target") if ok else _("{value}% ❌ off target")).format(value=f"{value:.2f}")


from_report = any(r.source == "report" for r in metric_rows)
st.dataframe(pd.DataFrame([{
    _("Metric"): tr(r.label), _("All orders"): shown(r.value, r.on_target), _("Target"): tr(r.target),
    _("Business orders"): shown(r.business_value, r.business_on_target), _("Business target"): tr(r.business_target),
    **({_("Amazon's status"): r.status or "—", _("As of"): i18n.day(r.as_of, locale) if r.as_of else "—"}
       if from_report else {}),
} for r in metric_rows]), hide_index=True, placeholder=UNKNOWN, width="stretch")


@st.fragment
def violations_panel() -> None:
    """Policy violations with their filters: changing a filter reruns this panel only."""
    st.subheader(_("Policy violations"), anchor=False)
    severity_col, status_col = st.columns(2)
    severities = severity_col.multiselect(_("Severity"), list(SEVERITIES), key="ah_sev",
                                          format_func=lambda v: _(SEVERITIES[v]), placeholder=_("All severities"))
    statuses = status_col.multiselect(_("Status"), list(VIOLATION_STATUSES), key="ah_status",
                                      format_func=lambda v: _(VIOLATION_STATUSES[v]), placeholder=_("All statuses"))
    with session_scope() as session:
        found = health.violations(session, ctx.account_id, severities, statuses, user_id=me)
    respond = f"https://sellercentral.amazon.{ctx.marketplace.domain}/performance/account/health"
    respond_label = _("Respond")
    rows = [{_("Date"): v.occurred_on,
             _("Severity"): _(SEVERITIES[v.severity]) if v.severity in SEVERITIES else v.severity.capitalize(),
             _("Violation"): tr_stored(v.title),
             _("Status"): _(VIOLATION_STATUSES[v.status]) if v.status in VIOLATION_STATUSES else v.status.capitalize(),
             respond_label: respond} for v in found]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, placeholder=UNKNOWN, width="stretch",
                     column_config={respond_label: st.column_config.LinkColumn(respond_label,
                                                                               display_text=respond_label)})
    else:
        st.info(_("No policy violations match.") if severities or statuses else _("No policy violations."))


violations_panel()
