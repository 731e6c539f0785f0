"""Permission checks: the one gate every read and write of account data goes through (SPEC §1).

- :func:`require` — a seller user's level on an area of an account (inactive users have none);
- :func:`require_reviewer` — an active internal reviewer;
- :func:`guarded` — a decorator for read services ``f(session, account_id, ..., user_id=None)``:
  with an acting user it checks :func:`require` before the function runs; ``user_id=None`` is
  the system (seed, importers, scripts, tests).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TypeVar

from sqlmodel import Session, select

from services.errors import NO_ACCESS_MESSAGE, PermissionDenied
from services.i18n import M
from services.models import Membership, User

AREAS = ("b2b", "actions", "supply_chain", "partners", "health", "settings")
LEVELS = ("none", "view", "edit")
AREA_LABELS = {
    "b2b": M("B2B Central"),
    "actions": M("Business Action Center"),
    "supply_chain": M("Supply Chain Connect"),
    "partners": M("Partner authorizations"),
    "health": M("Account Health"),
    "settings": M("Settings"),
}
_RANK = {level: i for i, level in enumerate(LEVELS)}
REVIEWERS_ONLY = M("Only internal reviewers can do this.")

F = TypeVar("F", bound=Callable)


def effective_level(membership: Membership, area: str) -> str:
    """The level a membership gives on an area: admins edit everything; managers view every area
    but Settings unless given more; users only what they were given."""
    return _role_level(membership.role, membership.areas, area)


def _role_level(role: str, areas: dict[str, str], area: str) -> str:
    if role == "admin":
        return "edit"
    if role == "manager":
        default = "none" if area == "settings" else "view"
        return areas.get(area, default)
    return areas.get(area, "none")


def _active_user(session: Session, user_id: int | None) -> User | None:
    user = session.get(User, user_id) if user_id is not None else None
    return user if user is not None and user.active else None


def levels(session: Session, user_id: int, account_id: int) -> dict[str, str]:
    """Every area's level for this user in this account (all 'none' without a membership, and for
    inactive, supplier and reviewer users)."""
    user = _active_user(session, user_id)
    membership = None
    if user is not None and user.kind == "seller":
        membership = session.exec(
            select(Membership).where(Membership.user_id == user_id, Membership.account_id == account_id)
        ).first()
    if membership is None:
        return {area: "none" for area in AREAS}
    return {area: effective_level(membership, area) for area in AREAS}


def require_seller(session: Session, user_id: int) -> User:
    """The user, if an active seller user (what a portfolio or alerts need), else PermissionDenied."""
    user = session.get(User, user_id)
    if user is None or not user.active or user.kind != "seller":
        raise PermissionDenied(M("Only active seller users have a portfolio and alerts."))
    return user


def level_map(session: Session, *, user_ids: list[int] | None = None,
              account_ids: list[int] | None = None) -> dict[tuple[int, int], dict[str, str]]:
    """{(user_id, account_id): {area: level}} for every membership of active seller users (of those
    users and accounts when given) that shows at least one area: the same answer as `levels`, for
    many pairs in one query."""
    m = Membership.__table__.c
    query = (select(m.user_id, m.account_id, m.role, m.areas).join(User, User.id == m.user_id)
             .where(User.active, User.kind == "seller"))
    if user_ids is not None:
        query = query.where(m.user_id.in_(user_ids))
    if account_ids is not None:
        query = query.where(m.account_id.in_(account_ids))
    found = {}
    for user_id, account_id, role, areas in session.execute(query):
        have = {area: _role_level(role, areas, area) for area in AREAS}
        if any(v != "none" for v in have.values()):
            found[(user_id, account_id)] = have
    return found


def visible_accounts(session: Session, user_id: int) -> dict[int, dict[str, str]]:
    """{account_id: {area: level}} of every account the user may see now ({} for an inactive user)."""
    return {account_id: have for (_, account_id), have in level_map(session, user_ids=[user_id]).items()}


def can(session: Session, user_id: int, account_id: int, area: str, level: str = "view") -> bool:
    return _RANK[levels(session, user_id, account_id)[area]] >= _RANK[level]


def require(session: Session, user_id: int, account_id: int, area: str, level: str = "view") -> None:
    """Raise PermissionDenied unless the user has at least `level` on `area` of the account.

    Unknown and foreign accounts get the same message, so ids reveal nothing.
    """
    if area not in AREAS or level not in LEVELS:
        raise ValueError(f"unknown area/level {area}/{level}")
    have = levels(session, user_id, account_id)
    if all(v == "none" for v in have.values()):
        raise PermissionDenied(NO_ACCESS_MESSAGE)
    if _RANK[have[area]] < _RANK[level]:
        if level == "edit":
            raise PermissionDenied(M("You don't have permission to change {area} in this account.",
                                     area=AREA_LABELS[area]))
        raise PermissionDenied(M("You don't have permission to see {area} in this account.", area=AREA_LABELS[area]))


def role(session: Session, user_id: int, account_id: int) -> str | None:
    """The active seller user's role in the account (admin | user | manager), None without one."""
    user = _active_user(session, user_id)
    if user is None or user.kind != "seller":
        return None
    return session.exec(select(Membership.role).where(Membership.user_id == user_id,
                                                      Membership.account_id == account_id)).first()


def require_admin(session: Session, user_id: int | None, account_id: int, message: str) -> None:
    """Raise PermissionDenied(message) unless the user is an active admin of the account (None: the system)."""
    if user_id is not None and role(session, user_id, account_id) != "admin":
        raise PermissionDenied(message)


def is_reviewer(session: Session, user_id: int | None) -> bool:
    user = _active_user(session, user_id)
    return user is not None and user.kind == "reviewer"


def require_reviewer(session: Session, user_id: int | None) -> None:
    """Raise PermissionDenied unless the user is an active internal reviewer (None: the system)."""
    if user_id is not None and not is_reviewer(session, user_id):
        raise PermissionDenied(REVIEWERS_ONLY)


def require_kind(session: Session, user_id: int | None, kind: str, message: str) -> User | None:
    """The active user when it is of `kind` (None for the system), else PermissionDenied(message)."""
    if user_id is None:
        return None
    user = _active_user(session, user_id)
    if user is None or user.kind != kind:
        raise PermissionDenied(message)
    return user


def require_any(session: Session, user_id: int, account_id: int, areas: tuple[str, ...],
                level: str = "view") -> None:
    """Like :func:`require`, passing when the user has `level` on any one of `areas`."""
    failure = None
    for area in areas:
        try:
            require(session, user_id, account_id, area, level)
            return
        except PermissionDenied as exc:
            failure = failure or exc
    raise failure


def guarded(area: str | tuple[str, ...], level: str = "view") -> Callable[[F], F]:
    """Check the acting user (keyword ``user_id``) on the function's ``account_id`` before it runs.

    The wrapped function must take ``session`` and ``account_id`` and a ``user_id=None`` keyword.
    `area` may be a tuple: any one of them is enough. ``fn.__guard__`` names the areas and the
    level (the service matrix test reads it).
    """
    areas = (area,) if isinstance(area, str) else tuple(area)

    def decorate(fn: F) -> F:
        signature = inspect.signature(fn)
        if not {"session", "account_id", "user_id"} <= set(signature.parameters):
            raise TypeError(f"{fn.__qualname__} needs session, account_id and user_id parameters")

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            user_id = bound.arguments.get("user_id")
            if user_id is not None:
                require_any(bound.arguments["session"], user_id, bound.arguments["account_id"], areas, level)
            return fn(*args, **kwargs)

        wrapper.__guard__ = (areas, level)
        return wrapper  # type: ignore[return-value]

    return decorate
