"""Shared by the import tests: the fixture files, a fixed clock, accounts, and an independent
reading of plain numbers (the tests' own, not the importer's)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from services import accounts, imports
from tests.factories import make_account, make_user

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
NOW = datetime(2026, 7, 20, 12, tzinfo=UTC)  # the fixtures' days are early July 2026


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def run(session, account_id: int, data: bytes | str, filename: str = "report.csv", **kwargs):
    """import_report with the tests' clock; `data` is a fixture name or the file's bytes."""
    if isinstance(data, str):
        filename, data = data, fixture(data)
    return imports.import_report(session, account_id, filename, data, now=kwargs.pop("now", NOW), **kwargs)


def seller(session, home: str = "US", marketplaces: tuple[str, ...] = ("US", "CA")):
    """An account selling in `marketplaces` and its admin."""
    account = make_account(session, home, list(marketplaces))
    admin = make_user(session)
    accounts.grant(session, None, admin.id, account.id, "admin")
    return account, admin


def plain(text: str, decimal: str = ".") -> Decimal:
    """The tests' own reading of a figure: drop currency signs, % and grouping, keep the decimal."""
    kept = "".join(ch for ch in text if ch.isdigit() or ch == decimal)
    return Decimal(kept.replace(decimal, ".")) if kept else Decimal(0)


def minor(text: str, decimal: str = ".") -> int:
    return int(plain(text, decimal) * 100)
