"""The manager's portfolio in chromium (issue 13): sign in, land on the portfolio, open an account,
arrive in that account's B2B Central with the switcher set."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot, sign_in, wait_idle, wait_remembered
from tests.helpers import MAPLE

pytestmark = pytest.mark.e2e


def test_manager_lands_on_the_portfolio_and_opens_an_account(page, app_url, demo_accounts):
    sign_in(page, app_url, "manager@example.com")
    expect(page.get_by_role("heading", name="Portfolio", level=1)).to_be_visible()
    wait_remembered(page)
    wait_idle(page)
    expect(page.get_by_text("Subtotals per currency")).to_be_visible()
    expect(page.get_by_text("Need attention", exact=True)).to_be_visible()
    expect(page.locator(".st-key-pf_table [data-testid='stDataFrameResizable']")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name=re.compile(r"^Alerts \(\d+\)"))) \
        .to_be_visible()  # the unread count in the navigation
    shot(page, "portfolio")

    page.locator(".st-key-pf_open").click()
    page.get_by_role("option", name=f"{MAPLE} · CA").click()
    wait_idle(page)
    page.locator(".st-key-pf_go_b2b-central").get_by_role("button").click()
    expect(page.get_by_role("heading", name="B2B Central", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/b2b-central\?.*account={demo_accounts[MAPLE]}"))
    expect(page.get_by_text("Maple Office Co. · Canada (CAD)", exact=False)).to_be_visible()
    expect(page.locator(".st-key-account_switcher").get_by_role("combobox")).to_have_value(f"{MAPLE} · CA")  # set
