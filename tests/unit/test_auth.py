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


def test_an_unknown_email_locks_exactly_like_a_known_one(session):
    """Defect 11.4: a known email said "locked" after five failures, an unknown one never did."""
    make_user(session, email="known@example.com", password="Right-pass-9")
    answers = {}
    for email in ("known@example.com", "ghost@example.com"):
        answers[email] = [auth.authenticate(session, email, "wrong", NOW + timedelta(minutes=i))
                          for i in range(config.LOCKOUT_MAX_FAILURES + 1)]
    known, ghost = answers["known@example.com"], answers["ghost@example.com"]
    assert [(r.ok, r.message, r.locked_until) for r in known] == [(r.ok, r.message, r.locked_until) for r in ghost]
    assert known[-1].message == auth.LOCKED and known[-2].locked_until == NOW + timedelta(minutes=4, seconds=0) \
        + config.LOCKOUT_DURATION
    assert auth.failed_logins(session, "ghost@example.com", NOW) == 0  # the lock took over from the count


def test_known_and_unknown_emails_cost_the_same_bcrypt_work(session, monkeypatch):
    """The timing oracle: an unknown email answered in 0.1 ms, a known one in 260 ms. Both now run
    exactly one bcrypt check, the unknown one against a dummy hash of the same cost."""
    make_user(session, email="known@example.com", password="Right-pass-9")
    calls = []
    real = auth.check_password
    monkeypatch.setattr(auth, "check_password", lambda p, h: calls.append(h[:7]) or real(p, h))
    for email in ("known@example.com", "ghost@example.com", "known@example.com"):
        auth.authenticate(session, email, "wrong", NOW)
    assert calls == [f"$2b${config.BCRYPT_ROUNDS:02d}$"] * 3


def test_an_inactive_user_gets_the_wrong_password_answer(session):
    user = make_user(session, email="gone@example.com", password="Right-pass-9")
    user.active = False
    result = auth.authenticate(session, "gone@example.com", "Right-pass-9", NOW)
    assert not result.ok and result.message == WRONG_CREDENTIALS


def test_sign_out_ends_that_session_and_everywhere_ends_all(session):
    """Defect 11.9: plain Sign out deleted only the browser's copy of the cookie."""
    user = make_user(session)
    laptop, phone = auth.start_session(session, user.id, NOW), auth.start_session(session, user.id, NOW)
    assert auth.session_user(session, laptop, NOW).id == user.id
    auth.end_session(session, laptop, NOW + timedelta(minutes=1))
    assert auth.session_user(session, laptop, NOW + timedelta(minutes=2)) is None  # a copied cookie too
    assert auth.session_user(session, phone, NOW + timedelta(minutes=2)).id == user.id
    auth.revoke_sessions(session, user.id, NOW + timedelta(hours=1))
    assert auth.session_user(session, phone, NOW + timedelta(hours=2)) is None
    later = auth.start_session(session, user.id, NOW + timedelta(hours=3))
    assert auth.session_user(session, later, NOW + timedelta(hours=3)).id == user.id


def test_sessions_expire_and_die_with_the_user(session):
    user = make_user(session)
    token = auth.start_session(session, user.id, NOW)
    assert auth.session_user(session, token, NOW + config.SESSION_LIFETIME - timedelta(seconds=1))
    assert auth.session_user(session, token, NOW + config.SESSION_LIFETIME) is None
    token = auth.start_session(session, user.id, NOW)
    user.active = False
    assert auth.session_user(session, token, NOW) is None
    assert auth.session_user(session, "forged-token", NOW) is None
