"""The demo seed: deterministic, realistic shares, every role can sign in."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlmodel import Session, func, select

from seed.__main__ import run
from seed.generate import DEMO_PASSWORD, DEMO_USERS
from services import auth
from services.models import Account, AhrScore, Membership, OrderLine, User
from tests.conftest import NOW

TODAY = date(2026, 6, 15)


def _lines(engine) -> pd.DataFrame:
    return pd.read_sql(select(OrderLine.__table__).order_by(OrderLine.id), engine)


def test_demo_seed_is_deterministic_and_realistic(db_url, engine, tmp_path):
    summary = run(db_url, "demo", 7, TODAY, do_reset=False, if_empty=False, quiet=True)
    assert summary["accounts"] >= 6
    lines = _lines(engine)
    assert len(lines) == summary["order_lines"]
    assert lines["purchase_date"].max() == TODAY
    assert (pd.Timestamp(TODAY) - pd.to_datetime(lines["purchase_date"]).min()).days >= 729
    with Session(engine) as session:
        homes = {a.home_marketplace for a in session.exec(select(Account))}
        assert {"US", "CA", "UK", "DE", "JP", "IN"} <= homes
    per_account = lines.groupby("account_id").apply(
        lambda g: g.loc[g["is_business_order"], "sales_minor"].sum() / g["sales_minor"].sum(), include_groups=False)
    with Session(engine) as session:
        new_to_b2b = session.exec(select(Account.id).where(Account.name == "Pacific Packaging")).one()
    assert per_account.drop(new_to_b2b).between(0.20, 0.45).all(), per_account
    # Pacific Packaging started selling to businesses 40 days ago (the Welcome Series demo)
    first_b2b = lines.loc[(lines["account_id"] == new_to_b2b) & lines["is_business_order"], "purchase_date"].min()
    assert 0 < (TODAY - first_b2b).days <= 40
    assert (lines.groupby("order_id").size() > 1).any()  # multi-line orders
    b2b = lines[lines["is_business_order"]]
    assert b2b["industry"].isna().any() and b2b["industry"].notna().mean() > 0.8
    assert b2b["sub_industry"].notna().any()
    assert lines.loc[~lines["is_business_order"], "industry"].isna().all()
    weekday = pd.to_datetime(b2b["purchase_date"]).dt.day_of_week
    assert (weekday < 5).mean() > 5 / 7  # businesses buy on weekdays

    # the same seed gives the same data; another seed does not
    again = tmp_path / "again.db"
    run(f"sqlite:///{again}", "demo", 7, TODAY, do_reset=False, if_empty=False, quiet=True)
    from services.db import make_engine

    other = make_engine(f"sqlite:///{again}")
    cols = ["order_id", "purchase_date", "asin", "units", "sales_minor", "is_business_order", "industry"]
    pd.testing.assert_frame_equal(_lines(other)[cols].astype(str), lines[cols].astype(str))
    other.dispose()
    assert run(db_url, "demo", 7, TODAY, do_reset=False, if_empty=True, quiet=True) is None


def test_demo_users_for_every_role_sign_in(db_url, engine):
    run(db_url, "demo", 3, TODAY, do_reset=False, if_empty=False, quiet=True)
    with Session(engine) as session:
        for role, (email, _) in DEMO_USERS.items():
            result = auth.authenticate(session, email.upper(), DEMO_PASSWORD, NOW)
            assert result.ok, role
        admin = session.exec(select(User).where(User.email == "admin@example.com")).one()
        roles = session.exec(select(Membership.role).where(Membership.user_id == admin.id)).all()
        assert roles == ["admin", "admin"]
        manager = session.exec(select(User).where(User.email == "manager@example.com")).one()
        n_accounts = len(session.exec(select(Account.id)).all())
        assert len(session.exec(select(Membership).where(Membership.user_id == manager.id)).all()) == n_accounts
        viewer = session.exec(select(User).where(User.email == "user@example.com")).one()
        (m,) = session.exec(select(Membership).where(Membership.user_id == viewer.id)).all()
        assert m.role == "user" and m.areas["b2b"] == "view" and m.areas["settings"] == "none"


def test_demo_seed_has_every_kind_of_task_and_buyer_request_status(db_url, engine):
    from datetime import timedelta

    from seed.generate import seed_now
    from services import actions

    run(db_url, "demo", 3, TODAY, do_reset=False, if_empty=False, quiet=True)
    now = seed_now(TODAY) + timedelta(minutes=1)
    with Session(engine) as session:
        account_ids = session.exec(select(Account.id)).all()
        types = {t.type for a in account_ids for t in actions.open_tasks(session, a, now)}  # seed reconciled
        statuses = {q.status for a in account_ids for q in actions.buyer_requests(session, a, now)}
    assert types == {"buyer_request", "credential", "business_profile", "welcome"}
    assert statuses == {"needs_response", "responded", "expired"}


def test_the_seed_runs_on_its_own_clock_whatever_the_wall_clock_says(db_url, engine):
    """`today` is the seed's clock: a day the real clock has not reached in any account's
    marketplace (as happens every evening in the Americas while UTC is already tomorrow) must
    not make the seed's own scores "future" ones."""
    ahead = date(2099, 1, 1)
    summary = run(db_url, "demo", 7, ahead, do_reset=False, if_empty=False, quiet=True)
    assert summary["accounts"] >= 6
    with Session(engine) as session:
        latest = session.exec(select(func.max(AhrScore.day))).one()
    assert latest == ahead


def test_a_seed_that_fails_halfway_leaves_the_database_empty_for_the_next_start(db_url, engine, monkeypatch):
    import seed.generate
    from services.db import is_empty

    def broken(*args, **kwargs):  # the first account's products: the demo users are committed by then
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(seed.generate, "seed_products", broken)
    with pytest.raises(RuntimeError, match="disk is full"):
        run(db_url, "demo", 7, TODAY, do_reset=False, if_empty=True, quiet=True)
    with Session(engine) as session:
        assert session.exec(select(User)).first() is None  # not "a user with email … already exists" next time
    assert is_empty(engine)  # so the next start (make run: --if-empty) seeds afresh
