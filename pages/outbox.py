"""Email outbox (SPEC §9): every email the app sent or will send, with its delivery state."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import local_time
from services import notifications
from shell.context import require_page
from shell.db import session_scope
from shell.mail import deliver_soon

reviewer = st.session_state.get("account_id") is None
st.title("Email outbox")
if reviewer:
    st.caption("Every email of every account, newest first.")
    account_ids = None
else:
    ctx = require_page("settings")
    st.caption("Emails about this account, newest first.")
    account_ids = [ctx.account_id]
smtp = notifications.SmtpSettings.from_env()
if smtp is None:
    st.info("SMTP_HOST is not set, so emails wait here (nothing is lost). Set SMTP_HOST, SMTP_PORT, SMTP_USER, "
            "SMTP_PASSWORD and SMTP_FROM to deliver them.", icon=":material/info:")
elif st.button("Send due emails now", icon=":material/send:"):
    counts = deliver_soon()
    st.toast(f"Sent {counts['sent']}, failed {counts['failed']} (failed ones are retried).")

with session_scope() as session:
    emails = notifications.outbox(session, account_ids=account_ids)
    rows = [{"Created": f"{e.created_at:%d %b %Y} {local_time(e.created_at, st.context.timezone)}", "To": e.to,
             "Subject": e.subject, "Status": e.status, "Attempts": e.attempts, "Last error": e.last_error,
             "Body": e.body} for e in emails]
if not rows:
    st.info("No emails yet.")
    st.stop()
counts = pd.Series([r["Status"] for r in rows]).value_counts()
st.caption(" · ".join(f"{n} {status}" for status, n in counts.items()))
st.dataframe(pd.DataFrame(rows).drop(columns="Body"), hide_index=True, width="stretch")
choice = st.selectbox("Read an email", range(len(rows)), format_func=lambda i: f"{rows[i]['Subject']} → "
                      f"{rows[i]['To']} ({rows[i]['Created']})", index=None, placeholder="Choose an email")
if choice is not None:
    st.text(rows[choice]["Body"])
