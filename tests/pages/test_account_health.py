"""Account Health in AppTest: the gauge's bands and threshold; reasons for a non-eligible account."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from services.db import make_engine
from services.models import Account
from tests.pages.conftest import sign_in

pytestmark = pytest.mark.page


def _id(demo_db, name):
    engine = make_engine(demo_db)
    with Session(engine) as s:
        account_id = s.exec(select(Account).where(Account.name == name)).one().id
    engine.dispose()
    return account_id


def _figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_gauge_has_three_bands_and_the_250_threshold(app, demo_db):
    at = sign_in(app({"account": str(_id(demo_db, "Northwind Industrial Supply"))}), "admin@example.com")
    at.switch_page("pages/account_health.py").run()
    assert not at.exception
    gauge = next(f for f in _figures(at) if f["data"][0]["type"] == "indicator")["data"][0]["gauge"]
    assert [s["range"] for s in gauge["steps"]] == [[0, 100], [100, 200], [200, 1000]]
    assert [s["name"] for s in gauge["steps"]] == ["Critical", "At risk", "Healthy"]
    assert gauge["threshold"]["value"] == 250
    assert any("Healthy" in m.value for m in at.metric)
    assert any("Enrolled in Account Health Assurance" in s.value for s in at.success)


def test_reasons_are_listed_for_a_non_eligible_account(app, demo_db):
    at = sign_in(app({"account": str(_id(demo_db, "Maple Office Co."))}), "admin@example.com")
    at.switch_page("pages/account_health.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "11 of the last 180 days" in text and "more days at ≥ 250" in text
    assert any("Not eligible" in w.value for w in at.warning)


def test_a_bad_phone_is_refused_beside_the_field(app, demo_db):
    at = sign_in(app({"account": str(_id(demo_db, "Lone Star Janitorial"))}), "owner.a7lonestar0us1@example.com")
    at.switch_page("pages/account_health.py").run()
    assert "No valid emergency phone number" in " ".join(m.value for m in at.markdown)
    at.text_input(key="ah_phone_input").input("12345")
    at.button(key="FormSubmitter:ah_phone-Save phone").click().run()
    assert any("phone number" in e.value for e in at.error)
