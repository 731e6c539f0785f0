"""The widget frame of SPEC §3: title and a ▾ menu with Minimize, Refresh and Rate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from services.i18n import gettext as _


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
        with menu.popover(
            _("Menu"), help=_("{title}: minimize, refresh or rate").format(title=title), key=f"{key}_menu"
        ):
            st.button(_("Expand") if state.minimized else _("Minimize"), key=f"{key}_minimize",
                      on_click=actions.toggle_minimized, icon=":material/unfold_more:" if state.minimized
                      else ":material/unfold_less:", width="stretch")
            st.button(_("Refresh"), key=f"{key}_refresh", on_click=actions.refresh, icon=":material/refresh:",
                      width="stretch")
            _rating_form(key, title, state, actions)
        if state.updated_label:
            st.caption(_("updated {time}").format(time=state.updated_label))
        if state.minimized:
            st.caption(_("Minimized — open the ▾ menu and choose Expand to see it again."))
            return None
        return st.container()


def _rating_form(key: str, title: str, state: FrameState, actions: FrameActions) -> None:
    with st.form(f"{key}_rate_form", border=False):
        st.markdown(_("**Rate {title}**").format(title=title))
        stars = st.feedback("stars", key=f"{key}_stars",
                            default=None if state.stars is None else state.stars - 1)
        comment = st.text_area(_("Comment (optional)"), value=state.comment, max_chars=1000, key=f"{key}_comment")
        submitted = st.form_submit_button(_("Save rating"))
    if submitted:
        error = actions.rate(None if stars is None else stars + 1, comment)
        if error:
            st.error(error)
        else:
            st.success(_("Thanks — your rating is saved."))
