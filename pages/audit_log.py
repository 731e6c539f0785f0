"""Audit log: who did what, when, in which account (SPEC §1). Account users with Settings view see
their account's entries; internal reviewers see every account's."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import local_time, plain
from services.audit import audit_entries
from shell.auth import current_user
from shell.context import require_page, require_reviewer_page
from shell.db import session_scope
from shell.page import guard, header

guard()
if current_user().kind == "reviewer":
    user, account_ids = require_reviewer_page(), None
    header("Audit log", "Every account. Newest first.")
else:
    ctx = require_page("settings")
    user, account_ids = ctx.user, [ctx.account_id]
    header("Audit log", f"{plain(ctx.account_name)}. Newest first.")
with session_scope() as session:
    entries = audit_entries(session, account_ids, user_id=user.id)
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
