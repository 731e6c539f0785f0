"""python -m bench.rerun [--runs N] — a range change on B2B Central, timed in chromium.

Seeds a demo database in a temporary folder, serves the app, signs in as the demo admin, opens
Northwind's B2B Central and, in the Sales Snapshot widget, clicks 7D and 30D in turn; each time
measures from the click until the widget's caption shows the new range and the app is idle. With
each widget an `st.fragment`, a click reruns that widget only, not the page. Prints the median and
p95 in seconds. (A browser measure, so it is kept out of the tests: tests never assert timings.)
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.appserver import CHROMIUM, CHROMIUM_ARGS, running_app
from seed.__main__ import run as seed_run

TODAY_NOON = "2026-06-15T12:00:00+00:00"


def measure(base: str, runs: int, account: str = "1") -> list[float]:
    from datetime import date

    today = date(2026, 6, 15)
    captions = {"7D": today - timedelta(days=6), "30D": today - timedelta(days=29)}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.set_default_timeout(60_000)
        page.goto(base)
        page.get_by_label("Email").wait_for()
        page.get_by_label("Email").fill("admin@example.com")
        page.get_by_role("textbox", name="Password").fill("Demo-pass-1")
        page.get_by_role("button", name="Sign in").click()  # the admin lands on B2B Central or the portfolio
        page.wait_for_function("() => document.cookie.includes('b2b_console_auth=')")
        page.goto(f"{base}/b2b-central?account={account}")
        page.get_by_role("heading", name="Top Products").wait_for()
        idle = page.locator('[data-test-script-state="notRunning"]')
        idle.wait_for(state="attached")
        widget = page.locator(".st-key-frame_sales_snapshot")
        times = []
        for n in range(runs + 2):  # the first two warm the caches
            code = "7D" if n % 2 == 0 else "30D"
            expected = re.compile(  # "17 May 2026 – 15 Jun 2026" before the reader's dates, "May 17, 2026 – …" since
                f"({captions[code]:%d %b %Y}|{captions[code]:%b %-d, %Y}) – ({today:%d %b %Y}|{today:%b %-d, %Y})")
            started = time.perf_counter()
            widget.locator(".st-key-snap_range").get_by_role("radio", name=code, exact=True).click()
            widget.get_by_text(expected).wait_for()
            idle.wait_for(state="attached")
            if n >= 2:
                times.append(time.perf_counter() - started)
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rerun", description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.db'}"
        seed_run(url, "demo", 5, __import__("datetime").date(2026, 6, 15), do_reset=False, if_empty=False,
                 quiet=True)
        with running_app(url, settings={"app_clock_start": TODAY_NOON}) as base:
            times = measure(base, args.runs)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(f"range change in Sales Snapshot, {len(times)} clicks: median {statistics.median(times):.3f} s, "
          f"p95 {p95:.3f} s", file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
