"""Pages added for B2B Central's widgets, product and SKU pages and Business Reports (AppTest)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from components.industry import ALL
from services.db import make_engine
from services.models import Account, Product, QuantityTier
from tests.pages.conftest import open_b2b_central, sign_in

pytestmark = pytest.mark.page


def _table_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_industry_select_box_drills_down_and_back(app):
    at = open_b2b_central(sign_in(app(), "admin@example.com"))
    box = at.selectbox(key="ind_industry")
    assert box.value == ALL
    top = _table_with(at, "Industry")
    industry = top["Industry"].iloc[0]
    assert list(box.options)[1:] == top["Industry"].tolist()
    box.set_value(industry).run()
    assert not at.exception
    sub = _table_with(at, "Sub-industry")
    assert any(f"{industry}** · sub-industries" in m.value for m in at.markdown)
    assert sub["Sales"].sum() == top.loc[top["Industry"] == industry, "Sales"].iloc[0]  # the industry's total
    at.button(key="ind_back").click().run()
    assert at.selectbox(key="ind_industry").value == ALL
    assert _table_with(at, "Industry")["Industry"].tolist() == top["Industry"].tolist()


def _first_sku(demo_db, account_name: str) -> str:
    engine = make_engine(demo_db)
    with Session(engine) as s:
        account = s.exec(select(Account).where(Account.name == account_name)).one()
        product = s.exec(select(Product).where(Product.account_id == account.id,
                                               Product.marketplace == account.home_marketplace,
                                               Product.business_price_minor.is_not(None))
                         .order_by(Product.sku)).first()
        sku, product_id = product.sku, product.id
    engine.dispose()
    return sku, product_id


def _tiers(demo_db, product_id: int) -> list[tuple]:
    engine = make_engine(demo_db)
    with Session(engine) as s:
        rows = [(t.min_quantity, t.kind, t.price_minor, t.percent_off)
                for t in s.exec(select(QuantityTier).where(QuantityTier.product_id == product_id)
                                .order_by(QuantityTier.min_quantity))]
    engine.dispose()
    return rows


def test_view_only_user_sees_tiers_but_cannot_edit_them(app, demo_db):
    sku, _ = _first_sku(demo_db, "Northwind Industrial Supply")
    at = sign_in(app({"sku": sku}), "user@example.com")
    at.switch_page("pages/sku.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["SKU Central"]
    assert not at.text_input and not [b for b in at.button if b.label == "Save prices"]
    assert any("needs edit rights" in c.value for c in at.caption)


def test_admin_saves_tiers_and_a_bad_tier_saves_nothing(app, demo_db):
    sku, product_id = _first_sku(demo_db, "Maple Office Co.")
    before = _tiers(demo_db, product_id)
    at = sign_in(app({"sku": sku}), "admin@example.com")
    at.switch_page("pages/sku.py").run()
    form = f"prices_{sku}"
    at.text_input(key=f"{form}_q1").input("5")
    at.selectbox(key=f"{form}_k1").set_value("fixed")
    at.text_input(key=f"{form}_v1").input("-3")
    at.button(key=f"FormSubmitter:{form}-Save prices").click().run()
    assert not at.exception
    assert any("Tier 1 price must be above zero." in e.value for e in at.error)
    assert _tiers(demo_db, product_id) == before
    at.text_input(key=f"{form}_v1").input("abc")
    at.button(key=f"FormSubmitter:{form}-Save prices").click().run()
    assert any("Tier 1 price: enter an amount like 12.50" in e.value for e in at.error)
    assert _tiers(demo_db, product_id) == before
    # a good edit: one fixed tier just under the business price, the other rows emptied
    business = at.text_input(key=f"{form}_business").value
    price_minor = round(float(business) * 100) - 1
    at.text_input(key=f"{form}_v1").input(f"{price_minor / 100:.2f}")
    for n in range(2, 6):
        at.text_input(key=f"{form}_q{n}").input("")
        at.text_input(key=f"{form}_v{n}").input("")
    at.button(key=f"FormSubmitter:{form}-Save prices").click().run()
    assert not at.error and any("saved" in m.value for m in at.success)
    assert _tiers(demo_db, product_id) == [(5, "fixed", price_minor, None)]


@pytest.mark.parametrize("query", [{"sku": "NOPE-1"}, {"asin": "B0ZZZZZZZZ"}])
def test_unknown_product_in_the_url_gets_a_plain_message(app, query):
    at = sign_in(app(query), "admin@example.com")
    at.switch_page("pages/product.py").run()
    assert not at.exception
    assert at.error and ("no product" in at.error[0].value.lower())
    assert not at.metric


def test_an_unknown_industry_in_the_url_falls_back_to_all_industries(app):
    at = open_b2b_central(sign_in(app({"ind_industry": "<b>Nope</b>"}), "admin@example.com"))
    assert not at.exception
    assert at.selectbox(key="ind_industry").value == ALL
    assert _table_with(at, "Industry")["Industry"].tolist()


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_business_reports_columns_are_wide_enough_for_their_longest_figure(app, lang):
    """The grid sizes a column from its first rows: a larger figure further down was cut off
    ("A$1,698.21"). Each figure column is now as wide as its longest text, header included."""
    import json

    from components.formatting import text_width

    at = open_b2b_central(sign_in(app(), "admin@example.com"))
    at.query_params["lang"] = lang
    at.switch_page("pages/business_reports.py").run()
    assert not at.exception
    table = at.dataframe[0]
    config = json.loads(table.proto.columns)
    money = [c for c in table.value.columns if any(str(v).startswith(("CA$", "$")) for v in table.value[c])]
    assert money
    for column in money:
        longest = max(table.value[column], key=len)
        assert config[column]["width"] >= text_width([longest], column) >= 24 + 8 * len(longest), column
