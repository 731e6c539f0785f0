"""Migrations: a database made by an earlier revision, holding order lines, is brought to head
with its rollups rebuilt from the lines (order items, product rollup for both segments)."""

from __future__ import annotations

import sqlalchemy as sa

from services.db import init_db
from tests.helpers import ONE_ACCOUNT, database_at

LINES = [  # order_id, day, asin, sku, units, sales_minor, is_business, industry
    ("o1", "2026-05-01", "B0AAAAAAAA", "S1", 2, 2000, True, "Education"),
    ("o1", "2026-05-01", "B0BBBBBBBB", "S2", 1, 500, True, "Education"),
    ("o2", "2026-05-01", "B0AAAAAAAA", "S1", 1, 1000, False, None),
    ("o3", "2026-05-02", "B0AAAAAAAA", "S1", 3, 3000, True, None),
]


def test_upgrade_from_0001_rebuilds_rollups_from_the_lines(blank_db_url):
    engine, _ = database_at(
        blank_db_url, "0001",
        ("INSERT INTO marketplace (code, name, currency, timezone, locale, domain) "
         "VALUES ('US', 'United States', 'USD', 'America/New_York', 'en_US', 'com')", {}),
        (ONE_ACCOUNT, {}),
        ("INSERT INTO orderline (account_id, marketplace, order_id, purchase_date, asin, sku, units, sales_minor, "
         "is_business_order, industry) VALUES (1, 'US', :o, :d, :a, :s, :u, :m, :b, :i)",
         [{"o": order_id, "d": day, "a": asin, "s": sku, "u": units, "m": minor, "b": business, "i": industry}
          for order_id, day, asin, sku, units, minor, business, industry in LINES]))
    init_db(engine)
    with engine.connect() as conn:
        segment = conn.execute(sa.text(
            "SELECT day, is_business, units, sales_minor, orders, order_items FROM rollup_segment_day "
            "ORDER BY day, is_business")).all()
        product = conn.execute(sa.text(
            "SELECT asin, is_business, units, orders, order_items FROM rollup_product_day "
            "WHERE day = '2026-05-01' ORDER BY asin, is_business")).all()
        industry = conn.execute(sa.text(
            "SELECT day, industry, orders, order_items FROM rollup_industry_day ORDER BY day")).all()
    engine.dispose()
    assert [tuple(r[1:]) for r in segment] == [(False, 1, 1000, 1, 1), (True, 3, 2500, 1, 2), (True, 3, 3000, 1, 1)]
    assert [tuple(r) for r in product] == [("B0AAAAAAAA", False, 1, 1, 1), ("B0AAAAAAAA", True, 2, 1, 1),
                                          ("B0BBBBBBBB", True, 1, 1, 1)]
    assert [tuple(r[1:]) for r in industry] == [("Education", 1, 2), ("", 1, 1)]
