"""The audit log: who, when, account, action, before/after."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from services import access
from services.errors import NO_ACCESS_MESSAGE, PermissionDenied
from services.models import AuditEntry
from services.types import utcnow


def record_audit(
    session: Session,
    actor_user_id: int | None,
    account_id: int | None,
    action: str,
    entity: str = "",
    before: dict | None = None,
    after: dict | None = None,
    now: datetime | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        at=now or utcnow(),
        actor_user_id=actor_user_id,
        account_id=account_id,
        action=action,
        entity=entity,
        before=before,
        after=after,
    )
    session.add(entry)
    session.flush()
    return entry


def audit_entries(
    session: Session, account_ids: list[int] | None = None, action: str | None = None, limit: int = 500, *,
    user_id: int | None = None,
) -> list[AuditEntry]:
    """Newest first; `account_ids` None means every account. With an acting user: internal
    reviewers read any account's entries; a seller user only those of accounts where they may
    see Settings (`account_ids` then required)."""
    if user_id is not None and not access.is_reviewer(session, user_id):
        if account_ids is None:
            raise PermissionDenied(NO_ACCESS_MESSAGE)
        for account_id in account_ids:
            access.require(session, user_id, account_id, "settings", "view")
    stmt = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()).limit(limit)
    if account_ids is not None:
        stmt = stmt.where(col(AuditEntry.account_id).in_(account_ids))
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return list(session.exec(stmt))
