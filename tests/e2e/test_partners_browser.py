"""Partner authorizations in two browser contexts: the brand owner requests, a reviewer approves,
the owner sees it Approved and the used limits updated."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from services import partners
from services.db import make_engine
from tests.e2e.conftest import shot, sign_in
from tests.helpers import NORTHWIND, open_as

pytestmark = pytest.mark.e2e


def _free_asin(db_url: str, northwind: int) -> str:
    """A bound, non-Books ASIN of Northwind's brand that no partner sells in the US yet."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        [brand] = [b for b in partners.brands_of(session, northwind) if b.status == "Active"]
        _, used = partners.limits_used(session, brand)
        bound = [a for a, category in partners.brand_asins(session, brand).items() if category not in (None, "Books")]
    engine.dispose()
    return next(a for a in sorted(bound) if (a, "US") not in used)


def test_request_approve_and_see_it_approved_with_limits_updated(two_users, app_url, e2e_db_url, demo_accounts):
    northwind = demo_accounts[NORTHWIND]
    owner, reviewer = two_users("owner", 2400), two_users("reviewer", 1600)
    open_as(owner, app_url, "admin@example.com", f"/partners?account={northwind}")
    expect(owner.get_by_role("heading", name="Authorize a partner")).to_be_visible()
    lone_star = owner.locator('[class*="st-key-pa_auth_"]').filter(has_text="Lone Star Janitorial")
    expect(lone_star.filter(has_text="Approved")).to_have_count(1)  # the seeded one, drawn before we count
    owner.get_by_label("Partner merchant token").fill("A7LONESTAR0US1")
    asin = _free_asin(e2e_db_url, northwind)
    picker = owner.locator(".st-key-pa_asins input")
    picker.click()
    picker.press_sequentially(asin)  # the select box filters its options as one types
    expect(owner.get_by_role("option", name=re.compile(rf"^{asin} "))).to_be_visible()
    picker.press("Enter")
    picker.press("Escape")
    expect(owner.locator(".st-key-pa_asins").get_by_text(asin)).to_be_visible()
    owner.get_by_role("button", name="Request authorization").click()
    expect(owner.get_by_text("Authorization submitted")).to_be_visible()
    expect(owner.get_by_text(f"ASIN {asin}: 1 of 10 sellers in US")).to_be_visible()  # no partner sold it before
    shot(owner, "partners-1-submitted")

    sign_in(reviewer, app_url, "reviewer@example.com")
    expect(reviewer.get_by_role("heading", name="Partner authorization reviews")).to_be_visible()
    card = reviewer.locator('[class*="st-key-pr_"]').filter(has_text="Lone Star Janitorial").filter(has_text=asin).first
    card.get_by_label("Note").fill("Checked the reseller agreement.")
    card.get_by_role("button", name="Approve").click()
    expect(reviewer.get_by_text("Approved.")).to_be_visible()
    shot(reviewer, "partners-2-approved")

    owner.reload()
    expect(owner.get_by_role("heading", name="Authorizations", exact=True)).to_be_visible()
    expect(lone_star.filter(has_text="Approved")).to_have_count(2)
    expect(owner.get_by_text(f"ASIN {asin}: 1 of 10 sellers in US")).to_be_visible()
    expect(owner.get_by_text("Reviewer's note: Checked the reseller agreement.")).to_be_visible()
    shot(owner, "partners-3-owner-sees-approved")
