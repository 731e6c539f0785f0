"""Deliver the outbox from the app: after a change that queued email, from the Outbox page, and
at most once a minute on any page run (so failed emails are retried while people use the app).
`python -m scripts.send_mail` does the same from cron or a service timer."""

from __future__ import annotations

import threading
import time

from services import notifications
from shell import clock
from shell.db import session_scope

_lock = threading.Lock()
_last_run = 0.0
INTERVAL_SECONDS = 60


def deliver_soon() -> dict[str, int]:
    """Send what is due now when SMTP is configured (failures stay in the outbox for a retry)."""
    if notifications.SmtpSettings.from_env() is None:
        return {"sent": 0, "failed": 0}
    with session_scope(commit=True) as session:
        return notifications.deliver_pending(session, clock.now())


def deliver_if_due() -> None:
    """Called on every page run: delivers at most once a minute per server process, never twice at once."""
    global _last_run
    if notifications.SmtpSettings.from_env() is None or time.monotonic() - _last_run < INTERVAL_SECONDS:
        return
    if not _lock.acquire(blocking=False):
        return
    try:
        _last_run = time.monotonic()
        deliver_soon()
    finally:
        _lock.release()
