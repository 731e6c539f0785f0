"""The language of each run (SPEC §13): English, 简体中文 or 繁體中文.

Where it comes from, first match wins:
1. ``?lang=zh-Hans`` in the URL (a shared link, or a reload after switching);
2. the person's own choice: the sidebar switch in this browser session, else — once signed in —
   the language saved with their user (``prefs.language``);
3. before anyone chose, the browser's language (``st.context.locale``, from Accept-Language);
4. English.

A choice made on the sign-in page is saved to the user who then signs in. Every run keeps the
URL's ``lang`` in step with the language in use, so a reload or a copied link shows the same.
"""

from __future__ import annotations

import streamlit as st

from services import i18n, prefs
from services.i18n import LANGUAGES, URL_CODES, _
from shell.db import session_scope

_CHOSEN = "_lang_chosen"  # this browser session's choice with the switch, a LANGUAGES key
_FROM_URL = "_lang_url"  # the language a URL of this browser session named last (kept across page changes)
_SAVED = "_lang_saved"  # (user id, their saved language or None), read once per sign-in
_SWITCH = "language_switch"


def _browser() -> str | None:
    try:
        return i18n.normalize(st.context.locale)
    except Exception:  # noqa: BLE001 - no browser behind this run (AppTest, bare mode)
        return None


def _saved() -> str | None:
    saved = st.session_state.get(_SAVED)
    return saved[1] if saved else None


def begin() -> str:
    """Activate the language for this run before anything is drawn; returns its code."""
    from_url = i18n.normalize(st.query_params.get("lang"))
    if from_url:
        st.session_state[_FROM_URL] = from_url
    code = (st.session_state.get(_FROM_URL) or st.session_state.get(_CHOSEN) or _saved() or _browser()
            or i18n.DEFAULT)
    return _apply(code)


def for_user(user_id: int) -> str:
    """Once signed in: a choice made with the switch before signing in is saved to the person;
    without one, the language they saved last time applies (unless the URL names one)."""
    saved = st.session_state.get(_SAVED)
    if saved is None or saved[0] != user_id:
        chosen = st.session_state.get(_CHOSEN)
        with session_scope(commit=True) as session:
            language = prefs.language(session, user_id)
            if chosen and chosen != language:
                language = prefs.set_language(session, user_id, chosen)
        st.session_state[_SAVED] = (user_id, language)
        if language and not st.session_state.get(_FROM_URL):
            return _apply(language)
    return i18n.active()


def forget_user() -> None:
    """On sign-out: the next person in this browser starts from their own saved language."""
    for key in (_SAVED, _CHOSEN):
        st.session_state.pop(key, None)


def _apply(code: str) -> str:
    code = i18n.activate(code)
    if (code != i18n.DEFAULT or "lang" in st.query_params) and st.query_params.get("lang") != URL_CODES[code]:
        st.query_params["lang"] = URL_CODES[code]
    return code


def _switched(user_id: int | None) -> None:
    code = st.session_state[_SWITCH]
    st.session_state[_CHOSEN] = st.session_state[_FROM_URL] = code
    st.query_params["lang"] = URL_CODES[code]
    if user_id is not None:
        with session_scope(commit=True) as session:
            prefs.set_language(session, user_id, code)
        st.session_state[_SAVED] = (user_id, code)


def switch(user_id: int | None = None) -> None:
    """The sidebar's language switch (each option in its own language)."""
    st.session_state[_SWITCH] = i18n.active()
    st.sidebar.selectbox(_("Language"), list(LANGUAGES), format_func=LANGUAGES.get, key=_SWITCH,
                         on_change=_switched, args=(user_id,), help=_("Your choice is remembered for your next visit."))
