"""Sign-in: case-insensitive emails, bcrypt in streamlit-authenticator's format, lockout policy."""

from __future__ import annotations

from datetime import timedelta

from streamlit_authenticator.utilities.hasher import Hasher

from services import auth, config
from services.auth import WRONG_CREDENTIALS
from tests.conftest import NOW
from tests.factories import make_user


def test_email_is_case_insensitive_and_hash_is_streamlit_authenticators(session):
    user = make_user(session, email="Pat.Seller@Example.COM", password="Right-pass-9")
    assert user.email == "pat.seller@example.com"
    assert Hasher.check_pw("Right-pass-9", user.password_hash)
    assert auth.authenticate(session, "  PAT.seller@example.com ", "Right-pass-9", NOW).ok


def test_unknown_email_and_wrong_password_say_the_same(session):
    make_user(session, email="a@example.com", password="Right-pass-9")
    assert auth.authenticate(session, "nobody@example.com", "x", NOW).message == WRONG_CREDENTIALS
    assert auth.authenticate(session, "a@example.com", "wrong", NOW).message == WRONG_CREDENTIALS


def test_five_wrong_passwords_in_15_minutes_lock_for_15_minutes(session):
    user = make_user(session, email="b@example.com", password="Right-pass-9")
    for i in range(config.LOCKOUT_MAX_FAILURES - 1):
        result = auth.authenticate(session, "b@example.com", "wrong", NOW + timedelta(minutes=3 * i))
        assert not result.ok and result.locked_until is None
    fifth_at = NOW + timedelta(minutes=14)
    result = auth.authenticate(session, "b@example.com", "wrong", fifth_at)
    assert result.locked_until == fifth_at + timedelta(minutes=15)
    # the right password does not get in while locked
    during = auth.authenticate(session, "b@example.com", "Right-pass-9", fifth_at + timedelta(minutes=14, seconds=59))
    assert not during.ok and during.locked_until == fifth_at + timedelta(minutes=15)
    after = auth.authenticate(session, "b@example.com", "Right-pass-9", fifth_at + timedelta(minutes=15))
    assert after.ok and after.user_id == user.id


def test_failures_spread_over_more_than_15_minutes_do_not_lock(session):
    make_user(session, email="c@example.com", password="Right-pass-9")
    for i in range(8):
        result = auth.authenticate(session, "c@example.com", "wrong", NOW + timedelta(minutes=4 * i))
        assert result.locked_until is None, i
    assert auth.authenticate(session, "c@example.com", "Right-pass-9", NOW + timedelta(minutes=40)).ok


def test_success_resets_the_count(session):
    make_user(session, email="d@example.com", password="Right-pass-9")
    for i in range(4):
        auth.authenticate(session, "d@example.com", "wrong", NOW + timedelta(minutes=i))
    assert auth.authenticate(session, "d@example.com", "Right-pass-9", NOW + timedelta(minutes=5)).ok
    for i in range(4):
        result = auth.authenticate(session, "d@example.com", "wrong", NOW + timedelta(minutes=6 + i))
        assert result.locked_until is None


def test_sign_out_everywhere_invalidates_earlier_sessions(session):
    user = make_user(session)
    assert auth.session_still_valid(session, user.id, NOW)
    auth.revoke_sessions(session, user.id, NOW + timedelta(hours=1))
    assert not auth.session_still_valid(session, user.id, NOW)
    assert auth.session_still_valid(session, user.id, NOW + timedelta(hours=2))
