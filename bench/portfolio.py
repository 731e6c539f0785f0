"""The account manager's portfolio at agency scale: `python -m bench --only portfolio`.

Seeds (or reuses) the `agency` profile — 500 accounts × 2 marketplaces, two years of daily
sales — in its own database beside the bench's (SQLite: ./data/agency.db; PostgreSQL: the same
server, database name + "_agency", created when missing), refreshes the planner's statistics,
and prints the median and p95 of `portfolio.portfolio` for manager@example.com over each range
(the target: 30D, the page's default, ≤ 300 ms on both databases), and of one `alerts.evaluate`.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from bench import median_p95, samples
from seed.__main__ import run as seed_run
from services import alerts, portfolio
from services.db import make_engine
from services.models import Account, Membership, OrderLine, User
from services.periods import resolve_range
from services.settings import DATA_DIR

RANGES = ("7D", "30D", "90D", "1Y")
TARGET_MS = 300


def agency_url(url: str) -> str:
    """Where the agency profile lives, beside the bench's database (created on PostgreSQL)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///{DATA_DIR / 'agency.db'}"
    name = f"{parsed.database}_agency"
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first() is None:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def refresh_statistics(engine) -> None:
    """What autovacuum (PostgreSQL) or a periodic ANALYZE would have done after a bulk load."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))


def bench_portfolio(url: str, runs: int) -> list[tuple[str, float, float]]:
    DATA_DIR.mkdir(exist_ok=True)
    target = agency_url(url)
    summary = seed_run(target, "agency", 42, datetime.now(UTC).date(), do_reset=False, if_empty=True)
    if summary:
        print(f"seeded the agency profile: {summary['accounts']} accounts, {summary['order_lines']:,} order lines "
              f"in {summary['seconds']} s", file=sys.stderr)
    engine = make_engine(target)
    refresh_statistics(engine)
    rows = []
    with Session(engine) as session:
        today = session.execute(sa.select(sa.func.max(OrderLine.purchase_date))).scalar_one()
        now = datetime.combine(today, time(12), UTC)
        manager = session.exec(select(User).where(User.email == "manager@example.com")).one()
        n_accounts = session.execute(sa.select(sa.func.count()).select_from(Account)).scalar_one()
        seen = session.execute(sa.select(sa.func.count()).where(Membership.user_id == manager.id)).scalar_one()
        for code in RANGES:
            start, end = resolve_range(code, today)
            frame = portfolio.portfolio(session, manager.id, start, end, today, now=now)
            rows.append((f"portfolio {code} ({len(frame)} rows)", samples(
                lambda s=start, e=end: portfolio.portfolio(session, manager.id, s, e, today, now=now), runs)))
        rows.append(("alerts.evaluate, every rule of every person",
                     samples(lambda: alerts.evaluate(session, now + timedelta(minutes=1)), max(3, runs // 10), 1)))
        session.rollback()
    print(f"\nagency profile: {n_accounts} accounts ({seen} seen by the manager), {engine.dialect.name}; "
          f"{runs} runs each; last day {today}\n")
    print(f"load average while measuring: {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} cores)\n")
    print("| measure | median ms | p95 ms | fastest ms | target |")
    print("|---|---:|---:|---:|---|")
    result = []
    for name, found in rows:
        med, p95 = median_p95(found)
        met = "met" if med <= TARGET_MS else "missed"
        goal = f"≤ {TARGET_MS} ms: {met}" if name.startswith("portfolio 30D") else ""
        print(f"| {name} | {med:.1f} | {p95:.1f} | {found[0]:.1f} | {goal} |")
        result.append((name, med, p95))
    engine.dispose()
    return result
