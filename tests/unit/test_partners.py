"""Partner authorizations: every eligibility rule, the limits at their boundaries, review, expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services import accounts, config, health, partners
from services.errors import NotFound, PermissionDenied, ValidationError
from services.models import Account
from tests.conftest import NOW
from tests.factories import make_account, make_user

TODAY = NOW.date()
START, END = TODAY, TODAY + timedelta(days=90)
A1, A2, BOOK = "B0BRAND001", "B0BRAND002", "B0BOOK0001"


def healthy(session, home="US"):
    account = make_account(session, home)
    health.record_ahr(session, account.id, TODAY - timedelta(days=1), 950, today=TODAY)
    return account


@pytest.fixture
def brand(session):
    owner = make_account(session, "US")
    b = partners.create_brand(session, owner.id, "Northline")
    partners.bind_asin(session, b.id, A1, "Tools")
    partners.bind_asin(session, b.id, A2, "Tools")
    partners.bind_asin(session, b.id, BOOK, "Books")
    return b


def ask(session, brand, partner, asins=(A1,), mps=None, **kw):
    return partners.request_authorization(session, brand.id, partner.merchant_token, list(asins), mps,
                                          kw.get("start", START), kw.get("end", END), None, kw.get("now", NOW))


def reasons(session, brand, partner, **kw) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        ask(session, brand, partner, **kw)
    return exc.value.reasons


def test_an_eligible_request_defaults_to_the_home_marketplace(session, brand):
    auth = ask(session, brand, healthy(session, "CA"))
    assert (auth.status, auth.marketplaces) == ("Submitted", ["US"])  # the brand owner's home, not the partner's


@pytest.mark.parametrize("rule", ["brand", "unbound", "health", "infringement", "restricted", "books"])
def test_each_rule_alone(session, brand, rule):
    partner, asins = healthy(session), (A1,)
    if rule == "brand":
        brand.status = "Suspended"
    elif rule == "unbound":
        asins = ("B0NOTBOUND",)
    elif rule == "health":
        health.record_ahr(session, partner.id, TODAY, 890, today=TODAY)  # 89
    elif rule == "infringement":
        partners.set_standing(session, partner.id, infringement_record=True)
    elif rule == "restricted":
        partners.set_standing(session, partner.id, restricted=True)
    else:
        asins = (BOOK,)
    got = reasons(session, brand, partner, asins=asins)
    assert len(got) == 1
    expected = {"brand": "Brand is Active", "unbound": "bound to the brand", "health": "health score ≥ 90",
                "infringement": "no infringement record", "restricted": "not restricted",
                "books": "not Books or Media"}[rule]
    assert expected in got[0]


def test_several_failures_are_all_reported(session, brand):
    partner = make_account(session, "US")  # no AHR: a new account scores 200 → 20
    partners.set_standing(session, partner.id, infringement_record=True, restricted=True)
    brand.status = "Pending"
    got = reasons(session, brand, partner, asins=(BOOK, "B0NOTBOUND"))
    assert len(got) == 5  # brand, binding, health, standing (infringement and restriction are one rule), books


def test_fifty_partners_accepted_the_fifty_first_refused(session, brand):
    # 50 partners spread over ASIN/marketplace pairs, 10 per pair, so only the brand limit binds
    pairs = [(a, m) for a in (A1, A2) for m in ("US", "CA", "MX", "UK", "DE")]
    for n in range(config.MAX_PARTNERS_PER_BRAND):
        asin, mp = pairs[n // 10]
        ask(session, brand, healthy(session), asins=(asin,), mps=[mp])
    used, _ = partners.limits_used(session, brand)
    assert used == 50
    got = reasons(session, brand, healthy(session), asins=(A2,), mps=["FR"])
    assert got == [r for r in got if "50 partner accounts" in r] and len(got) == 1


def test_ten_sellers_per_asin_and_marketplace(session, brand):
    for _ in range(config.MAX_SELLERS_PER_ASIN_MARKETPLACE):
        ask(session, brand, healthy(session), asins=(A1,), mps=["US"])
    assert partners.limits_used(session, brand)[1][(A1, "US")] == 10
    eleventh = healthy(session)
    assert any("10 partner sellers per ASIN" in r for r in reasons(session, brand, eleventh, asins=(A1,), mps=["US"]))
    ask(session, brand, eleventh, asins=(A2,), mps=["US"])  # another ASIN still accepts
    ask(session, brand, healthy(session), asins=(A1,), mps=["CA"])  # another marketplace too


def test_revocation_frees_a_slot(session, brand):
    auths = [ask(session, brand, healthy(session), asins=(A1,), mps=["US"]) for _ in range(10)]
    late = healthy(session)
    assert reasons(session, brand, late, asins=(A1,), mps=["US"])
    partners.revoke_authorization(session, auths[0].id, None, NOW)
    assert ask(session, brand, late, asins=(A1,), mps=["US"]).status == "Submitted"


def test_review_approve_reject_and_expiry_on_the_end_date(session, brand):
    reviewer, admin = make_user(session, kind="reviewer"), make_user(session)
    accounts.grant(session, None, admin.id, brand.owner_account_id, "admin")
    auth = ask(session, brand, healthy(session), end=TODAY + timedelta(days=5))
    with pytest.raises(PermissionDenied):
        partners.review_authorization(session, auth.id, admin.id, True, NOW)
    partners.start_review(session, auth.id, reviewer.id, NOW)
    partners.review_authorization(session, auth.id, reviewer.id, True, NOW, note="Looks good")
    assert partners.expire(session, NOW + timedelta(days=4)) == 0
    assert auth.status == "Approved"
    assert partners.expire(session, NOW + timedelta(days=5)) == 1  # the end date, in the owner's US
    assert auth.status == "Expired"
    other = ask(session, brand, healthy(session))
    partners.review_authorization(session, other.id, reviewer.id, False, NOW, note="Not a fit")
    log = [e.action for e in partners.permission_log(session, brand.owner_account_id, brand.id)]
    assert {"requested", "under review", "approved", "expired", "rejected"} <= set(log)


def test_unknown_partner_token_is_not_found(session, brand):
    with pytest.raises(NotFound):
        partners.request_authorization(session, brand.id, "NOSUCHTOKEN", [A1], None, START, END, None, NOW)


def test_bad_dates_and_the_owner_itself(session, brand):
    partner = healthy(session)
    assert "end date must be on or after" in reasons(session, brand, partner, start=END, end=START)[0]
    owner = session.get(Account, brand.owner_account_id)
    assert "does not need an authorization" in reasons(session, brand, owner)[0]


def test_refusals_say_nothing_of_the_other_sellers_score_or_records(session, brand):
    """Defect 11.8: "Bharat Safety Products scores 43", "an infringement record exists"."""
    partner = make_account(session, "US", name="Bharat Safety Products")
    health.record_ahr(session, partner.id, TODAY, 430, today=TODAY)
    partners.set_standing(session, partner.id, infringement_record=True)
    got = " ".join(reasons(session, brand, partner))
    assert "health score ≥ 90" in got and "no infringement record" in got
    for secret in ("Bharat", "43", "scores", "record exists", "restricted."):
        assert secret not in got


def test_a_future_dated_score_does_not_lift_eligibility(session, brand):
    """Defect 11.5: a score dated after today counted as the latest one."""
    partner = make_account(session, "US")
    health.record_ahr(session, partner.id, TODAY - timedelta(days=1), 300, today=TODAY)
    session.add(__import__("services.models", fromlist=["AhrScore"]).AhrScore(
        account_id=partner.id, day=TODAY + timedelta(days=30), score=1000))  # written around the service
    session.flush()
    assert partners.health_score(session, partner.id, TODAY) == 30
    assert any("health score" in r for r in reasons(session, brand, partner))
