"""Per-user preferences: minimized widgets and ratings (SPEC §3 widget frame), and the language each
person reads the app and their email in (SPEC §13)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from services import i18n
from services.errors import NotFound, ValidationError
from services.i18n import M
from services.models import User, WidgetRating, WidgetState
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
        raise ValidationError(M("Choose 1 to 5 stars."), field="stars")
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


def language(session: Session, user_id: int) -> str | None:
    """The language the person chose (a key of i18n.LANGUAGES), or None if they never chose."""
    user = session.get(User, user_id)
    return i18n.normalize(user.language) if user and user.language else None


def language_of(session: Session, email: str) -> str:
    """The language an email to this address goes out in: its user's choice, else English."""
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    return (i18n.normalize(user.language) if user and user.language else None) or i18n.DEFAULT


def set_language(session: Session, user_id: int, lang: str) -> str:
    """Remember the person's language; returns the normalized code."""
    code = i18n.normalize(lang)
    if code is None:
        raise ValidationError(M("Choose one of the offered languages."), field="language")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(M("No such user."))
    user.language = code
    session.add(user)
    session.flush()
    return code
