"""What the Portfolio page asks of the service layer beyond the frame: who has a portfolio as
their first page, and which rows the page's filters and search keep."""

from __future__ import annotations

from datetime import timedelta

from services import accounts, portfolio
from tests.conftest import NOW
from tests.factories import make_account, make_user

TODAY = NOW.date()


def test_managers_and_admins_of_several_accounts_have_a_portfolio(session):
    one, two = make_account(session, "US", name="One Co"), make_account(session, "UK", name="Two Ltd")
    manager, admin_of_two, admin_of_one, plain_user = (make_user(session) for _ in range(4))
    accounts.grant(session, None, manager.id, one.id, "manager")
    for account in (one, two):
        accounts.grant(session, None, admin_of_two.id, account.id, "admin")
    accounts.grant(session, None, admin_of_one.id, one.id, "admin")
    accounts.grant(session, None, plain_user.id, one.id, "user", {"b2b": "view"})
    accounts.grant(session, None, plain_user.id, two.id, "user", {"b2b": "view"})
    assert portfolio.has_portfolio(session, manager.id)
    assert portfolio.has_portfolio(session, admin_of_two.id)
    assert not portfolio.has_portfolio(session, admin_of_one.id)
    assert not portfolio.has_portfolio(session, plain_user.id)
    assert not portfolio.has_portfolio(session, 999_999)
    manager.active = False
    session.add(manager)
    session.flush()
    assert not portfolio.has_portfolio(session, manager.id)  # an inactive person has none


def test_filters_and_search_keep_the_matching_rows(session):
    alpha = make_account(session, "US", ["CA"], name="Alpha Supplies")
    brit = make_account(session, "UK", name="Brit Lab")
    manager = make_user(session)
    for account in (alpha, brit):
        accounts.grant(session, None, manager.id, account.id, "manager")
    frame = portfolio.portfolio(session, manager.id, TODAY - timedelta(days=29), TODAY, TODAY, now=NOW)
    assert len(frame) == 3

    def names(**filters) -> list[tuple[str, str]]:
        found = portfolio.filter_rows(frame, **filters)
        assert found.attrs == frame.attrs
        return list(zip(found["account_name"], found["marketplace"], strict=True))

    assert names() == [("Alpha Supplies", "US"), ("Alpha Supplies", "CA"), ("Brit Lab", "UK")]
    assert names(marketplaces=["CA", "UK"]) == [("Alpha Supplies", "CA"), ("Brit Lab", "UK")]
    assert names(search="  bRIT ") == [("Brit Lab", "UK")]
    assert names(search=alpha.merchant_token[2:8].lower()) == [("Alpha Supplies", "US"), ("Alpha Supplies", "CA")]
    assert names(search="(") == []  # plain text, never a pattern
    band = frame["ahr_band"].iloc[0]
    assert names(bands=[band]) == names()  # no scores yet: every account starts in the same band
    assert names(bands=["Critical"]) == ([] if band != "Critical" else names())
    assert names(attention_only=True) == [(r.account_name, r.marketplace) for r in frame.itertuples()
                                          if r.needs_attention]
