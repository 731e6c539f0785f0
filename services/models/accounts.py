"""Seller accounts, users, memberships, sign-in and the audit log (SPEC §1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
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
    created_at: datetime = instant_field(nullable=False)
    language: str | None = Field(default=None, max_length=10)  # en | zh_Hans | zh_Hant; None: not chosen yet


class LoginFailure(SQLModel, table=True):
    """One wrong password for an email (known or not: the lockout counts both alike)."""

    __tablename__ = "login_failure"
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True)  # lower-case, as typed
    at: datetime = instant_field(nullable=False)


class LoginLock(SQLModel, table=True):
    """An email locked after too many wrong passwords (SPEC §1 policy), until `locked_until`."""

    __tablename__ = "login_lock"
    email: str = Field(primary_key=True)
    locked_until: datetime = instant_field(nullable=False)


class UserSession(SQLModel, table=True):
    """A signed-in browser. The cookie carries a random token; only its SHA-256 is stored. Sign
    out revokes this row; sign out everywhere revokes all of the user's rows."""

    __tablename__ = "user_session"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_hash: str = Field(unique=True, index=True, max_length=64)
    created_at: datetime = instant_field(nullable=False)
    expires_at: datetime = instant_field(nullable=False)
    revoked_at: datetime | None = instant_field(nullable=True)


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
