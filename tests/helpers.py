"""Helpers shared by the page and browser tests."""

from __future__ import annotations

from sqlmodel import Session, select

from services.db import make_engine
from services.models import Account

NORTHWIND = "Northwind Industrial Supply"
MAPLE = "Maple Office Co."
BRITANNIA = "Britannia Lab Goods"
LONE_STAR = "Lone Star Janitorial"


def account_ids(db_url: str) -> dict[str, int]:
    """{account name: id} of a database."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        found = {a.name: a.id for a in session.exec(select(Account))}
    engine.dispose()
    return found
