"""The engine (the only cache_resource) and sessions for pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

from services.db import database_url, init_db, make_engine


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    engine = make_engine(url)
    init_db(engine)
    return engine


def get_engine() -> Engine:
    return _engine(database_url())


@contextmanager
def session_scope(commit: bool = False) -> Iterator[Session]:
    """A session for one unit of work; commits on success when asked, rolls back on error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            if commit:
                session.commit()
        except BaseException:
            session.rollback()
            raise
