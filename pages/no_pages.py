from __future__ import annotations

import streamlit as st

from services.i18n import _
from shell.page import guard, header

guard()

header(_("Nothing to show"))
st.info(_("Your permissions in this account don't include any page. Ask the account's admin for access."))
