"""Roles, per-area levels, and the audit trail of permission changes (SPEC §1)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from services import access, accounts
from services.errors import NO_ACCESS_MESSAGE, Conflict, PermissionDenied, ValidationError
from services.models import AuditEntry
from tests.factories import make_account, make_user


@pytest.fixture
def world(session):
    a, b = make_account(session), make_account(session, "DE")
    admin, viewer, manager, supplier = (make_user(session), make_user(session), make_user(session),
                                        make_user(session, kind="supplier"))
    accounts.grant(session, None, admin.id, a.id, "admin")
    accounts.grant(session, admin.id, viewer.id, a.id, "user", {"b2b": "view", "actions": "edit"})
    accounts.grant(session, None, manager.id, a.id, "manager")
    accounts.grant(session, None, manager.id, b.id, "manager", {"health": "edit"})
    session.commit()
    return a, b, admin, viewer, manager, supplier


def test_admin_may_edit_everything_of_own_account_only(session, world):
    a, b, admin, *_ = world
    for area in access.AREAS:
        access.require(session, admin.id, a.id, area, "edit")
    with pytest.raises(PermissionDenied) as exc:
        access.require(session, admin.id, b.id, "b2b")
    assert exc.value.message == NO_ACCESS_MESSAGE


def test_user_levels_per_area(session, world):
    a, _, _, viewer, *_ = world
    access.require(session, viewer.id, a.id, "b2b", "view")
    access.require(session, viewer.id, a.id, "actions", "edit")
    with pytest.raises(PermissionDenied, match="permission to change B2B Central"):
        access.require(session, viewer.id, a.id, "b2b", "edit")
    with pytest.raises(PermissionDenied, match="permission to see Settings"):
        access.require(session, viewer.id, a.id, "settings")
    assert access.levels(session, viewer.id, a.id)["partners"] == "none"


def test_manager_views_portfolio_and_edits_only_where_granted(session, world):
    a, b, _, _, manager, _ = world
    access.require(session, manager.id, a.id, "b2b", "view")
    with pytest.raises(PermissionDenied):
        access.require(session, manager.id, a.id, "b2b", "edit")
    access.require(session, manager.id, b.id, "health", "edit")
    assert access.levels(session, manager.id, a.id)["settings"] == "none"


def test_suppliers_unknown_accounts_and_inactive_users_get_the_same_answer(session, world):
    a, _, admin, _, _, supplier = world
    for user_id, account_id in ((supplier.id, a.id), (admin.id, 987_654), (424_242, a.id)):
        with pytest.raises(PermissionDenied) as exc:
            access.require(session, user_id, account_id, "b2b")
        assert exc.value.message == NO_ACCESS_MESSAGE
    admin.active = False
    session.add(admin)
    session.flush()
    with pytest.raises(PermissionDenied):
        access.require(session, admin.id, a.id, "b2b")


def test_only_admins_grant_and_every_grant_is_audited(session, world):
    a, _, admin, viewer, *_ = world
    newcomer = make_user(session)
    with pytest.raises(PermissionDenied):
        accounts.grant(session, viewer.id, newcomer.id, a.id, "admin")
    accounts.grant(session, admin.id, viewer.id, a.id, "user", {"b2b": "edit"})
    entries = session.exec(select(AuditEntry).where(AuditEntry.account_id == a.id).order_by(AuditEntry.id)).all()
    last = entries[-1]
    assert (last.action, last.actor_user_id, last.entity) == ("permission.change", admin.id, f"user:{viewer.id}")
    assert last.before == {"role": "user", "areas": {"b2b": "view", "actions": "edit"}}
    assert last.after == {"role": "user", "areas": {"b2b": "edit"}}
    assert {e.action for e in entries} == {"permission.grant", "permission.change"}
    assert not any(e.entity == f"user:{newcomer.id}" for e in entries)  # the refused grant left nothing


def test_bad_grants_are_refused(session, world):
    a, _, admin, viewer, _, supplier = world
    with pytest.raises(ValidationError):
        accounts.grant(session, admin.id, viewer.id, a.id, "owner")
    with pytest.raises(ValidationError):
        accounts.grant(session, admin.id, viewer.id, a.id, "user", {"b2b": "write"})
    with pytest.raises(ValidationError):
        accounts.grant(session, admin.id, supplier.id, a.id, "user")
    with pytest.raises(Conflict, match="at least one admin"):
        accounts.grant(session, admin.id, admin.id, a.id, "user")
    assert access.levels(session, admin.id, a.id)["settings"] == "edit"
