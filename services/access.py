"""Permission checks: the one gate every page and write path goes through (SPEC §1)."""

from __future__ import annotations

from sqlmodel import Session, select

from services.errors import NO_ACCESS_MESSAGE, PermissionDenied
from services.models import Membership, User

AREAS = ("b2b", "actions", "supply_chain", "partners", "health", "settings")
LEVELS = ("none", "view", "edit")
AREA_LABELS = {
    "b2b": "B2B Central",
    "actions": "Business Action Center",
    "supply_chain": "Supply Chain Connect",
    "partners": "Partner authorizations",
    "health": "Account Health",
    "settings": "Settings",
}
_RANK = {level: i for i, level in enumerate(LEVELS)}


def _level(membership: Membership, area: str) -> str:
    return _role_level(membership.role, membership.areas, area)


def _role_level(role: str, areas: dict[str, str], area: str) -> str:
    if role == "admin":
        return "edit"
    if role == "manager":
        default = "none" if area == "settings" else "view"
        return areas.get(area, default)
    return areas.get(area, "none")


def levels(session: Session, user_id: int, account_id: int) -> dict[str, str]:
    """Every area's level for this user in this account (all 'none' without a membership)."""
    user = session.get(User, user_id)
    membership = None
    if user is not None and user.active and user.kind == "seller":
        membership = session.exec(
            select(Membership).where(Membership.user_id == user_id, Membership.account_id == account_id)
        ).first()
    if membership is None:
        return {area: "none" for area in AREAS}
    return {area: _level(membership, area) for area in AREAS}


def require_seller(session: Session, user_id: int) -> User:
    """The user, if an active seller user (what a portfolio or alerts need), else PermissionDenied."""
    user = session.get(User, user_id)
    if user is None or not user.active or user.kind != "seller":
        raise PermissionDenied("Only active seller users have a portfolio and alerts.")
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
        need = "change" if level == "edit" else "see"
        raise PermissionDenied(f"You don't have permission to {need} {AREA_LABELS[area]} in this account.")
