"""Supply Chain Connect and User Permissions pages in AppTest (the full loop is a browser test)."""

from __future__ import annotations

import pytest

from tests.helpers import NORTHWIND
from tests.pages.conftest import sign_in

pytestmark = pytest.mark.page


def test_admin_pages_render_the_demo_data(accounts, app):
    at = sign_in(app({"account": str(accounts[NORTHWIND])}), "admin@example.com")
    at.switch_page("pages/user_permissions.py").run()
    assert not at.exception
    headers = [h.value for h in at.header]
    assert headers == ["Account users", "Supply Chain Connect permissions", "Partner authorizations"]
    assert "admin@example.com" in set(at.dataframe[0].value["Email"])
    assert any("Prairie Wholesale" in m.value for m in at.markdown)  # the supplier's request
    at.text_input(key="sc_email").input("not-an-email")
    at.text_input(key="sc_company").input("Acme")
    at.button(key="FormSubmitter:sc_invite-Send invitation").click().run()
    assert any("email" in e.value.lower() for e in at.error)
    at.switch_page("pages/shipments.py").run()
    assert not at.exception
    assert any("Shipped" in m.value for m in at.markdown) and any("Draft" in m.value for m in at.markdown)


def test_last_admin_cannot_remove_themselves(accounts, app):
    at = sign_in(app({"account": str(accounts[NORTHWIND])}), "admin@example.com")
    at.switch_page("pages/user_permissions.py").run()
    at.checkbox(key=f"up_sure_{at.selectbox(key='up_who').value}").check().run()
    at.button(key=f"up_remove_{at.selectbox(key='up_who').value}").click().run()
    assert any("at least one admin" in e.value for e in at.error)


def test_supplier_and_reviewer_pages(accounts, app):
    supplier = sign_in(app(), "supplier@example.com")
    assert not supplier.exception
    assert any("Northwind Industrial Supply" in m.value for m in supplier.markdown)
    reviewer = sign_in(app(), "reviewer@example.com")
    reviewer.switch_page("pages/removal_review.py").run()
    assert any("asks to remove" in m.value for m in reviewer.markdown)


@pytest.mark.parametrize(("query", "message"), [({"token": "nope"}, "not valid"), ({}, "no token"),
                                                ({"user_token": "nope"}, "not valid")])
def test_bad_invitation_links_get_plain_messages_signed_out(accounts, app, query, message):
    at = app(query).run()  # the sign-in page registers the public pages; a link then opens one
    at.switch_page("pages/accept_invitation.py").run()
    assert not at.exception
    assert any(message in e.value for e in at.error)
