"""Migration 0009: a database with order lines gets its daily truth (rollup_day) backfilled from the
segment rollup, and goes back down to 0008 cleanly."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from services.db import init_db
from tests.helpers import ONE_ACCOUNT, database_at

LINES = [  # order_id, day, units, sales_minor, is_business
    ("o1", "2026-05-01", 2, 2000, True),
    ("o1", "2026-05-01", 1, 500, True),
    ("o2", "2026-05-01", 1, 1000, False),
    ("o3", "2026-05-02", 3, 3000, False),
]


def _at_0008_with_lines(url: str):
    return database_at(
        url, "0008", (ONE_ACCOUNT, {}),
        ("INSERT INTO orderline (account_id, marketplace, order_id, purchase_date, asin, sku, units, sales_minor, "
         "is_business_order) VALUES (1, 'US', :o, :d, 'B0AAAAAAAA', 'S1', :u, :m, :b)",
         [{"o": order_id, "d": day, "u": units, "m": minor, "b": business}
          for order_id, day, units, minor, business in LINES]),
        ("INSERT INTO rollup_segment_day (account_id, marketplace, day, is_business, units, sales_minor, orders, "
         "order_items) SELECT account_id, marketplace, purchase_date, is_business_order, SUM(units), "
         "SUM(sales_minor), COUNT(DISTINCT order_id), COUNT(*) FROM orderline "
         "GROUP BY account_id, marketplace, purchase_date, is_business_order", {}))


def test_upgrade_backfills_the_daily_truth_from_the_order_lines(blank_db_url):
    engine, _ = _at_0008_with_lines(blank_db_url)
    init_db(engine)
    with engine.connect() as conn:
        days = conn.execute(sa.text(
            "SELECT day, source, import_id, total_sales_minor, total_units, total_orders, total_order_items, "
            "b2b_sales_minor, b2b_units, b2b_orders, b2b_order_items, total_sessions FROM rollup_day ORDER BY day"
        )).all()
        imported = conn.execute(sa.text("SELECT COUNT(*) FROM orderline WHERE import_id IS NOT NULL")).scalar_one()
    engine.dispose()
    assert [tuple(r[1:]) for r in days] == [("orders", None, 3500, 4, 2, 3, 2500, 3, 1, 2, None),
                                           ("orders", None, 3000, 3, 1, 1, 0, 0, 0, 0, None)]
    assert imported == 0


def test_downgrade_to_0008_and_up_again(blank_db_url):
    engine, cfg = _at_0008_with_lines(blank_db_url)
    init_db(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        columns = {c["name"] for c in sa.inspect(conn).get_columns("orderline")}
        lines = conn.execute(sa.text("SELECT COUNT(*) FROM orderline")).scalar_one()
    assert not tables & {"rollup_day", "report_import", "import_day", "order_line_replaced"}
    assert "import_id" not in columns and lines == len(LINES)
    init_db(engine)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM rollup_day")).scalar_one() == 2
    engine.dispose()
