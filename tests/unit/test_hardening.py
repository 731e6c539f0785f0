"""Issue 11's defects, each with the test that fails without its fix (the matrices live in
tests/security)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from services import accounts, auth, config, notifications, suppliers, team, tokens
from services.db import init_db
from services.errors import PermissionDenied, SignInRefused, ValidationError
from tests.conftest import NOW
from tests.factories import make_account, make_user
from tests.helpers import ONE_ACCOUNT, database_at

PASSWORD = "Right-pass-9"


@pytest.fixture
def shop(session):
    account = make_account(session, "US")
    admin, viewer = make_user(session), make_user(session)
    accounts.grant(session, None, admin.id, account.id, "admin")
    accounts.grant(session, None, viewer.id, account.id, "user", {"settings": "view", "b2b": "view"})
    return {"account": account, "admin": admin, "viewer": viewer}


# --- 1. a view-only user became admin through an invitation link in the outbox ---------------------


def test_invitation_tokens_are_stored_only_as_their_hash(session, shop):
    invitation = team.invite_user(session, shop["account"].id, shop["admin"].id, "boss@shop.example", "admin", None,
                                  NOW)
    assert invitation.token and invitation.token_hash == tokens.digest(invitation.token)
    stored = session.execute(sa.text("SELECT token_hash FROM user_invitation")).scalars().all()
    assert invitation.token not in str(stored)
    assert team.user_invitation_by_token(session, invitation.token, NOW).id == invitation.id


def test_the_outbox_hides_invitation_links_from_everyone_but_admins(session, shop):
    invitation = team.invite_user(session, shop["account"].id, shop["admin"].id, "boss@shop.example", "admin", None,
                                  NOW)
    ids = [shop["account"].id]
    [as_viewer] = notifications.outbox(session, account_ids=ids, user_id=shop["viewer"].id)
    [as_admin] = notifications.outbox(session, account_ids=ids, user_id=shop["admin"].id)
    assert invitation.token not in as_viewer.body and notifications.LINK_HIDDEN in as_viewer.body
    assert as_viewer.masked and as_viewer.subject == as_admin.subject and as_viewer.to == "boss@shop.example"
    assert invitation.token in as_admin.body and not as_admin.masked
    reviewer = make_user(session, kind="reviewer")
    assert all(invitation.token not in e.body for e in notifications.outbox(session, user_id=reviewer.id))


def test_an_admin_invitation_needs_the_invited_email_typed(session, shop):
    invitation = team.invite_user(session, shop["account"].id, shop["admin"].id, "boss@shop.example", "admin", None,
                                  NOW)
    with pytest.raises(ValidationError) as refused:  # a copied link alone
        team.accept_user_invitation(session, invitation.token, "Mallory", "Mallory-pass-1", NOW)
    assert refused.value.field == "email"
    with pytest.raises(ValidationError):
        team.accept_user_invitation(session, invitation.token, "Mallory", "Mallory-pass-1", NOW,
                                    email="mallory@evil.example")
    user = team.accept_user_invitation(session, invitation.token, "Boss", "Boss-pass-12", NOW,
                                       email=" Boss@Shop.example ")
    assert user.email == "boss@shop.example"
    assert team.invitation_preview(session, team.invite_user(
        session, shop["account"].id, shop["admin"].id, "next@shop.example", "admin", None, NOW).token, NOW).email \
        is None  # the page does not show an admin invitation's address


def test_hashing_existing_tokens_keeps_their_links_working(blank_db_url):
    """Migration 0008 turns each stored token into its SHA-256: old links still open."""
    engine, _ = database_at(
        blank_db_url, "0007", (ONE_ACCOUNT, {}),
        ("INSERT INTO user_invitation (id, account_id, email, role, areas, token, status, created_at, expires_at) "
         "VALUES (1, 1, 'p@x.example', 'user', '{}', 'old-link-token', 'pending', :c, :e)",
         {"c": NOW.replace(tzinfo=None), "e": (NOW + timedelta(days=7)).replace(tzinfo=None)}))
    init_db(engine)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT token_hash FROM user_invitation")).scalar()
        assert stored == tokens.digest("old-link-token")
        assert "token" not in [c["name"] for c in sa.inspect(conn).get_columns("user_invitation")]
    from sqlmodel import Session

    with Session(engine) as session:
        assert team.user_invitation_by_token(session, "old-link-token", NOW).email == "p@x.example"
    engine.dispose()


# --- 3. "Already have a sign-in?" checked passwords without the lockout ------------------------------


@pytest.fixture
def supplier_link(session, shop):
    supplier = make_user(session, email="sam@harbor.example", kind="supplier", password=PASSWORD)
    other = make_account(session, "US")
    invitation = suppliers.invite_supplier(session, other.id, None, "Harbor", "", supplier.email, "other", NOW)
    return supplier, invitation


def test_linking_with_a_password_counts_towards_the_lockout(session, supplier_link):
    supplier, invitation = supplier_link
    messages = set()
    for _ in range(config.LOCKOUT_MAX_FAILURES):
        with pytest.raises(SignInRefused) as refused:
            suppliers.link_existing_supplier(session, invitation.token, supplier.email, "wrong-pass-1", NOW)
        messages.add(refused.value.message)
    assert messages == {auth.WRONG_CREDENTIALS, auth.LOCKED}
    with pytest.raises(SignInRefused) as refused:  # locked: even the right password does not link
        suppliers.link_existing_supplier(session, invitation.token, supplier.email, PASSWORD, NOW)
    assert refused.value.message == auth.LOCKED and refused.value.keep_changes
    assert auth.authenticate(session, supplier.email, PASSWORD, NOW).message == auth.LOCKED  # the one lockout


def test_linking_refuses_another_email_and_says_nothing_of_the_account(session, supplier_link, shop):
    supplier, invitation = supplier_link
    with pytest.raises(ValidationError) as refused:  # a seller's email: no password is even checked
        suppliers.link_existing_supplier(session, invitation.token, shop["admin"].email, PASSWORD, NOW)
    assert refused.value.field == "email" and "seller" not in refused.value.message
    assert auth.failed_logins(session, shop["admin"].email, NOW) == 0
    outsider = make_user(session)
    user_invitation = team.invite_user(session, shop["account"].id, None, outsider.email, "user", None, NOW)
    with pytest.raises(SignInRefused) as refused:
        team.link_existing_user(session, user_invitation.token, outsider.email, "wrong-pass-1", NOW)
    assert refused.value.message == auth.WRONG_CREDENTIALS
    assert auth.failed_logins(session, outsider.email, NOW) == 1


# --- 8. messages said what another account is ---------------------------------------------------------


def test_inviting_a_person_does_not_say_what_kind_of_user_they_are(session, shop):
    make_user(session, email="rev@internal.example", kind="reviewer")
    invitation = team.invite_user(session, shop["account"].id, shop["admin"].id, "rev@internal.example", "user",
                                  None, NOW)
    assert invitation.email == "rev@internal.example"  # the same answer as for anyone (joining is refused later)


# --- 10 and 11 ------------------------------------------------------------------------------------------


def test_a_deactivated_admin_can_no_longer_act(session, shop):
    admin = shop["admin"]
    admin.active = False
    with pytest.raises(PermissionDenied):
        team.invite_user(session, shop["account"].id, admin.id, "x@shop.example", "user", None, NOW)
    with pytest.raises(PermissionDenied):
        accounts.grant(session, admin.id, shop["viewer"].id, shop["account"].id, "admin")


def test_a_password_over_72_bytes_gets_a_field_message(session):
    long = "Pässwörd-1" * 8  # 88 bytes in UTF-8
    with pytest.raises(ValidationError) as refused:
        accounts.create_user(session, "long@example.com", "Long", long)
    assert refused.value.field == "password" and "72 bytes" in refused.value.message
    assert not auth.authenticate(session, "long@example.com", long, NOW).ok  # and no crash when signing in


# --- 12. the page showed levels the service did not grant; expired invitations as Pending -----------


def test_members_carry_the_level_the_service_applies(session, shop):
    manager = make_user(session)
    accounts.grant(session, None, manager.id, shop["account"].id, "manager")
    [row] = [m for m in team.members(session, shop["account"].id) if m.user_id == manager.id]
    assert row.levels["settings"] == "none" and row.levels["b2b"] == "view"


def test_an_expired_user_invitation_is_not_pending(session, shop):
    team.invite_user(session, shop["account"].id, shop["admin"].id, "late@shop.example", "user", None, NOW)
    later = NOW + config.USER_INVITATION_EXPIRY
    assert [v.status for v in team.invitations(session, shop["account"].id, later)] == ["expired"]
    assert team.invitations(session, shop["account"].id, later, statuses=("pending",)) == []
