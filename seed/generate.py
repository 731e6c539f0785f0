"""Build the demo and large data sets through the services' write paths."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from sqlmodel import Session

from seed.action_center import seed_action_center
from seed.agency import seed_agency
from seed.catalog import BRANDS, INDUSTRIES, INDUSTRY_WEIGHTS, PRICE_FACTOR, PRODUCT_WORDS, UNCLASSIFIED_SHARE
from seed.health import seed_health
from seed.hostile import dress, enable
from seed.partners import seed_partners
from seed.portfolio import seed_portfolio
from seed.supply_chain import seed_supply_chain
from services import accounts, actions, products, sales

DEMO_PASSWORD = "Demo-pass-1"
HISTORY_DAYS = 731  # two years up to today
B2B_EXTRA_UNITS, CONSUMER_EXTRA_UNITS = 2.0, 0.4  # Poisson means of units beyond the first


@dataclass(frozen=True)
class AccountPlan:
    name: str
    token: str
    home: str
    sells_in: tuple[str, ...]
    b2b_share: float
    orders_per_day: float
    new_to_b2b_days: int | None = None  # first B2B order this many days ago (Welcome Series demo)


DEMO_ACCOUNTS = [
    AccountPlan("Northwind Industrial Supply", "A1NWIND0000US1", "US", ("US", "CA"), 0.38, 9.0),
    AccountPlan("Maple Office Co.", "A2MAPLE0000CA1", "CA", ("CA",), 0.30, 5.0),
    AccountPlan("Britannia Lab Goods", "A3BRITLAB00UK1", "UK", ("UK",), 0.42, 4.5),
    AccountPlan("Rheinland Werkzeug GmbH", "A4RHEIN0000DE1", "DE", ("DE",), 0.27, 5.0),
    AccountPlan("Sakura Office Japan", "A5SAKURA000JP1", "JP", ("JP",), 0.25, 6.0),
    AccountPlan("Bharat Safety Products", "A6BHARAT000IN1", "IN", ("IN",), 0.33, 7.0),
    AccountPlan("Lone Star Janitorial", "A7LONESTAR0US1", "US", ("US",), 0.41, 4.0),
    AccountPlan("Pacific Packaging", "A8PACIFIC00US1", "US", ("US",), 0.24, 3.0, new_to_b2b_days=40),
]
LARGE_MARKETPLACES = ["US", "CA", "UK", "DE", "JP", "IN", "FR", "IT", "ES", "MX"]

DEMO_USERS = {
    "admin": ("admin@example.com", "Alex Admin"),
    "user": ("user@example.com", "Uma User"),
    "manager": ("manager@example.com", "Morgan Manager"),
    "supplier": ("supplier@example.com", "Sam Supplier"),
    "reviewer": ("reviewer@example.com", "Riley Reviewer"),
}


def large_accounts(n: int = 50) -> list[AccountPlan]:
    plans = []
    for i in range(n):
        mp = LARGE_MARKETPLACES[i % len(LARGE_MARKETPLACES)]
        plans.append(
            AccountPlan(f"Load Test Seller {i + 1:02d}", f"L{i + 1:04d}LOADTEST{mp}", mp, (mp,),
                        0.23 + 0.18 * ((i * 7) % 10) / 9, 17.6)
        )
    return plans


def _asin(rng: np.random.Generator) -> str:
    alphabet = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"))
    return "B0" + "".join(rng.choice(alphabet, 8))


SEED_NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _seed_tiers(p: int, business_minor: int, mp: str) -> list[products.TierInput]:
    """Quantity discounts on most offers with a business price: fixed unit prices (whole yen in
    JP) on some, percents off on others."""
    if p % 3 == 2 and mp != "JP":
        return [products.TierInput(10, "percent", 5), products.TierInput(50, "percent", 12)]
    steps = [(10, 0.95), (25, 0.9), (100, 0.85)][: 2 + p % 2]
    tiers, last = [], business_minor
    for quantity, factor in steps:
        minor = int(round(business_minor * factor, -2 if mp == "JP" else 0))
        if 0 < minor < last:  # rounding can make two steps equal on cheap items: skip the repeat
            tiers.append(products.TierInput(quantity, "fixed", f"{minor / 100:.2f}"))
            last = minor
    return tiers


def seed_products(session: Session, account_id: int, mp: str, idx: int, rng: np.random.Generator) -> list[dict]:
    """30 offers per account; returns the plain facts the order generator needs."""
    factor = PRICE_FACTOR[mp]
    offers = []
    for p, (title, category, usd_cents) in enumerate(PRODUCT_WORDS):
        price_minor = int(round(usd_cents * factor * (0.9 + 0.2 * rng.random())))
        if mp == "JP":
            price_minor = int(round(price_minor, -2))  # whole yen
        business_minor = int(round(price_minor * 0.92)) if p % 3 else None
        if business_minor is not None and mp == "JP":
            business_minor = int(round(business_minor, -2))
        asin = _asin(rng)
        sku = f"{mp}-{idx:02d}-{p + 1:03d}"
        products.upsert_product(
            session, account_id, mp, asin, sku, dress(title),
            f"{price_minor / 100:.2f}", None if business_minor is None else f"{business_minor / 100:.2f}",
            brand=dress(BRANDS[(idx + p) % len(BRANDS)], same=True), category=category,
        )
        if business_minor is not None:
            products.set_offer_prices(session, account_id, sku, f"{price_minor / 100:.2f}",
                                      f"{business_minor / 100:.2f}", _seed_tiers(p, business_minor, mp),
                                      None, SEED_NOW, mp)
        offers.append({"asin": asin, "sku": sku, "price": price_minor, "business": business_minor or price_minor})
    return offers


def order_lines_for(
    plan: AccountPlan, account_id: int, idx: int, offers: list[dict], today: date, rng: np.random.Generator,
    mp: str | None = None, scale: float = 1.0,
) -> list[dict]:
    """Two years of orders: weekly and yearly seasonality, growth, multi-line orders, industries."""
    mp = mp or plan.home
    days = np.array([today - timedelta(days=HISTORY_DAYS - 1 - i) for i in range(HISTORY_DAYS)])
    t = np.arange(HISTORY_DAYS)
    weekday = np.array([d.weekday() for d in days])
    doy = np.array([d.timetuple().tm_yday for d in days])
    weekly = np.array([1.12, 1.10, 1.08, 1.05, 1.0, 0.8, 0.75])[weekday]
    yearly = 1 + 0.22 * np.cos(2 * math.pi * (doy - 345) / 365.25) + 0.12 * ((doy > 320) & (doy < 358))
    growth = 0.85 + 0.3 * t / HISTORY_DAYS
    lam = plan.orders_per_day * scale * weekly * yearly * growth
    n_orders = rng.poisson(lam)
    order_day = np.repeat(np.arange(HISTORY_DAYS), n_orders)
    n = len(order_day)
    b2b_weekday_lift = np.array([1.15, 1.15, 1.12, 1.1, 1.0, 0.55, 0.45])[weekday[order_day]]
    # plan.b2b_share is a share of *sales*; business orders are bigger, so fewer of them are needed
    size_ratio = (1 + B2B_EXTRA_UNITS) / (1 + CONSUMER_EXTRA_UNITS) * 0.95
    order_share = plan.b2b_share / (size_ratio * (1 - plan.b2b_share) + plan.b2b_share)
    is_b2b = rng.random(n) < np.clip(order_share * b2b_weekday_lift, 0, 0.95)
    ind_names = list(INDUSTRIES)
    ind = rng.choice(len(ind_names), n, p=np.array(INDUSTRY_WEIGHTS) / sum(INDUSTRY_WEIGHTS))
    unclassified = rng.random(n) < UNCLASSIFIED_SHARE
    sub_pick = rng.random(n)
    lines_per_order = np.clip(1 + rng.poisson(0.6, n), 1, 5)
    zipf = 1 / np.arange(1, len(offers) + 1) ** 0.9
    zipf /= zipf.sum()
    total_lines = int(lines_per_order.sum())
    line_order = np.repeat(np.arange(n), lines_per_order)
    line_product = rng.choice(len(offers), total_lines, p=zipf)
    line_units = np.where(is_b2b[line_order], 1 + rng.poisson(B2B_EXTRA_UNITS, total_lines),
                          1 + rng.poisson(CONSUMER_EXTRA_UNITS, total_lines))
    rows = []
    prefix = f"{100 + idx:03d}"
    for i in range(total_lines):
        o = line_order[i]
        offer = offers[line_product[i]]
        b2b = bool(is_b2b[o])
        industry = sub = None
        if b2b and not unclassified[o]:
            industry = ind_names[ind[o]]
            subs = INDUSTRIES[industry]
            sub = subs[int(sub_pick[o] * len(subs))]
        units = int(line_units[i])
        unit_minor = offer["business"] if b2b else offer["price"]
        cents = unit_minor * units
        rows.append({
            "account_id": account_id,
            "marketplace": mp,
            "order_id": f"{prefix}-{o // 10_000_000:07d}-{o % 10_000_000:07d}",
            "purchase_date": days[order_day[o]],
            "asin": offer["asin"],
            "sku": offer["sku"],
            "units": units,
            "sales": f"{cents // 100}.{cents % 100:02d}",
            "is_business_order": b2b,
            "industry": industry,
            "sub_industry": sub,
        })
    return rows


def seed_now(today: date) -> datetime:
    """The seed's "now": the current instant when seeding for today, else noon UTC of `today`."""
    now = datetime.now(UTC)
    return now if now.date() == today else datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=12)


def seed_all(
    session_factory: Callable[[], Session], profile: str, seed: int, today: date,
    progress: Callable[[int, int, str], None] | None = None,
) -> dict:
    """Create accounts, users, products and order lines. Commits per account. The hostile profile
    is the demo with hostile names (seed/hostile.py)."""
    enable(profile == "hostile")
    profile = "demo" if profile == "hostile" else profile
    plans = DEMO_ACCOUNTS if profile == "demo" else large_accounts()
    scale = 1.0
    summary = {"accounts": 0, "order_lines": 0, "users": 0}
    with session_factory() as session:
        users = {
            role: accounts.create_user(session, email, dress(name), DEMO_PASSWORD,
                                       kind=role if role in ("supplier", "reviewer") else "seller")
            for role, (email, name) in DEMO_USERS.items()
        }
        session.commit()
        user_ids = {role: u.id for role, u in users.items()}
    summary["users"] = len(user_ids)
    if profile == "agency":
        return seed_agency(session_factory, seed, today, seed_now(today), user_ids, progress)
    total_steps = len(plans)
    seeded_ids: list[int] = []
    for idx, plan in enumerate(plans):
        rng = np.random.default_rng([seed, idx])
        with session_factory() as session:
            account = accounts.create_account(
                session, dress(plan.name), plan.token, plan.home, marketplaces=list(plan.sells_in),
                created_on=today - timedelta(days=HISTORY_DAYS + 30 * (idx + 1)),
            )
            seeded_ids.append(account.id)
            if profile == "demo" and idx < 2:
                accounts.grant(session, None, user_ids["admin"], account.id, "admin")
            else:
                slug = plan.token.lower()
                owner = accounts.create_user(session, f"owner.{slug}@example.com", f"Owner of {plan.name}",
                                             DEMO_PASSWORD)
                accounts.grant(session, None, owner.id, account.id, "admin")
                summary["users"] += 1
            if profile == "demo" and idx == 0:
                accounts.grant(session, None, user_ids["user"], account.id, "user",
                               {"b2b": "view", "actions": "view", "supply_chain": "none",
                                "partners": "none", "health": "none", "settings": "none"})
            accounts.grant(session, None, user_ids["manager"], account.id, "manager")
            for m_i, mp in enumerate(plan.sells_in):
                offers = seed_products(session, account.id, mp, idx, rng)
                rows = order_lines_for(plan, account.id, idx * 10 + m_i, offers, today, rng, mp=mp,
                                       scale=scale if m_i == 0 else 0.35)
                if plan.new_to_b2b_days is not None:
                    first_b2b = today - timedelta(days=plan.new_to_b2b_days)
                    for r in rows:
                        if r["purchase_date"] < first_b2b:
                            r.update(is_business_order=False, industry=None, sub_industry=None)
                summary["order_lines"] += sales.record_order_lines(session, rows)
                if profile == "demo" and m_i == 0:
                    seed_action_center(session, idx, account.id, offers, mp, today, seed_now(today))
                    seed_health(session, idx, account.id, today, seed_now(today))
                    actions.reconcile(session, account.id, seed_now(today))  # as the cron script would
            session.commit()
        summary["accounts"] += 1
        if progress:
            progress(idx + 1, total_steps, plan.name)
    if profile == "demo":
        with session_factory() as session:
            from services.products import list_products

            northwind, maple = seeded_ids[0], seeded_ids[1]
            seed_supply_chain(session, northwind, maple, DEMO_USERS["supplier"][0], DEMO_PASSWORD,
                              [p.sku for p in list_products(session, northwind)],
                              [p.sku for p in list_products(session, maple)], today, seed_now(today))
            seed_partners(session, seeded_ids, today, seed_now(today))
            seed_portfolio(session, seeded_ids, user_ids["manager"], today, seed_now(today))
            session.commit()
        summary["users"] += 1
    return summary
