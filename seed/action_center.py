"""Demo data for the Business Action Center: profiles, credential eligibility and approvals, and
buyer requests that are open, answered and expired (SPEC §10). Written through the services."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session

from seed.hostile import dress
from services import actions, profile

FULL = {"about": "Family-owned supplier to schools, hospitals and facilities teams since 1998.",
        "year_established": "1998", "employees": "48", "duns": "804735132", "website": "www.example.com",
        "business_type": "Distributor"}

# per demo account index: (profile fields to leave empty, eligible credentials, approved credentials
# as (name, days until expiry))
PLANS = {
    0: (("duns", "employees"), ["Registered Small Business", "ISO 9001"], [("ISO 9001", 20)]),
    1: ((), ["Women-Owned Small Business"], []),
    2: (tuple(profile.PROFILE_FIELDS), ["ISO 14001"], [("ISO 14001", 400)]),
    3: (("website",), [], []),
    4: ((), ["ISO 9001"], [("ISO 9001", 300)]),
    5: (("about", "duns"), ["Minority-Owned Business"], []),
    6: ((), ["Veteran-Owned Small Business", "AS9100"], []),
    7: (("duns",), ["Registered Small Business"], []),
}


def seed_action_center(session: Session, idx: int, account_id: int, offers: list[dict], marketplace: str,
                       today: date, now: datetime) -> None:
    empty, eligible, approved = PLANS.get(idx, ((), [], []))
    values = {k: ("" if k in empty else v) for k, v in FULL.items()}
    profile.save_profile(session, account_id, values, None, now, today)
    profile.set_eligible(session, account_id, eligible)
    for name, days in approved:
        profile.approve_credential(session, account_id, name, dress("Demo Certification Body"),
                                   dress(f"DEMO-{idx}-{len(name)}"),
                                   today - timedelta(days=700), today + timedelta(days=days), None, now, today)
    if idx not in (0, 1):
        return
    # open, answered and expired buyer requests on this account's offers
    picks = [(5, "Riverside School District", "Quarterly restock for 12 schools.", 0.85, None),
             (30, "Harbor Health Clinics", "", None, None),
             (52, "Metro Facilities Group", "Can you ship in two batches?", 0.9, "respond"),
             (75, "Lakeside University", "", None, "expire")]
    for n, (hours_ago, buyer, message, target, outcome) in enumerate(picks if idx == 0 else picks[:1]):
        offer = offers[(n * 7 + 3) % len(offers)]
        asked = now - timedelta(hours=hours_ago)
        target_price = None if target is None else f"{offer['business'] * target / 100:.2f}"
        request = actions.create_buyer_request(session, marketplace, offer["asin"], [25, 100, 250, 40][n], asked,
                                               buyer_name=dress(buyer), message=dress(message) if message else "",
                                               target_price=target_price)
        if outcome == "respond":
            actions.respond_to_request(session, account_id, request.id, f"{offer['business'] * 0.93 / 100:.2f}",
                                       None, asked + timedelta(hours=3))
