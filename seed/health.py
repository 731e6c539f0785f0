"""Demo data for Account Health (SPEC §7, §10): AHR histories that make some accounts AHA-eligible
and others not (one by 11 days below 250, one without a phone, non-US/CA accounts not offered),
an enrolled account with an open case, metrics and policy violations. Through the services."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
from sqlmodel import Session

from seed.hostile import dress
from services import config, health
from services.models import HealthMetric, PolicyViolation

# per demo account index: (baseline AHR, phone or None, days below 250 in the AHA window)
PLANS = {
    0: (720, "+1 206 555 0143", 0),
    1: (610, "+1 604 555 0177", 11),
    2: (540, "+44 20 7946 0321", 0),
    3: (940, "+49 30 901820", 3),
    4: (650, "+81 3 1234 5678", 0),
    5: (430, "+91 22 2345 6789", 0),
    6: (930, None, 0),
    7: (520, "+1 503 555 0110", 11),  # seed/portfolio corrects one of them: eligible, not yet enrolled
}
VIOLATIONS = [("low", "Listing missing required safety information", "resolved"),
              ("high", "Product authenticity customer complaint", "open"),
              ("critical", "Suspected intellectual property violation", "responded"),
              ("low", "Late response to a buyer message", "open")]


def seed_health(session: Session, idx: int, account_id: int, today: date, now: datetime) -> None:
    base, phone, low_days = PLANS.get(idx, (600, None, 0))
    rng = np.random.default_rng(1000 + idx)
    low = set(range(25, 25 + low_days))  # days ago that dip below 250
    for ago in range(1, config.AHR_HISTORY_DAYS + 1):
        wave = 40 * np.sin(ago / 29)
        score = 180 + int(rng.integers(0, 50)) if ago in low else int(base + wave + rng.integers(-25, 25))
        health.record_ahr(session, account_id, today - timedelta(days=ago), max(0, min(1000, score)), today=today)
    health.record_ahr(session, account_id, today, int(base + rng.integers(-10, 10)), today=today)
    if phone:
        health.set_emergency_phone(session, account_id, phone, None, now)
    for n, (metric, (op, limit)) in enumerate(config.METRIC_TARGETS.items()):
        good = limit * (0.5 + 0.1 * ((idx + n) % 4)) if op != ">" else min(99.9, limit + 2 + (idx % 3))
        off = idx == 3 and metric == "late_shipment_rate"  # one account off target, for the demo
        value = limit * 1.3 if off else good
        session.add(HealthMetric(account_id=account_id, metric=metric, segment="all", value_pct=round(value, 2),
                                 as_of=today))
        business = value * (0.6 if op != ">" else 1.0)
        session.add(HealthMetric(account_id=account_id, metric=metric, segment="business",
                                 value_pct=round(min(business, 100.0), 2), as_of=today))
    for n, (severity, title, status) in enumerate(VIOLATIONS[: 1 + idx % 4]):
        session.add(PolicyViolation(account_id=account_id, severity=severity, title=dress(title),
                                    occurred_on=today - timedelta(days=9 + 17 * n), status=status))
    session.flush()
    health.reconcile(session, account_id, now)  # enrols the eligible, asks for a missing phone
    if idx == 0:
        issue = dress("Buyer complaints about product authenticity (ASIN listing review)")
        health.open_case(session, account_id, issue, now - timedelta(hours=20))
