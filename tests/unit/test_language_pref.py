"""Each person's language (SPEC §13): remembered in the database, the language of their email."""

from __future__ import annotations

import pytest

from services import prefs
from services.errors import ValidationError
from tests.factories import make_user


def test_language_is_none_until_chosen_then_remembered(session):
    user = make_user(session, "lang@example.com")
    assert prefs.language(session, user.id) is None
    assert prefs.language_of(session, "LANG@example.com ") == "en"
    assert prefs.set_language(session, user.id, "zh-Hans") == "zh_Hans"
    assert prefs.language(session, user.id) == "zh_Hans"
    assert prefs.language_of(session, "lang@example.com") == "zh_Hans"
    assert prefs.language_of(session, "nobody@example.com") == "en"


def test_an_unknown_language_is_refused_and_changes_nothing(session):
    user = make_user(session, "lang2@example.com")
    prefs.set_language(session, user.id, "zh_Hant")
    with pytest.raises(ValidationError) as refused:
        prefs.set_language(session, user.id, "klingon")
    assert refused.value.by_field == {"language": ["Choose one of the offered languages."]}
    assert prefs.language(session, user.id) == "zh_Hant"
