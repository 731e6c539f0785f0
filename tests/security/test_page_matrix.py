"""The tenancy matrix in AppTest (issue 11): every page path of the navigation table × every kind
of person, with another account ("Zeta") named in the URL, shows none of Zeta's name, merchant
token, admin email, product, figures or invitation tokens.

Signed out, each page is also opened the way a plain ``streamlit run app.py`` serves a server's
first run (the page file alone, before app.py ever ran): only the sign-in form may show. The
matrix is generated from shell.nav.PAGES, so a new page is covered automatically. The browser
half (fresh servers, cookies) is tests/e2e/test_security_browser.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select
from streamlit.util import calc_hash

from seed.generate import DEMO_PASSWORD
from services import accounts, actions, products, sales, suppliers, team
from services.db import make_engine
from services.models import RemovalRequest
from shell.nav import PAGES
from tests.conftest import NOW
from tests.pages.conftest import sign_in

pytestmark = pytest.mark.page

ZETA = {"name": "Zeta Hidden Holdings", "token": "Z9HIDDENVICTIM1", "admin": "victim.admin@zeta-hidden.example",
        "product": "Zeta Secret Gadget", "amount": "98,765.43"}
PERSONAS = {  # who: (email, what the person may legitimately see of Zeta)
    "signed_out": (None, ()),
    "foreign_admin": ("admin@example.com", ()),
    "view_only_user": ("user@example.com", ()),
    "account_manager": ("manager@example.com", ()),
    "supplier": ("supplier@example.com", ()),
    "removed_supplier": ("wholesale@example.com", ()),
    # internal reviewers read every account's audit log and outbox (SPEC §1): names and email
    # subjects may show, never figures or link tokens
    "reviewer": ("reviewer@example.com", ("name", "admin", "product")),
}


def _add_zeta(db_url: str) -> dict:
    """Another seller account nobody in the matrix belongs to, with data on every page's subject."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        zeta = accounts.create_account(session, ZETA["name"], ZETA["token"], "US")
        admin = accounts.create_user(session, ZETA["admin"], "Zed Victim", "Victim-pass-1")
        accounts.grant(session, None, admin.id, zeta.id, "admin")
        products.upsert_product(session, zeta.id, "US", "B0ZETA0001", "ZETA-SKU", ZETA["product"], "9999.99")
        day = NOW.date() - timedelta(days=2)
        sales.record_order_lines(session, [{
            "account_id": zeta.id, "marketplace": "US", "order_id": "Z-1", "purchase_date": day, "asin": "B0ZETA0001",
            "sku": "ZETA-SKU", "units": 10, "sales": "98765.43", "is_business_order": True, "industry": "Education"}])
        invitation = suppliers.invite_supplier(session, zeta.id, admin.id, "Zeta Freight", "",
                                               "ops@zeta-hidden.example", "freight_forwarder", NOW)
        user_invitation = team.invite_user(session, zeta.id, admin.id, "new@zeta-hidden.example", "admin", None, NOW)
        actions.create_buyer_request(session, "US", "B0ZETA0001", 40, NOW, buyer_name="Zeta buyer")
        actions.reconcile(session, zeta.id, NOW)
        removal_for = session.exec(  # the demo's pending removal (Maple → Prairie Wholesale): approve it
            select(RemovalRequest).where(RemovalRequest.status == "pending")).first()
        suppliers.review_removal(session, removal_for.id, None, True, NOW)
        session.commit()
        found = {"id": zeta.id, "tokens": [invitation.token, user_invitation.token]}
    engine.dispose()
    return found


def open_path(at, path: str):
    """Open a URL path as a browser does: st.Page hashes its URL path, so the run asks for that
    hash; a path the person's navigation does not hold falls back to their first page."""
    at._page_hash = calc_hash(path)
    return at.run()


def _texts(at) -> str:
    """Everything the page shows: every element's text, every table's cells."""
    parts = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            proto = getattr(child, "proto", None)
            if proto is not None and child.type not in ("dataframe", "arrow_data_frame"):
                parts.append(str(proto))
            if child.type in ("dataframe", "arrow_data_frame"):
                parts.append(child.value.to_csv())
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def _leaks(text: str, zeta: dict, allowed: tuple[str, ...]) -> list[str]:
    markers = {k: v for k, v in ZETA.items() if k not in allowed}
    found = [f"{k}: {v}" for k, v in markers.items() if v in text or v.replace(",", "") in text]
    found += [f"invitation token {t[:6]}…" for t in zeta["tokens"] if t in text]
    return found


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_no_page_shows_another_accounts_data(app, demo_db, persona):
    zeta = _add_zeta(demo_db)
    email, allowed = PERSONAS[persona]
    leaks = {}
    if email is None:
        at = app({"account": str(zeta["id"])}).run()
        assert [t.value for t in at.title] == ["B2B Seller Console"]
    else:
        at = sign_in(app({"account": str(zeta["id"])}), email, DEMO_PASSWORD)
    for path, spec in PAGES.items():
        at.query_params.clear()
        at.query_params["account"] = str(zeta["id"])
        open_path(at, path)
        assert not at.exception, (path, at.exception)
        if found := _leaks(_texts(at), zeta, allowed):
            leaks[path] = found
        if email is None:  # signed out: the sign-in form, or a public page's own message
            assert [t.value for t in at.title] in (["B2B Seller Console"], [spec.title]), path
    assert leaks == {}


@pytest.mark.parametrize("path", list(PAGES))
def test_first_run_of_a_plain_server_shows_only_the_sign_in_form(demo_db, monkeypatch, path):
    """`streamlit run app.py` without scripts.serve: on a server's first run Streamlit executes the
    page file alone. The guard hands the run to app.py: signed out, only the sign-in form shows
    (a public page shows itself, with nothing of any account without its link)."""
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import APP

    monkeypatch.setenv("DATABASE_URL", demo_db)
    monkeypatch.setenv("APP_SECRET_KEY", "page-tests-" + "k" * 32)
    at = AppTest.from_file(APP, default_timeout=60)  # auto-discovery on, as a plain server's first run
    at.query_params["account"] = "1"
    at.switch_page(PAGES[path].file).run()
    assert not at.exception
    titles = [t.value for t in at.title]
    if path == "accept-invitation":
        assert titles == ["Accept invitation"] and "has no token" in at.error[0].value
    else:
        assert titles == ["B2B Seller Console"]
        assert [b.label for b in at.button] == ["Sign in"]
        assert "Northwind" not in _texts(at)
