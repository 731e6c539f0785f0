"""Every page in 简体中文 and 繁體中文 in a real browser (with a CJK font): no English sentence of
ours left untranslated, no traceback; a screenshot of each page in test-artifacts/<language>/.
And a language chosen with the switch is kept after signing out and in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import expect

from services import i18n
from tests.e2e.conftest import ARTIFACTS, settled_sign_in_form, sign_in, wait_idle, wait_remembered

pytestmark = pytest.mark.e2e

POT = Path(__file__).resolve().parents[2] / "locales" / "messages.pot"
PERSONAS = ["admin@example.com", "manager@example.com", "reviewer@example.com", "supplier@example.com"]


def _english_fragments() -> list[str]:
    """Pieces of our English messages long enough to be a sentence (≥ 3 words, ≥ 16 letters):
    finding one on a Chinese page means a string escaped translation."""
    with POT.open("rb") as f:
        catalog = read_po(f)
    pieces = set()
    for message in catalog:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in re.split(r"\{[^}]*\}|[*`_\[\]()#:\n]|\s{2,}", msgid or ""):
                piece = piece.strip(" .,;!?'\"-–—/")
                if len(piece) >= 16 and len(piece.split()) >= 3:
                    pieces.add(piece)
    return sorted(pieces, key=len, reverse=True)


def _visible_text(page) -> str:
    return page.locator("[data-testid='stAppViewContainer']").inner_text()


def _nav_links(page) -> list[str]:
    """The sidebar's page links (their hrefs); none when the person has only one page."""
    links = page.locator("[data-testid='stSidebarNav'] a")
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


def _check(page, problems: list[str], fragments: list[str], folder: Path, name: str) -> None:
    wait_idle(page)
    page.locator("h1").first.wait_for()
    text = _visible_text(page)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    if page.locator("[data-testid='stException']").count() or "Traceback" in text:
        problems.append(f"{name}: a traceback")
    english = [f for f in fragments if f in text]
    if english:
        problems.append(f"{name}: untranslated {english[:3]}")
    if not re.search(r"[\u4e00-\u9fff]", text):
        problems.append(f"{name}: no Chinese on the page")


@pytest.mark.parametrize("email", PERSONAS)
def test_every_page_reads_in_chinese(page, app_url, email):
    """Each page of the person's sidebar in 简体中文 and then 繁體中文, opened with a click as a
    person would (the language named once in the URL stays while they move around)."""
    fragments = _english_fragments()
    sign_in(page, app_url, email)  # in English (the browser's language), then every page in Chinese
    wait_remembered(page)
    person = email.split("@")[0]
    problems: list[str] = []
    for lang in ("zh-Hans", "zh-Hant"):
        folder = ARTIFACTS / lang
        folder.mkdir(parents=True, exist_ok=True)
        page.goto(f"{app_url}/?lang={lang}")
        wait_idle(page)
        page.locator("h1").first.wait_for()
        links = _nav_links(page)
        if not links:  # one page only: the one they landed on
            _check(page, problems, fragments, folder, f"{person}-home")
        for href in links:
            path = re.sub(r"^https?://[^/]+/", "", href).split("?")[0]
            page.locator(f"[data-testid='stSidebarNav'] a[href='{href}']").click()
            expect(page).to_have_url(re.compile(rf"/{re.escape(path)}\b.*lang={lang}"))
            _check(page, problems, fragments, folder, f"{person}-{path}")
    assert not problems, "\n".join(problems)


def test_the_language_chosen_is_kept_after_signing_out_and_in(page, app_url):
    sign_in(page, app_url, "owner.a7lonestar0us1@example.com")
    wait_remembered(page)
    with i18n.language("zh_Hant"):
        sign_out, sign_in_label = i18n._("Sign out"), i18n._("Sign in")
    page.locator(".st-key-language_switch").click()
    page.get_by_role("option", name="繁體中文").click()
    expect(page).to_have_url(re.compile(r"lang=zh-Hant"))
    expect(page.get_by_role("button", name=sign_out, exact=True)).to_be_visible()

    page.get_by_role("button", name=sign_out, exact=True).click()
    expect(page.get_by_role("button", name=sign_in_label, exact=True)).to_be_visible()  # still in 繁體中文
    page.goto(app_url)  # a new visit without ?lang=: the sign-in page follows the browser (English)
    settled_sign_in_form(page)
    page.get_by_label("Email").fill("owner.a7lonestar0us1@example.com")
    page.get_by_role("textbox", name="Password").fill("Demo-pass-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name=sign_out, exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"lang=zh-Hant"))
