"""Alerts inbox (SPEC §8, issue 13): the signed-in person's alerts, newest first, for the accounts
they can see now. Mark read, open the page that fixes it, snooze for a day or a week."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import streamlit as st

from components.formatting import local_time, plain
from services import alerts, i18n
from services.i18n import _, pgettext, tr, tr_stored
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import account_choices, current
from shell.db import session_scope
from shell.nav import PAGES
from shell.page import DATE_LOCALE, guard, header

guard()
ctx = current()
user = ctx.user
header(_("Alerts"), _("What your alert rules found in your accounts. An alert stays open until its condition "
                      "clears; change what you get on Alert settings."))

names = {c.account_id: c.name for c in account_choices(user)}
c1, c2, c3 = st.columns([3, 1.5, 1.5], vertical_alignment="bottom")
account_filter = c1.selectbox(_("Account"), [str(a) for a in names], index=None, key="al_account",
                              bind="query-params", format_func=lambda a: names[int(a)],
                              placeholder=_("All accounts"))
unread_only = c2.checkbox(_("Unread only"), key="al_unread", bind="query-params")
for message in errors("alerts").get(GENERAL, []):
    st.error(message)

now = clock.now()
with session_scope() as session:
    found = alerts.inbox(session, user.id, unread_only=unread_only, now=now,
                         account_id=int(account_filter) if account_filter else None)
    unread = alerts.unread_count(session, user.id, now)

if unread and c3.button(_("Mark all read"), icon=":material/done_all:", width="stretch"):
    run_action(alerts.mark_all_read, user.id, now, errors_key="alerts", evaluate_accounts=[],
               notice=lambda n: _("{n} alerts marked read.").format(n=n))

if not found:
    st.info(_("No unread alerts.") if unread_only else _("No alerts. When a rule's condition holds in one of "
                                                          "your accounts, it shows here."),
            icon=":material/notifications_off:")
    st.stop()

st.caption(_("{shown} alerts shown, {unread} unread.").format(shown=len(found), unread=unread))


def _target(link: str) -> tuple[str, dict[str, str]] | None:
    """The page file and query of an alert's link ("quote?account=3&request=7"), when it is a page."""
    parts = urlsplit(link)
    spec = PAGES.get(parts.path.strip("/"))
    return None if spec is None else (spec.file, dict(parse_qsl(parts.query)))


def _open(alert_id: int, target: tuple[str, dict[str, str]]) -> None:
    run_action(alerts.mark_read, user.id, [alert_id], clock.now(), errors_key="alerts", evaluate_accounts=[],
               rerun=False)
    st.switch_page(target[0], query_params=target[1])


tz = st.context.timezone
for alert in found[:100]:
    with st.container(border=True, key=f"alert_{alert.id}"):
        state = _("open") if alert.cleared_at is None else \
            _("cleared {day}").format(day=i18n.day(alert.cleared_at.date(), DATE_LOCALE))
        fired = _("{day} {time}").format(day=i18n.day(alert.fired_at.date(), DATE_LOCALE),
                                         time=local_time(alert.fired_at, tz))
        title = _("**{account}** · {kind}").format(account=plain(names.get(alert.account_id, "")),
                                                    kind=tr(alerts.KIND_LABELS[alert.kind]))
        st.markdown(title + (" :blue-badge[{}]".format(_("Unread")) if alert.read_at is None else ""))
        st.markdown(plain(tr_stored(alert.message)))  # as written: names inside are never markup
        st.caption(_("Fired {fired} · {state}").format(fired=fired, state=state))
        row = st.container(horizontal=True)
        target = _target(alert.link)
        if target is not None and row.button(pgettext("button", "Open"), key=f"al_open_{alert.id}",
                                             icon=":material/open_in_new:",
                                             help=_("Open the page that fixes it (marks the alert read)")):
            _open(alert.id, target)
        if alert.read_at is None and row.button(_("Mark read"), key=f"al_read_{alert.id}", icon=":material/done:"):
            run_action(alerts.mark_read, user.id, [alert.id], clock.now(), errors_key="alerts", evaluate_accounts=[])
        if row.button(_("Snooze 1 day"), key=f"al_day_{alert.id}", icon=":material/snooze:"):
            run_action(alerts.snooze, user.id, alert.id, "day", clock.now(), errors_key="alerts", evaluate_accounts=[],
                       notice=_("Snoozed for a day."))
        if row.button(_("Snooze 1 week"), key=f"al_week_{alert.id}", icon=":material/snooze:"):
            run_action(alerts.snooze, user.id, alert.id, "week", clock.now(), errors_key="alerts", evaluate_accounts=[],
                       notice=_("Snoozed for a week."))
if len(found) > 100:
    st.caption(_("The 100 newest are shown; filter by account to see older ones."))
