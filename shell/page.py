"""What every page file starts with: :func:`guard` (first statement), then :func:`header`.

Served with a plain ``streamlit run app.py``, Streamlit's ``pages/`` auto-discovery runs a page
file by itself on a server's very first run (a first visit to ``/outbox`` or ``/b2b_central``),
without app.py's sign-in. :func:`guard` notices that the run was not routed by app.py, turns the
auto-discovery off for the process (as ``scripts.serve`` does before the server starts) and
reruns, so the visitor gets app.py: the sign-in form when signed out. Served by
``scripts.serve`` (make run) the guard never fires. Pages still check the signed-in user and
the services check again: this is the first of three lines.
"""

from __future__ import annotations

import inspect
import threading
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from components.formatting import plain

_routing = threading.local()  # set while app.py's navigation runs a page (per script thread)
NOTICE_KEY = "_page_notice"
REQUESTED_KEY = "_requested_page_file"
ROOT = Path(__file__).resolve().parent.parent
# Dates on pages that show no marketplace (internal review, invitations, the supplier portal):
# "5 Nov 2026" in English, the reader's own way in Chinese (services.i18n.day).
DATE_LOCALE = "en_GB"


def routed_run(navigation) -> None:
    """app.py (and the signed-out placeholder) run the chosen page through this."""
    _routing.active = True
    try:
        navigation.run()
    finally:
        _routing.active = False


def routed() -> bool:
    return getattr(_routing, "active", False)


def guard() -> None:
    """First line of every page file: a run that app.py did not route goes through app.py (which
    then opens this page, after sign-in when it needs one)."""
    if not routed():
        PagesManager.uses_pages_directory = False
        caller = Path(inspect.stack()[1].filename).resolve()
        st.session_state[REQUESTED_KEY] = caller.relative_to(ROOT).as_posix() if caller.is_relative_to(ROOT) else ""
        st.rerun()


def requested_file() -> str | None:
    """The page file a first run asked for (see guard), once."""
    return st.session_state.pop(REQUESTED_KEY, None)


def set_notice(message: str) -> None:
    """A success message for the next run's page header (after a change and its rerun). Plain
    text: it is escaped when shown, so names in it can never become links or images."""
    st.session_state[NOTICE_KEY] = message


def header(title: str, caption: str | None = None) -> None:
    """The page title, an optional caption (escape user text in it), and the notice left by the
    last action, if any."""
    st.title(title, anchor=False)
    if caption:
        st.caption(caption)
    if notice := st.session_state.pop(NOTICE_KEY, None):
        st.success(plain(notice), icon=":material/check_circle:")  # notices hold user text: shown as typed
