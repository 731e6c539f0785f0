"""Audit log: who did what, when, in which account (SPEC §1)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import local_time, plain
from services.audit import audit_entries
from shell.context import require_page
from shell.db import session_scope

reviewer = st.session_state.get("account_id") is None
st.title("Audit log")
with session_scope() as session:
    if reviewer:
        st.caption("Every account. Newest first.")
        entries = audit_entries(session)
    else:
        ctx = require_page("settings")
        st.caption(f"{plain(ctx.account_name)}. Newest first.")
        entries = audit_entries(session, [ctx.account_id])
    rows = [{
        "When": local_time(e.at, st.context.timezone) + f" {e.at:%d %b %Y}",
        "Who": f"user {e.actor_user_id}" if e.actor_user_id else "system",
        "Account": e.account_id,
        "Action": e.action,
        "What": e.entity,
        "Before": "" if e.before is None else str(e.before),
        "After": "" if e.after is None else str(e.after),
    } for e in entries]
if not rows:
    st.info("Nothing has been recorded yet.")
else:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
