"""Partner authorizations in AppTest: every reason at once; diagnostics; the reviewer's queue."""

from __future__ import annotations

import pytest

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


def test_diagnostics_and_review_queue_render(accounts, app):
    at = sign_in(app({"account": str(accounts[NORTHWIND])}), "admin@example.com")
    at.switch_page("pages/partner_diagnostics.py").run()
    assert not at.exception and any("rules pass today" in x.value for x in (*at.success, *at.warning))
    reviewer = sign_in(app(), "reviewer@example.com")
    assert not reviewer.exception
    assert [b.label for b in reviewer.button if b.key and b.key.startswith("pr_ok_")] == ["Approve"]
