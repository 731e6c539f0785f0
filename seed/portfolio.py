"""Demo data for the account manager's portfolio and alerts (SPEC §8, §10): manager@example.com
sees an account in every state. Bharat's AHR falls to Critical today and Pacific's to At risk;
Pacific meets the AHA rules again after a corrected score (eligible, enrolled at the next
reconciliation); Lone Star has buyer requests running out (8 h and 4 h left). Every account's
Action Center is brought up to date, the manager gets a few rules of their own beside the
defaults, and the alerts are evaluated once so the inbox is not empty. Through the services."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session

from services import actions, alerts, health, products


def seed_portfolio(session: Session, ids: list[int], manager_id: int, today: date, now: datetime) -> None:
    bharat, lone_star, pacific = ids[5], ids[6], ids[7]
    health.record_ahr(session, bharat, today, 85, today=today)  # Healthy yesterday, Critical today
    health.record_ahr(session, pacific, today, 150, today=today)  # Healthy yesterday, At risk today
    # corrected: 10 days below, eligible
    health.record_ahr(session, pacific, today - timedelta(days=35), 310, today=today)
    offers = products.list_products(session, lone_star)
    for hours_ago, quantity, buyer in ((40, 120, "Gulf Coast Hospitals"), (44, 60, "Austin Public Schools")):
        actions.create_buyer_request(session, "US", offers[0].asin, quantity, now - timedelta(hours=hours_ago),
                                     buyer_name=buyer)
    for account_id in ids:
        actions.reconcile(session, account_id, now)
    alerts.set_rule(session, manager_id, "ahr_drop", threshold=100, channel="email", now=now)
    # a big drop only: at 30 % the demo's week-to-week noise flags nearly every account, and the
    # portfolio should show accounts that are fine beside those that need attention
    alerts.set_rule(session, manager_id, "b2b_sales_drop", threshold=50, channel="digest", now=now)
    alerts.set_rule(session, manager_id, "buyer_request_new", now=now)
    alerts.evaluate(session, now)
