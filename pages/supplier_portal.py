"""Supplier portal (SPEC §5): what sellers shared with this supplier."""

from __future__ import annotations

import streamlit as st

st.title("Supplier portal")
st.info("No seller has connected with you yet. When a seller invites you, or accepts your invitation, "
        "their shared shipments appear here.")
