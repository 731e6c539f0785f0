"""AppTest fixtures: the real app.py over a seeded demo database."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from seed.__main__ import run as seed_run
from seed.generate import DEMO_PASSWORD

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "demo.db"
    url = f"sqlite:///{path}"
    today = datetime.now(timezone.utc).date()
    mp = pytest.MonkeyPatch()
    from services import config

    mp.setattr(config, "BCRYPT_ROUNDS", 4)
    seed_run(url, "demo", 11, today, do_reset=False, if_empty=False, quiet=True)
    mp.undo()
    return url


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    monkeypatch.setenv("APP_SECRET_KEY", "page-tests-" + "k" * 32)

    def make(query: dict | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        return at

    return make


def sign_in(at: AppTest, email: str, password: str = DEMO_PASSWORD) -> AppTest:
    at.run()
    inputs = {t.label: t for t in at.text_input}
    inputs["Email"].input(email)
    inputs["Password"].input(password)
    next(b for b in at.button if b.label == "Sign in").click()
    at.run()
    assert not at.exception, at.exception
    return at
