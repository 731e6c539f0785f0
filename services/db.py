"""Engine and schema. The embedded default is a SQLite file under ./data/ in WAL mode."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_SQLITE_PATH = DATA_DIR / "console.db"


def database_url(url: str | None = None) -> str:
    if url:
        return url
    env = os.environ.get("DATABASE_URL")
    if env:
        return env
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def make_engine(url: str | None = None, **kwargs) -> Engine:
    """None: $DATABASE_URL, else the SQLite file under ./data/."""
    url = database_url(url)
    if url.startswith("sqlite"):
        connect_args = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, connect_args=connect_args, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    return cfg


def init_db(engine: Engine) -> None:
    """Create or upgrade the schema to the latest revision (idempotent), then load reference data."""
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    from services.accounts import ensure_marketplaces

    with Session(engine) as session:
        ensure_marketplaces(session)
        session.commit()


def is_empty(engine: Engine) -> bool:
    """True when the schema is missing or no account exists yet."""
    if not inspect(engine).has_table("account"):
        return True
    from sqlmodel import select

    from services.models import Account

    with Session(engine) as session:
        return session.exec(select(Account.id).limit(1)).first() is None
