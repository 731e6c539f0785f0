"""The language switch (SPEC §13): from the URL, kept per person in the database, in the URL."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from seed.generate import DEMO_PASSWORD
from services import i18n
from services.db import make_engine
from services.i18n import _
from services.models import User
from tests.pages.conftest import sign_in

pytestmark = pytest.mark.page


def _switch(at):
    return at.selectbox(key="language_switch")


def _saved(demo_db, email):
    engine = make_engine(demo_db)
    with Session(engine) as s:
        language = s.exec(select(User.language).where(User.email == email)).one()
    engine.dispose()
    return language


def test_the_url_names_the_language_of_the_sign_in_page(app):
    at = app({"lang": "zh-Hant"})
    at.run()
    assert not at.exception
    assert _switch(at).value == "zh_Hant"
    assert [o for o in _switch(at).options] == ["English", "简体中文", "繁體中文"]


def test_a_choice_is_saved_with_the_person_and_comes_back_at_the_next_sign_in(app, demo_db):
    at = sign_in(app(), "admin@example.com")
    assert _switch(at).value == "en" and "lang" not in at.query_params
    assert _saved(demo_db, "admin@example.com") is None
    _switch(at).set_value("zh_Hans").run()
    assert not at.exception
    assert _saved(demo_db, "admin@example.com") == "zh_Hans"
    assert at.query_params["lang"] == "zh-Hans"

    later = sign_in(app(), "admin@example.com")  # another browser session: no URL, no choice made there
    assert _switch(later).value == "zh_Hans"
    assert later.query_params["lang"] == "zh-Hans"


def test_a_choice_made_before_signing_in_is_saved_to_who_signs_in(app, demo_db):
    at = app()
    at.run()
    _switch(at).set_value("zh_Hant").run()
    with i18n.language("zh_Hant"):
        email, password, button = _("Email"), _("Password"), _("Sign in")
    assert email != "Email" and button != "Sign in"  # the sign-in form reads in Traditional Chinese
    inputs = {t.label: t for t in at.text_input}
    inputs[email].input("admin@example.com")
    inputs[password].input(DEMO_PASSWORD)
    next(b for b in at.button if b.label == button).click()
    at.run()
    assert not at.exception
    assert _saved(demo_db, "admin@example.com") == "zh_Hant"
    assert _switch(at).value == "zh_Hant"
