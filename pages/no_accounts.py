from __future__ import annotations

import streamlit as st

st.title("No accounts yet")
st.info("You are not a member of any seller account. Ask an account's admin to invite you.")
