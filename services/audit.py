"""The audit log: who, when, account, action, before/after."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

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
    session: Session, account_ids: list[int] | None = None, action: str | None = None, limit: int = 500
) -> list[AuditEntry]:
    """Newest first; `account_ids` None means every account (internal reviewers)."""
    stmt = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()).limit(limit)
    if account_ids is not None:
        stmt = stmt.where(col(AuditEntry.account_id).in_(account_ids))
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return list(session.exec(stmt))
