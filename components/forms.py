"""Small form helpers: messages shown next to the field they are about."""

from __future__ import annotations

import streamlit as st


def field_errors(errors: dict[str, list[str]], field: str) -> None:
    for message in errors.get(field, []):
        st.error(message, icon=":material/error:")
