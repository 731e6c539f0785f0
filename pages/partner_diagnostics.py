"""Diagnostics (SPEC §6): for a refused, rejected or suspended authorization, every eligibility
rule with pass or fail and what to do about each failure."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from services import partners
from services.errors import DomainError
from shell.context import require_page
from shell.db import session_scope

ctx = require_page("partners")
st.title("Authorization diagnostics")
requested = st.query_params.get("authorization")
with session_scope() as session:
    own = [a for b in partners.brands_of(session, ctx.account_id) for a in partners.authorizations(session, b.id)]
    names = partners.account_names(session)
    session.expunge_all()
if not own:
    st.info("No authorizations yet.")
    st.stop()
labels = {a.id: f"#{a.id} {names.get(a.partner_account_id, '?')} · {a.status}" for a in own}
ids = list(labels)
try:
    index = ids.index(int(requested)) if requested else 0
except ValueError:
    st.error("That authorization is not one of this account's brands. Pick one below.")
    index = 0
chosen = st.selectbox("Authorization", ids, index=index, format_func=labels.get, key="pd_pick")
try:
    with session_scope() as session:
        auth, brand, partner, checks = partners.diagnose_authorization(session, chosen, ctx.account_id)
        session.expunge_all()
except DomainError as exc:
    st.error(exc.message)
    st.stop()
st.markdown(f"**{plain(brand.name)}** ({brand.status}) → **{plain(partner.name)}** · {auth.status} · "
            f"{', '.join(auth.asins)} in {', '.join(auth.marketplaces)}")
if auth.note:
    st.caption(f"Reviewer's note: {plain(auth.note)}")
failed = [c for c in checks if not c.passed]
(st.warning if failed else st.success)(f"{len(checks) - len(failed)} of {len(checks)} rules pass today.")
for c in checks:
    icon = "✅" if c.passed else "❌"
    st.markdown(f"{icon} **{plain(c.rule)}** — {'passes' if c.passed else 'fails'}: {plain(c.detail)}"
                + ("" if c.passed else f"  \n   *What to do:* {plain(c.fix)}"))
