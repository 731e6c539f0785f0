"""The Import page in a real browser: a file chosen through the uploader, its preview, the import,
then undo behind its confirmation (the account is left as it was)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot, wait_idle
from tests.helpers import MAPLE, open_as

pytestmark = pytest.mark.e2e

# Maple sells in Canada (CAD); ISO dates read in every marketplace
REPORT = (b'Date,Ordered Product Sales,Ordered Product Sales - B2B,Units Ordered,Units Ordered - B2B,'
          b'Total Order Items,Total Order Items - B2B\n'
          b'2026-06-10,"$1,234.56",$200.00,20,4,12,2\n'
          b'2026-06-11,$987.65,$100.01,15,3,9,1\n')


def test_upload_preview_import_and_undo(page, app_url, demo_accounts, tmp_path):
    report = tmp_path / "maple-june.csv"
    report.write_bytes(REPORT)
    open_as(page, app_url, "admin@example.com", f"/import?account={demo_accounts[MAPLE]}")
    expect(page.get_by_role("heading", name="Import reports", exact=True)).to_be_visible()
    page.locator('[class*="st-key-imp_files_"] input[type="file"]').set_input_files(str(report))
    box = page.locator('[class*="st-key-imp_file_"]')
    expect(box.get_by_text("Business Report — Sales and Traffic by Date")).to_be_visible()
    expect(box.get_by_text("2026-06-10 – 2026-06-11", exact=False)).to_be_visible()
    wait_idle(page)
    shot(page, "import-preview")
    page.get_by_role("button", name="Import 1 file").click()
    expect(page.get_by_text("Imported 1 file (2 rows).")).to_be_visible()
    expect(page.get_by_text("Undo an import")).to_be_visible()
    wait_idle(page)
    undo = page.get_by_role("button", name="Undo import")
    expect(undo).to_be_disabled()  # the confirmation first
    page.get_by_text("Yes, remove what this import brought", exact=False).click()
    expect(undo).to_be_enabled()
    undo.click()
    expect(page.get_by_text("undone: its figures are removed", exact=False)).to_be_visible()
