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
