"""Alert settings (SPEC §8, issue 13): the signed-in person's alert rules, for all their accounts
or one account, with a threshold where the kind takes one and the channel (in the app, an email at
once, or the daily digest). The defaults (AHR band change, AHA case, buyer request about to expire)
are listed too: managers and admins have them until they change or switch them off."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import UNKNOWN, plain
from components.forms import field_errors
from services import alerts, config
from services.i18n import _, tr
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import account_choices, current
from shell.db import session_scope
from shell.page import guard, header

guard()
ctx = current()
user = ctx.user
header(_("Alert settings"), _("Choose what tells you that an account needs you, and how it reaches you."))

CHANNELS = {"in_app": _("In the app"), "email": _("Email at once"), "digest": _("Daily digest email")}
ALL = "all"
names = {str(c.account_id): c.name for c in account_choices(user)}


def affected(account_id: int | None) -> list[int]:
    """The accounts a rule change can fire or clear alerts in (evaluated with the change)."""
    return [int(a) for a in names] if account_id is None else [account_id]


def kind_label(kind: str) -> str:
    return tr(alerts.KIND_LABELS[kind])


def scope_label(account_id: int | None) -> str:
    return _("All my accounts") if account_id is None else names.get(str(account_id), "?")


def threshold_label(kind: str, value: float | None) -> str:
    if kind not in config.ALERT_THRESHOLDS or value is None:
        return ""
    unit = config.ALERT_THRESHOLDS[kind][3]
    return _("{value:g} {unit}").format(value=value, unit=unit)


# --- Add or change a rule -------------------------------------------------------------------------------
st.subheader(_("Add or change a rule"), anchor=False)
problems = errors("alert_rule")
for message in problems.get(GENERAL, []):
    st.error(message)
c1, c2 = st.columns(2)
kind = c1.selectbox(_("When"), list(config.ALERT_KINDS), format_func=kind_label, key="rule_kind")
field_errors(problems, "kind")
scope = c2.selectbox(_("For"), [ALL, *names], format_func=lambda k: _("All my accounts") if k == ALL else names[k],
                     key="rule_scope")
c3, c4 = st.columns(2)
threshold = None
if kind in config.ALERT_THRESHOLDS:
    default, low, high, unit = config.ALERT_THRESHOLDS[kind]
    threshold = c3.number_input(_("Threshold ({unit})").format(unit=unit), min_value=float(low),
                                max_value=float(high), value=float(default), step=1.0, format="%g",
                                key=f"rule_threshold_{kind}")
    field_errors(problems, "threshold")
else:
    c3.caption(_("This kind takes no threshold."))
channel = c4.radio(_("Deliver"), list(CHANNELS), format_func=CHANNELS.get, key="rule_channel", horizontal=True)
field_errors(problems, "channel")
if st.button(_("Save rule"), type="primary", icon=":material/save:", key="rule_save"):
    run_action(alerts.set_rule, user.id, kind, account_id=None if scope == ALL else int(scope), threshold=threshold,
               channel=channel, now=clock.now(), errors_key="alert_rule",
               evaluate_accounts=affected(None if scope == ALL else int(scope)),
               notice=_("Rule saved: {kind} for {scope}.").format(
                   kind=kind_label(kind), scope=scope_label(None if scope == ALL else int(scope))))

# --- Your rules --------------------------------------------------------------------------------------------
st.subheader(_("Your rules"), anchor=False)
with session_scope() as session:
    rules = alerts.rules(session, user.id)
if not rules:
    st.info(_("You have no alert rules yet. Add one above."), icon=":material/notifications_off:")
    st.stop()
st.dataframe(pd.DataFrame([{
    _("When"): kind_label(r.kind), _("For"): scope_label(r.account_id),
    _("Threshold"): threshold_label(r.kind, r.threshold),
    _("Deliver"): CHANNELS[r.channel], _("On"): r.enabled, _("Default"): r.is_default} for r in rules]),
    hide_index=True, placeholder=UNKNOWN, width="stretch", key="rule_table")

for r in rules:
    label = _("{kind} · {scope}").format(kind=kind_label(r.kind), scope=scope_label(r.account_id))
    key = f"{r.kind}_{r.account_id or ALL}"
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.markdown(plain(label if r.enabled else _("{rule} (off)").format(rule=label)))  # names as typed
    if r.enabled:
        if right.button(_("Switch off") if r.account_id is None and r.kind in config.ALERT_DEFAULT_KINDS
                        else _("Remove"), key=f"rule_off_{key}", width="stretch"):
            run_action(alerts.remove_rule, user.id, r.kind, account_id=r.account_id, now=clock.now(),
                       errors_key="alert_rule", evaluate_accounts=affected(r.account_id),
                       notice=_("Rule removed: {rule}.").format(rule=label))
    elif right.button(_("Switch on"), key=f"rule_on_{key}", width="stretch"):
        run_action(alerts.set_rule, user.id, r.kind, account_id=r.account_id, threshold=r.threshold,
                   channel=r.channel, now=clock.now(), errors_key="alert_rule",
                   evaluate_accounts=affected(r.account_id), notice=_("Rule switched on: {rule}.").format(rule=label))
