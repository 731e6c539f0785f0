"""Time-based alerts, for cron (e.g. every 15 minutes): ``python -m scripts.evaluate_alerts``.

1. Reconciles what only time changes: partner authorizations past their end date expire; each
   account's derived Action Center tasks come and go; AHA enrolment follows its rules (with its
   emails).
2. Evaluates every alert rule (services.alerts.evaluate): fires new conditions, clears the gone.
3. Sends the daily digests that are due (once per person and day).

Idempotent: a second run at the same time changes nothing. Time comes from shell.clock (so
APP_CLOCK_START works here as in the app); DATABASE_URL says where. Emails wait in the outbox
for ``python -m scripts.send_mail``.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from sqlmodel import Session, select

from services import actions, alerts, health, partners
from services.db import make_engine
from services.models import Account
from shell import clock


def reconcile(session: Session, now: datetime) -> int:
    """The time-based reconciliation of every account (committed account by account); how many."""
    partners.expire(session, now)
    session.commit()
    ids = list(session.exec(select(Account.id).order_by(Account.id)))
    for account_id in ids:
        actions.reconcile(session, account_id, now)
        health.reconcile(session, account_id, now)  # AHA enrolment and its emails
        session.commit()
    return len(ids)


def run(session: Session, now: datetime) -> dict[str, int]:
    """Reconcile, evaluate, send digests; committed. Counts of each."""
    accounts = reconcile(session, now)
    fired = alerts.evaluate(session, now)
    emailed = sum(a.emailed_at is not None for a in fired)  # at once; digests come next
    session.commit()
    digests = alerts.send_digests(session, now)
    session.commit()
    return {"accounts": accounts, "fired": len(fired), "emailed": emailed, "digests": len(digests)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.evaluate_alerts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL, else ./data/console.db")
    args = parser.parse_args(argv)
    engine = make_engine(args.database_url)
    now = clock.now()
    with Session(engine) as session:
        counts = run(session, now)
    engine.dispose()
    print(f"{now:%Y-%m-%d %H:%M} UTC: reconciled {counts['accounts']} accounts; {counts['fired']} alerts fired "
          f"({counts['emailed']} by email); {counts['digests']} digests queued")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
