"""Business Action Center in a real browser: dismiss and restore a task; answer a buyer request."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot, wait_idle
from tests.helpers import NORTHWIND, open_as

pytestmark = pytest.mark.e2e


@pytest.fixture
def center(page, app_url, demo_accounts):
    """Northwind's Business Action Center, open in B2B Central."""
    open_as(page, app_url, "admin@example.com", f"/b2b-central?account={demo_accounts[NORTHWIND]}")
    expect(page.get_by_role("heading", name="Business Action Center")).to_be_visible()
    wait_idle(page)
    return page.locator(".st-key-frame_action_center")


def test_dismiss_a_task_see_it_gone_and_restore_it(page, center):
    profile_task = center.get_by_role("link", name=re.compile("Complete your business profile"))
    expect(profile_task).to_be_visible()
    shot(page, "action-center")
    row = center.locator('[data-testid="stHorizontalBlock"]').filter(
        has=page.get_by_role("link", name=re.compile("Complete your business profile")))
    row.get_by_role("button", name="Dismiss").click()
    expect(profile_task).to_have_count(0)
    center.get_by_text("Show dismissed").click()
    expect(profile_task).to_be_visible()
    row.get_by_role("button", name="Restore").click()
    expect(profile_task).to_have_count(0)  # restored: no longer among the dismissed
    center.get_by_text("Show dismissed").click()
    expect(profile_task).to_be_visible()


def test_answer_a_buyer_request_on_the_quote_page(page, center):
    request = center.get_by_role("link", name=re.compile(r"^Buyer request: ")).first
    title = request.inner_text().removeprefix("Buyer request: ").strip()
    request.click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_text("Needs response")).to_be_visible()
    wait_idle(page)
    highest = page.get_by_role("textbox", name=re.compile("Unit price for")).get_attribute("placeholder")
    ceiling = float(highest.removeprefix("at most "))
    page.get_by_role("textbox", name=re.compile("Unit price for")).fill(f"{ceiling + 1:.2f}")
    page.get_by_role("button", name="Send quote").click()
    expect(page.get_by_text("The unit price can be at most your")).to_be_visible()
    page.get_by_role("textbox", name=re.compile("Unit price for")).fill(f"{ceiling - 0.5:.2f}")
    page.get_by_role("button", name="Send quote").click()
    expect(page.get_by_text("You quoted", exact=False)).to_be_visible()
    expect(page.get_by_text("Responded")).to_be_visible()
    shot(page, "quote-answered")
    page.get_by_role("link", name="B2B Central").click()
    expect(page.get_by_role("heading", name="Business Action Center")).to_be_visible()
    expect(page.locator(".st-key-frame_action_center").get_by_role("link", name=f"Buyer request: {title}")) \
        .to_have_count(0)
