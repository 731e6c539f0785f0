"""Business Profile (SPEC §3.4): what business buyers see about the seller."""

from __future__ import annotations

import streamlit as st

from components.formatting import plain
from components.forms import field_errors
from components.offers import credential_badges
from services import config, profile
from services.errors import DomainError, ValidationError
from shell import clock
from shell.context import require_page
from shell.db import session_scope

ctx = require_page("actions")
st.title("Business profile")
st.caption(f"{plain(ctx.account_name)} · what registered business buyers see about you. Buyers care most about "
           "About, Year established, Number of employees and the DUNS number.")
with session_scope() as session:
    prof = profile.get_profile(session, ctx.account_id)
    badges = profile.credential_badges(session, ctx.account_id, ctx.today)
    session.expunge_all()
missing = profile.missing_fields(prof)
if missing:
    st.warning("Still missing: " + ", ".join(missing) + ".", icon=":material/info:")
else:
    st.success("Your business profile is complete.", icon=":material/check_circle:")
if st.session_state.pop("profile_saved", False):
    st.toast("Business profile saved.")
credential_badges(badges)

editable = ctx.can("actions", "edit")
errors: dict[str, list[str]] = st.session_state.get("profile_errors", {})
with st.form("profile_form"):
    about = st.text_area("About", value=prof.about, max_chars=config.PROFILE_ABOUT_MAX, disabled=not editable,
                         key="pf_about", help="What you make or sell, who you serve, what sets you apart.")
    field_errors(errors, "about")
    c1, c2, c3 = st.columns(3)
    year = c1.text_input("Year established",
                         value="" if prof.year_established is None else str(prof.year_established),
                         disabled=not editable, key="pf_year",
                         placeholder=f"{config.PROFILE_FIRST_YEAR}–{ctx.today.year}")
    with c1:
        field_errors(errors, "year_established")
    employees = c2.text_input("Number of employees", value="" if prof.employees is None else str(prof.employees),
                              disabled=not editable, key="pf_employees")
    with c2:
        field_errors(errors, "employees")
    duns = c3.text_input("DUNS number", value=prof.duns, disabled=not editable, key="pf_duns",
                         placeholder="9 digits", help="Dun & Bradstreet's 9-digit company number.")
    with c3:
        field_errors(errors, "duns")
    c4, c5 = st.columns(2)
    website = c4.text_input("Website", value=prof.website, disabled=not editable, key="pf_website",
                            placeholder="https://www.example.com")
    with c4:
        field_errors(errors, "website")
    types = ["", *config.BUSINESS_TYPES]
    business_type = c5.selectbox("Business type", types, index=types.index(prof.business_type)
                                 if prof.business_type in types else 0, disabled=not editable, key="pf_type",
                                 format_func=lambda t: t or "Choose…")
    with c5:
        field_errors(errors, "business_type")
    saved = st.form_submit_button("Save profile", type="primary", disabled=not editable)
if not editable:
    st.caption("You can view the profile; changing it needs edit rights for the Business Action Center.")
if saved:
    values = {"about": about, "year_established": year, "employees": employees, "duns": duns, "website": website,
              "business_type": business_type}
    try:
        with session_scope(commit=True) as session:
            profile.save_profile(session, ctx.account_id, values, ctx.user.id, clock.now(), ctx.today)
    except ValidationError as exc:
        st.session_state["profile_errors"] = exc.by_field
    except DomainError as exc:
        st.session_state["profile_errors"] = {"about": [exc.message]}
    else:
        st.session_state.pop("profile_errors", None)
        st.session_state["profile_saved"] = True
    st.rerun()
