"""quantity tiers; order items in every rollup; product rollup for both segments

The three daily rollups gain `order_items` (order lines) for Business Reports, and the product
rollup gains `is_business` so Business Reports by child ASIN can show B2B beside the total.
Rollups are derived data: they are dropped, recreated and refilled here from the order lines.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_MEASURES = [
    ("units", sa.Integer()), ("sales_minor", sa.BigInteger()), ("orders", sa.Integer()),
    ("order_items", sa.Integer()),
]
_KEYS = {
    "rollup_segment_day": [("is_business", sa.Boolean())],
    "rollup_industry_day": [("industry", sqlmodel.sql.sqltypes.AutoString()),
                            ("sub_industry", sqlmodel.sql.sqltypes.AutoString())],
    "rollup_product_day": [("asin", sqlmodel.sql.sqltypes.AutoString(length=10)),
                           ("sku", sqlmodel.sql.sqltypes.AutoString(length=40)),
                           ("is_business", sa.Boolean())],
}
_FILL = {
    "rollup_segment_day": ("is_business", "is_business_order", ""),
    "rollup_industry_day": ("industry, sub_industry",
                            "COALESCE(industry, ''), COALESCE(sub_industry, '')", "AND is_business_order"),
    "rollup_product_day": ("asin, sku, is_business", "asin, sku, is_business_order", ""),
}


def _create(name: str, with_items: bool) -> None:
    keys = _KEYS[name] if with_items or name != "rollup_product_day" else _KEYS[name][:2]
    measures = _MEASURES if with_items else _MEASURES[:3]
    op.create_table(
        name,
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("marketplace", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        *[sa.Column(n, t, nullable=False) for n, t in keys],
        *[sa.Column(n, t, nullable=False) for n, t in measures],
        sa.PrimaryKeyConstraint("account_id", "marketplace", "day", *[n for n, _ in keys]),
    )


def _refill(name: str, with_items: bool) -> None:
    cols, exprs, where = _FILL[name]
    if not with_items and name == "rollup_product_day":
        cols, exprs, where = "asin, sku", "asin, sku", "AND is_business_order"
    items_col, items_expr = (", order_items", ", COUNT(*)") if with_items else ("", "")
    op.execute(
        f"INSERT INTO {name} (account_id, marketplace, day, {cols}, units, sales_minor, orders{items_col}) "
        f"SELECT account_id, marketplace, purchase_date, {exprs}, SUM(units), SUM(sales_minor), "
        f"COUNT(DISTINCT order_id){items_expr} FROM orderline WHERE 1 = 1 {where} "
        f"GROUP BY account_id, marketplace, purchase_date, {exprs}"
    )


def upgrade() -> None:
    for name in _KEYS:
        op.drop_table(name)
        _create(name, with_items=True)
        _refill(name, with_items=True)
    op.create_table(
        "quantity_tier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("min_quantity", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("price_minor", sa.BigInteger(), nullable=True),
        sa.Column("percent_off", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_quantity_tier_product_id"), "quantity_tier", ["product_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_quantity_tier_product_id"), table_name="quantity_tier")
    op.drop_table("quantity_tier")
    for name in _KEYS:
        op.drop_table(name)
        _create(name, with_items=False)
        _refill(name, with_items=False)
