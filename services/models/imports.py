"""Imported seller reports (SPEC §12): one `Import` per file and the facts it brought, keyed by it.

Facts are never overwritten by a later file: the effective figure is chosen when reading or when
the daily rollup is rebuilt (the latest import covering the day wins), so undoing an import
brings the earlier one's figures back. Undo deletes the import's facts and keeps the `Import`
row (with `undone_at`) for the history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Column, Index, text
from sqlmodel import Field, SQLModel

from services.models.sales import TrafficFields
from services.types import instant_field


class Import(SQLModel, table=True):
    """One imported file. The same bytes (SHA-256) are imported once per account while the import
    stands (a partial unique index); after an undo they may come in again."""

    __tablename__ = "report_import"
    __table_args__ = (
        Index("ix_report_import_account", "account_id", "created_at"),
        Index("uq_report_import_active_sha", "account_id", "sha256", unique=True,
              sqlite_where=text("undone_at IS NULL"), postgresql_where=text("undone_at IS NULL")),
    )
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id")
    kind: str = Field(max_length=40)
    marketplace: str = Field(max_length=4)  # the first of `marketplaces`
    marketplaces: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    filename: str = Field(max_length=255)
    sha256: str = Field(max_length=64)
    first_day: date | None = None
    last_day: date | None = None
    rows: int = 0
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = instant_field(nullable=False)
    undone_at: datetime | None = instant_field(nullable=True)
    undone_by: int | None = Field(default=None, foreign_key="user.id")


class SalesFields(SQLModel):
    """Sales figures of a report: the total and B2B beside it (B2B None: the report did not say)."""

    total_sales_minor: int = Field(sa_type=BigInteger, nullable=False)
    total_units: int
    total_order_items: int | None = None
    b2b_sales_minor: int | None = Field(default=None, sa_type=BigInteger, nullable=True)
    b2b_units: int | None = None
    b2b_order_items: int | None = None


class ImportDay(SalesFields, TrafficFields, table=True):
    """A day of a daily report (Business Report by date, Sales & Traffic by date)."""

    __tablename__ = "import_day"
    __table_args__ = (Index("ix_import_day_acct_mp_day", "account_id", "marketplace", "day", "import_id"),)
    import_id: int = Field(primary_key=True, foreign_key="report_import.id")
    marketplace: str = Field(primary_key=True, max_length=4)
    day: date = Field(primary_key=True)
    account_id: int


class ImportAsin(SalesFields, TrafficFields, table=True):
    """A child ASIN (and SKU, '' when the file has none) of a by-ASIN report over its period;
    rows of the same child under several parents are summed."""

    __tablename__ = "import_asin"
    __table_args__ = (Index("ix_import_asin_period", "account_id", "marketplace", "period_start", "period_end"),)
    import_id: int = Field(primary_key=True, foreign_key="report_import.id")
    asin: str = Field(primary_key=True, max_length=10)
    sku: str = Field(primary_key=True, max_length=40)
    account_id: int
    marketplace: str = Field(max_length=4)
    period_start: date
    period_end: date
    parent_asins: str = ""  # comma-separated, as found
    title: str = ""


class ImportMetric(SQLModel, table=True):
    """A seller performance metric of one marketplace: rates in percent (the report's fractions ×
    100), or a defects count for policy blocks; Amazon's status and target beside it."""

    __tablename__ = "import_metric"
    import_id: int = Field(primary_key=True, foreign_key="report_import.id")
    marketplace: str = Field(primary_key=True, max_length=4)
    metric: str = Field(primary_key=True, max_length=60)
    account_id: int = Field(index=True)
    value_pct: float | None = None
    defects: int | None = None
    status: str = ""
    target_pct: float | None = None
    target_condition: str = ""
    period_from: date | None = None
    period_to: date | None = None


class ImportAccountStatus(SQLModel, table=True):
    """The account status (NORMAL, AT_RISK, DEACTIVATED, SUSPENDED) and AHR status (GREAT, WARNED)
    a seller performance report gives for one marketplace."""

    __tablename__ = "import_account_status"
    import_id: int = Field(primary_key=True, foreign_key="report_import.id")
    marketplace: str = Field(primary_key=True, max_length=4)
    account_id: int = Field(index=True)
    status: str | None = None
    ahr_status: str | None = None
    as_of: date | None = None


class ImportAhr(SQLModel, table=True):
    """An AHR score an import wrote, with the score the day had before it (None: no score), so an
    undo can put the day back."""

    __tablename__ = "import_ahr"
    __table_args__ = (Index("ix_import_ahr_acct_day", "account_id", "day"),)
    import_id: int = Field(primary_key=True, foreign_key="report_import.id")
    day: date = Field(primary_key=True)
    account_id: int
    score: int
    previous_score: int | None = None


class ImportOrder(SQLModel, table=True):
    """An order an all-orders file names as cancelled: it has no lines from that file, yet it
    replaces the order's lines from earlier files."""

    __tablename__ = "import_order"
    __table_args__ = (Index("ix_import_order_order", "account_id", "marketplace", "order_id"),)
    import_id: int = Field(primary_key=True, foreign_key="report_import.id")
    marketplace: str = Field(primary_key=True, max_length=4)
    order_id: str = Field(primary_key=True, max_length=40)
    account_id: int
