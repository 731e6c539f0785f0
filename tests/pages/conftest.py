"""AppTest fixtures: the real app.py over a copy of a demo database seeded for a fixed day,
with the app's clock frozen at that day's noon (a test written today passes next year too).
Each test gets its own copy, so tests stand alone and run in any order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from seed.__main__ import run as seed_run
from seed.generate import DEMO_PASSWORD
from shell import clock
from tests.conftest import NOW
from tests.helpers import account_ids

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def seeded_template(tmp_path_factory, profile: str) -> Path:
    """A SQLite database seeded with `profile` for the fixed day (fast password hashes), for tests
    to copy."""
    path = tmp_path_factory.mktemp(profile) / f"{profile}-template.db"
    mp = pytest.MonkeyPatch()
    from services import config

    mp.setattr(config, "BCRYPT_ROUNDS", 4)
    seed_run(f"sqlite:///{path}", profile, 11, NOW.date(), do_reset=False, if_empty=False, quiet=True)
    mp.undo()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    return seeded_template(tmp_path_factory, "demo")


@pytest.fixture
def demo_db(demo_template, tmp_path):
    """This test's own copy of the seeded demo database."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def accounts(demo_db) -> dict[str, int]:
    """Demo account ids by name (never hard-coded)."""
    return account_ids(demo_db)


def serve_like_make_run(monkeypatch) -> None:
    """AppTest resets Streamlit's pages/ auto-discovery before every run, so each run would start
    by executing the page file alone (what a plain `streamlit run app.py` does once, on a server's
    first run, and shell.page.guard turns into a rerun through app.py). The page tests serve the
    app as `make run` does (scripts.serve): auto-discovery off, every run through app.py."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def app(demo_db, monkeypatch):
    serve_like_make_run(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", demo_db)
    monkeypatch.setenv("APP_SECRET_KEY", "page-tests-" + "k" * 32)
    clock.freeze(NOW)

    def make(query: dict | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        return at

    yield make
    clock.thaw()


def sign_in(at: AppTest, email: str, password: str = DEMO_PASSWORD) -> AppTest:
    at.run()
    inputs = {t.label: t for t in at.text_input}
    inputs["Email"].input(email)
    inputs["Password"].input(password)
    next(b for b in at.button if b.label == "Sign in").click()
    at.run()
    assert not at.exception, at.exception
    return at


def open_b2b_central(at: AppTest) -> AppTest:
    """Managers and admins of several accounts land on their portfolio (SPEC §8): tests of B2B
    Central open it from there, as the sidebar does (the URL's query stays)."""
    at.switch_page("pages/b2b_central.py").run()
    assert not at.exception, at.exception
    return at
