"""Reconciliation, once per page run (DESIGN.md: reads never write). Derived state that time or
other pages change — Business Action Center tasks, Account Health Assurance enrolment and its
emails, expired partner authorizations — is brought up to date here, in one short transaction,
before the page reads. ``python -m scripts.evaluate_alerts`` does the same from cron."""

from __future__ import annotations

from services import actions, health, partners
from shell import clock
from shell.db import session_scope


def reconcile_account(account_id: int) -> None:
    now = clock.now()
    with session_scope(commit=True) as session:
        actions.reconcile(session, account_id, now)
        health.reconcile(session, account_id, now)
        partners.expire(session, now)
