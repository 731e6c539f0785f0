"""Order lines, their daily rollups, offers and quantity tiers (SPEC §2). Money is integer minor units."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class OrderLineFields(SQLModel):
    """What an order line holds (SPEC §2)."""

    account_id: int = Field(foreign_key="account.id")
    marketplace: str = Field(max_length=4)
    order_id: str = Field(max_length=40)
    purchase_date: date
    asin: str = Field(max_length=10)
    sku: str = Field(max_length=40)
    units: int
    sales_minor: int = Field(sa_type=BigInteger, nullable=False)
    is_business_order: bool
    industry: str | None = None
    sub_industry: str | None = None
    import_id: int | None = Field(default=None, foreign_key="report_import.id")  # None: seed or another writer


class OrderLine(OrderLineFields, table=True):
    __table_args__ = (
        Index("ix_orderline_acct_mp_day", "account_id", "marketplace", "purchase_date"),
        Index("ix_orderline_acct_mp_order", "account_id", "marketplace", "order_id"),
        Index("ix_orderline_import", "import_id"),
    )
    id: int | None = Field(default=None, primary_key=True)


class OrderLineReplaced(OrderLineFields, table=True):
    """An order line set aside because a later all-orders import names the same order (its lines
    replace these). Undoing that import puts them back (or hands them to the next import that
    names the order). `id` is the line's own id in `orderline`."""

    __tablename__ = "order_line_replaced"
    __table_args__ = (
        Index("ix_order_line_replaced_by", "replaced_by"),
        Index("ix_order_line_replaced_import", "import_id"),
        Index("ix_order_line_replaced_order", "account_id", "marketplace", "order_id"),
    )
    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    replaced_by: int = Field(foreign_key="report_import.id")


class DailyMeasures(SQLModel):
    """What every daily rollup row holds for its grain."""

    units: int
    sales_minor: int = Field(sa_type=BigInteger, nullable=False)
    orders: int  # distinct order ids
    order_items: int = 0  # order lines


class SegmentDay(DailyMeasures, table=True):
    """Daily rollup: one row per account, marketplace, day and segment (B2B or not)."""

    __tablename__ = "rollup_segment_day"
    account_id: int = Field(primary_key=True)
    marketplace: str = Field(primary_key=True, max_length=4)
    day: date = Field(primary_key=True)
    is_business: bool = Field(primary_key=True)


class IndustryDay(DailyMeasures, table=True):
    """Daily rollup of B2B lines by buyer industry and sub-industry ('' when unclassified)."""

    __tablename__ = "rollup_industry_day"
    account_id: int = Field(primary_key=True)
    marketplace: str = Field(primary_key=True, max_length=4)
    day: date = Field(primary_key=True)
    industry: str = Field(primary_key=True)
    sub_industry: str = Field(primary_key=True)


class ProductDay(DailyMeasures, table=True):
    """Daily rollup by product (ASIN and SKU) and segment: Top Products reads the B2B rows,
    Business Reports by child ASIN both."""

    __tablename__ = "rollup_product_day"
    account_id: int = Field(primary_key=True)
    marketplace: str = Field(primary_key=True, max_length=4)
    day: date = Field(primary_key=True)
    asin: str = Field(primary_key=True, max_length=10)
    sku: str = Field(primary_key=True, max_length=40)
    is_business: bool = Field(primary_key=True)


class TrafficFields(SQLModel):
    """Traffic figures of a report: counts, and percentages as percent numbers (may exceed 100)."""

    total_sessions: int | None = None
    b2b_sessions: int | None = None
    total_page_views: int | None = None
    b2b_page_views: int | None = None
    total_buy_box_pct: float | None = None
    b2b_buy_box_pct: float | None = None
    total_unit_session_pct: float | None = None
    b2b_unit_session_pct: float | None = None


class DayRollup(TrafficFields, table=True):
    """The one daily truth per account, marketplace and day (the Sales Snapshot and Business
    Reports by date read it): the figures of the latest daily report import covering the day
    (`source` "report"), else the day's order lines (`source` "orders"). B2B columns are None when
    the report did not say (B2B unknown, never 0); orders are None for reports (they count order
    items, not orders); traffic columns are None for order-line days."""

    __tablename__ = "rollup_day"
    account_id: int = Field(primary_key=True)
    marketplace: str = Field(primary_key=True, max_length=4)
    day: date = Field(primary_key=True)
    source: str = Field(max_length=8)  # orders | report
    import_id: int | None = None
    total_sales_minor: int = Field(sa_type=BigInteger, nullable=False)
    total_units: int
    total_orders: int | None = None
    total_order_items: int | None = None
    b2b_sales_minor: int | None = Field(default=None, sa_type=BigInteger, nullable=True)
    b2b_units: int | None = None
    b2b_orders: int | None = None
    b2b_order_items: int | None = None


class DataVersion(SQLModel, table=True):
    """Bumped whenever an account's sales change; part of every cached read's key."""

    account_id: int = Field(primary_key=True)
    version: int = 0


class Product(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("account_id", "marketplace", "sku"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    marketplace: str = Field(max_length=4)
    asin: str = Field(max_length=10, index=True)
    sku: str = Field(max_length=40)
    title: str
    brand: str = ""
    category: str = "General"
    standard_price_minor: int = Field(sa_column=Column(BigInteger, nullable=False))
    business_price_minor: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    fulfilment_channel: str = "FBA"
    active: bool = True


class QuantityTier(SQLModel, table=True):
    """A quantity discount of an offer (SPEC §2): from `min_quantity` units, either a fixed unit
    price or a percent off the business price. Up to five per offer, kept in ascending order."""

    __tablename__ = "quantity_tier"
    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    min_quantity: int
    kind: str = Field(max_length=8)  # fixed | percent
    price_minor: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    percent_off: int | None = None
