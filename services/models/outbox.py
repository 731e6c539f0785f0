"""The email outbox (SPEC §9)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from services.types import instant_field


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
