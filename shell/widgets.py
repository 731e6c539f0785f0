"""Wires the widget frame to the signed-in user's stored preferences."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.formatting import local_time
from components.frame import FrameActions, FrameState, widget_frame
from services import prefs
from services.errors import ValidationError
from services.i18n import tr
from shell import clock
from shell.db import session_scope


def refresh_counter(key: str) -> int:
    """Part of the widget's cache key: Refresh bumps it so the data is read again."""
    return st.session_state.get(f"{key}_refresh_count", 0)


def framed(user_id: int, key: str, title: str) -> DeltaGenerator | None:
    with session_scope() as session:
        minimized = key in prefs.minimized_widgets(session, user_id)
        rating = prefs.widget_rating(session, user_id, key)

    def toggle() -> None:
        with session_scope(commit=True) as session:
            prefs.set_minimized(session, user_id, key, not minimized)

    def refresh() -> None:
        st.session_state[f"{key}_refresh_count"] = refresh_counter(key) + 1
        st.session_state[f"{key}_updated"] = clock.now()

    def rate(stars: int | None, comment: str) -> str | None:
        try:
            with session_scope(commit=True) as session:
                prefs.rate_widget(session, user_id, key, stars, comment, clock.now())
        except ValidationError as exc:
            return tr(exc.message)
        return None

    updated = st.session_state.get(f"{key}_updated")
    state = FrameState(
        minimized=minimized,
        updated_label=local_time(updated, st.context.timezone) if updated else None,
        stars=rating.stars if rating else None,
        comment=rating.comment if rating else "",
    )
    return widget_frame(key, title, state, FrameActions(toggle, refresh, rate))
