"""Business Profile (SPEC §3.4): what business buyers see about the seller."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from components.offers import credential_badges
from services import config, profile
from services.i18n import _
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import require_page
from shell.db import session_scope
from shell.page import guard, header

guard()
ctx = require_page("actions")
me = ctx.user.id
header(_("Business profile"), _("{account} · what registered business buyers see about you. Buyers care most about "
                              "About, Year established, Number of employees and the DUNS number.").format(
    account=plain(ctx.account_name)))
with session_scope() as session:
    prof = profile.get_profile(session, ctx.account_id, user_id=me)
    badges = profile.credential_badges(session, ctx.account_id, ctx.today, user_id=me)
missing = profile.missing_fields(prof)
if missing:
    st.warning(_("Still missing: {fields}.").format(fields=_(", ").join(_(f) for f in missing)),
               icon=":material/info:")
else:
    st.success(_("Your business profile is complete."), icon=":material/check_circle:")
credential_badges(badges)

editable = ctx.can("actions", "edit")
problems = errors("profile")
with st.form("profile_form"):
    about = st.text_area(_("About"), value=prof.about, max_chars=config.PROFILE_ABOUT_MAX, disabled=not editable,
                         key="pf_about", help=_("What you make or sell, who you serve, what sets you apart."))
    field_errors(problems, "about")
    year_col, employees_col, duns_col = st.columns(3)
    with year_col:
        year = st.text_input(_("Year established"), value="" if prof.year_established is None else
                             str(prof.year_established), disabled=not editable, key="pf_year",
                             placeholder=f"{config.PROFILE_FIRST_YEAR}–{ctx.today.year}")
        field_errors(problems, "year_established")
    with employees_col:
        employees = st.text_input(_("Number of employees"), value="" if prof.employees is None else str(prof.employees),
                                  disabled=not editable, key="pf_employees")
        field_errors(problems, "employees")
    with duns_col:
        duns = st.text_input(_("DUNS number"), value=prof.duns, disabled=not editable, key="pf_duns",
                             placeholder=_("9 digits"), help=_("Dun & Bradstreet's 9-digit company number."))
        field_errors(problems, "duns")
    website_col, type_col = st.columns(2)
    with website_col:
        website = st.text_input(_("Website"), value=prof.website, disabled=not editable, key="pf_website",
                                placeholder="https://www.example.com")
        field_errors(problems, "website")
    with type_col:
        types = ["", *config.BUSINESS_TYPES]
        business_type = st.selectbox(_("Business type"), types, index=types.index(prof.business_type)
                                     if prof.business_type in types else 0, disabled=not editable, key="pf_type",
                                     format_func=lambda t: _(t) if t else _("Choose…"))
        field_errors(problems, "business_type")
    field_errors(problems, GENERAL)
    saved = st.form_submit_button(_("Save profile"), type="primary", disabled=not editable)
if not editable:
    st.caption(_("You can view the profile; changing it needs edit rights for the Business Action Center."))
if saved:
    values = {"about": about, "year_established": year, "employees": employees, "duns": duns, "website": website,
              "business_type": business_type}
    run_action(profile.save_profile, ctx.account_id, values, me, clock.now(), ctx.today, errors_key="profile",
               notice=_("Business profile saved."))
