"""What each alert rule kind watches (SPEC §8): for a set of accounts and a threshold, the
conditions that hold at `now`, each named by a stable key. services/alerts fires one alert per
person and key while the condition holds, and clears it once the key is gone.

Facts are read in bulk (services/account_facts) once per evaluation and shared by every rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from urllib.parse import urlencode

from sqlalchemy import select
from sqlmodel import Session

from services import account_facts, config, health
from services.i18n import M, moment
from services.marketplaces import local_today
from services.marketplaces import marketplace as marketplace_info
from services.models import Account, Brand, Credential, PartnerAuthorization, Shipment
from services.money import from_minor

KIND_AREA = {  # the area a person must see in the account to get alerts of the kind
    "ahr_below": "health", "ahr_band_change": "health", "ahr_drop": "health", "b2b_sales_drop": "b2b",
    "buyer_request_new": "actions", "buyer_request_expiring": "actions", "credential_expiring": "actions",
    "authorization_expiring": "partners", "shipment_shipped": "supply_chain", "aha_case": "health",
    "metric_off_target": "health",
}
KIND_LABELS = {
    "ahr_below": M("AHR below a value"), "ahr_band_change": M("AHR enters another band"),
    "ahr_drop": M("AHR drops within {days} days", days=config.ALERT_AHR_DROP_WINDOW_DAYS),
    "b2b_sales_drop": M("B2B sales drop (last {days} days)", days=config.ALERT_SALES_DROP_WINDOW_DAYS),
    "buyer_request_new": M("New buyer request"), "buyer_request_expiring": M("Buyer request about to expire"),
    "credential_expiring": M("Credential expiring"), "authorization_expiring": M("Partner authorization expiring"),
    "shipment_shipped": M("Supplier shipped a shipment"), "aha_case": M("AHA case opened or overdue"),
    "metric_off_target": M("Performance metric off target"),
}


@dataclass(frozen=True)
class Condition:
    key: str  # stable: the same condition gives the same key at every evaluation
    account_id: int
    message: str
    link: str
    marketplace: str | None = None


def _link(path: str, **query: object) -> str:
    return f"{path}?{urlencode(query)}"


def _money(minor: int, mp: str) -> str:
    return f"{from_minor(minor):,} {marketplace_info(mp).currency}"


class Facts:
    """Everything the rules read about the accounts, loaded on first use in one query each."""

    def __init__(self, session: Session, now: datetime, accounts: dict[int, Account]):
        self.session, self.now, self.accounts = session, now, accounts
        self.ids = list(accounts)

    def today(self, account_id: int, mp: str | None = None) -> date:
        return local_today(mp or self.accounts[account_id].home_marketplace, self.now)

    @cached_property
    def days(self) -> tuple[date, date]:
        """The earliest and latest local day among the accounts' marketplaces at `now`."""
        found = [local_today(mp, self.now) for a in self.accounts.values() for mp in a.marketplaces] or [
            self.now.date()]
        return min(found), max(found)

    @cached_property
    def latest(self) -> dict[int, tuple[date, int]]:
        return account_facts.latest_ahr(self.session, self.ids, self.days[1])

    @cached_property
    def previous(self) -> dict[int, tuple[date, int]]:
        return account_facts.previous_ahr(self.session, self.ids, self.days[1])

    @cached_property
    def recent_scores(self) -> dict[int, dict[date, int]]:
        first, last = self.days
        return account_facts.ahr_scores(self.session, self.ids,
                                        first - timedelta(days=config.ALERT_AHR_DROP_WINDOW_DAYS), last)

    @cached_property
    def requests(self) -> list[account_facts.OpenRequest]:
        return account_facts.open_buyer_requests(self.session, self.ids, self.now)

    @cached_property
    def cases(self):
        return account_facts.unresolved_cases(self.session, self.ids)

    @cached_property
    def off_target(self) -> list[account_facts.OffTarget]:
        return account_facts.metrics_off_target(self.session, list(self.accounts.values()))

    @cached_property
    def sales(self) -> tuple[date, dict[tuple[int, str], account_facts.SalesFigures]]:
        """B2B per day over the two 7-day windows of every marketplace (day 0 = the first)."""
        first, last = self.days
        start = first - timedelta(days=2 * config.ALERT_SALES_DROP_WINDOW_DAYS)
        marketplaces = {mp for a in self.accounts.values() for mp in a.marketplaces}
        return start, account_facts.sales_figures(self.session, self.ids, marketplaces, start,
                                                  last - timedelta(days=1))

    @cached_property
    def credentials(self) -> list[Credential]:
        first, _ = self.days
        return list(self.session.execute(select(Credential).where(
            Credential.account_id.in_(self.ids), Credential.expires_on > first)).scalars())

    @cached_property
    def authorizations(self) -> list[tuple[PartnerAuthorization, Brand]]:
        rows = self.session.execute(
            select(PartnerAuthorization, Brand).join(Brand, Brand.id == PartnerAuthorization.brand_id)
            .where(PartnerAuthorization.status == "Approved",
                   Brand.owner_account_id.in_(self.ids) | PartnerAuthorization.partner_account_id.in_(self.ids)))
        return [(a, b) for a, b in rows]

    @cached_property
    def shipped(self) -> list[Shipment]:
        return list(self.session.execute(select(Shipment).where(
            Shipment.account_id.in_(self.ids), Shipment.status == "shipped",
            Shipment.completed_at >= self.now - config.ALERT_SHIPMENT_SHIPPED_WINDOW)).scalars())

    def name(self, account_id: int) -> str:
        account = self.session.get(Account, account_id)
        return account.name if account else ""


Finder = Callable[[Facts, set[int], float | None], list[Condition]]


def ahr_below(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    return [
        Condition(
            f"ahr_below:{a}",
            a,
            M("AHR {score} is below {threshold} (scored on {day}).", score=score, threshold=f"{threshold:g}", day=day),
            _link("account-health", account=a),
        )
        for a, (day, score) in facts.latest.items()
        if a in ids and score < threshold
    ]


def ahr_band_change(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    found = []
    for a, (day, score) in facts.latest.items():
        if a in ids and a in facts.previous:
            before = health.band(facts.previous[a][1])[0]
            now_band = health.band(score)[0]
            if before != now_band:
                found.append(
                    Condition(
                        f"ahr_band_change:{a}:{day.isoformat()}",
                        a,
                        M(
                            "AHR moved from {before} to {now_band} ({score} on {day}).",
                            before=before,
                            now_band=now_band,
                            score=score,
                            day=day,
                        ),
                        _link("account-health", account=a),
                    )
                )
    return found


def ahr_drop(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    found = []
    for a in ids:
        today = facts.today(a)
        window = {d: s for d, s in facts.recent_scores.get(a, {}).items()
                  if today - timedelta(days=config.ALERT_AHR_DROP_WINDOW_DAYS) <= d <= today}
        if len(window) < 2:
            continue
        last_day = max(window)
        peak = max(s for d, s in window.items() if d < last_day)
        drop = peak - window[last_day]
        if drop >= threshold:
            found.append(
                Condition(
                    f"ahr_drop:{a}",
                    a,
                    M(
                        "AHR fell {drop} points within {days} days (from {peak} to {window}).",
                        drop=drop,
                        days=config.ALERT_AHR_DROP_WINDOW_DAYS,
                        peak=peak,
                        window=window[last_day],
                    ),
                    _link("account-health", account=a),
                )
            )
    return found


def b2b_sales_drop(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    start, figures = facts.sales
    n = config.ALERT_SALES_DROP_WINDOW_DAYS
    found = []
    for (a, mp), fig in figures.items():
        if a not in ids:
            continue
        end = (facts.today(a, mp) - start).days  # today's bucket: not counted (the day is not over)
        last = [fig.trend.get(i, 0) for i in range(end - n, end)]
        before = [fig.trend.get(i, 0) for i in range(end - 2 * n, end - n)]
        if None in last or None in before or not sum(before):
            continue
        pct = 100 * (sum(before) - sum(last)) / sum(before)
        if pct >= threshold:
            found.append(
                Condition(
                    f"b2b_sales_drop:{a}:{mp}",
                    a,
                    M(
                        "B2B sales in {mp} fell {pct}% in the last {n} days ({money} against {money2}).",
                        mp=mp,
                        pct=f"{pct:.0f}",
                        n=n,
                        money=_money(sum(last), mp),
                        money2=_money(sum(before), mp),
                    ),
                    _link("b2b-central", account=a, mp=mp),
                    mp,
                )
            )
    return found


def _request_text(r: account_facts.OpenRequest) -> str:
    return M("{quantity} units of ASIN {asin} in {marketplace}", quantity=f"{r.quantity:,}", asin=r.asin,
             marketplace=r.marketplace)


def buyer_request_new(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    return [
        Condition(
            f"buyer_request_new:{r.account_id}:{r.request_id}",
            r.account_id,
            M(
                "New buyer request: {request_text}; answer by {expires_at} UTC.",
                request_text=_request_text(r),
                expires_at=moment(r.expires_at, "%d %b %H:%M", "MMMdHHmm"),
            ),
            _link("quote", account=r.account_id, request=r.request_id),
            r.marketplace,
        )
        for r in facts.requests
        if r.account_id in ids
    ]


def buyer_request_expiring(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    found = []
    for r in facts.requests:
        left = r.expires_at - facts.now
        if r.account_id in ids and left < config.ALERT_BUYER_REQUEST_EXPIRING:
            window = int(config.ALERT_BUYER_REQUEST_EXPIRING.total_seconds() // 3600)
            found.append(
                Condition(
                    f"buyer_request_expiring:{r.account_id}:{r.request_id}",
                    r.account_id,
                    M(
                        "Buyer request unanswered with less than {window} h left (expires {expires_at} UTC): "
                        "{request_text}.",
                        window=window,
                        expires_at=moment(r.expires_at, "%d %b %H:%M", "MMMdHHmm"),
                        request_text=_request_text(r),
                    ),
                    _link("quote", account=r.account_id, request=r.request_id),
                    r.marketplace,
                )
            )
    return found


def credential_expiring(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    found = []
    for c in facts.credentials:
        today = facts.today(c.account_id)
        if c.account_id in ids and today < c.expires_on <= today + timedelta(days=threshold):
            found.append(
                Condition(
                    f"credential_expiring:{c.account_id}:{c.id}",
                    c.account_id,
                    M(
                        "{credential} expires on {expires_on} ({days} days).",
                        credential=c.credential,
                        expires_on=c.expires_on,
                        days=(c.expires_on - today).days,
                    ),
                    _link("credentials", account=c.account_id, credential=c.credential),
                )
            )
    return found


def authorization_expiring(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    found = []
    for auth, brand in facts.authorizations:
        for a, text in ((brand.owner_account_id, M("{partner}'s authorization for {brand}",
                                                   partner=facts.name(auth.partner_account_id), brand=brand.name)),
                        (auth.partner_account_id, M("Your authorization to sell {brand}", brand=brand.name))):
            if a not in ids:
                continue
            left = (auth.end - facts.today(a)).days
            if left <= threshold:
                found.append(
                    Condition(
                        f"authorization_expiring:{a}:{auth.id}",
                        a,
                        M("{what} ends on {end} ({days} days).", what=text, end=auth.end, days=max(left, 0)),
                        _link("partners", account=a),
                    )
                )
    return found


def shipment_shipped(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    return [
        Condition(
            f"shipment_shipped:{s.account_id}:{s.id}",
            s.account_id,
            M(
                "Shipment {id} ({name}) was shipped by the supplier: {carrier}, {n_tracking_numbers} tracking "
                "number(s).",
                id=s.id,
                name=s.name,
                carrier=s.carrier,
                n_tracking_numbers=len(s.tracking_numbers),
            ),
            _link("shipments", account=s.account_id),
        )
        for s in facts.shipped
        if s.account_id in ids
    ]


def aha_case(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    found = []
    for case in facts.cases:
        if case.account_id not in ids:
            continue
        link = _link("account-health", account=case.account_id)
        found.append(
            Condition(
                f"aha_case:{case.account_id}:{case.id}:open",
                case.account_id,
                M(
                    "AHA case opened: {issue} (respond by {deadline} UTC).",
                    issue=case.issue,
                    deadline=moment(case.deadline, "%d %b %H:%M", "MMMdHHmm"),
                ),
                link,
            )
        )
        if health.case_state(case, facts.now) == "overdue":
            found.append(
                Condition(
                    f"aha_case:{case.account_id}:{case.id}:overdue",
                    case.account_id,
                    M(
                        "AHA case overdue: {issue} (the {aha_case_hours} hours ended {deadline} UTC).",
                        issue=case.issue,
                        aha_case_hours=config.AHA_CASE_HOURS,
                        deadline=moment(case.deadline, "%d %b %H:%M", "MMMdHHmm"),
                    ),
                    link,
                )
            )
    return found


def metric_off_target(facts: Facts, ids: set[int], threshold: float | None) -> list[Condition]:
    return [
        Condition(
            f"metric_off_target:{m.account_id}:{m.metric}:{m.segment}",
            m.account_id,
            (
                M(
                    "{metric} (business orders) is off target at {value_pct}%.",
                    metric=health.METRIC_LABELS[m.metric],
                    value_pct=f"{m.value_pct:g}",
                )
                if m.segment == "business"
                else M(
                    "{metric} is off target at {value_pct}%.",
                    metric=health.METRIC_LABELS[m.metric],
                    value_pct=f"{m.value_pct:g}",
                )
            ),
            _link("account-health", account=m.account_id),
        )
        for m in facts.off_target
        if m.account_id in ids
    ]


FINDERS: dict[str, Finder] = {
    "ahr_below": ahr_below, "ahr_band_change": ahr_band_change, "ahr_drop": ahr_drop,
    "b2b_sales_drop": b2b_sales_drop, "buyer_request_new": buyer_request_new,
    "buyer_request_expiring": buyer_request_expiring, "credential_expiring": credential_expiring,
    "authorization_expiring": authorization_expiring, "shipment_shipped": shipment_shipped, "aha_case": aha_case,
    "metric_off_target": metric_off_target,
}
