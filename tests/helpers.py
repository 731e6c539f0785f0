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


def open_as(page, base_url: str, email: str, path: str, landing: str = "B2B Central",
            password: str = "Demo-pass-1") -> None:
    """The sign-in-and-open sequence of the browser tests: sign in as `email`, wait until the first
    page (`landing`, its title) shows and the browser holds the sign-in cookie, then open `path`
    (with its query) and wait until the run is over."""
    from playwright.sync_api import expect

    from tests.e2e.conftest import sign_in, wait_idle, wait_remembered

    sign_in(page, base_url, email, password)
    expect(page.get_by_role("heading", name=landing, level=1)).to_be_visible()
    wait_remembered(page)
    page.goto(base_url + path)
    wait_idle(page)
