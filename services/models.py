"""SQLModel tables. Money is stored as integer minor units (cents) so sums are exact."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from services.types import instant_field


class Marketplace(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=4)
    name: str
    currency: str = Field(max_length=3)
    timezone: str
    locale: str
    domain: str


class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    merchant_token: str = Field(unique=True, index=True, max_length=20)
    home_marketplace: str = Field(foreign_key="marketplace.code")
    marketplaces: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_on: date


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True)  # stored lower-case
    display_name: str
    password_hash: str
    kind: str = "seller"  # seller | supplier | reviewer
    active: bool = True
    failed_login_count: int = 0
    locked_until: datetime | None = instant_field(nullable=True)
    sessions_revoked_at: datetime | None = instant_field(nullable=True)
    created_at: datetime = instant_field(nullable=False)


class LoginFailure(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    at: datetime = instant_field(nullable=False)


class Membership(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("user_id", "account_id"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    role: str  # admin | user | manager
    areas: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class AuditEntry(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = instant_field(nullable=False, index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    action: str
    entity: str = ""
    before: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class OrderLine(SQLModel, table=True):
    __table_args__ = (Index("ix_orderline_acct_mp_day", "account_id", "marketplace", "purchase_date"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id")
    marketplace: str = Field(max_length=4)
    order_id: str = Field(max_length=40)
    purchase_date: date
    asin: str = Field(max_length=10)
    sku: str = Field(max_length=40)
    units: int
    sales_minor: int = Field(sa_column=Column(BigInteger, nullable=False))
    is_business_order: bool
    industry: str | None = None
    sub_industry: str | None = None


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


class WidgetState(SQLModel, table=True):
    """Per user and widget: minimized or not."""

    user_id: int = Field(primary_key=True, foreign_key="user.id")
    widget: str = Field(primary_key=True)
    minimized: bool = False


class WidgetRating(SQLModel, table=True):
    user_id: int = Field(primary_key=True, foreign_key="user.id")
    widget: str = Field(primary_key=True)
    stars: int
    comment: str = ""
    rated_at: datetime = instant_field(nullable=False)


# --- Business Action Center (SPEC §3.4), email outbox (SPEC §9) -------------------------------


class Task(SQLModel, table=True):
    """A Business Action Center task. `key` identifies what it is about within the account
    ("buyer_request:12", "business_profile", "credential:ISO 9001", "welcome:business_prices"):
    one open row per account and key. `visible_until` is when an untouched task disappears
    (14 days after it appeared; restoring restarts it); `expires_at` is a hard expiry (buyer
    requests). `completed_at` is set once the work is done (or its condition stops holding)."""

    __table_args__ = (Index("ix_task_account_open", "account_id", "completed_at"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id")
    type: str = Field(max_length=20)  # buyer_request | credential | business_profile | welcome
    key: str = Field(max_length=80)
    title: str
    link: str
    created_at: datetime = instant_field(nullable=False)
    visible_until: datetime = instant_field(nullable=False)
    expires_at: datetime | None = instant_field(nullable=True)
    dismissed_at: datetime | None = instant_field(nullable=True)
    dismissed_by: int | None = Field(default=None, foreign_key="user.id")
    completed_at: datetime | None = instant_field(nullable=True)


class BusinessProfile(SQLModel, table=True):
    account_id: int = Field(primary_key=True, foreign_key="account.id")
    about: str = ""
    year_established: int | None = None
    employees: int | None = None
    duns: str = ""
    website: str = ""
    business_type: str = ""
    credentials_reviewed_at: datetime | None = instant_field(nullable=True)
    updated_at: datetime | None = instant_field(nullable=True)


class CredentialEligibility(SQLModel, table=True):
    """Credentials an account looks eligible for (seeded; in production from a registry check)."""

    account_id: int = Field(primary_key=True, foreign_key="account.id")
    credential: str = Field(primary_key=True, max_length=60)


class Credential(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    credential: str = Field(max_length=60)
    issuing_agency: str
    certificate_number: str
    issued_on: date
    expires_on: date
    approved_at: datetime = instant_field(nullable=False)
    approved_by: int | None = Field(default=None, foreign_key="user.id")


class BuyerRequest(SQLModel, table=True):
    """A registered business buyer's request for a quantity discount on an ASIN (SPEC §3.4)."""

    id: int | None = Field(default=None, primary_key=True)
    marketplace: str = Field(foreign_key="marketplace.code")
    asin: str = Field(max_length=10, index=True)
    quantity: int
    buyer_name: str = ""
    message: str = ""
    target_price_minor: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = instant_field(nullable=False)
    expires_at: datetime = instant_field(nullable=False)


class BuyerRequestResponse(SQLModel, table=True):
    """One seller account's side of a buyer request: its answer (or none yet)."""

    __table_args__ = (UniqueConstraint("request_id", "account_id"),)
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="buyerrequest.id", index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    status: str = "needs_response"  # needs_response | responded | declined (expired is derived)
    unit_price_minor: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    note: str = ""
    responded_at: datetime | None = instant_field(nullable=True)
    responded_by: int | None = Field(default=None, foreign_key="user.id")


class Email(SQLModel, table=True):
    """The outbox: every email the app sends, kept with its delivery state (SPEC §9)."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    to: str
    subject: str
    body: str
    status: str = "queued"  # queued | sent | failed (failed ones are retried)
    attempts: int = 0
    last_error: str = ""
    created_at: datetime = instant_field(nullable=False)
    next_attempt_at: datetime | None = instant_field(nullable=True)
    sent_at: datetime | None = instant_field(nullable=True)


from services.models_health import AhaCase, AhrScore, HealthMetric, HealthSettings, PolicyViolation  # noqa: E402,F401
from services.models_partners import (  # noqa: E402,F401
    Brand,
    BrandAsin,
    PartnerAuthorization,
    PartnerStanding,
    PermissionLogEntry,
)
from services.models_supply import (  # noqa: E402,F401  (one import gives every table)
    RemovalRequest,
    Shipment,
    SupplierCompany,
    SupplierConnection,
    SupplierInvitation,
    SupplierMember,
    UserInvitation,
)
