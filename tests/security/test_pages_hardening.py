"""Issue 11's defects as a person meets them on the pages (AppTest)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from services import accounts as accounts_service
from services import team
from services.db import make_engine
from services.notifications import LINK_HIDDEN
from tests.conftest import NOW
from tests.helpers import NORTHWIND
from tests.pages.conftest import sign_in

pytestmark = pytest.mark.page


def _with(demo_db, action):
    engine = make_engine(demo_db)
    with Session(engine) as session:
        result = action(session)
        session.commit()
    engine.dispose()
    return result


def _read_email(at, containing: str) -> str:
    box = at.selectbox(key="outbox_read")
    box.select_index(next(i for i, label in enumerate(box.options) if containing in label)).run()
    return at.text[-1].value


def test_a_settings_viewer_reads_the_outbox_without_invitation_links(app, demo_db, accounts):
    """Defect 11.1: a user with Settings = view copied an admin invitation's link from the outbox."""
    northwind = accounts[NORTHWIND]

    def setup(session):
        viewer = accounts_service.create_user(session, "sv@example.com", "Settings Viewer", "Viewer-pass-1")
        accounts_service.grant(session, None, viewer.id, northwind, "user", {"settings": "view"})
        return team.invite_user(session, northwind, None, "new.admin@example.com", "admin", None, NOW).token

    token = _with(demo_db, setup)
    at = sign_in(app({"account": str(northwind)}), "sv@example.com", "Viewer-pass-1")
    at.switch_page("pages/outbox.py").run()
    body = _read_email(at, "new.admin@example.com")
    assert token not in body and LINK_HIDDEN in body
    assert any("only to the account's admins" in c.value for c in at.caption)
    admin = sign_in(app({"account": str(northwind)}), "admin@example.com")
    admin.switch_page("pages/outbox.py").run()
    assert token in _read_email(admin, "new.admin@example.com")


def test_an_admin_invitation_link_asks_for_the_invited_address(app, demo_db, accounts):
    token = _with(demo_db, lambda s: team.invite_user(s, accounts[NORTHWIND], None, "boss@example.net", "admin", None,
                                                     NOW).token)
    at = app({"user_token": token}).run()
    at.switch_page("pages/accept_invitation.py").run()
    assert not any("boss@example.net" in c.value for c in at.caption)  # the address is not shown
    at.text_input(key="inv_email").input("mallory@evil.example")
    at.text_input(key="inv_name").input("Mallory")
    at.text_input(key="inv_password").input("Mallory-pass-1")
    at.text_input(key="inv_password2").input("Mallory-pass-1")
    at.button(key="FormSubmitter:invite_new-Create my sign-in and accept").click().run()
    assert [e.value for e in at.error] == ["Type the email address this invitation was sent to."]


def test_a_password_over_72_bytes_is_refused_beside_its_field(app, demo_db, accounts):
    token = _with(demo_db, lambda s: team.invite_user(s, accounts[NORTHWIND], None, "long@example.net", "user", None,
                                                     NOW).token)
    at = app({"user_token": token}).run()
    at.switch_page("pages/accept_invitation.py").run()
    long = "Pässwörd-1" * 8
    at.text_input(key="inv_name").input("Long")
    at.text_input(key="inv_password").input(long)
    at.text_input(key="inv_password2").input(long)
    at.button(key="FormSubmitter:invite_new-Create my sign-in and accept").click().run()
    assert not at.exception and any("72 bytes" in e.value for e in at.error)


def test_user_permissions_shows_the_levels_in_effect(app, demo_db, accounts):
    at = sign_in(app({"account": str(accounts[NORTHWIND])}), "admin@example.com")
    at.switch_page("pages/user_permissions.py").run()
    table = at.dataframe[0].value.set_index("Email")
    assert table.loc["manager@example.com", "Settings"] == "none"  # a manager has no Settings unless given
    assert table.loc["manager@example.com", "B2B Central"] == "view"
