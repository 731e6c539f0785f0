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


PORTFOLIO_PEOPLE = ("admin@example.com", "manager@example.com")  # the demo's manager and admin of two accounts


def landing_of(email: str) -> str:
    """The first page's title after sign-in on the demo: the portfolio for managers and admins of
    several accounts (SPEC §8), else B2B Central."""
    return "Portfolio" if email.lower() in PORTFOLIO_PEOPLE else "B2B Central"


def open_as(page, base_url: str, email: str, path: str, landing: str | None = None,
            password: str = "Demo-pass-1") -> None:
    """The sign-in-and-open sequence of the browser tests: sign in as `email`, wait until the first
    page (`landing`, its title; by default landing_of(email)) shows and the browser holds the
    sign-in cookie, then open `path` (with its query) and wait until the run is over."""
    from playwright.sync_api import expect

    from tests.e2e.conftest import sign_in, wait_idle, wait_remembered

    landing = landing or landing_of(email)
    sign_in(page, base_url, email, password)
    expect(page.get_by_role("heading", name=landing, level=1)).to_be_visible()
    wait_remembered(page)
    page.goto(base_url + path)
    wait_idle(page)


ONE_ACCOUNT = ("INSERT INTO account (id, name, merchant_token, home_marketplace, marketplaces, created_on) "
               "VALUES (1, 'A', 'A1B2C3D4E5F6G7', 'US', '[\"US\"]', '2026-01-01')")


def database_at(url: str, revision: str, *rows: tuple[str, dict | list[dict]]):
    """(engine, alembic config) of a database made by an older revision, as an existing install has
    it, holding `rows` (SQL written for that revision, with its parameters; a list runs it once per
    item), all in one transaction. Then `init_db(engine)` brings it to head as the app would."""
    import sqlalchemy as sa
    from alembic import command

    from services.db import _alembic_config

    engine = make_engine(url)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        for sql, params in rows:
            conn.execute(sa.text(sql), params)
    return engine, cfg
