"""Per-user widget preferences: minimized state and ratings (SPEC §3 widget frame)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from services.errors import ValidationError
from services.models import WidgetRating, WidgetState
from services.text import clean_text

MAX_COMMENT = 1000


def minimized_widgets(session: Session, user_id: int) -> set[str]:
    rows = session.exec(select(WidgetState.widget).where(WidgetState.user_id == user_id, WidgetState.minimized))
    return set(rows)


def set_minimized(session: Session, user_id: int, widget: str, minimized: bool) -> None:
    state = session.get(WidgetState, (user_id, widget)) or WidgetState(user_id=user_id, widget=widget)
    state.minimized = minimized
    session.add(state)
    session.flush()


def rate_widget(session: Session, user_id: int, widget: str, stars: int, comment: str, now: datetime) -> WidgetRating:
    if not isinstance(stars, int) or not 1 <= stars <= 5:
        raise ValidationError("Choose 1 to 5 stars.", field="stars")
    comment = clean_text(comment, "comment", "Comment", MAX_COMMENT, multiline=True)
    rating = session.get(WidgetRating, (user_id, widget)) or WidgetRating(
        user_id=user_id, widget=widget, stars=stars, rated_at=now
    )
    rating.stars, rating.comment, rating.rated_at = stars, comment, now
    session.add(rating)
    session.flush()
    return rating


def widget_rating(session: Session, user_id: int, widget: str) -> WidgetRating | None:
    return session.get(WidgetRating, (user_id, widget))
