"""The `agency` profile: an agency's book of 500 seller accounts, each selling in two marketplaces
with two years of daily sales, for the portfolio page and its benchmark. Written through the
services' write paths (accounts, products, sales, health, actions), like the other profiles.

Every account has the agency's admin (admin@example.com) and manager (manager@example.com);
user@example.com is a plain user of every tenth account without B2B access. Health varies: some
accounts are critical or at risk, some miss AHA by days below 250, some have no phone."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from sqlmodel import Session

from seed.catalog import INDUSTRIES, INDUSTRY_WEIGHTS, PRICE_FACTOR, PRODUCT_WORDS
from services import accounts, actions, config, health, products, sales

ACCOUNTS = 500
MARKETPLACE_PAIRS = [("US", "CA"), ("UK", "DE"), ("DE", "FR"), ("US", "MX"), ("CA", "US"), ("JP", "US"),
                     ("FR", "IT"), ("IN", "AE"), ("ES", "IT"), ("AU", "US")]
OFFERS_PER_MARKETPLACE = 3
SCORE_DAYS = config.AHA_WINDOW_DAYS + config.ALERT_AHR_DROP_WINDOW_DAYS + 3  # enough for AHA and the drop rule
PHONES = {"US": "+1 415 555 01{n:02d}", "CA": "+1 604 555 01{n:02d}"}


@dataclass(frozen=True)
class AgencyPlan:
    name: str
    token: str
    marketplaces: tuple[str, str]
    b2b_share: float
    orders_per_day: float
    health: str  # critical | at_risk | dipping (misses AHA) | no_phone | healthy


def agency_plans(n: int = ACCOUNTS) -> list[AgencyPlan]:
    kinds = {0: "critical", 1: "at_risk", 2: "dipping", 3: "no_phone"}
    plans = []
    for i in range(n):
        home, second = MARKETPLACE_PAIRS[i % len(MARKETPLACE_PAIRS)]
        plans.append(AgencyPlan(f"Agency Client {i + 1:03d}", f"G{i + 1:04d}AGENCY{home}{second}", (home, second),
                                0.2 + 0.25 * ((i * 7) % 11) / 10, 1.2 + 1.2 * ((i * 3) % 7) / 6,
                                kinds.get(i % 20, "healthy")))
    return plans


def _offers(session: Session, account_id: int, mp: str, i: int, rng: np.random.Generator) -> list[dict]:
    found = []
    for p in range(OFFERS_PER_MARKETPLACE):
        title, category, usd_cents = PRODUCT_WORDS[(i + p * 7) % len(PRODUCT_WORDS)]
        price = int(round(usd_cents * PRICE_FACTOR[mp], -2 if mp == "JP" else 0))
        business = int(round(price * 0.92, -2 if mp == "JP" else 0))
        asin = "B0" + "".join(rng.choice(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"), 8))
        products.upsert_product(session, account_id, mp, asin, f"{mp}-G{i:03d}-{p + 1}", title, f"{price / 100:.2f}",
                                f"{business / 100:.2f}", category=category)
        found.append({"asin": asin, "sku": f"{mp}-G{i:03d}-{p + 1}", "price": price, "business": business})
    return found


def order_lines(plan: AgencyPlan, account_id: int, mp: str, offers: list[dict], today: date,
                rng: np.random.Generator, scale: float) -> list[dict]:
    """Two years of one-line orders with weekly and yearly seasonality; bigger business orders."""
    n_days = 731
    t = np.arange(n_days)
    days = [today - timedelta(days=n_days - 1 - i) for i in range(n_days)]
    weekday = np.array([d.weekday() for d in days])
    doy = np.array([d.timetuple().tm_yday for d in days])
    lam = (plan.orders_per_day * scale * np.array([1.1, 1.1, 1.05, 1.05, 1.0, 0.8, 0.7])[weekday]
           * (1 + 0.2 * np.cos(2 * math.pi * (doy - 345) / 365.25)) * (0.85 + 0.3 * t / n_days))
    order_day = np.repeat(t, rng.poisson(lam))
    n = len(order_day)
    is_b2b = rng.random(n) < plan.b2b_share * 0.6
    product = rng.integers(0, len(offers), n)
    units = np.where(is_b2b, 1 + rng.poisson(3.0, n), 1 + rng.poisson(0.3, n))
    industries = list(INDUSTRIES)
    industry = rng.choice(len(industries), n, p=np.array(INDUSTRY_WEIGHTS) / sum(INDUSTRY_WEIGHTS))
    rows = []
    for k in range(n):
        offer, b2b = offers[product[k]], bool(is_b2b[k])
        cents = (offer["business"] if b2b else offer["price"]) * int(units[k])
        name = industries[industry[k]] if b2b else None
        rows.append({"account_id": account_id, "marketplace": mp, "order_id": f"G{account_id}-{mp}-{k:06d}",
                     "purchase_date": days[order_day[k]], "asin": offer["asin"], "sku": offer["sku"],
                     "units": int(units[k]), "sales": f"{cents // 100}.{cents % 100:02d}", "is_business_order": b2b,
                     "industry": name, "sub_industry": INDUSTRIES[name][k % len(INDUSTRIES[name])] if name else None})
    return rows


def _scores(plan: AgencyPlan, rng: np.random.Generator) -> list[int]:
    """SCORE_DAYS daily scores, oldest first, ending today."""
    base = {"critical": 70, "at_risk": 150}.get(plan.health, int(rng.integers(320, 950)))
    scores = [int(base + 20 * math.sin(k / 23) + rng.integers(-15, 15)) for k in range(SCORE_DAYS)]
    if plan.health == "dipping":  # 14 days below 250 a month ago: not AHA-eligible
        scores[-45:-31] = [int(rng.integers(150, 240)) for _ in range(14)]
    return [max(0, min(1000, s)) for s in scores]


def seed_account(session: Session, i: int, plan: AgencyPlan, user_ids: dict[str, int], today: date, now: datetime,
                 rng: np.random.Generator) -> int:
    """One account with its people, offers, two years of sales and its health; the lines written."""
    home = plan.marketplaces[0]
    account = accounts.create_account(session, plan.name, plan.token, home, marketplaces=list(plan.marketplaces),
                                      created_on=today - timedelta(days=760))
    accounts.grant(session, None, user_ids["admin"], account.id, "admin")
    accounts.grant(session, None, user_ids["manager"], account.id, "manager")
    if i % 10 == 0:
        accounts.grant(session, None, user_ids["user"], account.id, "user",
                       {"b2b": "none", "actions": "view", "health": "view"})
    lines = []
    for m, mp in enumerate(plan.marketplaces):
        offers = _offers(session, account.id, mp, i, rng)
        lines += order_lines(plan, account.id, mp, offers, today, rng, 1.0 if m == 0 else 0.5)
        if m == 0 and i % 25 == 5:  # a buyer request on some accounts, one of them close to expiring
            actions.create_buyer_request(session, mp, offers[0]["asin"], 50 + i, now - timedelta(hours=i % 47),
                                         buyer_name="Agency demo buyer")
    written = sales.record_order_lines(session, lines)
    health.record_ahr_history(session, account.id, {today - timedelta(days=SCORE_DAYS - 1 - k): score
                                                    for k, score in enumerate(_scores(plan, rng))}, today=today)
    if home in PHONES and plan.health != "no_phone":
        health.set_emergency_phone(session, account.id, PHONES[home].format(n=i % 100), None, now)
    health.aha_status(session, account.id, today)  # enrols the eligible
    if i % 50 == 10 and health.aha_status(session, account.id, today).enrolled:
        health.open_case(session, account.id, "Listing review after buyer complaints",
                         now - timedelta(hours=30 + i % 60))
    return written


def seed_agency(session_factory: Callable[[], Session], seed: int, today: date, now: datetime,
                user_ids: dict[str, int], progress: Callable[[int, int, str], None] | None = None) -> dict:
    plans = agency_plans()
    summary = {"accounts": 0, "order_lines": 0, "users": len(user_ids)}
    for i, plan in enumerate(plans):
        rng = np.random.default_rng([seed, 5000 + i])
        with session_factory() as session:
            summary["order_lines"] += seed_account(session, i, plan, user_ids, today, now, rng)
            session.commit()
        summary["accounts"] += 1
        if progress:
            progress(i + 1, len(plans), plan.name)
    return summary
