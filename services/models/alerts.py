"""Alerts for account managers and admins (SPEC §8): per-person rules, the alerts they fired and
the daily digests sent."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from services.types import instant_field


class AlertRule(SQLModel, table=True):
    """One person's rule of one kind, for one account or (account_id None) for all the accounts
    they can see. A row with `enabled` False switches the kind off (a default one too)."""

    __tablename__ = "alert_rule"
    __table_args__ = (
        Index("ux_alert_rule_account", "user_id", "kind", "account_id", unique=True,
              sqlite_where=text("account_id IS NOT NULL"), postgresql_where=text("account_id IS NOT NULL")),
        Index("ux_alert_rule_all", "user_id", "kind", unique=True,
              sqlite_where=text("account_id IS NULL"), postgresql_where=text("account_id IS NULL")),
    )
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(max_length=30)
    account_id: int | None = Field(default=None, foreign_key="account.id")
    threshold: float | None = None
    channel: str = Field(default="in_app", max_length=10)  # in_app | email | digest
    enabled: bool = True
    created_at: datetime = instant_field(nullable=False)
    updated_at: datetime = instant_field(nullable=False)


class Alert(SQLModel, table=True):
    """One firing of a condition for one person. `condition_key` names the condition
    ("ahr_below:12", "buyer_request_expiring:12:345"): at most one open alert (cleared_at None)
    per person and key, enforced by a partial unique index."""

    __table_args__ = (
        Index("ux_alert_open", "user_id", "condition_key", unique=True,
              sqlite_where=text("cleared_at IS NULL"), postgresql_where=text("cleared_at IS NULL")),
        Index("ix_alert_user_fired", "user_id", "fired_at"),
        Index("ix_alert_account_open", "account_id", "cleared_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    account_id: int = Field(foreign_key="account.id")
    kind: str = Field(max_length=30)
    condition_key: str = Field(max_length=120)
    marketplace: str | None = Field(default=None, max_length=4)
    message: str
    link: str = ""
    channel: str = Field(default="in_app", max_length=10)  # the rule's channel when it fired
    fired_at: datetime = instant_field(nullable=False)
    cleared_at: datetime | None = instant_field(nullable=True)
    read_at: datetime | None = instant_field(nullable=True)
    snoozed_until: datetime | None = instant_field(nullable=True)
    emailed_at: datetime | None = instant_field(nullable=True)  # sent on its own or in a digest


class AlertDigest(SQLModel, table=True):
    """The daily digest sent to one person on one (UTC) day: at most one per day."""

    __tablename__ = "alert_digest"
    user_id: int = Field(primary_key=True, foreign_key="user.id")
    day: date = Field(primary_key=True)
    alerts: int
    sent_at: datetime = instant_field(nullable=False)
