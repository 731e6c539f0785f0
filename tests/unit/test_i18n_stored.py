"""Texts services store in English (task titles, alert messages, audit summaries) read back in the
reader's language with i18n.tr_stored; lists of messages as one parameter; labels inside refusals."""

from __future__ import annotations

import pytest
from babel.support import Translations

from services import i18n
from services.errors import ValidationError
from services.i18n import M, joined, tr
from services.imports.common import Problems
from services.text import clean_text

FAKE = {  # a stand-in catalog (the real ones come later): "<<…>>" marks a translated text
    "Buyer request: {quantity} × {product}": "<<request {quantity} of {product}>>",
    "Welcome: complete your business profile": "<<welcome profile>>",
    "Complete your business profile: add {fields}": "<<add {fields}>>",
    "Website": "<<website>>",
    "Enter the {label}.": "<<enter {label}>>",
    "Carrier": "<<carrier>>",
    "line {line}, column '{column}': '{value}' {what}": "<<{line}/{column}/{value}: {what}>>",
    "is not a number": "<<NaN>>",
}


@pytest.fixture
def fake_catalog(monkeypatch):
    catalog = Translations()
    catalog._catalog = dict(FAKE)
    monkeypatch.setattr(i18n, "translations", lambda lang: catalog if lang != i18n.DEFAULT else Translations())
    i18n._templates.cache_clear()
    yield
    i18n._templates.cache_clear()


def test_stored_english_reads_in_the_readers_language(fake_catalog):
    title = M("Buyer request: {quantity} × {product}", quantity="1,200", product="Nitrile gloves")
    stored = str(title)  # what the database keeps
    assert stored == "Buyer request: 1,200 × Nitrile gloves"
    assert i18n.tr_stored(stored) == stored  # English reader
    with i18n.language("zh_Hans"):
        assert i18n.tr_stored(stored) == "<<request 1,200 of Nitrile gloves>>"
        assert i18n.tr_stored("Welcome: complete your business profile") == "<<welcome profile>>"
        assert i18n.tr_stored("Something a person typed") == "Something a person typed"
        assert i18n.tr_stored(None) is None


def test_a_list_of_messages_is_one_parameter(fake_catalog):
    title = M("Complete your business profile: add {fields}", fields=joined([M("Website"), "DUNS"]))
    assert title == "Complete your business profile: add Website, DUNS"
    with i18n.language("zh_Hans"):
        assert tr(title) == "<<add <<website>>, DUNS>>"


def test_a_label_inside_a_refusal_is_lower_case_in_english_and_translated_otherwise(fake_catalog):
    with pytest.raises(ValidationError) as caught:
        clean_text("", "carrier", i18n.N_("Carrier"), 100, required=True)
    reason = caught.value.reasons[0]
    assert reason == "Enter the carrier." and tr(reason) == "Enter the carrier."
    with i18n.language("zh_Hans"):
        assert tr(reason) == "<<enter <<carrier>>>>"


def test_an_import_problem_keeps_its_parts(fake_catalog):
    problems = Problems()
    problems.add(7, "Units Ordered", "abc", M("is not a number"))
    reason = problems.error().reasons[0]
    assert reason == "line 7, column 'Units Ordered': 'abc' is not a number"
    with i18n.language("zh_Hans"):
        assert tr(reason) == "<<7/Units Ordered/abc: <<NaN>>>>"


def test_dates_inside_a_stored_text_read_the_readers_way():
    """Alert messages and AHR refusals keep their dates as English text ("05 Dec 14:30",
    "25 Nov 2026"); a Chinese reader sees them as Babel writes them, in the real catalogs."""
    from datetime import UTC, date, datetime

    message = M("New buyer request: {request_text}; answer by {expires_at} UTC.", request_text="25 × Gloves",
                expires_at=i18n.moment(datetime(2026, 12, 5, 14, 30, tzinfo=UTC), "%d %b %H:%M", "MMMdHHmm"))
    stored = str(message)
    assert stored == "New buyer request: 25 × Gloves; answer by 05 Dec 14:30 UTC."
    with i18n.language("zh_Hans"):
        shown = i18n.tr_stored(stored)
        assert "12月5日 14:30" in shown and "Dec" not in shown, shown
        assert i18n.tr_stored("25 Nov 2026") == "2026年11月25日"
        assert i18n.tr_stored("31 Feb 2026") == "31 Feb 2026"  # not a date: left as stored
        assert i18n.tr_stored("29 Feb 12:00") == "2月29日 12:00"  # no year was stored: still a day
    assert i18n.tr_stored(stored) == stored  # English readers read what was stored
    assert i18n.moment(date(2026, 11, 25)).translate("zh_Hant") == "2026年11月25日"


@pytest.mark.parametrize("lang", sorted(i18n.LANGUAGES))
def test_every_moment_the_services_write_renders_in_every_language(lang):
    """The skeletons the services use (a day; a day and a time): Babel has no single Chinese format
    for "MMMdHHmm" and raised KeyError, which broke a Chinese reader's buyer-request alert."""
    import re
    from datetime import UTC, datetime
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    used = {m for path in (root / "services").rglob("*.py")
            for m in re.findall(r'moment\([^()]*(?:\([^()]*\)[^()]*)*"(\w+)"\)', path.read_text())}
    assert "MMMdHHmm" in used
    when = datetime(2026, 12, 5, 14, 30, tzinfo=UTC)
    for skeleton in used | {"yMMMd"}:
        shown = i18n.moment(when, "%d %b %H:%M", skeleton).translate(lang)
        assert "5" in shown and ("Dec" not in shown or lang == "en"), (skeleton, shown)
    message = M("New buyer request: {request_text}; answer by {expires_at} UTC.", request_text="25 × Gloves",
                expires_at=i18n.moment(when, "%d %b %H:%M", "MMMdHHmm"))
    assert ("14:30" in message.translate(lang)) and (lang == "en" or "12月5日" in message.translate(lang))


def test_a_template_of_slots_alone_never_matches_a_stored_text():
    """'{day} {time}' is in the catalog; it must not read "Product authenticity complaint" as a
    day and a time (which translated its first word only)."""
    with i18n.language("zh_Hans"):
        assert i18n.tr_stored("Product authenticity customer complaint") == "Product authenticity customer complaint"
        assert i18n.tr_stored("Listing missing required safety information") == (
            "Listing missing required safety information")
