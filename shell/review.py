"""What an internal reviewer's queue page starts with, after guard()."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st
from sqlmodel import Session

from components.forms import field_errors
from shell.actions import GENERAL, errors
from shell.context import SignedInUser, require_reviewer_page
from shell.db import session_scope
from shell.page import header

T = TypeVar("T")


def review_queue_page(title: str, read: Callable[[Session, int], Sequence[T]], empty: str,
                      action_key: str) -> tuple[SignedInUser, Sequence[T]]:
    """Only for active internal reviewers: the header, what waits for review (read by the service
    as this reviewer), a plain message when nothing does, and the last refusal of `action_key`."""
    reviewer = require_reviewer_page()
    header(title)
    with session_scope() as session:
        queue = read(session, reviewer.id)
    if not queue:
        st.info(empty)
    field_errors(errors(action_key), GENERAL)
    return reviewer, queue
