"""Partner authorizations (SPEC §6): a brand owner lets partner seller accounts sell chosen ASINs
of its brand in chosen marketplaces, within limits and eligibility rules; every refusal names
every reason; reviewers decide; everything lands in the permission log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from services import access, config, health
from services.accounts import MERCHANT_TOKEN_RE
from services.audit import record_audit
from services.errors import Conflict, NotFound, ValidationError
from services.i18n import N_, M
from services.marketplaces import MARKETPLACES, local_today
from services.models import (
    Account,
    Brand,
    BrandAsin,
    PartnerAuthorization,
    PartnerStanding,
    PermissionLogEntry,
    Product,
)
from services.products import ASIN_RE
from services.text import NOTE_MAX, clean_text

BRAND_STATUSES = (N_("Active"), N_("Pending"), N_("Suspended"))
COUNTING = ("Submitted", "Under review", "Approved")  # statuses that use a slot


def _log(session: Session, brand_id: int, authorization_id: int | None, actor: int | None, action: str,
         detail: str, now: datetime) -> None:
    session.add(PermissionLogEntry(brand_id=brand_id, authorization_id=authorization_id, at=now,
                                   actor_user_id=actor, action=action, detail=detail))


def create_brand(session: Session, owner_account_id: int, name: str, status: str = "Active") -> Brand:
    if session.get(Account, owner_account_id) is None:
        raise NotFound(M("No such account."))
    if not (name or "").strip():
        raise ValidationError(M("Enter the brand name."), field="name")
    if status not in BRAND_STATUSES:
        raise ValidationError(M("Brand status is one of {items}.", items=', '.join(BRAND_STATUSES)), field="status")
    brand = Brand(owner_account_id=owner_account_id, name=name.strip(), status=status)
    session.add(brand)
    session.flush()
    return brand


def bind_asin(session: Session, brand_id: int, asin: str, category: str = "General") -> None:
    if session.get(Brand, brand_id) is None:
        raise NotFound(M("No such brand."))
    asin = (asin or "").strip().upper()
    if not ASIN_RE.match(asin):
        raise ValidationError(M("An ASIN is 10 capital letters and digits."), field="asin")
    row = session.get(BrandAsin, (brand_id, asin)) or BrandAsin(brand_id=brand_id, asin=asin)
    row.category = category or "General"
    session.add(row)
    session.flush()


def set_standing(session: Session, account_id: int, infringement_record: bool = False,
                 restricted: bool = False) -> None:
    row = session.get(PartnerStanding, account_id) or PartnerStanding(account_id=account_id)
    row.infringement_record, row.restricted = infringement_record, restricted
    session.add(row)
    session.flush()


def health_score(session: Session, account_id: int, today: date) -> int:
    """The partner's latest AHR on or before `today` ÷ 10, capped at 100 (SPEC §6). A score dated
    after today does not count (it could lift eligibility)."""
    _, score = health.latest_ahr(session, account_id, today)
    return min(100, score // 10)


@access.guarded("partners")
def brands_of(session: Session, account_id: int, *, user_id: int | None = None) -> list[Brand]:
    return list(session.exec(select(Brand).where(Brand.owner_account_id == account_id).order_by(Brand.name)))


def brand_asins(session: Session, brand: Brand) -> dict[str, str | None]:
    """{asin: category} of the brand: its bound ASINs, plus the owner's offers under the brand's
    name that are not bound (category None)."""
    bound = {b.asin: b.category for b in session.exec(select(BrandAsin).where(BrandAsin.brand_id == brand.id))}
    offered = session.exec(select(Product.asin).where(Product.account_id == brand.owner_account_id,
                                                      Product.brand == brand.name)).all()
    return {**{a: None for a in offered if a not in bound}, **bound}


def expire(session: Session, now: datetime) -> int:
    """Approved authorizations whose end date has come (in the brand owner's home marketplace)
    expire, logged. Reconciliation: the app calls it once per page run, the cron script daily.
    Returns how many expired."""
    earliest = now.date() - timedelta(days=1)  # no marketplace is more than a day behind UTC
    rows = session.exec(select(PartnerAuthorization, Account.home_marketplace)
                        .join(Brand, Brand.id == PartnerAuthorization.brand_id)
                        .join(Account, Account.id == Brand.owner_account_id)
                        .where(PartnerAuthorization.status == "Approved",
                               PartnerAuthorization.end <= earliest + timedelta(days=2))).all()
    count = 0
    for auth, home in rows:
        if auth.end <= local_today(home, now):
            auth.status, auth.closed_at = "Expired", now
            session.add(auth)
            _log(session, auth.brand_id, auth.id, None, "expired", f"ended {auth.end.isoformat()}", now)
            count += 1
    if count:
        session.flush()
    return count


# --- Eligibility ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleCheck:
    rule: str
    passed: bool
    detail: str
    fix: str


def _counting(session: Session, brand_id: int, exclude_id: int | None = None) -> list[PartnerAuthorization]:
    query = select(PartnerAuthorization).where(PartnerAuthorization.brand_id == brand_id,
                                               PartnerAuthorization.status.in_(COUNTING))
    return [a for a in session.exec(query) if a.id != exclude_id]


def limits_used(session: Session, brand: Brand,
                exclude_id: int | None = None) -> tuple[int, dict[tuple[str, str], int]]:
    """(partner accounts using a slot, {(asin, marketplace): partner sellers}) — the owner not counted."""
    auths = [a for a in _counting(session, brand.id, exclude_id) if a.partner_account_id != brand.owner_account_id]
    per_pair: dict[tuple[str, str], set[int]] = {}
    for a in auths:
        for asin in a.asins:
            for mp in a.marketplaces:
                per_pair.setdefault((asin, mp), set()).add(a.partner_account_id)
    return len({a.partner_account_id for a in auths}), {k: len(v) for k, v in per_pair.items()}


NOT_ELIGIBLE = M("This seller is not eligible under this rule.")


def diagnose(session: Session, brand: Brand, partner: Account, asins: list[str], marketplaces: list[str],
             today: date, exclude_id: int | None = None) -> list[RuleCheck]:
    """Every eligibility rule with pass/fail and what to do (SPEC §6). The partner is another
    seller: its rules say pass or fail, never its score or its records."""
    checks = [
        RuleCheck(
            M("Brand is Active"),
            brand.status == "Active",
            M("The brand is {status}.", status=M(brand.status)),
            M("Resolve the brand's status with Brand Registry before authorizing partners."),
        )
    ]
    bound = {b.asin: b.category for b in session.exec(select(BrandAsin).where(BrandAsin.brand_id == brand.id))}
    unbound = [a for a in asins if a not in bound]
    checks.append(RuleCheck(M("Every ASIN is bound to the brand"), not unbound,
                            M("Not bound: {items}.", items=', '.join(unbound)) if unbound else M("All bound."),
                            M("Bind the ASINs to the brand in the brand catalogue, then request again.")))
    healthy = health_score(session, partner.id, today) >= config.MIN_PARTNER_HEALTH_SCORE
    checks.append(
        RuleCheck(
            M(
                "Partner health score ≥ {min_partner_health_score}",
                min_partner_health_score=config.MIN_PARTNER_HEALTH_SCORE,
            ),
            healthy,
            M("Met.") if healthy else NOT_ELIGIBLE,
            M("Ask the partner to check its Account Health (score = AHR ÷ 10) and request again later."),
        )
    )
    standing = session.get(PartnerStanding, partner.id) or PartnerStanding(account_id=partner.id)
    clean = not (standing.infringement_record or standing.restricted)
    checks.append(RuleCheck(M("Partner has no infringement record and is not restricted"), clean,
                            M("Met.") if clean else NOT_ELIGIBLE,
                            M("Ask the partner to resolve its account standing with Amazon, then request again.")))
    excluded = [a for a in asins if bound.get(a) in config.EXCLUDED_PARTNER_CATEGORIES]
    checks.append(
        RuleCheck(
            M("Category is not Books or Media"),
            not excluded,
            M(
                "In {categories}: {asins}.",
                categories="/".join(config.EXCLUDED_PARTNER_CATEGORIES),
                asins=", ".join(excluded),
            )
            if excluded
            else M("No excluded categories."),
            M("Remove Books and Media ASINs from the request."),
        )
    )
    partners, per_pair = limits_used(session, brand, exclude_id)
    already = any(a.partner_account_id == partner.id for a in _counting(session, brand.id, exclude_id))
    partner_ok = already or partners < config.MAX_PARTNERS_PER_BRAND
    checks.append(
        RuleCheck(
            M(
                "At most {max_partners_per_brand} partner accounts per brand",
                max_partners_per_brand=config.MAX_PARTNERS_PER_BRAND,
            ),
            partner_ok,
            M(
                "{partners} of {max_partners_per_brand} partner accounts used.",
                partners=partners,
                max_partners_per_brand=config.MAX_PARTNERS_PER_BRAND,
            ),
            M("Revoke an authorization you no longer need to free a slot."),
        )
    )
    full = [f"{a} in {m}" for a in asins for m in marketplaces
            if per_pair.get((a, m), 0) >= config.MAX_SELLERS_PER_ASIN_MARKETPLACE
            and not any(partner.id == x.partner_account_id and a in x.asins and m in x.marketplaces
                        for x in _counting(session, brand.id, exclude_id))]
    checks.append(
        RuleCheck(
            M(
                "At most {max_sellers_per_asin_marketplace} partner sellers per ASIN and marketplace",
                max_sellers_per_asin_marketplace=config.MAX_SELLERS_PER_ASIN_MARKETPLACE,
            ),
            not full,
            M("Full: {items}.", items=", ".join(full)) if full else M("Room left."),
            M("Revoke another partner on those ASINs, or choose other ASINs or marketplaces."),
        )
    )
    return checks


def _partner(session: Session, token: str) -> Account:
    wanted = str(token or "").strip().upper()
    partner = session.exec(select(Account).where(func.upper(Account.merchant_token) == wanted)).first() \
        if MERCHANT_TOKEN_RE.fullmatch(wanted) else None
    if partner is None:
        raise NotFound(M("No seller account has the merchant token {wanted}.", wanted=f"{wanted[:20]!r}"))
    return partner


def request_authorization(session: Session, brand_id: int, partner_merchant_token: str, asins: list[str],
                          marketplaces: list[str] | None, start: date, end: date, user_id: int | None,
                          now: datetime) -> PartnerAuthorization:
    """Ask for an authorization; raises one ValidationError listing every failed rule. The
    marketplaces default to the brand owner's home marketplace. Flushes and logs."""
    brand = session.get(Brand, brand_id)
    if brand is None:
        raise NotFound(M("No such brand."))
    if user_id is not None:
        access.require(session, user_id, brand.owner_account_id, "partners", "edit")
    partner = _partner(session, partner_merchant_token)
    owner = session.get(Account, brand.owner_account_id)
    marketplaces = list(dict.fromkeys(marketplaces or [owner.home_marketplace]))
    asins = list(dict.fromkeys((a or "").strip().upper() for a in asins or []))
    reasons: list[str] = []
    if partner.id == brand.owner_account_id:
        reasons.append(M("The brand owner does not need an authorization for its own brand."))
    if not asins:
        reasons.append(M("Choose at least one ASIN."))
    bad_mp = [m for m in marketplaces if m not in MARKETPLACES]
    if bad_mp:
        reasons.append(M("Unknown marketplace: {items}.", items=', '.join(bad_mp)))
    if start is None or end is None:
        reasons.append(M("Choose a start and an end date."))
    elif end < start:
        reasons.append(M("The end date must be on or after the start date."))
    elif end <= local_today(owner.home_marketplace, now):
        reasons.append(M("The end date must be in the future."))
    if not reasons:
        today = local_today(owner.home_marketplace, now)
        reasons += [M("{rule}: {detail} {fix}", rule=c.rule, detail=c.detail, fix=c.fix)
                    for c in diagnose(session, brand, partner, asins, marketplaces, today) if not c.passed]
    if reasons:
        raise ValidationError(reasons[0], field="authorization", reasons=reasons)
    auth = PartnerAuthorization(brand_id=brand.id, partner_account_id=partner.id, asins=asins,
                                marketplaces=marketplaces, start=start, end=end, requested_by=user_id,
                                requested_at=now)
    session.add(auth)
    session.flush()
    _log(session, brand.id, auth.id, user_id, "requested",
         f"{partner.name}: {', '.join(asins)} in {', '.join(marketplaces)}, {start} – {end}", now)
    record_audit(session, user_id, brand.owner_account_id, "partner.requested", partner.name, None,
                 {"authorization_id": auth.id}, now)
    session.flush()
    return auth


def start_review(session: Session, authorization_id: int, reviewer_user_id: int | None, now: datetime) -> None:
    access.require_reviewer(session, reviewer_user_id)
    auth = session.get(PartnerAuthorization, authorization_id)
    if auth is None or auth.status != "Submitted":
        raise Conflict(M("Only a submitted authorization can be taken under review."))
    auth.status = "Under review"
    session.add(auth)
    _log(session, auth.brand_id, auth.id, reviewer_user_id, "under review", "", now)
    session.flush()


def review_authorization(session: Session, authorization_id: int, reviewer_user_id: int | None, approve: bool,
                         now: datetime, note: str = "") -> PartnerAuthorization:
    access.require_reviewer(session, reviewer_user_id)
    auth = session.get(PartnerAuthorization, authorization_id)
    if auth is None:
        raise NotFound(M("No such authorization."))
    if auth.status not in ("Submitted", "Under review"):
        raise Conflict(M("This authorization was already decided ({status}).", status=auth.status))
    auth.status = "Approved" if approve else "Rejected"
    auth.reviewed_by, auth.reviewed_at, auth.note = (
        reviewer_user_id,
        now,
        clean_text(note, "note", N_("Note"), NOTE_MAX),
    )
    session.add(auth)
    _log(session, auth.brand_id, auth.id, reviewer_user_id, "approved" if approve else "rejected", auth.note, now)
    brand = session.get(Brand, auth.brand_id)
    record_audit(session, reviewer_user_id, brand.owner_account_id,
                 "partner.approved" if approve else "partner.rejected", f"authorization {auth.id}", None,
                 {"note": auth.note}, now)
    session.flush()
    return auth


def revoke_authorization(session: Session, authorization_id: int, user_id: int | None, now: datetime) -> None:
    auth = session.get(PartnerAuthorization, authorization_id)
    if auth is None:
        raise NotFound(M("No such authorization."))
    brand = session.get(Brand, auth.brand_id)
    if user_id is not None:
        access.require(session, user_id, brand.owner_account_id, "partners", "edit")
    if auth.status not in COUNTING:
        raise Conflict(M("A {status} authorization cannot be revoked.", status=auth.status.lower()))
    auth.status, auth.closed_at = "Revoked", now
    session.add(auth)
    _log(session, brand.id, auth.id, user_id, "revoked", "", now)
    record_audit(session, user_id, brand.owner_account_id, "partner.revoked", M("authorization {id}", id=auth.id), None,
                 None, now)
    session.flush()


def _own_brand(session: Session, account_id: int, brand_id: int) -> Brand:
    brand = session.get(Brand, brand_id)
    if brand is None or brand.owner_account_id != account_id:
        raise NotFound(M("No such brand in this account."))
    return brand


@access.guarded("partners")
def authorizations(session: Session, account_id: int, brand_id: int, statuses: list[str] | None = None, *,
                   user_id: int | None = None) -> list[PartnerAuthorization]:
    """The authorizations of one of the account's brands (only those statuses when given), newest first."""
    _own_brand(session, account_id, brand_id)
    query = select(PartnerAuthorization).where(PartnerAuthorization.brand_id == brand_id)
    if statuses:
        query = query.where(PartnerAuthorization.status.in_(statuses))
    return list(session.exec(query.order_by(PartnerAuthorization.requested_at.desc(),
                                            PartnerAuthorization.id.desc())))


@access.guarded("partners")
def permission_log(session: Session, account_id: int, brand_id: int, actions: list[str] | None = None, *,
                   user_id: int | None = None) -> list[PermissionLogEntry]:
    _own_brand(session, account_id, brand_id)
    query = select(PermissionLogEntry).where(PermissionLogEntry.brand_id == brand_id)
    if actions:
        query = query.where(PermissionLogEntry.action.in_(actions))
    return list(session.exec(query.order_by(PermissionLogEntry.at.desc(), PermissionLogEntry.id.desc())))


@access.guarded("partners")
def partner_names(session: Session, account_id: int, *, user_id: int | None = None) -> dict[int, str]:
    """{account id: name} of the partners named in the account's brands' authorizations (the brand
    owner typed their merchant tokens; other accounts' names stay hidden)."""
    return dict(session.exec(select(Account.id, Account.name).join(
        PartnerAuthorization, PartnerAuthorization.partner_account_id == Account.id)
        .join(Brand, Brand.id == PartnerAuthorization.brand_id)
        .where(Brand.owner_account_id == account_id).distinct()).all())


@access.guarded("partners")
def diagnose_authorization(session: Session, account_id: int, authorization_id: int, today: date, *,
                           user_id: int | None = None) -> tuple[PartnerAuthorization, Brand, Account, list[RuleCheck]]:
    """The checklist for one of the account's brands' authorizations, as things stand `today` (its
    own slot not counted)."""
    auth = session.get(PartnerAuthorization, authorization_id)
    brand = session.get(Brand, auth.brand_id) if auth else None
    if auth is None or brand.owner_account_id != account_id:
        raise NotFound(M("No such authorization for this account's brands."))
    partner = session.get(Account, auth.partner_account_id)
    return auth, brand, partner, diagnose(session, brand, partner, auth.asins, auth.marketplaces, today,
                                          exclude_id=auth.id)


@dataclass(frozen=True)
class ReviewItem:
    authorization: PartnerAuthorization
    brand_name: str
    owner_name: str
    partner_name: str


def review_queue(session: Session, reviewer_user_id: int | None) -> list[ReviewItem]:
    """Authorizations waiting for an internal reviewer (Submitted, Under review), oldest first."""
    access.require_reviewer(session, reviewer_user_id)
    rows = session.exec(select(PartnerAuthorization, Brand).join(Brand, Brand.id == PartnerAuthorization.brand_id)
                        .where(PartnerAuthorization.status.in_(("Submitted", "Under review")))
                        .order_by(PartnerAuthorization.requested_at, PartnerAuthorization.id)).all()
    names = dict(session.exec(select(Account.id, Account.name)).all()) if rows else {}
    return [ReviewItem(a, b.name, names.get(b.owner_account_id, ""), names.get(a.partner_account_id, ""))
            for a, b in rows]
