from __future__ import annotations

import streamlit as st

from shell.page import guard, header

guard()

header("No accounts yet")
st.info("You are not a member of any seller account. Ask an account's admin to invite you.")
