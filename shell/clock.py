"""The app's one clock. Pages, the shell, app.py and the scripts take time from here; services
take `now`/`today` as parameters. Tests and demos set it:

- ``APP_CLOCK_START=2026-06-15T12:00:00+00:00`` (a setting): the server's time starts at that
  instant and runs on from there (a demo or a browser test on data seeded for that day);
- :func:`freeze` pins it to one instant (in-process tests), :func:`thaw` undoes that.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

from services.marketplaces import local_today
from services.settings import get_settings

_lock = threading.Lock()
_frozen: datetime | None = None
_offset = None  # (APP_CLOCK_START value, offset from the real clock), fixed on first use


def _real_now() -> datetime:
    return datetime.now(UTC)


def now() -> datetime:
    """The current instant, timezone-aware UTC."""
    global _offset
    if _frozen is not None:
        return _frozen
    start = get_settings().app_clock_start
    if start is None:
        return _real_now()
    with _lock:
        if _offset is None or _offset[0] != start:
            _offset = (start, start - _real_now())
        return _real_now() + _offset[1]


def today(marketplace: str) -> date:
    """The marketplace's local calendar day now."""
    return local_today(marketplace, now())


def freeze(instant: datetime) -> None:
    if instant.tzinfo is None:
        raise ValueError("freeze() needs an aware datetime")
    global _frozen
    _frozen = instant.astimezone(UTC)


def thaw() -> None:
    global _frozen
    _frozen = None
