"""Partner authorizations in AppTest: every reason at once; diagnostics; the reviewer's queue."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from services import partners
from services.db import make_engine
from tests.conftest import NOW
from tests.helpers import NORTHWIND
from tests.pages.conftest import sign_in

pytestmark = pytest.mark.page


def test_the_form_lists_all_reasons_for_a_partner_failing_two_rules(accounts, app):
    at = sign_in(app({"account": str(accounts[NORTHWIND])}), "admin@example.com")
    at.switch_page("pages/partners.py").run()
    assert not at.exception
    assert any("of 50" in m.value for m in at.metric)
    at.text_input(key="pa_token").input("A6BHARAT000IN1")  # low health and an infringement record
    box = at.multiselect(key="pa_asins")
    box.select(next(o for o in box.options if "not bound" not in o and "Books" not in o)[:10])  # the ASIN
    at.button(key="FormSubmitter:pa_form-Request authorization").click().run()
    [error] = [e.value for e in at.error]
    assert "Partner health score ≥ 90" in error and "no infringement record and is not restricted" in error
    assert error.count("\n- ") == 2
    # another seller's facts stay hidden: neither its name, nor its score, nor what its record is
    assert "Bharat" not in error and "scores" not in error and "record exists" not in error


def _expected_diagnosis(db_url: str, account_id: int) -> tuple[str, bool]:
    """The first authorization the page shows (newest of the account's brands), as the service diagnoses it."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        first = next(a for b in partners.brands_of(session, account_id)
                     for a in partners.authorizations(session, account_id, b.id))
        *_, checks = partners.diagnose_authorization(session, account_id, first.id, NOW.date())
    engine.dispose()
    passed = sum(c.passed for c in checks)
    return f"{passed} of {len(checks)} rules pass today.", passed == len(checks)


def test_diagnostics_and_review_queue_render(accounts, app, demo_db):
    at = sign_in(app({"account": str(accounts[NORTHWIND])}), "admin@example.com")
    at.switch_page("pages/partner_diagnostics.py").run()
    summary, all_pass = _expected_diagnosis(demo_db, accounts[NORTHWIND])
    assert not at.exception
    assert [x.value for x in (at.success if all_pass else at.warning)] == [summary]
    reviewer = sign_in(app(), "reviewer@example.com")
    assert not reviewer.exception
    assert [b.label for b in reviewer.button if b.key and b.key.startswith("pr_ok_")] == ["Approve"]
