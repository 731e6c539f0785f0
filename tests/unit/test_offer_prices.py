"""Offer prices and quantity tiers (SPEC §2): every rule accepted and refused, saved all or nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from services import accounts, products
from services.errors import NotFound, PermissionDenied, ValidationError
from services.models import AuditEntry
from services.products import TierInput as T
from tests.conftest import NOW
from tests.factories import make_account, make_user


def check(standard="20.00", business="18.00", tiers=()):
    return products.validate_offer_prices(standard, business, list(tiers))


def reasons(**kwargs) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        check(**kwargs)
    return exc.value.reasons


@pytest.mark.parametrize("tiers", [
    [],
    [T(10, "fixed", "17.00")],
    [T(10, "fixed", "17.00"), T(25, "fixed", "16.50"), T(50, "percent", 10), T(100, "percent", 20),
     T(500, "fixed", "12.00")],
    [T("5", "percent", "1"), T(6, "percent", 99)],
])
def test_valid_tiers_are_accepted(tiers):
    standard, business, rows = check(tiers=tiers)
    assert (standard, business, len(rows)) == (2000, 1800, len(tiers))


def test_business_price_may_equal_standard_and_may_be_absent_without_tiers():
    assert check(business="20.00")[1] == 2000
    assert check(business="")[1] is None


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"business": "20.01"}, "at most the standard price"),
    ({"standard": "abc"}, "Standard price: enter an amount"),
    ({"standard": "-5"}, "Standard price must be above zero"),
    ({"business": "12.345"}, "Business price: enter an amount"),
    ({"standard": ""}, "Enter the standard price"),
    ({"business": "", "tiers": [T(10, "fixed", "17.00")]}, "Set a business price before"),
    ({"tiers": [T(10, "fixed", "17")] * 6}, "At most 5"),
    ({"tiers": [T(1, "fixed", "17.00")]}, "at least 2"),
    ({"tiers": [T("ten", "fixed", "17.00")]}, "whole number"),
    ({"tiers": [T(10, "fixed", "17.00"), T(10, "fixed", "16.00")]}, "quantities must go up"),
    ({"tiers": [T(10, "fixed", "17.00"), T(5, "fixed", "16.00")]}, "quantities must go up"),
    ({"tiers": [T(10, "fixed", "18.00")]}, "below the business price"),
    ({"tiers": [T(10, "fixed", "16.00"), T(20, "fixed", "16.00")]}, "must go down"),
    ({"tiers": [T(10, "percent", 10), T(20, "fixed", "16.20")]}, "must go down"),  # 10 % off 18.00 = 16.20
    ({"tiers": [T(10, "percent", 0)]}, "from 1 to 99"),
    ({"tiers": [T(10, "percent", 100)]}, "from 1 to 99"),
    ({"tiers": [T(10, "percent", "5.5")]}, "from 1 to 99"),
    ({"tiers": [T(10, "fixed", "x1")]}, "Tier 1 price: enter an amount"),
    ({"tiers": [T(10, "fixed", "")]}, "enter the unit price"),
    ({"tiers": [T(10, "bogus", "1")]}, "fixed price or a percent"),
])
def test_each_rule_refuses(kwargs, expected):
    assert any(expected in r for r in reasons(**kwargs)), reasons(**kwargs)


def test_every_failure_is_reported_at_once():
    got = reasons(business="25.00", tiers=[T(1, "fixed", "30.00"), T(1, "percent", 150)])
    assert len(got) >= 4
    assert got[0] == "The business price must be at most the standard price."


def test_blank_tier_rows_are_ignored():
    assert check(tiers=[T("", "fixed", ""), T(10, "fixed", "17.00"), T(None, "percent", None)])[2] == [
        {"min_quantity": 10, "kind": "fixed", "price_minor": 1700, "percent_off": None}]


@pytest.fixture
def offer(session):
    account = make_account(session, "US")
    products.upsert_product(session, account.id, "US", "B0AAAAAAAA", "SKU-1", "Thing", "20.00", "18.00")
    return account


def test_save_replaces_prices_and_tiers_with_an_audit_entry(session, offer):
    admin = make_user(session)
    accounts.grant(session, None, admin.id, offer.id, "admin")
    products.set_offer_prices(session, offer.id, "SKU-1", "21.00", "19.00",
                              [T(10, "fixed", "18.00"), T(20, "percent", 10)], admin.id, NOW)
    product = products.get_product(session, offer.id, sku="SKU-1")
    tiers = products.quantity_tiers(session, product)
    assert [(t.min_quantity, t.unit_price) for t in tiers] == [(10, Decimal("18.00")), (20, Decimal("17.10"))]
    products.set_offer_prices(session, offer.id, "SKU-1", "21.00", "19.00", [T(5, "fixed", "18.50")], admin.id, NOW)
    assert [t.min_quantity for t in products.quantity_tiers(session, product)] == [5]
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "offer.prices_changed")
                         .order_by(AuditEntry.id.desc())).first()
    assert entry.actor_user_id == admin.id and entry.account_id == offer.id
    assert entry.before["business_price"] == "19.00" and len(entry.before["tiers"]) == 2
    assert entry.after["tiers"] == [{"min_quantity": 5, "kind": "fixed", "value": "18.50"}]


def test_a_refused_save_changes_nothing(session, offer):
    products.set_offer_prices(session, offer.id, "SKU-1", "20.00", "18.00", [T(10, "fixed", "17.00")], None, NOW)
    session.commit()
    with pytest.raises(ValidationError):
        products.set_offer_prices(session, offer.id, "SKU-1", "25.00", "19.00", [T(10, "fixed", "20.00")],
                                  None, NOW)
    session.rollback()
    product = products.get_product(session, offer.id, sku="SKU-1")
    assert (product.standard_price_minor, product.business_price_minor) == (2000, 1800)
    assert [t.price for t in products.quantity_tiers(session, product)] == [Decimal("17.00")]


def test_view_only_users_and_strangers_cannot_save(session, offer):
    viewer, stranger = make_user(session), make_user(session)
    accounts.grant(session, None, viewer.id, offer.id, "user", {"b2b": "view"})
    for user in (viewer, stranger):
        with pytest.raises(PermissionDenied):
            products.set_offer_prices(session, offer.id, "SKU-1", "bad", "", [], user.id, NOW)


def test_unknown_or_foreign_products_are_not_found(session, offer):
    other = make_account(session, "US")
    products.upsert_product(session, other.id, "US", "B0BBBBBBBB", "SKU-X", "Theirs", "5.00")
    for sku in ("NOPE", "SKU-X"):
        with pytest.raises(NotFound):
            products.get_product(session, offer.id, sku=sku)
    with pytest.raises(NotFound):
        products.get_product(session, offer.id, asin="B0BBBBBBBB")
    assert products.get_product(session, offer.id, asin="b0aaaaaaaa").sku == "SKU-1"


def test_product_trend_buckets_b2b_sales_only(session, offer):
    from services import sales
    line = {"account_id": offer.id, "marketplace": "US", "asin": "B0AAAAAAAA", "sku": "SKU-1", "units": 2}
    sales.record_order_lines(session, [
        {**line, "order_id": "1", "purchase_date": date(2026, 5, 1), "sales": "10.00", "is_business_order": True},
        {**line, "order_id": "2", "purchase_date": date(2026, 5, 1), "sales": "99.00", "is_business_order": False},
        {**line, "order_id": "3", "purchase_date": date(2026, 5, 3), "sales": "4.50", "is_business_order": True},
    ])
    trend = products.product_trend(session, offer.id, "SKU-1", date(2026, 5, 1), date(2026, 5, 3))
    assert trend["sales"].tolist() == [Decimal("10.00"), Decimal("0.00"), Decimal("4.50")]
    assert trend["units"].tolist() == [2, 0, 2]
