"""Account Health in a real browser: gauge and AHA status; a plan with a missing part, then whole."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot, wait_idle
from tests.helpers import NORTHWIND, open_as

pytestmark = pytest.mark.e2e


def test_gauge_status_and_submitting_a_plan(page, app_url, demo_accounts):
    open_as(page, app_url, "admin@example.com", f"/account-health?account={demo_accounts[NORTHWIND]}")
    expect(page.get_by_role("heading", name="Account Health", exact=True)).to_be_visible()
    expect(page.locator(".js-plotly-plot .indicatorlayer").first).to_be_visible()  # the gauge
    expect(page.get_by_text("Enrolled in Account Health Assurance")).to_be_visible()
    wait_idle(page)
    shot(page, "account-health")
    case = page.locator('[class*="st-key-ah_case_"]').first
    expect(case.get_by_text("expires in", exact=False)).to_be_visible()
    case.get_by_text("Submit a plan").click()
    case.get_by_label("What happened").fill("A batch of listings used an old supplier's photos.")
    case.get_by_label("What prevents it from happening again").fill("Photo review before every listing change.")
    case.get_by_role("button", name="Submit plan").click()
    expect(case.get_by_text("Say what you have done about it.")).to_be_visible()
    shot(page, "account-health-plan-missing")
    case.get_by_label("What you have done").fill("Replaced the photos and asked the buyers to check again.")
    case.get_by_role("button", name="Submit plan").click()
    expect(page.get_by_text("Plan submitted", exact=False).first).to_be_visible()
    expect(case.get_by_text("Plan submitted", exact=False)).to_be_visible()
    page.reload()
    expect(page.locator('[class*="st-key-ah_case_"]').first.get_by_text("Plan submitted", exact=False)).to_be_visible()
