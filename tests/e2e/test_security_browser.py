"""Security in a real browser (issue 11): what only a browser shows.

- A first visit to a page path — the first run of a fresh server started by a plain
  `streamlit run app.py` (how most deployments start an app) — shows only the sign-in form. The
  paths the review named, plus the file-name and URL forms of B2B Central and the public page;
  every path of the navigation table is opened the same way in AppTest, whose every run starts
  like a plain server's first one (tests/security/test_page_matrix.py).
- A copied cookie stops working the moment its session signs out.
- Hostile names (seed --profile hostile) render as text: no link, image, bold or traceback.
The wide persona × page matrix runs in AppTest (tests/security/test_page_matrix.py).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts.appserver import running_app
from seed.__main__ import run as seed_run
from shell.nav import PAGES
from tests.conftest import NOW
from tests.e2e.conftest import ARTIFACTS, CLOCK, settled_sign_in_form, sign_in, wait_idle, wait_remembered
from tests.helpers import NORTHWIND

pytestmark = pytest.mark.e2e

# the review's paths (/outbox, /audit_log, /new_buyer_request), a page file's name and its URL path,
# and the public page; each on a server of its own, started at once
PATHS = ["outbox", "audit_log", "new_buyer_request", "b2b_central", "b2b-central", "accept_invitation"]
assert {Path(PAGES[p].file).stem for p in ("outbox", "audit", "new-buyer-request", "b2b-central")} <= set(PATHS)


def _fresh_servers(db_url: str, count: int) -> tuple[ExitStack, list[str]]:
    stack = ExitStack()
    with ThreadPoolExecutor(count) as pool:
        urls = list(pool.map(lambda _: stack.enter_context(running_app(db_url, settings=CLOCK, plain=True)),
                             range(count)))
    return stack, urls


def test_a_first_visit_to_a_plain_server_shows_only_the_sign_in_form(browser, e2e_db_url, demo_accounts):
    paths = PATHS
    stack, urls = _fresh_servers(e2e_db_url, len(paths))
    with stack:
        for path, base in zip(paths, urls):
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            page = context.new_page()
            try:
                page.goto(f"{base}/{path}?account={demo_accounts[NORTHWIND]}")
                wait_idle(page)
                if path in ("accept-invitation", "accept_invitation"):
                    expect(page.get_by_text("has no token")).to_be_visible()
                else:
                    settled_sign_in_form(page)
                    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
                    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
                body = page.locator("body").inner_text()
                assert "Northwind" not in body and "Traceback" not in body, path
                expect(page.get_by_test_id("stException")).to_have_count(0)
            except AssertionError:
                page.screenshot(path=str(ARTIFACTS / f"FAILED-first-visit-{path}.png"))
                raise
            finally:
                context.close()


def test_a_copied_cookie_stops_working_when_its_session_signs_out(page, browser, app_url):
    sign_in(page, app_url, "admin@example.com")
    expect(page.get_by_role("heading", name="Portfolio")).to_be_visible()  # the admin of two accounts' first page
    wait_remembered(page)
    copied = page.context.cookies()
    elsewhere = browser.new_context()
    elsewhere.add_cookies(copied)
    other = elsewhere.new_page()
    other.goto(app_url + "/b2b-central")
    expect(other.get_by_role("heading", name="B2B Central")).to_be_visible()  # the copy works while signed in
    page.get_by_role("button", name="Sign out", exact=True).click()
    settled_sign_in_form(page)
    other.goto(app_url + "/b2b-central")  # the same cookie, after its session signed out
    settled_sign_in_form(other)
    expect(other.get_by_role("heading", name="B2B Central")).to_have_count(0)
    elsewhere.close()


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, chromium_path):
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    url = f"sqlite:///{path}"
    seed_run(url, "hostile", 5, NOW.date(), do_reset=False, if_empty=False, quiet=True)
    with running_app(url, settings=CLOCK) as base:
        yield base


def test_hostile_names_render_as_plain_text_on_every_page(page, hostile_url, demo_accounts):
    sign_in(page, hostile_url, "admin@example.com")
    expect(page.get_by_role("heading", name="Portfolio")).to_be_visible()
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    expect(links.first).to_be_visible()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for href in hrefs:
        page.goto(f"{href}?account={demo_accounts[NORTHWIND]}")  # the same ids: the same seeded accounts
        wait_idle(page)
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        shown = page.evaluate("""() => ({
            links: [...document.querySelectorAll('a[href*="evil.example"]')].length,
            images: [...document.querySelectorAll('img[src*="evil.example"], img[src="x"]')].length,
            bold: [...document.querySelectorAll('strong, b, em')].filter(
                (e) => ['bold', 'slanted', 'bold tag'].includes(e.textContent.trim())).length,
            errors: document.querySelectorAll('[data-testid="stException"]').length,
        })""")
        assert shown == {"links": 0, "images": 0, "bold": 0, "errors": 0}, href
        assert "Traceback" not in page.locator("body").inner_text(), href
