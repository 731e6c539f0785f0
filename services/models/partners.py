"""Tables for brand partner authorizations (SPEC §6)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from services.types import instant_field


class Brand(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner_account_id: int = Field(foreign_key="account.id", index=True)
    name: str
    status: str = "Active"  # Active | Pending | Suspended


class BrandAsin(SQLModel, table=True):
    """An ASIN bound to a brand (it has a brand catalogue id), with its category."""

    __tablename__ = "brand_asin"
    brand_id: int = Field(primary_key=True, foreign_key="brand.id")
    asin: str = Field(primary_key=True, max_length=10)
    category: str = "General"


class PartnerStanding(SQLModel, table=True):
    """Facts about a seller account that partner eligibility checks (seeded or set by reviewers)."""

    __tablename__ = "partner_standing"
    account_id: int = Field(primary_key=True, foreign_key="account.id")
    infringement_record: bool = False
    restricted: bool = False


class PartnerAuthorization(SQLModel, table=True):
    __tablename__ = "partner_authorization"
    id: int | None = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", index=True)
    partner_account_id: int = Field(foreign_key="account.id", index=True)
    asins: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    marketplaces: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    start: date
    end: date
    status: str = "Submitted"  # Submitted | Under review | Approved | Rejected | Revoked | Expired
    requested_by: int | None = Field(default=None, foreign_key="user.id")
    requested_at: datetime = instant_field(nullable=False)
    reviewed_by: int | None = Field(default=None, foreign_key="user.id")
    reviewed_at: datetime | None = instant_field(nullable=True)
    note: str = ""
    closed_at: datetime | None = instant_field(nullable=True)  # revoked or expired


class PermissionLogEntry(SQLModel, table=True):
    """Every request, decision, change, revocation and expiry of a brand's authorizations."""

    __tablename__ = "permission_log"
    id: int | None = Field(default=None, primary_key=True)
    brand_id: int = Field(foreign_key="brand.id", index=True)
    authorization_id: int | None = Field(default=None, foreign_key="partner_authorization.id")
    at: datetime = instant_field(nullable=False)
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    action: str
    detail: str = ""
