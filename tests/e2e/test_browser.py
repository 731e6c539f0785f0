"""The app in a real browser: sign in, Sales Snapshot, compare, units, sign out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from scripts.appserver import running_app
from tests.e2e.conftest import (
    CLOCK,
    open_sign_in,
    settled_sign_in_form,
    shot,
    sign_in,
    wait_remembered,
)
from tests.helpers import NORTHWIND, open_as

pytestmark = pytest.mark.e2e


def test_admin_signs_in_compares_switches_to_units_and_signs_out(page, app_url):
    open_as(page, app_url, "admin@example.com", "/b2b-central")  # the admin of two accounts lands on the portfolio
    expect(page.get_by_role("heading", name="Sales Snapshot")).to_be_visible()
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    expect(page).to_have_url(re.compile(r"account=\d+"))
    expect(page.get_by_text("B2B sales", exact=True)).to_be_visible()
    shot(page, "b2b-central")

    page.get_by_text("Compare to last year").click()
    expect(chart.locator(".legendtext").get_by_text("B2B last year", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"snap_compare=true"))
    shot(page, "b2b-central-compare")

    page.locator(".st-key-snap_metric").get_by_role("radio", name="Units", exact=True).click()
    expect(page.get_by_text("B2B units", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"snap_metric=Units"))
    shot(page, "b2b-central-units")

    # the URL carries the view: opening it again shows the same view
    wait_remembered(page)
    shared = page.url
    page.goto(shared)
    expect(page.get_by_text("B2B units", exact=True)).to_be_visible()
    expect(chart.locator(".legendtext").get_by_text("B2B last year", exact=True)).to_be_visible()

    page.get_by_role("button", name="Sign out", exact=True).click()
    settled_sign_in_form(page)
    expect(page.get_by_role("heading", name="Sign in")).to_have_count(1)
    expect(page.get_by_label("Email")).to_be_visible()
    expect(page.get_by_role("heading", name="Sales Snapshot")).to_have_count(0)
    shot(page, "signed-out")


def test_wrong_password_shows_an_error(page, app_url):
    sign_in(page, app_url, "admin@example.com", "not-the-password")
    expect(page.get_by_text("Email or password is incorrect.")).to_be_visible()
    expect(page.get_by_role("heading", name="Sales Snapshot")).to_have_count(0)
    shot(page, "wrong-password")


def test_foreign_account_in_the_url_shows_the_access_message(page, app_url, demo_accounts):
    open_as(page, app_url, "user@example.com", f"/b2b-central?account={demo_accounts['Sakura Office Japan']}")
    expect(page.get_by_text("You don't have access to this account.", exact=False)).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    shot(page, "no-access")
    page.get_by_role("button", name="Open Northwind Industrial Supply · US").click()
    expect(page.get_by_role("heading", name="Sales Snapshot")).to_be_visible()


def test_sign_in_page_shows_only_the_form(page, app_url):
    open_sign_in(page, app_url)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    shot(page, "sign-in")


def test_shared_link_opened_signed_out_signs_in_to_that_view(page, app_url):
    """A deep link shows the sign-in form (not "Page not found") and then the view it names;
    typing right after the page loads must not be lost (the first submit used to drop it)."""
    page.goto(app_url + "/b2b-central?snap_metric=Units")
    settled_sign_in_form(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_label("Email").fill("admin@example.com")
    page.get_by_role("textbox", name="Password").fill("Demo-pass-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sales Snapshot")).to_be_visible()
    expect(page.get_by_text("B2B units", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"snap_metric=Units"))


@pytest.mark.parametrize("path", ["b2b-central", "b2b_central"])
def test_first_visit_after_server_start_goes_through_sign_in(page, e2e_db_url, demo_accounts, path):
    """Streamlit runs its pages/ auto-discovery on a server's first run; scripts/serve.py turns
    it off, so a page file's name cannot skip sign-in and the app's own paths are found."""
    with running_app(e2e_db_url, settings=CLOCK) as fresh:
        page.goto(f"{fresh}/{path}?account={demo_accounts[NORTHWIND]}")
        settled_sign_in_form(page)
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        if path == "b2b-central":
            expect(page.get_by_text("Page not found")).to_have_count(0)
