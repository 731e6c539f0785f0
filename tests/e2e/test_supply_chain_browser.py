"""Supply Chain Connect, the whole loop in two browser contexts: the admin invites a supplier; the
test reads the link from the outbox; the supplier accepts, signs in and sees nothing yet; the admin
shares a shipment; the supplier completes it; the admin sees it Shipped."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from services import notifications
from services.db import make_engine
from tests.conftest import NOW
from tests.e2e.conftest import shot, sign_in, wait_idle
from tests.helpers import NORTHWIND, open_as

pytestmark = pytest.mark.e2e
SUPPLIER = "loop.ops@loop-logistics.example"


def _link_from_outbox(db_url: str) -> str:
    engine = make_engine(db_url)
    with Session(engine) as session:
        body = notifications.outbox(session, to=SUPPLIER)[0].body
    engine.dispose()
    return re.search(r"https?://\S+/accept-invitation\?token=[\w-]+", body).group(0)


def test_invite_accept_share_complete_and_see_it_shipped(two_users, app_url, e2e_db_url, demo_accounts):
    northwind = demo_accounts[NORTHWIND]
    admin, supplier = two_users("admin"), two_users("supplier")
    # 1. the admin invites a supplier
    open_as(admin, app_url, "admin@example.com", f"/user-permissions?account={northwind}")
    expect(admin.get_by_role("heading", name="Supply Chain Connect permissions")).to_be_visible()
    admin.get_by_label("Company name").fill("Loop Logistics")
    admin.get_by_label("Contact name").fill("Lou Loop")
    admin.locator(".st-key-sc_email input").fill(SUPPLIER.upper())
    admin.get_by_role("button", name="Send invitation").last.click()
    expect(admin.get_by_text("the link works once and expires in 7 days")).to_be_visible()
    shot(admin, "supply-1-invited")

    # 2. the link from the outbox, opened by the supplier (signed out)
    link = _link_from_outbox(e2e_db_url)
    supplier.goto(app_url + link[link.index("/accept-invitation"):])
    expect(supplier.get_by_role("heading", name="Accept invitation")).to_be_visible()
    expect(supplier.get_by_text("Page not found")).to_have_count(0)
    wait_idle(supplier)
    supplier.get_by_label("Your name").fill("Lou Loop")
    supplier.locator(".st-key-inv_password input").fill("short")
    supplier.locator(".st-key-inv_password2 input").fill("short")
    supplier.get_by_role("button", name="Create my sign-in and accept").click()
    expect(supplier.get_by_text("Use at least 8 characters.", exact=False)).to_be_visible()
    supplier.locator(".st-key-inv_password input").fill("Loop-pass-42")
    supplier.locator(".st-key-inv_password2 input").fill("Loop-pass-42")
    supplier.get_by_role("button", name="Create my sign-in and accept").click()
    expect(supplier.get_by_text("Invitation accepted")).to_be_visible()
    shot(supplier, "supply-2-accepted")
    supplier.goto(app_url + link[link.index("/accept-invitation"):])  # single use
    expect(supplier.get_by_text("already been used")).to_be_visible()

    # 3. the supplier signs in and sees the seller, nothing shared yet
    sign_in(supplier, app_url, SUPPLIER, "Loop-pass-42")
    expect(supplier.get_by_role("heading", name="Supplier portal")).to_be_visible()
    expect(supplier.get_by_text("Northwind Industrial Supply")).to_be_visible()
    expect(supplier.get_by_text("Nothing shared with you yet.")).to_be_visible()
    shot(supplier, "supply-3-portal-empty")

    # 4. the admin creates a shipment and shares it with the new supplier
    admin.goto(app_url + f"/shipments?account={northwind}")
    expect(admin.get_by_role("heading", name="Create a shipment")).to_be_visible()
    wait_idle(admin)
    admin.get_by_label("Shipment name").fill("Loop test restock")
    admin.get_by_label("Destination fulfilment centre").fill("phx7")
    sku_box = admin.locator(".st-key-ship_sku_1 input")
    sku_box.click()
    expect(admin.get_by_role("option").first).to_be_visible()
    sku_box.press("Enter")  # the first SKU
    admin.get_by_label("Quantity 1").fill("24")
    admin.get_by_role("button", name="Create shipment").click()
    expect(admin.get_by_text("created as a draft")).to_be_visible()
    card = admin.locator('[class*="st-key-shipment_"]').filter(has_text="Loop test restock")
    share_box = card.locator('[data-testid="stSelectbox"] input')
    share_box.click()
    share_box.press_sequentially("Loop")
    expect(admin.get_by_role("option", name="Loop Logistics")).to_be_visible()
    share_box.press("Enter")
    card.get_by_role("button", name="Share Shipment").click()
    expect(admin.get_by_text("they got an email with its details")).to_be_visible()
    shot(admin, "supply-4-shared")

    # 5. the supplier sees it (and only it) and completes it
    supplier.reload()
    expect(supplier.get_by_role("heading", name="Supplier portal")).to_be_visible()
    shipment = supplier.locator('[class*="st-key-sp_shipment_"]').filter(has_text="Loop test restock")
    expect(shipment).to_be_visible()
    expect(supplier.locator('[class*="st-key-sp_shipment_"]')).to_have_count(1)
    wait_idle(supplier)
    shipment.get_by_role("button", name="Mark as shipped").click()
    expect(shipment.get_by_text("Enter the carrier.")).to_be_visible()
    shipment.get_by_label("Box 1 weight (kg)").fill("12.5")
    shipment.get_by_label("Box 1 length (cm)").fill("60")
    shipment.get_by_label("Box 1 width (cm)").fill("40")
    shipment.get_by_label("Box 1 height (cm)").fill("35")
    shipment.get_by_label("Carrier").fill("UPS")
    today = NOW.date()  # the server's clock starts at the seed's day
    shipment.get_by_role("spinbutton", name="year, Ship date").click()
    supplier.keyboard.type(f"{today:%Y%m%d}")  # the date field moves from year to month to day by itself
    supplier.keyboard.press("Tab")
    shipment.get_by_label("Tracking numbers (one per line)").fill("1ZLOOP0001")
    shot(supplier, "supply-5-completing")
    shipment.get_by_role("button", name="Mark as shipped").click()
    expect(supplier.get_by_text("is marked Shipped")).to_be_visible()

    # 6. the admin sees it shipped, with the supplier's details
    admin.reload()
    card = admin.locator('[class*="st-key-shipment_"]').filter(has_text="Loop test restock")
    expect(card.get_by_text("Shipped", exact=True)).to_be_visible()
    expect(card.get_by_text("1ZLOOP0001", exact=False)).to_be_visible()
    shot(admin, "supply-6-shipped")
