from __future__ import annotations

import streamlit as st

from shell.page import guard, header

guard()

header("Nothing to show")
st.info("Your permissions in this account don't include any page. Ask the account's admin for access.")
