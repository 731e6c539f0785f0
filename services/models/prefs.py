"""Per-user widget preferences (SPEC §3 widget frame)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from services.types import instant_field


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
