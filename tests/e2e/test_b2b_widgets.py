"""B2B Central's widgets, product and SKU pages and Business Reports in a real browser."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot, wait_idle
from tests.helpers import open_as

pytestmark = pytest.mark.e2e


def _open_central(page, app_url):
    open_as(page, app_url, "admin@example.com", "/b2b-central")  # the admin of two accounts lands on the portfolio
    expect(page.get_by_role("heading", name="Top Products")).to_be_visible()
    wait_idle(page)


def _inside(slice_) -> dict[str, float]:
    """A point surely on the slice (its data-anchor: mid-angle, mid-ring), relative to the slice's
    bounding box, for hover/click(position=...): the box's centre can be in the hole or on another slice."""
    x, y = slice_.evaluate("""(el) => {
        const [x, y] = el.dataset.anchor.split(',').map(Number);
        const box = el.getBBox(), rect = el.getBoundingClientRect();  // SVG units → CSS pixels
        return [(x - box.x) * rect.width / box.width, (y - box.y) * rect.height / box.height];
    }""")
    return {"x": x, "y": y}


def test_clicking_a_donut_slice_drills_into_sub_industries_and_back(page, app_url):
    _open_central(page, app_url)
    slices = page.locator("path[data-segment]")
    expect(slices.first).to_be_visible()
    industry = slices.first.get_attribute("data-segment")
    point = _inside(slices.first)
    slices.first.hover(position=point)
    expect(page.locator(".donut-tip")).to_contain_text("Orders:")
    shot(page, "industry-donut")
    slices.first.click(position=point)
    expect(page.get_by_text(f"{industry} · sub-industries", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="← All industries")).to_be_visible()
    expect(page).to_have_url(re.compile(r"ind_industry="))
    expect(page.locator("path.slice.clickable")).to_have_count(0)  # sub-industries do not drill further
    shot(page, "industry-drilldown")
    page.get_by_role("button", name="← All industries").click()
    expect(page.get_by_text("Click a slice", exact=False)).to_be_visible()
    expect(page.locator("path.slice.clickable").first).to_be_visible()


def test_top_product_title_opens_the_product_page_and_sku_opens_sku_central(page, app_url):
    _open_central(page, app_url)
    title_link = page.locator('a[href*="product?"]').first
    title = title_link.inner_text().strip()
    sku = re.search(r"sku=([^&]+)", title_link.get_attribute("href")).group(1)
    title_link.click()
    expect(page.get_by_role("heading", name="Product details")).to_be_visible()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"View on amazon\."))).to_have_attribute(
        "href", re.compile(r"^https://www\.amazon\.[a-z.]+/dp/B0[A-Z0-9]{8}$"))
    shot(page, "product")
    page.go_back()
    expect(page.get_by_role("heading", name="Top Products")).to_be_visible()
    sku_link = page.locator(f'a[href*="sku?"][href*="sku={sku}"]').first  # the same product's SKU cell
    expect(sku_link).to_have_text(sku)
    sku_link.click()
    expect(page.get_by_role("heading", name="SKU Central")).to_be_visible()
    expect(page.get_by_role("heading", name=sku)).to_be_visible()
    shot(page, "sku")


def test_a_bad_tier_price_shows_a_message_and_saves_nothing(page, app_url):
    _open_central(page, app_url)
    page.locator('a[href*="sku?"]').first.click()
    expect(page.get_by_role("heading", name="SKU Central")).to_be_visible()
    wait_idle(page)
    business = page.get_by_role("textbox", name=re.compile(r"Business price"))
    expect(business).to_have_value(re.compile(r"\d"))  # drawn with the product's business price
    before = business.input_value()
    page.get_by_label("Tier 1: from quantity").fill("5")
    page.get_by_label("Tier 1: unit price or % off").fill("12,x")
    business.fill("1.00")
    page.get_by_role("button", name="Save prices").click()
    expect(page.locator('[data-testid="stAlertContentError"]').filter(has_text=re.compile(r"Tier 1\b"))).to_be_visible()
    shot(page, "sku-bad-tier")
    page.reload()
    expect(page.get_by_role("heading", name="SKU Central")).to_be_visible()
    expect(page.get_by_role("textbox", name=re.compile(r"Business price"))).to_have_value(before)


def test_business_reports_csv_has_the_header_and_every_row_on_screen(page, app_url):
    _open_central(page, app_url)
    page.locator(".st-key-snap_range").get_by_role("radio", name="90D").click()
    expect(page).to_have_url(re.compile(r"snap_range=90D"))
    wait_idle(page)
    link = page.get_by_role("link", name="View in Business Reports")
    expect(link).to_have_attribute("href", re.compile(r"br_range=90D"))  # redrawn for the new range
    link.click()
    expect(page.get_by_role("heading", name="Business Reports")).to_be_visible()
    expect(page).to_have_url(re.compile(r"br_range=90D"))  # the snapshot's range came along
    wait_idle(page)
    expect(page.get_by_text("90 rows", exact=False)).to_be_visible()
    shot(page, "business-reports")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Date", "B2B sales", "Total sales", "B2B units", "Total units", "B2B order items",
                       "Total order items", "B2B avg sales / order item", "Total avg sales / order item", "Source"]
    assert len(rows) == 1 + 90
    assert rows[1][0] > rows[-1][0]  # newest first, as on screen
