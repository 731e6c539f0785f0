"""python -m bench [--database-url URL] [--runs N] [--no-import] [--import-rows N] [--only widgets|portfolio]

Seeds (or reuses) the `large` profile and prints, as a Markdown table, the median and p95 of
each widget query on the daily rollups beside the same answer computed by DuckDB straight
from the raw order lines (the reference), and of full B2B Central page runs in AppTest; then
(unless --no-import) the import of a generated all-orders file of --import-rows rows (1,000,000
by default, made once under data/) beside `record_order_lines` given the same lines (bench.imports).
Then seeds (or reuses) the `agency` profile (500 accounts × 2 marketplaces, two years) in its
own database and times the account manager's portfolio over every range (bench/portfolio.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb
import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session

from bench import timed
from seed.__main__ import run as seed_run
from services import industries, products, sales
from services.db import make_engine
from services.models import Account, OrderLine
from services.periods import resolve_range, same_day_last_year
from services.settings import DATA_DIR, apply_environment, get_settings

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def duckdb_snapshot(con, account_id: int, mp: str, start, end, metric: str):
    """Reference: the same snapshot (with last year) straight from the raw order lines."""
    grain = "day" if (end - start).days < 31 else "week" if (end - start).days < 183 else "month"
    value = "sales_minor" if metric == "sales" else "units"
    ly_start, ly_end = same_day_last_year(start), same_day_last_year(end)
    return con.execute(
        f"""
        WITH lines AS (
            SELECT purchase_date AS d, is_business_order AS b, {value} AS v FROM order_line
            WHERE account_id = $a AND marketplace = $m
              AND (purchase_date BETWEEN $s AND $e OR purchase_date BETWEEN $ls AND $le)
        ), tagged AS (
            SELECT greatest(date_trunc('{grain}', d)::DATE, $s) AS bucket, b, v, 0 AS ly FROM lines
            WHERE d BETWEEN $s AND $e
            UNION ALL
            SELECT greatest(date_trunc('{grain}', greatest((d + INTERVAL 1 YEAR)::DATE, $s))::DATE, $s), b, v, 1
            FROM lines WHERE d BETWEEN $ls AND $le
        )
        SELECT bucket,
               sum(v) FILTER (WHERE b AND ly = 0) AS b2b, sum(v) FILTER (WHERE NOT b AND ly = 0) AS non_b2b,
               sum(v) FILTER (WHERE ly = 0) AS total,
               sum(v) FILTER (WHERE b AND ly = 1) AS b2b_ly, sum(v) FILTER (WHERE NOT b AND ly = 1) AS non_ly,
               sum(v) FILTER (WHERE ly = 1) AS total_ly
        FROM tagged GROUP BY bucket ORDER BY bucket
        """,
        {"a": account_id, "m": mp, "s": start, "e": end, "ls": ly_start, "le": ly_end},
    ).fetchall()


def duckdb_industries(con, account_id: int, mp: str, start, end, industry: str | None = None):
    """Reference: B2B sales, units, distinct orders and last year's sales per industry (or per
    sub-industry of `industry`), straight from the raw lines; '' is unclassified."""
    seg = "coalesce(sub_industry, '')" if industry is not None else "coalesce(industry, '')"
    extra = "AND coalesce(industry, '') = $ind" if industry is not None else ""
    params = {"a": account_id, "m": mp, "s": start, "e": end, "ls": same_day_last_year(start),
              "le": same_day_last_year(end)}
    if industry is not None:
        params["ind"] = "" if industry == "Other" else industry
    return con.execute(
        f"""
        WITH b2b AS (SELECT * FROM order_line WHERE account_id = $a AND marketplace = $m AND is_business_order {extra}),
        cur AS (SELECT {seg} AS seg, sum(sales_minor) AS s, sum(units) AS u, count(DISTINCT order_id) AS o
                FROM b2b WHERE purchase_date BETWEEN $s AND $e GROUP BY seg),
        ly AS (SELECT {seg} AS seg, sum(sales_minor) AS s FROM b2b WHERE purchase_date BETWEEN $ls AND $le
               GROUP BY seg)
        SELECT cur.seg, cur.s, cur.u, cur.o, ly.s FROM cur LEFT JOIN ly USING (seg)
        ORDER BY cur.s DESC, CASE WHEN cur.seg = '' THEN 'Other' ELSE cur.seg END
        """,
        params,
    ).fetchall()


def duckdb_top_products(con, account_id: int, mp: str, start, end, limit: int = 5):
    return con.execute(
        """
        SELECT asin, sku, sum(sales_minor) AS s, sum(units) AS u, count(DISTINCT order_id) AS o FROM order_line
        WHERE account_id = $a AND marketplace = $m AND is_business_order AND purchase_date BETWEEN $s AND $e
        GROUP BY asin, sku ORDER BY s DESC, asin, sku LIMIT $n
        """,
        {"a": account_id, "m": mp, "s": start, "e": end, "n": limit},
    ).fetchall()


def page_runs(url: str, runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    import logging

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "No runtime found" on every cache clear

    apply_environment(database_url=url, app_secret_key=get_settings().app_secret_key or "bench-" + "k" * 40)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    inputs = {t.label: t for t in at.text_input}
    inputs["Email"].input("manager@example.com")
    inputs["Password"].input("Demo-pass-1")
    next(b for b in at.button if b.label == "Sign in").click()
    at.run()
    assert not at.exception and at.title[0].value == "B2B Central", "bench sign-in failed"

    def cold() -> None:
        st.cache_data.clear()
        at.run()

    return timed(at.run, runs), timed(cold, runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--database-url", default=get_settings().bench_database_url)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--no-import", action="store_true", help="skip the all-orders import measure")
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    parser.add_argument("--only", choices=("widgets", "portfolio"), default=None, help="run one part only")
    args = parser.parse_args(argv)
    url = args.database_url or f"sqlite:///{DATA_DIR / 'large.db'}"
    if args.only != "widgets":
        from bench.portfolio import bench_portfolio

        bench_portfolio(url, args.runs)
        if args.only == "portfolio":
            return 0
    DATA_DIR.mkdir(exist_ok=True)
    summary = seed_run(url, "large", 42, pd.Timestamp.now(tz="UTC").date(), do_reset=False, if_empty=True)
    if summary:
        print(f"seeded the large profile: {summary['order_lines']:,} order lines in {summary['seconds']} s")
    engine = make_engine(url)
    with Session(engine) as session:
        n_lines = session.execute(select(func.count()).select_from(OrderLine)).scalar_one()
        n_accounts = session.execute(select(func.count()).select_from(Account)).scalar_one()
        account = session.execute(select(Account).order_by(Account.id)).scalars().first()
        today = session.execute(select(func.max(OrderLine.purchase_date))).scalar_one()
    raw = pd.read_sql(select(OrderLine.__table__), engine)
    con = duckdb.connect()
    con.register("raw_lines", raw)
    con.execute("CREATE TABLE order_line AS SELECT * FROM raw_lines")
    rows = []
    with Session(engine) as session:
        for code in ("30D", "1Y"):
            start, end = resolve_range(code, today)
            ours = sales.sales_snapshot(session, account.id, start, end, "sales", True)
            ref = duckdb_snapshot(con, account.id, account.home_marketplace, start, end, "sales")
            assert [int(v * 100) for v in ours["total"]] == [r[3] or 0 for r in ref], "reference disagrees"
            assert [int(v * 100) for v in ours["total_last_year"]] == [r[6] or 0 for r in ref], "reference (LY)"
            med, p95 = timed(lambda s=start, e=end: sales.sales_snapshot(session, account.id, s, e, "sales", True),
                             args.runs)
            rmed, rp95 = timed(lambda s=start, e=end: duckdb_snapshot(con, account.id, account.home_marketplace,
                                                                      s, e, "sales"), args.runs)
            rows.append((f"sales_snapshot {code} (with last year)", med, p95, rmed, rp95))
        mp = account.home_marketplace
        for code in ("30D", "1Y"):
            start, end = resolve_range(code, today)
            top = industries.industry_breakdown(session, account.id, start, end)
            drill_to = top["segment"].iloc[0]
            for label, industry in (("", None), (f", drill-down ({drill_to})", drill_to)):
                ours = industries.industry_breakdown(session, account.id, start, end, "sales", industry)
                ref = duckdb_industries(con, account.id, mp, start, end, industry)
                assert [(str(r.segment), int(r.sales * 100), r.units, r.orders) for r in ours.itertuples()] == [
                    (seg or "Other", s, u, o) for seg, s, u, o, _ in ref], f"industry reference disagrees{label}"
                med, p95 = timed(lambda s=start, e=end, i=industry: industries.industry_breakdown(
                    session, account.id, s, e, "sales", i), args.runs)
                rmed, rp95 = timed(lambda s=start, e=end, i=industry: duckdb_industries(con, account.id, mp, s, e, i),
                                   args.runs)
                rows.append((f"industry_breakdown {code}{label}", med, p95, rmed, rp95))
            ours = products.top_products(session, account.id, start, end)
            ref = duckdb_top_products(con, account.id, mp, start, end)
            assert [(r.asin, r.sku, int(r.sales * 100), r.units, r.orders) for r in ours.itertuples()] == [
                tuple(r) for r in ref], "top products reference disagrees"
            med, p95 = timed(lambda s=start, e=end: products.top_products(session, account.id, s, e), args.runs)
            rmed, rp95 = timed(lambda s=start, e=end: duckdb_top_products(con, account.id, mp, s, e), args.runs)
            rows.append((f"top_products {code}", med, p95, rmed, rp95))
    (warm_med, warm_p95), (cold_med, cold_p95) = page_runs(url, max(10, args.runs // 5))
    rows.append(("B2B Central page run (4 widgets), AppTest, cached reads", warm_med, warm_p95, None, None))
    rows.append(("B2B Central page run (4 widgets), AppTest, caches cleared", cold_med, cold_p95, None, None))
    print(f"\n{n_lines:,} order lines, {n_accounts} accounts, {engine.dialect.name}; "
          f"{args.runs} runs each; account {account.name} ({account.home_marketplace}), last day {today}\n")
    print("| measure | median ms | p95 ms | DuckDB reference median ms | p95 ms | ratio (median) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, med, p95, rmed, rp95 in rows:
        ref = f"{rmed:.2f} | {rp95:.2f} | {med / rmed:.2f}×" if rmed else "– | – | –"
        print(f"| {name} | {med:.2f} | {p95:.2f} | {ref} |")
    engine.dispose()
    if not args.no_import:
        from bench import imports as import_bench

        print(f"\nAll-orders import ({engine.dialect.name}, each in its own process on a fresh database):\n")
        print("| measure | seconds | lines/s | peak memory MB | × reference |")
        print("|---|---:|---:|---:|---:|")
        for name, seconds, rate, mb, ratio in import_bench.run(args.import_rows, args.database_url):
            print(f"| {name} | {seconds:.1f} | {rate:,.0f} | {mb} | {ratio:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
