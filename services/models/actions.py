"""Business Action Center: tasks, business profile, credentials, buyer requests (SPEC §3.4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from services.types import instant_field


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
