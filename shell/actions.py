"""The one way pages change data: :func:`run_action`.

It opens one committing session, calls the service, evaluates the alert rules of the accounts
the change can reach (in the same transaction, so an alert fires with the change that caused it)
and on success commits, leaves the notice
for the page header, delivers queued email and reruns. A refusal changes nothing (rollback) and
is remembered under `errors_key` for the next run: a ValidationError's reasons per field (shown
beside each field with components.forms.field_errors), every other DomainError (permission,
not found, conflict) under ``"_"`` in the same message style. A refused password
(SignInRefused) keeps what the transaction wrote — the failure count — and still refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlmodel import Session

from services import alerts
from services.errors import DomainError, ValidationError
from services.i18n import tr
from shell import clock
from shell.context import in_view
from shell.db import get_engine
from shell.mail import deliver_soon
from shell.page import set_notice

T = TypeVar("T")
GENERAL = "_"  # the errors key for a message not about one field


def errors(key: str) -> dict[str, list[str]]:
    """The field messages the last action under `key` left (empty when it succeeded)."""
    return st.session_state.get(f"_errors_{key}", {})


def _remember(key: str, exc: DomainError) -> None:
    """The refusal's messages, in the reader's language, for the next run's fields."""
    if isinstance(exc, ValidationError):
        found = {field or GENERAL: list(reasons) for field, reasons in exc.by_field.items()} or {GENERAL: exc.reasons}
    else:
        found = {GENERAL: [exc.message]}
    st.session_state[f"_errors_{key}"] = {field: [str(tr(r)) for r in reasons] for field, reasons in found.items()}


def alert_scope() -> list[int] | None:
    """The accounts whose alert conditions an action can have changed: a seller acts on the account
    in view; a reviewer's, a supplier's or an invitation's change reaches other accounts (a buyer
    request fans out, a shipment is marked shipped), so everything is evaluated then."""
    ctx = in_view()
    return [ctx.account_id] if ctx is not None else None


def run_action(fn: Callable[..., T], *args, errors_key: str, notice: str | Callable[[T], str] | None = None,
               then: Callable[[T], None] | None = None, rerun: bool = True,
               evaluate_accounts: list[int] | None | str = "in_view", **kwargs) -> T | None:
    """Run `fn(session, *args, **kwargs)` — a service call — in one transaction. Returns its
    result, or None when refused.

    `notice`: the success message (or a function of the result); `then(result)` runs after the
    commit, before the rerun. `rerun=False` inside widget callbacks (Streamlit reruns after them
    anyway). `evaluate_accounts`: whose alert rules to evaluate with the change — the account in
    view (default, see alert_scope), a list of account ids ([] for a change no rule watches: reading
    or snoozing an alert), or None for every account."""
    try:
        with Session(get_engine(), expire_on_commit=False) as session:
            try:
                result = fn(session, *args, **kwargs)
            except DomainError as exc:
                if exc.keep_changes:
                    session.commit()
                else:
                    session.rollback()
                raise
            scope = alert_scope() if evaluate_accounts == "in_view" else evaluate_accounts
            if scope != []:
                alerts.evaluate(session, clock.now(), account_ids=scope)  # alerts fire with the change
            session.commit()
    except DomainError as exc:
        _remember(errors_key, exc)
        if rerun:
            st.rerun()
        return None
    st.session_state.pop(f"_errors_{errors_key}", None)
    if notice is not None:
        set_notice(notice(result) if callable(notice) else notice)
    if then is not None:
        then(result)
    deliver_soon()
    if rerun:
        st.rerun()
    return result
