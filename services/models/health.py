"""Tables for Account Health and Account Health Assurance (SPEC §7)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from services.types import instant_field


class AhrScore(SQLModel, table=True):
    """The Account Health Rating of one day (entered, loaded from a CSV, or seeded)."""

    __tablename__ = "ahr_score"
    account_id: int = Field(primary_key=True, foreign_key="account.id")
    day: date = Field(primary_key=True)
    score: int


class HealthSettings(SQLModel, table=True):
    """Per account: the emergency phone and Account Health Assurance enrolment."""

    __tablename__ = "health_settings"
    account_id: int = Field(primary_key=True, foreign_key="account.id")
    emergency_phone: str = ""  # E.164
    aha_enrolled: bool = False
    enrolled_on: date | None = None
    unenrolled_on: date | None = None
    phone_requested_on: date | None = None  # the "add a phone" email went out (once per spell)


class HealthMetric(SQLModel, table=True):
    """The latest value of a performance metric, in percent, for all orders or business orders."""

    __tablename__ = "health_metric"
    account_id: int = Field(primary_key=True, foreign_key="account.id")
    metric: str = Field(primary_key=True, max_length=30)
    segment: str = Field(primary_key=True, max_length=10)  # all | business
    value_pct: float
    as_of: date


class PolicyViolation(SQLModel, table=True):
    __tablename__ = "policy_violation"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    severity: str = Field(max_length=10)  # low | high | critical
    title: str
    occurred_on: date
    status: str = "open"  # open | responded | resolved


class AhaCase(SQLModel, table=True):
    """An issue that could lead to deactivation of an enrolled account: a specialist case with a
    72-hour clock."""

    __tablename__ = "aha_case"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    issue: str
    opened_at: datetime = instant_field(nullable=False)
    deadline: datetime = instant_field(nullable=False)
    callback_requested_at: datetime | None = instant_field(nullable=True)
    callback_phone: str = ""
    plan_what_happened: str = ""
    plan_actions_taken: str = ""
    plan_prevention: str = ""
    plan_submitted_at: datetime | None = instant_field(nullable=True)
    plan_status: str = ""  # "" | submitted | accepted
    resolved_at: datetime | None = instant_field(nullable=True)
    resolved_by: int | None = Field(default=None, foreign_key="user.id")
