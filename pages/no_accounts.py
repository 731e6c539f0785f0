from __future__ import annotations

import streamlit as st

from services.i18n import _
from shell.page import guard, header

guard()

header(_("No accounts yet"))
st.info(_("You are not a member of any seller account. Ask an account's admin to invite you."))
