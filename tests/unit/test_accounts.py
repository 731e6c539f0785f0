from __future__ import annotations

import pytest

from services import accounts
from services.errors import Conflict, ValidationError
from tests.factories import make_account, make_user


@pytest.mark.parametrize("email", ["", "not-an-email", "a@", "@example.com", "a b@example.com"])
def test_invalid_emails_are_refused(session, email):
    with pytest.raises(ValidationError) as exc:
        accounts.create_user(session, email, "Name", "Secret-pass-1")
    assert exc.value.field == "email"


def test_duplicate_email_any_case_is_a_conflict(session):
    make_user(session, email="dup@example.com")
    with pytest.raises(Conflict):
        make_user(session, email="DUP@example.com")


def test_weak_password_lists_every_reason(session):
    with pytest.raises(ValidationError) as exc:
        accounts.create_user(session, "w@example.com", "Name", "short")
    assert len(exc.value.reasons) == 2


def test_accounts_validate_token_marketplace_and_uniqueness(session):
    account = make_account(session, "US", marketplaces=["CA"])
    assert account.marketplaces == ["US", "CA"]
    with pytest.raises(ValidationError):
        accounts.create_account(session, "X", "short", "US")
    with pytest.raises(ValidationError):
        accounts.create_account(session, "X", "A1B2C3D4E5F6G7", "ZZ")
    with pytest.raises(Conflict):
        accounts.create_account(session, "Y", account.merchant_token.lower(), "US")
