"""Deliver the email outbox once: ``python -m scripts.send_mail`` (for cron or a systemd timer).
Uses DATABASE_URL and the SMTP_* variables; prints how many were sent and how many failed."""

from __future__ import annotations

import sys

from sqlmodel import Session

from services import notifications
from services.db import make_engine
from services.types import utcnow


def main() -> int:
    settings = notifications.SmtpSettings.from_env()
    if settings is None:
        print("SMTP_HOST is not set: nothing sent, emails wait in the outbox.", file=sys.stderr)
        return 0
    engine = make_engine()
    with Session(engine) as session:
        counts = notifications.deliver_pending(session, utcnow(), settings, limit=10_000)
    print(f"sent {counts['sent']}, failed {counts['failed']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
