"""Audit log: who did what, when, in which account (SPEC §1). Account users with Settings view see
their account's entries; internal reviewers see every account's."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formatting import UNKNOWN, local_time, plain
from services.audit import audit_entries
from services.i18n import _, day
from shell.auth import current_user
from shell.context import require_page, require_reviewer_page
from shell.db import session_scope
from shell.page import DATE_LOCALE, guard, header

guard()
if current_user().kind == "reviewer":
    user, account_ids = require_reviewer_page(), None
    header(_("Audit log"), _("Every account. Newest first."))
    locale = DATE_LOCALE
else:
    ctx = require_page("settings")
    user, account_ids = ctx.user, [ctx.account_id]
    header(_("Audit log"), _("{account}. Newest first.").format(account=plain(ctx.account_name)))
    locale = ctx.marketplace.locale
with session_scope() as session:
    entries = audit_entries(session, account_ids, user_id=user.id)
rows = [{
    _("When"): f"{local_time(e.at, st.context.timezone)} {day(e.at, locale)}",
    _("Who"): _("user {id}").format(id=e.actor_user_id) if e.actor_user_id else _("system"),
    _("Account"): e.account_id,
    _("Action"): e.action,
    _("What"): e.entity,
    _("Before"): "" if e.before is None else str(e.before),
    _("After"): "" if e.after is None else str(e.after),
} for e in entries]
if not rows:
    st.info(_("Nothing has been recorded yet."))
else:
    st.dataframe(pd.DataFrame(rows), hide_index=True, placeholder=UNKNOWN, width="stretch")
