"""Secret tokens in links and cookies: 192 random bits, stored only as their SHA-256 (DESIGN.md's
security habits). The plain token exists once, on the object that issued it, for the email or
the cookie; a leaked database holds nothing that opens a link."""

from __future__ import annotations

import hashlib
import secrets

from sqlmodel import SQLModel


def digest(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def issue(row: SQLModel) -> str:
    """Give `row` a fresh token: sets `row.token_hash` and returns the plain token (also readable
    as `row.token` on this object only; never stored)."""
    token = secrets.token_urlsafe(24)
    row.token_hash = digest(token)
    row.__dict__["_plain_token"] = token
    return token


def plain_token(row: SQLModel) -> str | None:
    return row.__dict__.get("_plain_token")
