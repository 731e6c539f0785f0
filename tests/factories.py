"""Small builders for tests."""

from __future__ import annotations

import itertools

from services import accounts

_counter = itertools.count(1)


def make_account(session, home="US", marketplaces=None, name=None):
    n = next(_counter)
    return accounts.create_account(session, name or f"Account {n}", f"T{n:05d}TESTACCT", home,
                                   marketplaces=marketplaces)


def make_user(session, email=None, kind="seller", password="Secret-pass-1"):
    n = next(_counter)
    return accounts.create_user(session, email or f"user{n}@example.com", f"User {n}", password, kind=kind)
