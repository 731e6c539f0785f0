"""The widget frame of SPEC §3: title and a ▾ menu with Minimize, Refresh and Rate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


@dataclass(frozen=True)
class FrameState:
    minimized: bool
    updated_label: str | None  # "14:05 CET" after a Refresh
    stars: int | None  # the user's earlier rating, 1–5
    comment: str


@dataclass(frozen=True)
class FrameActions:
    toggle_minimized: Callable[[], None]
    refresh: Callable[[], None]
    rate: Callable[[int | None, str], str | None]  # returns an error message, or None when saved


def widget_frame(key: str, title: str, state: FrameState, actions: FrameActions) -> DeltaGenerator | None:
    """Draw the frame; returns the container for the widget's body, or None while minimized."""
    box = st.container(border=True, key=f"frame_{key}")
    with box:
        head, menu = st.columns([0.85, 0.15], vertical_alignment="center")
        head.subheader(title, anchor=False)
        with menu.popover("Menu", help=f"{title}: minimize, refresh or rate", key=f"{key}_menu"):
            st.button("Expand" if state.minimized else "Minimize", key=f"{key}_minimize",
                      on_click=actions.toggle_minimized, icon=":material/unfold_more:" if state.minimized
                      else ":material/unfold_less:", width="stretch")
            st.button("Refresh", key=f"{key}_refresh", on_click=actions.refresh, icon=":material/refresh:",
                      width="stretch")
            _rating_form(key, title, state, actions)
        if state.updated_label:
            st.caption(f"updated {state.updated_label}")
        if state.minimized:
            st.caption("Minimized — open the ▾ menu and choose Expand to see it again.")
            return None
        return st.container()


def _rating_form(key: str, title: str, state: FrameState, actions: FrameActions) -> None:
    with st.form(f"{key}_rate_form", border=False):
        st.markdown(f"**Rate {title}**")
        stars = st.feedback("stars", key=f"{key}_stars",
                            default=None if state.stars is None else state.stars - 1)
        comment = st.text_area("Comment (optional)", value=state.comment, max_chars=1000, key=f"{key}_comment")
        submitted = st.form_submit_button("Save rating")
    if submitted:
        error = actions.rate(None if stars is None else stars + 1, comment)
        if error:
            st.error(error)
        else:
            st.success("Thanks — your rating is saved.")
