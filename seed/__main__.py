"""python -m seed --profile demo|large|agency [--seed N] [--reset] [--if-empty] [--today YYYY-MM-DD]"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, date, datetime

from sqlalchemy import text
from sqlmodel import Session, SQLModel
from tqdm import tqdm

from seed.generate import DEMO_PASSWORD, DEMO_USERS, seed_all
from services.db import database_url, init_db, is_empty, make_engine


def reset(engine) -> None:
    import services.models  # noqa: F401

    SQLModel.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def run(url: str | None, profile: str, seed: int, today: date, do_reset: bool, if_empty: bool,
        quiet: bool = False) -> dict | None:
    engine = make_engine(url)
    if do_reset:
        reset(engine)
    init_db(engine)
    if not is_empty(engine):
        if if_empty:
            return None
        raise SystemExit("The database already has data: pass --reset to start again, or --if-empty.")
    bar = None if quiet else tqdm(total=1, unit="account", desc=f"Seeding {profile}", file=sys.stderr)

    def progress(done: int, total: int, name: str) -> None:
        if bar is not None:
            bar.total = total
            bar.set_postfix_str(name)
            bar.update(1)

    started = time.perf_counter()
    try:
        summary = seed_all(lambda: Session(engine), profile, seed, today, progress)
    except BaseException:
        # the database was empty when we began: leave it empty again, so the next start seeds
        # afresh instead of stumbling over half a seed ("a user with email … already exists")
        reset(engine)
        init_db(engine)
        raise
    if bar is not None:
        bar.close()
    summary["seconds"] = round(time.perf_counter() - started, 1)
    engine.dispose()
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__)
    parser.add_argument("--profile", choices=("demo", "large", "hostile", "agency"), default="demo",
                        help="hostile: the demo with HTML, Markdown and formulas in every name (for tests); "
                             "agency: 500 accounts × 2 marketplaces (python -m bench)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reset", action="store_true", help="drop every table first")
    parser.add_argument("--if-empty", action="store_true", help="do nothing when the database has data")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="last day of the history")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL, else ./data/console.db")
    args = parser.parse_args(argv)
    today = args.today or datetime.now(UTC).date()
    summary = run(args.database_url, args.profile, args.seed, today, args.reset, args.if_empty)
    if summary is None:
        print("Database already seeded; nothing to do.")
        return 0
    print(f"Seeded {summary['accounts']} accounts, {summary['order_lines']:,} order lines, "
          f"{summary['users']} users in {summary['seconds']} s into {database_url(args.database_url)}")
    if args.profile in ("demo", "hostile"):
        print(f"Demo sign-ins (password {DEMO_PASSWORD}):")
        for role, (email, _) in DEMO_USERS.items():
            print(f"  {role:9} {email}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
