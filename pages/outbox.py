"""Email outbox (SPEC §9): every email the app sent or will send, with its delivery state. Account
admins read their account's emails whole; other readers (users with Settings view, internal
reviewers) see invitation links masked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import UNKNOWN, local_time
from services import notifications
from services.i18n import N_, _, day
from shell.auth import current_user
from shell.context import require_page, require_reviewer_page
from shell.db import session_scope
from shell.mail import deliver_soon
from shell.page import DATE_LOCALE, guard, header

STATUSES = {"queued": N_("queued"), "sent": N_("sent"), "failed": N_("failed")}


def status_label(status: str) -> str:
    return _(STATUSES[status]) if status in STATUSES else status


guard()

if current_user().kind == "reviewer":
    user = require_reviewer_page()
    account_ids, scope = None, _("Every email of every account, newest first. Invitation links are hidden.")
    locale = DATE_LOCALE
else:
    ctx = require_page("settings")
    user, account_ids = ctx.user, [ctx.account_id]
    scope = (_("Emails about this account, newest first.") if ctx.is_admin else
             _("Emails about this account, newest first. Invitation links show only to the account's admins."))
    locale = ctx.marketplace.locale
header(_("Email outbox"), scope)
if notifications.SmtpSettings.from_env() is None:
    st.info(_("SMTP_HOST is not set, so emails wait here (nothing is lost). Set SMTP_HOST, SMTP_PORT, SMTP_USER, "
              "SMTP_PASSWORD and SMTP_FROM to deliver them."), icon=":material/info:")
elif st.button(_("Send due emails now"), icon=":material/send:"):
    counts = deliver_soon()
    st.toast(_("Sent {sent}, failed {failed} (failed ones are retried).").format(sent=counts["sent"],
                                                                                failed=counts["failed"]))

with session_scope() as session:
    emails = notifications.outbox(session, account_ids=account_ids, user_id=user.id)
if not emails:
    st.info(_("No emails yet."))
    st.stop()
created = {e.id: f"{day(e.created_at, locale)} {local_time(e.created_at, st.context.timezone)}" for e in emails}
counts = pd.Series([e.status for e in emails]).value_counts()
st.caption(" · ".join(_("{n} {status}").format(n=n, status=status_label(status)) for status, n in counts.items()))
st.dataframe(pd.DataFrame([{_("Created"): created[e.id], _("To"): e.to, _("Subject"): e.subject,
                            _("Status"): status_label(e.status), _("Attempts"): e.attempts,
                            _("Last error"): e.last_error} for e in emails]),
             hide_index=True, placeholder=UNKNOWN, width="stretch")
by_id = {e.id: e for e in emails}
choice = st.selectbox(_("Read an email"), list(by_id), index=None, placeholder=_("Choose an email"), key="outbox_read",
                      format_func=lambda i: f"{by_id[i].subject} → {by_id[i].to} ({created[i]})")
if choice is not None:
    st.text(by_id[choice].body)  # as written, never as markup
