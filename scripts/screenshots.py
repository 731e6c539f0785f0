"""Screenshots of the main pages for the README: seeds a demo database in a temporary folder,
serves the app, signs in as the demo admin (then as the account manager for the Portfolio and
alert pages) and saves full-page PNGs under docs/screenshots/.
Usage: ``python -m scripts.screenshots [OUT] [--only import|manager]`` (``make screenshots``); the
Import page's shots upload files from samples/ (dated up to the day they were made: run
``python -m scripts.make_samples`` first when they are old)."""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.appserver import CHROMIUM, CHROMIUM_ARGS, ROOT, running_app
from seed.__main__ import run as seed_run

OUT = ROOT / "docs" / "screenshots"


def _idle(page) -> None:
    page.locator('[data-test-script-state="notRunning"]').wait_for(state="attached")
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every((el) => el.querySelector('.main-svg'))""")
    page.wait_for_timeout(800)  # let charts finish animating (screenshots only; tests never wait on time)


def _shot(page, path: Path) -> None:
    """The page down to the end of its content (the viewport is tall so nothing scrolls)."""
    bottom = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').getBoundingClientRect().bottom")
    page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": 1440, "height": min(4200, int(bottom) + 24)})


SAMPLES = ROOT / "samples"
IMPORT_SAMPLES = ("business-report-by-date.csv", "sales-and-traffic.json", "seller-performance.json")


def import_page(page, base: str, out: Path) -> None:
    """The Import page: three sample files previewed, then imported, with the history."""
    page.goto(base + "/import?account=1")
    page.get_by_role("heading", name="Import reports").wait_for()
    _idle(page)
    page.locator('[class*="st-key-imp_files_"] input[type="file"]').set_input_files(
        [str(SAMPLES / name) for name in IMPORT_SAMPLES])
    page.get_by_role("button", name=f"Import {len(IMPORT_SAMPLES)} files").wait_for()
    _idle(page)
    _shot(page, out / "import.png")
    page.get_by_role("button", name=f"Import {len(IMPORT_SAMPLES)} files").click()
    page.get_by_text("Undo an import").wait_for()
    _idle(page)
    _shot(page, out / "import-history.png")


def _tables_drawn(page) -> None:
    """Wait until every dataframe has drawn its grid and the buttons are in (they render after
    the run ends)."""
    page.get_by_role("button", name="Sign out", exact=True).wait_for()
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
        .every((el) => el.querySelector('canvas'))""")
    page.wait_for_timeout(800)


def manager_pages(browser, base: str, out: Path) -> None:
    """The account manager's Portfolio (their first page), Alerts inbox and Alert settings."""
    context = browser.new_context(viewport={"width": 1440, "height": 4200})
    page = context.new_page()
    page.goto(base)
    page.get_by_label("Email").wait_for()
    _idle(page)
    page.get_by_label("Email").fill("manager@example.com")
    page.get_by_role("textbox", name="Password").fill("Demo-pass-1")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Portfolio", level=1).wait_for()
    page.get_by_text("Subtotals per currency").wait_for()
    page.wait_for_function("() => document.cookie.includes('b2b_console_auth=')")
    _idle(page)
    _tables_drawn(page)
    _shot(page, out / "portfolio.png")
    for path, name, heading in (("alerts", "alerts", "Alerts"), ("alert-settings", "alert-settings",
                                                                 "Alert settings")):
        page.goto(f"{base}/{path}")
        page.get_by_role("heading", name=heading, level=1).wait_for()
        _idle(page)
        _tables_drawn(page)
        _shot(page, out / f"{name}.png")
    context.close()


def main(out: Path = OUT, only: str | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.db'}"
        seed_run(url, "demo", 5, datetime.now(UTC).date(), do_reset=False, if_empty=False, quiet=True)
        with running_app(url) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if only == "manager":
                manager_pages(browser, base, out)
                browser.close()
                return
            page = browser.new_page(viewport={"width": 1440, "height": 4200})
            page.goto(base)
            page.get_by_label("Email").wait_for()
            _idle(page)
            _shot(page, out / "sign-in.png")
            page.get_by_label("Email").fill("admin@example.com")
            page.get_by_role("textbox", name="Password").fill("Demo-pass-1")
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("heading", name="Portfolio", level=1).wait_for()  # an admin of two accounts
            _idle(page)
            page.wait_for_function("() => document.cookie.includes('b2b_console_auth=')")
            if only == "import":
                import_page(page, base, out)
                browser.close()
                return
            page.goto(base + "/b2b-central?account=1")  # Northwind: the demo account with every kind of task
            page.get_by_role("heading", name="Business Action Center").wait_for()
            _idle(page)
            _shot(page, out / "b2b-central.png")
            page.locator(".st-key-frame_action_center").screenshot(path=str(out / "action-center.png"))
            steps = (
                ("product", lambda: page.locator('[data-testid="stPageLink"] a[href*="product"]').first.click()),
                ("sku", lambda: page.get_by_role("link", name="Edit in SKU Central").click()),
                ("business-reports", lambda: page.get_by_role("link", name="Business Reports").first.click()),
                ("buyer-requests", lambda: page.get_by_role("link", name="Buyer requests").first.click()),
                ("quote", lambda: page.locator('a[href*="quote?"]').first.click()),
                ("business-profile", lambda: page.get_by_role("link", name="Business profile").first.click()),
                ("credentials", lambda: page.get_by_role("link", name="Credentials").first.click()),
                ("outbox", lambda: page.get_by_role("link", name="Email outbox").first.click()),
                ("user-permissions", lambda: page.get_by_role("link", name="User Permissions").first.click()),
                ("shipments", lambda: page.get_by_role("link", name="Prepare Shipment").first.click()),
            )
            for name, go in steps:
                go()
                page.wait_for_load_state()
                _idle(page)
                _shot(page, out / f"{name}.png")
            manager_pages(browser, base, out)
            import_page(page, base, out)  # last: it changes Northwind's figures
            browser.close()
    print(f"screenshots written to {out}", file=sys.stderr)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--only"]
    chosen = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None  # import | manager
    paths = [a for a in args if a != chosen]
    main(Path(paths[0]) if paths else OUT, chosen)
