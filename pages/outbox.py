"""Email outbox (SPEC §9): every email the app sent or will send, with its delivery state. Account
admins read their account's emails whole; other readers (users with Settings view, internal
reviewers) see invitation links masked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import local_time
from services import notifications
from shell.auth import current_user
from shell.context import require_page, require_reviewer_page
from shell.db import session_scope
from shell.mail import deliver_soon
from shell.page import guard, header

guard()

if current_user().kind == "reviewer":
    user = require_reviewer_page()
    account_ids, scope = None, "Every email of every account, newest first. Invitation links are hidden."
else:
    ctx = require_page("settings")
    user, account_ids = ctx.user, [ctx.account_id]
    scope = "Emails about this account, newest first." + ("" if ctx.is_admin else
                                                          " Invitation links show only to the account's admins.")
header("Email outbox", scope)
if notifications.SmtpSettings.from_env() is None:
    st.info("SMTP_HOST is not set, so emails wait here (nothing is lost). Set SMTP_HOST, SMTP_PORT, SMTP_USER, "
            "SMTP_PASSWORD and SMTP_FROM to deliver them.", icon=":material/info:")
elif st.button("Send due emails now", icon=":material/send:"):
    counts = deliver_soon()
    st.toast(f"Sent {counts['sent']}, failed {counts['failed']} (failed ones are retried).")

with session_scope() as session:
    emails = notifications.outbox(session, account_ids=account_ids, user_id=user.id)
if not emails:
    st.info("No emails yet.")
    st.stop()
created = {e.id: f"{e.created_at:%d %b %Y} {local_time(e.created_at, st.context.timezone)}" for e in emails}
counts = pd.Series([e.status for e in emails]).value_counts()
st.caption(" · ".join(f"{n} {status}" for status, n in counts.items()))
st.dataframe(pd.DataFrame([{"Created": created[e.id], "To": e.to, "Subject": e.subject, "Status": e.status,
                            "Attempts": e.attempts, "Last error": e.last_error} for e in emails]),
             hide_index=True, width="stretch")
by_id = {e.id: e for e in emails}
choice = st.selectbox("Read an email", list(by_id), index=None, placeholder="Choose an email", key="outbox_read",
                      format_func=lambda i: f"{by_id[i].subject} → {by_id[i].to} ({created[i]})")
if choice is not None:
    st.text(by_id[choice].body)  # as written, never as markup
