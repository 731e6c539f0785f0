"""Browser fixtures: the app on a free loopback port over a seeded temporary database, driven
by Playwright in Debian's chromium. In CI a missing browser fails; elsewhere it skips, saying why."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts.appserver import CHROMIUM, CHROMIUM_ARGS, running_app
from seed.__main__ import run as seed_run
from services.settings import get_settings
from tests.conftest import IN_CI, NOW

# One timeout policy for every browser test: actions (click, fill) and assertions (expect) wait up
# to ACTION_TIMEOUT_MS for what a person would see; a cold server's first page takes ~5 s here.
ACTION_TIMEOUT_MS = 30_000
EXPECT_TIMEOUT_MS = 20_000
expect.set_options(timeout=EXPECT_TIMEOUT_MS)
CLOCK = {"app_clock_start": NOW.isoformat()}  # the server's time starts at the seed's day
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def chromium_path():
    if not Path(CHROMIUM).exists():
        message = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install -y chromium)"
        if IN_CI or get_settings().require_browser:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def e2e_db_url(tmp_path_factory, chromium_path):
    path = tmp_path_factory.mktemp("e2e") / "demo.db"
    url = f"sqlite:///{path}"
    seed_run(url, "demo", 5, NOW.date(), do_reset=False, if_empty=False, quiet=True)
    ARTIFACTS.mkdir(exist_ok=True)
    return url


@pytest.fixture(scope="session")
def app_url(e2e_db_url, worker_id):
    with running_app(e2e_db_url, log_path=ARTIFACTS / f"e2e-server-{worker_id}.log", settings=CLOCK) as base:
        yield base


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    pg = context.new_page()
    yield pg
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        pg.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"))
    context.close()


@pytest.fixture
def two_users(browser, request):
    """Two (or more) people at once, each in a browser context of their own: `open(name)` gives a
    page; on a failure every page is saved as FAILED-<test>-<name>.png; all closed after the test."""
    contexts: dict[str, object] = {}

    def open_page(name: str, height: int = 2200):
        context = browser.new_context(viewport={"width": 1400, "height": height})
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts[name] = context
        return context.new_page()

    yield open_page
    failed = request.node.rep_call.failed if hasattr(request.node, "rep_call") else False
    for name, context in contexts.items():
        if failed:
            for pg in context.pages:
                pg.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}-{name}.png"), full_page=True)
        context.close()


@pytest.fixture(scope="session")
def demo_accounts(e2e_db_url) -> dict[str, int]:
    """Demo account ids by name (never hard-coded)."""
    from tests.helpers import account_ids

    return account_ids(e2e_db_url)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def wait_idle(page) -> None:
    page.locator('[data-test-script-state="notRunning"]').wait_for(state="attached")


def settled_sign_in_form(page) -> None:
    """Wait until the sign-in form shows once and the script has finished its run."""
    page.get_by_label("Email").first.wait_for()
    wait_idle(page)
    page.wait_for_function("() => document.querySelectorAll('input[aria-label=\"Email\"]').length === 1")


def open_sign_in(page, url: str) -> None:
    page.goto(url)
    settled_sign_in_form(page)


def sign_in(page, url: str, email: str, password: str = "Demo-pass-1") -> None:
    open_sign_in(page, url)
    page.get_by_label("Email").fill(email)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def shot(page, name: str) -> None:
    wait_idle(page)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def wait_remembered(page) -> None:
    """Signed in, and the browser holds the re-authentication cookie (written by a component)."""
    page.wait_for_function("() => document.cookie.includes('b2b_console_auth=')")
