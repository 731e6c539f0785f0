"""Import seller reports from the command line (for cron):

    python -m scripts.import_reports --account <merchant token> [--marketplace US]
        [--period 2026-09-01:2026-09-30] [--database-url URL] FILE…

Each file is detected from its content (Business Report by date or by child item, Sales &
Traffic JSON, all-orders flat file, seller performance JSON, AHR score CSV), checked whole, and
imported in its own transaction. Progress goes to stderr; one summary line per file to stdout.
A refused file prints its reasons to stderr and the command exits 1 (the other files are still
imported); a file imported before changes nothing and counts as success. Uses DATABASE_URL
unless --database-url is given; time comes from the app's clock (APP_CLOCK_START in demos).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session
from tqdm import tqdm

from services import imports
from services.db import init_db, make_engine
from services.errors import DomainError, ValidationError
from services.models import Account
from shell import clock


def period(text: str) -> tuple[date, date]:
    try:
        start, end = (date.fromisoformat(part.strip()) for part in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError("use START:END, like 2026-09-01:2026-09-30") from None
    if end < start:
        raise argparse.ArgumentTypeError("the period's end comes before its start")
    return start, end


def summary(path: Path, result: imports.ImportResult) -> str:
    if result.already_imported:
        return f"{path.name}: already imported (import #{result.id}), nothing changed"
    days = "" if result.first_day is None else f" {result.first_day}…{result.last_day}"
    return (f"{path.name}: import #{result.id} {result.kind} {','.join(result.marketplaces)}{days}, "
            f"{result.rows:,} rows")


def import_file(engine, account_id: int, path: Path, args: argparse.Namespace) -> bool:
    """Import one file in its own transaction; True when it is in (or already was)."""
    bar = tqdm(total=path.stat().st_size, unit="B", unit_scale=True, desc=path.name, file=sys.stderr,
               leave=False, disable=None)

    def progress(done: int, total: int) -> None:
        bar.update(done - bar.n)

    with path.open("rb") as handle, Session(engine) as session:
        try:
            result = imports.import_report(session, account_id, path.name, handle, marketplace=args.marketplace,
                                           period=args.period, now=clock.now(), progress=progress)
            session.commit()
        except DomainError as exc:
            session.rollback()
            bar.close()
            print(f"{path.name}: refused", file=sys.stderr)
            for reason in exc.reasons if isinstance(exc, ValidationError) else [exc.message]:
                print(f"  {reason}", file=sys.stderr)
            return False
    bar.close()
    print(summary(path, result))
    for warning in result.warnings if not result.already_imported else []:
        print(f"  {warning}", file=sys.stderr)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.import_reports", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--account", required=True, help="the account's merchant token")
    parser.add_argument("--marketplace", default=None, help="for files that name none (default: home)")
    parser.add_argument("--period", type=period, default=None, help="START:END, for the by-child-item report")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL, else ./data/console.db")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.files if not p.is_file()]
    if missing:
        parser.error(f"no such file: {', '.join(missing)}")
    engine = make_engine(args.database_url)
    init_db(engine)
    with Session(engine) as session:
        account_id = session.execute(select(Account.id).where(
            Account.merchant_token == args.account.strip().upper())).scalar()
    if account_id is None:
        print(f"No account with merchant token {args.account}.", file=sys.stderr)
        engine.dispose()
        return 2
    ok = [import_file(engine, account_id, path, args) for path in args.files]
    engine.dispose()
    return 0 if all(ok) else 1


if __name__ == "__main__":
    raise SystemExit(main())
