"""Tables for Supply Chain Connect and account-user invitations (SPEC §1, §5)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from services.types import instant_field


class SupplierCompany(SQLModel, table=True):
    __tablename__ = "supplier_company"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    supplier_type: str = "other"  # manufacturer | freight_forwarder | wholesaler | other


class SupplierMember(SQLModel, table=True):
    """A supplier user belongs to one supplier company."""

    __tablename__ = "supplier_member"
    user_id: int = Field(primary_key=True, foreign_key="user.id")
    company_id: int = Field(foreign_key="supplier_company.id", index=True)


class SupplierInvitation(SQLModel, table=True):
    """An invitation between a seller account and a supplier. `direction` "to_supplier": the seller
    invites (single-use link by email); "to_seller": a supplier asks a seller to connect."""

    __tablename__ = "supplier_invitation"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    direction: str = "to_supplier"
    company: str
    contact_name: str = ""
    email: str = Field(index=True)  # lower-case
    supplier_type: str = "other"
    company_id: int | None = Field(default=None, foreign_key="supplier_company.id")
    token_hash: str = Field(unique=True, index=True, max_length=64)  # SHA-256 of the link's token
    status: str = "pending"  # pending | accepted | cancelled | declined (expired is derived)
    created_at: datetime = instant_field(nullable=False)
    expires_at: datetime = instant_field(nullable=False)
    invited_by: int | None = Field(default=None, foreign_key="user.id")
    answered_at: datetime | None = instant_field(nullable=True)

    @property
    def token(self) -> str | None:
        """The link's token, on the object that issued it only (see services.tokens)."""
        return self.__dict__.get("_plain_token")


class SupplierConnection(SQLModel, table=True):
    __tablename__ = "supplier_connection"
    __table_args__ = (UniqueConstraint("account_id", "company_id"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    company_id: int = Field(foreign_key="supplier_company.id", index=True)
    status: str = "active"  # active | removed
    connected_at: datetime = instant_field(nullable=False)
    removed_at: datetime | None = instant_field(nullable=True)


class RemovalRequest(SQLModel, table=True):
    __tablename__ = "supplier_removal_request"
    id: int | None = Field(default=None, primary_key=True)
    connection_id: int = Field(foreign_key="supplier_connection.id", index=True)
    reason: str
    requested_by: int | None = Field(default=None, foreign_key="user.id")
    requested_at: datetime = instant_field(nullable=False)
    status: str = "pending"  # pending | approved | rejected
    reviewed_by: int | None = Field(default=None, foreign_key="user.id")
    reviewed_at: datetime | None = instant_field(nullable=True)
    note: str = ""


class Shipment(SQLModel, table=True):
    """An inbound shipment the seller prepares and shares with a connected supplier."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    name: str
    destination_fc: str = Field(max_length=8)
    items: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # [{sku, quantity}]
    status: str = "draft"  # draft | shared | in_progress | shipped
    created_at: datetime = instant_field(nullable=False)
    company_id: int | None = Field(default=None, foreign_key="supplier_company.id", index=True)
    shared_at: datetime | None = instant_field(nullable=True)
    started_at: datetime | None = instant_field(nullable=True)
    boxes: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    carrier: str = ""
    tracking_numbers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ship_date: date | None = None
    completed_at: datetime | None = instant_field(nullable=True)
    completed_by: int | None = Field(default=None, foreign_key="user.id")


class UserInvitation(SQLModel, table=True):
    """An invitation for a person to join a seller account with a role and per-area levels."""

    __tablename__ = "user_invitation"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    email: str = Field(index=True)
    role: str
    areas: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    token_hash: str = Field(unique=True, index=True, max_length=64)  # SHA-256 of the link's token
    status: str = "pending"  # pending | accepted | cancelled
    created_at: datetime = instant_field(nullable=False)
    expires_at: datetime = instant_field(nullable=False)
    invited_by: int | None = Field(default=None, foreign_key="user.id")
    answered_at: datetime | None = instant_field(nullable=True)

    @property
    def token(self) -> str | None:
        """The link's token, on the object that issued it only (see services.tokens)."""
        return self.__dict__.get("_plain_token")
