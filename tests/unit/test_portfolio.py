"""The account manager's portfolio: figures against an independent calculation, the same answers
as the single-account services, who sees what, a pure read in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, func, inspect, select
from sqlmodel import SQLModel

from services import accounts, actions, alerts, config, health, partners, portfolio, shipments, team
from services.errors import PermissionDenied, ValidationError
from services.models import Task, User
from services.periods import same_day_last_year
from tests.conftest import NOW
from tests.factories import make_account, make_user
from tests.portfolio_builders import authorization, history, line, shipment

TODAY = NOW.date()
START, END = TODAY - timedelta(days=29), TODAY


def _figures(lines: list[dict], account_id: int, mp: str, start: date, end: date) -> tuple[int, int]:
    """(B2B, total) in cents straight from the order lines written."""
    b2b = total = 0
    for r in lines:
        if r["account_id"] == account_id and r["marketplace"] == mp and start <= r["purchase_date"] <= end:
            cents = int(Decimal(r["sales"]) * 100)
            total += cents
            b2b += cents if r["is_business_order"] else 0
    return b2b, total


@pytest.fixture
def book(session):
    """Three accounts: Alpha (US + CA) and Brit (UK) that the manager looks after, Cobalt (US) that
    they don't; sales this year and last year, none last year in the UK."""
    from services import sales

    alpha = make_account(session, "US", ["CA"], name="Alpha Supplies")
    brit = make_account(session, "UK", name="Brit Lab")
    cobalt = make_account(session, "US", name="Cobalt Tools")
    manager, admin, viewer = make_user(session), make_user(session), make_user(session)
    for account in (alpha, brit):
        accounts.grant(session, None, manager.id, account.id, "manager")
    accounts.grant(session, None, admin.id, alpha.id, "admin")
    accounts.grant(session, None, admin.id, cobalt.id, "admin")
    accounts.grant(session, None, viewer.id, alpha.id, "user", {"b2b": "none", "actions": "view"})
    lines = []
    for k in range(40):
        day = TODAY - timedelta(days=k)
        ly = same_day_last_year(day)
        lines += [line(alpha.id, "US", day, f"{100 + k}.25", k % 3 == 0),
                  line(alpha.id, "US", ly, f"{80 + k}.10", True),
                  line(alpha.id, "US", ly, "19.99", False), line(alpha.id, "CA", day, f"{55 + k}.00", k % 2 == 0),
                  line(brit.id, "UK", day, f"{30 + k}.50", k % 4 == 0),
                  line(cobalt.id, "US", day, "999.00", True), line(cobalt.id, "US", ly, "1.00", True)]
    lines.append(line(alpha.id, "CA", same_day_last_year(TODAY - timedelta(days=3)), "12.00", False))  # CA: no B2B LY
    sales.record_order_lines(session, lines)
    session.commit()
    return {"alpha": alpha, "brit": brit, "cobalt": cobalt, "manager": manager, "admin": admin, "viewer": viewer,
            "lines": lines}


def test_figures_match_an_independent_calculation(session, book):
    frame = portfolio.portfolio(session, book["manager"].id, START, END, TODAY, now=NOW)
    assert list(frame.columns[:16]) == ["account_id", "account_name", "marketplace", "currency", "ahr", "ahr_band",
                                        "aha_status", "open_tasks", "b2b_sales", "b2b_sales_last_year", "b2b_yoy_pct",
                                        "total_sales", "b2b_share_pct", "open_shipments", "pending_authorizations",
                                        "open_alerts"]
    got = {(r.account_name, r.marketplace): r for r in frame.itertuples()}
    assert list(got) == [("Alpha Supplies", "US"), ("Alpha Supplies", "CA"), ("Brit Lab", "UK")]  # no Cobalt
    lines, ly = book["lines"], (same_day_last_year(START), same_day_last_year(END))
    for (_, mp), row in got.items():
        b2b, total = _figures(lines, row.account_id, mp, START, END)
        b2b_ly, _ = _figures(lines, row.account_id, mp, *ly)
        assert row.currency == {"US": "USD", "CA": "CAD", "UK": "GBP"}[mp]
        assert (row.b2b_sales, row.total_sales, row.b2b_sales_last_year) == (
            Decimal(b2b) / 100, Decimal(total) / 100, Decimal(b2b_ly) / 100)
        assert isinstance(row.b2b_sales, Decimal)
        want_yoy = None if not b2b_ly else float(100 * (Decimal(b2b) - b2b_ly) / b2b_ly)
        assert row.b2b_yoy_pct == (None if want_yoy is None else pytest.approx(want_yoy))
        assert row.b2b_share_pct == pytest.approx(100 * b2b / total)
        assert len(row.b2b_trend) == 30 and sum(Decimal(str(v)) for v in row.b2b_trend) == Decimal(b2b) / 100
    assert got[("Brit Lab", "UK")].b2b_yoy_pct is None and got[("Alpha Supplies", "CA")].b2b_yoy_pct is None
    # subtotals per currency, never across
    subtotal = portfolio.subtotals(frame).set_index("currency")
    assert sorted(subtotal.index) == ["CAD", "GBP", "USD"]
    assert subtotal.loc["USD", "total_sales"] == got[("Alpha Supplies", "US")].total_sales
    assert subtotal.loc["CAD", "b2b_sales"] == got[("Alpha Supplies", "CA")].b2b_sales
    assert subtotal.loc["GBP", "b2b_yoy_pct"] is None


def test_one_marketplace_only_and_long_ranges_in_31_points(session, book):
    frame = portfolio.portfolio(session, book["manager"].id, START, END, TODAY, marketplace="CA", now=NOW)
    assert frame[["account_name", "marketplace"]].values.tolist() == [["Alpha Supplies", "CA"]]
    year = portfolio.portfolio(session, book["manager"].id, TODAY - timedelta(days=364), TODAY, TODAY, now=NOW)
    assert {len(t) for t in year["b2b_trend"]} == {31}  # 365 days in buckets of 12
    b2b, _ = _figures(book["lines"], book["alpha"].id, "US", TODAY - timedelta(days=364), TODAY)
    assert sum(Decimal(str(v)) for v in year["b2b_trend"].iloc[0]) == Decimal(b2b) / 100
    with pytest.raises(ValidationError):
        portfolio.portfolio(session, book["manager"].id, END, START, TODAY)
    with pytest.raises(ValidationError):
        portfolio.portfolio(session, book["manager"].id, START, END, TODAY, marketplace="XX")


def test_admin_manager_and_a_user_without_b2b_see_their_own(session, book):
    admin = portfolio.portfolio(session, book["admin"].id, START, END, TODAY, now=NOW)
    assert sorted(set(admin["account_name"])) == ["Alpha Supplies", "Cobalt Tools"]
    viewer = portfolio.portfolio(session, book["viewer"].id, START, END, TODAY, now=NOW)
    assert viewer["account_name"].tolist() == ["Alpha Supplies", "Alpha Supplies"]
    for column in portfolio.AREA_COLUMNS["b2b"] + portfolio.AREA_COLUMNS["health"]:
        assert viewer[column].isna().all(), column
    assert viewer["open_tasks"].tolist() == [0, 0] and viewer["open_shipments"].isna().all()
    assert portfolio.subtotals(viewer)["b2b_sales"].tolist() == [None, None]
    stranger = make_user(session)
    assert portfolio.portfolio(session, stranger.id, START, END, TODAY, now=NOW).empty
    # losing access removes the account at once; an inactive person has no portfolio
    team.remove_member(session, book["alpha"].id, None, book["viewer"].id, NOW)
    assert portfolio.portfolio(session, book["viewer"].id, START, END, TODAY, now=NOW).empty
    session.get(User, book["manager"].id).active = False
    session.flush()
    with pytest.raises(PermissionDenied):
        portfolio.portfolio(session, book["manager"].id, START, END, TODAY, now=NOW)


@pytest.fixture
def estate(session):
    """Accounts in every state the portfolio shows, set up through the services."""
    admin = make_user(session)
    made = {}
    for name, home, plan in (("Enrolled", "US", {"phone": "+1 415 555 0101"}),
                             ("Eligible", "CA", {"phone": "+1 604 555 0101", "reconcile": False}),
                             ("Dipping", "US", {"phone": "+1 415 555 0102", "low_days": 11}),
                             ("No phone", "US", {}),
                             ("Critical", "US", {"phone": "+1 415 555 0103", "today": 60}),
                             ("At risk", "US", {"phone": "+1 415 555 0104", "today": 150}),
                             ("Abroad", "DE", {"phone": "+49 30 901820"}),
                             ("Unscored", "US", {})):
        account = make_account(session, home, name=name)
        accounts.grant(session, None, admin.id, account.id, "admin")
        if name != "Unscored":
            history(session, account.id, TODAY, good=950, low_days=plan.get("low_days", 0),
                    today_score=plan.get("today"))
        if "phone" in plan:
            health.set_emergency_phone(session, account.id, plan["phone"])
        if plan.get("reconcile", True):
            health.reconcile(session, account.id, NOW)
        made[name] = account
    enrolled = made["Enrolled"].id
    health.open_case(session, enrolled, "Listing review", NOW - timedelta(hours=80))  # overdue
    products_for_requests(session, made)
    req = actions.create_buyer_request(session, "US", "B0REQ00001", 40, NOW - timedelta(hours=40))  # 8 h left
    actions.create_buyer_request(session, "US", "B0REQ00001", 10, NOW - timedelta(hours=10))  # 38 h left
    actions.create_buyer_request(session, "US", "B0REQ00001", 5, NOW - timedelta(hours=50))  # expired
    late = actions.create_buyer_request(session, "US", "B0REQ00001", 7, NOW - timedelta(hours=44))
    actions.decline_request(session, enrolled, late.id, None, NOW - timedelta(hours=1))
    for account in made.values():
        actions.reconcile(session, account.id, NOW - timedelta(days=1))  # derived tasks appear
    first_task = session.execute(select(Task).where(Task.account_id == made["Dipping"].id)).scalars().first()
    actions.dismiss_task(session, first_task.id, None, NOW)
    for status, n in (("draft", 1), ("shared", 2), ("in_progress", 3), ("shipped", 4)):
        shipment(session, enrolled, NOW - timedelta(days=2), status, n)
    authorization(session, enrolled, made["Abroad"].merchant_token, TODAY, NOW)  # waiting
    authorization(session, enrolled, made["Eligible"].merchant_token, TODAY, NOW, approve=True)
    session.commit()
    return admin, made, req


def products_for_requests(session, made) -> None:
    from services import products

    products.upsert_product(session, made["Enrolled"].id, "US", "B0REQ00001", "REQ-1", "Gloves", "20.00", "18.00")


def test_bulk_figures_agree_with_the_single_account_services(session, estate):
    admin, made, _ = estate
    frame = portfolio.portfolio(session, admin.id, START, END, TODAY, now=NOW).set_index("account_name")
    for name, account in made.items():
        row = frame.loc[name]
        day, score = health.latest_ahr(session, account.id)
        assert (row["ahr"], row["ahr_day"], row["ahr_band"]) == (score, day, health.band(score)[0]), name
        offered = account.home_marketplace in config.AHA_MARKETPLACES
        assert row["aha_days_below"] == (len(health.below_days(session, account.id, TODAY)) if offered else None)
        assert row["open_tasks"] == len(actions.open_tasks(session, account.id, NOW)), name  # reconciled before
        assert row["open_shipments"] == sum(v.shipment.status in ("shared", "in_progress")
                                            for v in shipments.shipments(session, account.id)), name
        assert row["pending_authorizations"] == sum(
            a.status in ("Submitted", "Under review") for b in partners.brands_of(session, account.id)
            for a in partners.authorizations(session, account.id, b.id)), name
    for name, account in made.items():
        status = health.aha_status(session, account.id, TODAY)
        row = frame.loc[name]
        assert row["aha_reason"] == (status.reasons[0] if status.reasons else ""), name
        expected = ("not_offered" if not status.offered else "not_eligible" if not status.eligible
                    else "enrolled" if status.enrolled else "eligible")
        assert row["aha_status"] == expected, name
    assert frame.loc["Enrolled", "aha_status"] == "enrolled" and frame.loc["Eligible", "aha_status"] == "eligible"
    assert (frame.loc["Critical", "ahr_band"], frame.loc["At risk", "ahr_band"]) == ("Critical", "At risk")
    assert frame.loc["Unscored", "ahr"] == config.AHR_START_SCORE and frame.loc["Unscored", "ahr_day"] is None
    assert frame.loc["Enrolled", "expiring_requests"] == 1 and frame.loc["Enrolled", "open_aha_cases"] == 1
    assert frame.loc["Enrolled", "open_shipments"] == 2 and frame.loc["Enrolled", "pending_authorizations"] == 1
    attention = frame.loc["Enrolled", "attention"]
    assert "AHA case open (1)" in attention and "1 buyer request(s) expiring within 12 h" in attention
    assert frame.loc["Critical", "needs_attention"] and not frame.loc["Abroad", "needs_attention"]
    assert frame.loc["Enrolled", "link_health"] == f"account-health?account={made['Enrolled'].id}"


def _table_counts(session) -> dict[str, int]:
    return {t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
            for t in SQLModel.metadata.sorted_tables if inspect(session.get_bind()).has_table(t.name)}


def test_a_pure_read_in_a_fixed_number_of_queries(session, estate, engine):
    admin, made, _ = estate
    before = _table_counts(session)
    session.commit()  # both runs start from the same (expired) identity map
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    portfolio.portfolio(session, admin.id, START, END, TODAY, now=NOW + timedelta(days=30))  # tasks would expire
    few = len(statements)
    for _ in range(5):  # five more accounts cost no more queries
        extra = make_account(session, "US", ["CA"])
        accounts.grant(session, None, admin.id, extra.id, "admin")
        history(session, extra.id, TODAY, days=3)
    session.commit()
    statements.clear()
    portfolio.portfolio(session, admin.id, START, END, TODAY, now=NOW)
    assert len(statements) == few <= 16
    assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert _table_counts(session)["task"] == before["task"]


def test_each_database_gets_its_own_connection_settings(session):
    """PostgreSQL: the rollup reads are prepared statements after a few runs, and must not settle on
    a generic plan (2.5× slower on the agency profile, docs/PORTFOLIO.md). SQLite: its pragmas."""
    connection = session.connection()
    if session.get_bind().dialect.name == "postgresql":
        assert connection.exec_driver_sql("SHOW plan_cache_mode").scalar() == "force_custom_plan"
    else:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_open_alerts_and_buyer_requests_follow_the_clock(session, estate):
    admin, made, req = estate
    alerts.evaluate(session, NOW)
    frame = portfolio.portfolio(session, admin.id, START, END, TODAY, now=NOW).set_index("account_name")
    mine = defaultdict(int)
    for alert in alerts.inbox(session, admin.id, now=NOW, open_only=True):
        mine[alert.account_id] += 1
    assert {n: frame.loc[n, "open_alerts"] for n in made} == {n: mine[a.id] for n, a in made.items()}
    assert frame.loc["Enrolled", "open_alerts"] >= 2  # the case opened and overdue
    assert frame.loc["Enrolled", "expiring_requests"] == 1  # 8 h left; the 38 h one is not within 12 h
    later = portfolio.portfolio(session, admin.id, START, END, TODAY, now=req.expires_at + timedelta(hours=19))
    assert later.set_index("account_name").loc["Enrolled", "expiring_requests"] == 1  # now the other one, 11 h left


def test_b2b_unknown_on_a_day_gives_none_not_zero(session):
    imports = pytest.importorskip(
        "services.imports", reason="B2B can only be unknown once the import branch's daily table (with a nullable "
        "B2B column) is the sales source; this test then checks portfolio against sales_snapshot")
    from services import sales

    account = make_account(session, "US")
    admin = make_user(session)
    accounts.grant(session, None, admin.id, account.id, "admin")
    report = ("Date,Ordered Product Sales,Units Ordered,Total Order Items\n"
              + "".join(f"{(TODAY - timedelta(days=k)).strftime('%m/%d/%Y')},$100.00,4,4\n" for k in range(5)))
    imports.import_report(session, account.id, "BusinessReport.csv", report.encode(), now=NOW)
    snapshot = sales.sales_snapshot(session, account.id, TODAY - timedelta(days=4), TODAY)
    assert snapshot["b2b"].isna().any()  # the import path says: B2B unknown on those days
    row = portfolio.portfolio(session, admin.id, TODAY - timedelta(days=4), TODAY, TODAY, now=NOW).iloc[0]
    assert row["b2b_sales"] is None and row["b2b_yoy_pct"] is None and row["b2b_share_pct"] is None
    assert row["total_sales"] == Decimal("500.00")
    assert row["b2b_trend"] == [None] * 5  # the sparkline has gaps on the unknown days, not zeros
    # two days before the report without any sales: zeros there, gaps on the report's days, in order
    wider = portfolio.portfolio(session, admin.id, TODAY - timedelta(days=6), TODAY, TODAY, now=NOW).iloc[0]
    assert wider["b2b_trend"] == [0.0, 0.0, None, None, None, None, None]
    assert portfolio.subtotals(portfolio.portfolio(session, admin.id, TODAY - timedelta(days=4), TODAY, TODAY,
                                                   now=NOW))["b2b_sales"].tolist() == [None]


def test_the_demo_manager_sees_an_account_in_every_state(db_url, engine):
    from sqlmodel import Session

    from seed.__main__ import run
    from seed.generate import seed_now

    run(db_url, "demo", 5, TODAY, do_reset=False, if_empty=False, quiet=True)
    now = seed_now(TODAY) + timedelta(minutes=5)
    with Session(engine) as session:
        manager = session.execute(select(User).where(User.email == "manager@example.com")).scalars().one()
        frame = portfolio.portfolio(session, manager.id, START, END, TODAY, now=now)
        assert set(frame["ahr_band"]) == {"Critical", "At risk", "Healthy"}
        assert set(frame["aha_status"]) == {"enrolled", "eligible", "not_eligible", "not_offered"}
        for column in ("expiring_requests", "pending_authorizations", "open_shipments", "open_alerts",
                       "open_aha_cases", "metrics_off_target"):
            assert frame[column].gt(0).any(), column
        assert frame["needs_attention"].any() and not frame["needs_attention"].all()
        assert alerts.unread_count(session, manager.id, now) > 0
        kinds = {r.kind for r in alerts.rules(session, manager.id)}
        assert set(config.ALERT_DEFAULT_KINDS) < kinds
