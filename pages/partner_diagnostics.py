"""Diagnostics (SPEC §6): for a refused, rejected or suspended authorization, every eligibility
rule with pass or fail and what to do about each failure. Another seller's score or records are
never shown: its rules say only whether they are met."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from services import partners
from services.errors import DomainError
from services.i18n import _, ngettext, tr
from shell.context import require_page
from shell.db import session_scope
from shell.page import guard, header

guard()
ctx = require_page("partners")
me = ctx.user.id
header(_("Authorization diagnostics"))
requested = st.query_params.get("authorization")
with session_scope() as session:
    own = [a for b in partners.brands_of(session, ctx.account_id, user_id=me)
           for a in partners.authorizations(session, ctx.account_id, b.id, user_id=me)]
    names = partners.partner_names(session, ctx.account_id, user_id=me)
if not own:
    st.info(_("No authorizations yet."))
    st.stop()
labels = {a.id: f"#{a.id} {names.get(a.partner_account_id, '?')} · {_(a.status)}" for a in own}
ids = list(labels)
try:
    index = ids.index(int(requested)) if requested else 0
except ValueError:
    st.error(_("That authorization is not one of this account's brands. Pick one below."))
    index = 0
chosen = st.selectbox(_("Authorization"), ids, index=index, format_func=labels.get, key="pd_pick")
try:
    with session_scope() as session:
        auth, brand, partner, checks = partners.diagnose_authorization(session, ctx.account_id, chosen, ctx.today,
                                                                       user_id=me)
except DomainError as exc:
    st.error(tr(exc.message))
    st.stop()
st.markdown(_("**{brand}** ({brand_status}) → **{partner}** · {status} · {asins} in {marketplaces}").format(
    brand=plain(brand.name), brand_status=_(brand.status), partner=plain(partner.name), status=_(auth.status),
    asins=", ".join(auth.asins), marketplaces=", ".join(auth.marketplaces)))
if auth.note:
    st.caption(_("Reviewer's note: {note}").format(note=plain(auth.note)))
failed = [c for c in checks if not c.passed]
summary = ngettext("{passed} of {n} rule passes today.", "{passed} of {n} rules pass today.", len(checks)).format(
    passed=len(checks) - len(failed), n=len(checks))
(st.warning if failed else st.success)(summary)
for check in checks:
    rule, detail = plain(tr(check.rule)), plain(tr(check.detail))
    if check.passed:
        st.markdown(_("✅ **{rule}** — passes: {detail}").format(rule=rule, detail=detail))
    else:
        st.markdown(_("❌ **{rule}** — fails: {detail}  \n   *What to do:* {fix}").format(
            rule=rule, detail=detail, fix=plain(tr(check.fix))))
