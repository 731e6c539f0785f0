"""The all-orders import at scale (issue 12: a 1,000,000-row file, about 250 MB, in ≤ 90 s with
≤ 1 GB of memory), beside the plain `sales.record_order_lines` path as the reference.

    python -m bench.imports make --rows 1000000 --out data/all-orders-1m.txt   # the big file (not committed)
    python -m bench.imports run [--rows 1000000] [--database-url URL]          # both measures, a table

Each measure runs in its own process on a fresh database (SQLite under data/ unless a URL is
given), so its peak memory (ru_maxrss) is its own. The reference hands `record_order_lines` the
same lines as ready-made dicts (as the seed does): it is the write path without reading a file.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlmodel import Session

from services.settings import DATA_DIR, child_environment

HEADER = ("amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t"
          "sales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\t"
          "currency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\t"
          "item-promotion-discount\tship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\t"
          "promotion-ids\tis-business-order\tpurchase-order-number\tprice-designation\n")
CITIES = [("SEATTLE", "WA", "98101"), ("AUSTIN", "TX", "73301"), ("CHICAGO", "IL", "60601"),
          ("DENVER", "CO", "80201"), ("BOSTON", "MA", "02108"), ("MIAMI", "FL", "33101")]
LAST_DAY = date(2026, 10, 31)
DAYS = 90
NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)


def catalogue(n: int = 500) -> list[tuple[str, str, str, int]]:
    """(asin, sku, title, unit price in cents) of a made-up catalogue."""
    rng = np.random.default_rng(7)
    alphabet = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"))
    return [("B0" + "".join(rng.choice(alphabet, 8)), f"BENCH-{i:05d}", f"Bench product {i} heavy duty, pack of 12",
             int(rng.integers(499, 25000))) for i in range(n)]


def make_file(path: Path, rows: int, seed: int = 1) -> int:
    """Write an all-orders file of `rows` order items over DAYS days (US only): 1–3 items per order,
    4 % cancelled orders, 1 % pending ones without a price, 35 % business orders. Returns bytes."""
    rng = np.random.default_rng(seed)
    items = catalogue()
    start = datetime.combine(LAST_DAY - timedelta(days=DAYS - 1), datetime.min.time(), UTC) + timedelta(hours=8)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        order = 0
        while written < rows:
            order += 1
            n_items = min(int(1 + rng.poisson(0.5)), 3, rows - written)
            instant = start + timedelta(seconds=int(DAYS * 86400 * written / rows))
            stamp = instant.isoformat()
            status = "Cancelled" if rng.random() < 0.04 else "Pending" if rng.random() < 0.01 else "Shipped"
            business = rng.random() < 0.35
            city, state, postal = CITIES[order % len(CITIES)]
            order_id = f"112-{order // 10_000_000:07d}-{order % 10_000_000:07d}"
            for _ in range(n_items):
                asin, sku, title, cents = items[int(rng.integers(0, len(items)))]
                quantity = int(1 + rng.poisson(2.0 if business else 0.3))
                priced = status != "Pending"
                price = f"{cents * quantity / 100:.2f}" if priced else ""
                out.write(f"{order_id}\t\t{stamp}\t{stamp}\t{status}\tAmazon\tAmazon.com\t\t\tStandard\t{title}\t{sku}\t"
                          f"{asin}\t{'Cancelled' if status == 'Cancelled' else 'Shipped'}\t{quantity}\t"
                          f"{'USD' if priced else ''}\t{price}\t{'0.00' if priced else ''}\t{'0.00' if priced else ''}"
                          f"\t\t\t\t\t\t{city}\t{state}\t{postal}\tUS\t\t{'true' if business else 'false'}\t"
                          f"{'PO-' + str(order) if business else ''}\t{'BusinessPrice' if business else ''}\n")
                written += 1
    return path.stat().st_size


def reference_rows(account_id: int, rows: int, seed: int = 1) -> list[dict]:
    """The lines of a file like make_file's, as the dicts record_order_lines takes (all counted)."""
    rng = np.random.default_rng(seed)
    items = catalogue()
    first = LAST_DAY - timedelta(days=DAYS - 1)
    out = []
    for i in range(rows):
        asin, sku, _, cents = items[int(rng.integers(0, len(items)))]
        business = bool(rng.random() < 0.35)
        quantity = int(1 + rng.poisson(2.0 if business else 0.3))
        out.append({"account_id": account_id, "marketplace": "US", "order_id": f"112-{i // 2:015d}",
                    "purchase_date": first + timedelta(days=DAYS * i // rows), "asin": asin, "sku": sku,
                    "units": quantity, "sales": Decimal(cents * quantity) / 100, "is_business_order": business,
                    "industry": None, "sub_industry": None})
    return out


def _fresh_database(url: str | None) -> str:
    """A new empty database: a SQLite file under data/, or a new database on the given server."""
    if url is None or url.startswith("sqlite"):
        path = DATA_DIR / f"bench-import-{uuid.uuid4().hex[:8]}.db"
        return f"sqlite:///{path}"
    name = f"bench_import_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _drop_database(url: str) -> None:
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    admin = sa.create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def _account(url: str) -> int:
    from services import accounts
    from services.db import init_db, make_engine

    engine = make_engine(url)
    init_db(engine)
    with Session(engine) as session:
        account_id = accounts.create_account(session, "Bench importer", "BENCHIMPORT0US1", "US").id
        session.commit()
    engine.dispose()
    return account_id


def measure(mode: str, url: str, file: Path | None, rows: int) -> dict:
    """Run in a child process: one import (or the reference) on a fresh account; time and peak memory."""
    from services import imports, sales
    from services.db import make_engine

    account_id = _account(url)
    engine = make_engine(url)
    payload = reference_rows(account_id, rows) if mode == "record" else None
    started = time.perf_counter()
    with Session(engine) as session:
        if mode == "import":
            with file.open("rb") as handle:
                result = imports.import_report(session, account_id, file.name, handle, now=NOW)
            written = result.details["order_lines"]
        else:
            written = sales.record_order_lines(session, payload)
        session.commit()
    seconds = time.perf_counter() - started
    engine.dispose()
    return {"mode": mode, "seconds": round(seconds, 1), "lines": written, "max_rss_mb": peak_memory_mb()}


def peak_memory_mb() -> int:
    """This process's peak resident memory: VmHWM (Linux, per address space, so a parent's peak
    does not leak in through exec as ru_maxrss's does), else ru_maxrss."""
    try:
        for text in Path("/proc/self/status").read_text().splitlines():
            if text.startswith("VmHWM:"):
                return round(int(text.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _child(mode: str, url: str, file: Path | None, rows: int) -> dict:
    command = [sys.executable, "-m", "bench.imports", "child", mode, "--database-url", url, "--rows", str(rows)]
    if file is not None:
        command += ["--file", str(file)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=child_environment())
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(rows: int, url: str | None, file: Path | None = None) -> list[tuple]:
    """Both measures; rows for the bench table: (name, seconds, lines per second, peak MB, ratio)."""
    file = file or DATA_DIR / f"all-orders-{rows}.txt"
    if not file.exists():
        make_file(file, rows)
    size_mb = file.stat().st_size / 1e6
    results = {}
    for mode in ("import", "record"):
        db = _fresh_database(url)
        try:
            results[mode] = _child(mode, db, file if mode == "import" else None, rows)
        finally:
            _drop_database(db)
    imp, ref = results["import"], results["record"]
    return [
        (f"all-orders import, {rows:,} rows ({size_mb:.0f} MB file → order lines)", imp["seconds"],
         imp["lines"] / imp["seconds"], imp["max_rss_mb"], imp["seconds"] / ref["seconds"]),
        (f"record_order_lines, {ref['lines']:,} ready-made lines (reference)", ref["seconds"],
         ref["lines"] / ref["seconds"], ref["max_rss_mb"], 1.0),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("make", "run", "child"))
    parser.add_argument("mode", nargs="?", choices=("import", "record"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--file", type=Path, default=None)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    if args.command == "make":
        out = args.out or DATA_DIR / f"all-orders-{args.rows}.txt"
        size = make_file(out, args.rows)
        print(f"wrote {args.rows:,} rows ({size / 1e6:.0f} MB) to {out}")
    elif args.command == "child":
        print(json.dumps(measure(args.mode, args.database_url, args.file, args.rows)))
    else:
        print("| measure | seconds | lines/s | peak memory MB | × reference |")
        print("|---|---:|---:|---:|---:|")
        for name, seconds, rate, mb, ratio in run(args.rows, args.database_url, args.file):
            print(f"| {name} | {seconds:.1f} | {rate:,.0f} | {mb} | {ratio:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
