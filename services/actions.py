"""Business Action Center (SPEC §3.4): the task engine and Buyer Requests.

Derived tasks (business profile, credentials, welcome series) are brought up to date by
:func:`reconcile`, an explicit call the app makes once per page run (and the cron script): a task
appears at the first reconcile whose `now` finds its condition true, disappears 14 days later
(unless restored, which restarts the 14 days) and does not come back while the condition keeps
holding; once the condition stops holding the task is completed, so work done on its own page
clears the task on the next load. Reads (:func:`open_tasks`, …) never write. Buyer-request tasks are made when a
request fans out, expire with the request (48 hours) and are completed by answering it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from sqlalchemy import func, update
from sqlmodel import Session, select

from services import access, config, notifications, profile
from services.audit import record_audit
from services.errors import Conflict, NotFound, ValidationError
from services.i18n import N_, M, joined
from services.marketplaces import MARKETPLACES, local_today
from services.models import (
    Account,
    BuyerRequest,
    BuyerRequestResponse,
    DayRollup,
    Product,
    QuantityTier,
    Task,
)
from services.money import from_minor, to_minor
from services.products import ASIN_RE
from services.text import NAME_MAX, check_text, clean_text

TYPE_LABELS = {
    "buyer_request": M("Buyer Request"),
    "credential": M("Credentials"),
    "business_profile": M("Business Profile"),
    "welcome": M("Welcome Series"),
}
STATUS_LABELS = {"needs_response": M("Needs response"), "responded": M("Responded"), "declined": M("Declined"),
                 "expired": M("Expired")}
MESSAGE_MAX = 1000
MAX_QUANTITY = 1_000_000


def _link(path: str, **query: object) -> str:
    return f"{path}?{urlencode(query)}" if query else path


# --- Derived tasks --------------------------------------------------------------------------------


def _first_b2b_day(session: Session, account_id: int) -> date | None:
    """The first day with B2B units (order lines or a report that says so)."""
    t = DayRollup.__table__.c
    return session.execute(
        select(func.min(t.day)).where(t.account_id == account_id, t.b2b_units > 0)
    ).scalar_one_or_none()


def _wanted(session: Session, account: Account, now: datetime) -> dict[str, tuple[str, str, str]]:
    """{key: (type, title, link)} of every derived task whose condition holds now."""
    today = local_today(account.home_marketplace, now)
    wanted: dict[str, tuple[str, str, str]] = {}
    prof = profile.get_profile(session, account.id)
    missing = profile.missing_fields(prof)
    if missing:
        wanted["business_profile"] = ("business_profile", M("Complete your business profile: add {fields}",
                                                                fields=joined(missing)), "business-profile")
    approved = set(profile.credential_badges(session, account.id, today))
    eligible = profile.eligible_credentials(session, account.id)
    for name in eligible:
        if name not in approved:
            wanted[f"credential:{name}"] = ("credential", M("Eligible for {credential}: add its certificate",
                                                              credential=name),
                                            _link("credentials", credential=name))
    first = _first_b2b_day(session, account.id)
    if first is not None and (today - first).days < config.WELCOME_WINDOW_DAYS:
        offers = session.exec(select(Product).where(Product.account_id == account.id, Product.active)).all()
        if any(p.business_price_minor is None for p in offers):
            wanted["welcome:business_prices"] = ("welcome", M("Welcome: set business prices on your offers"), "sku")
        has_tiers = session.exec(select(QuantityTier.id).join(Product, Product.id == QuantityTier.product_id)
                                 .where(Product.account_id == account.id).limit(1)).first() is not None
        if offers and not has_tiers:
            wanted["welcome:quantity_discounts"] = ("welcome", M("Welcome: add quantity discounts for larger orders"),
                                                    "sku")
        if missing:
            wanted["welcome:business_profile"] = ("welcome", M("Welcome: complete your business profile"),
                                                  "business-profile")
        if eligible and prof.credentials_reviewed_at is None:
            wanted["welcome:credentials"] = ("welcome", M("Welcome: review the business credentials you may hold"),
                                             "credentials")
    return wanted


def reconcile(session: Session, account_id: int, now: datetime) -> None:
    """Bring the account's derived tasks up to date with their conditions (flushes)."""
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(M("No such account."))
    wanted = _wanted(session, account, now)
    open_rows = {t.key: t for t in session.exec(
        select(Task).where(Task.account_id == account_id, Task.completed_at.is_(None), Task.type != "buyer_request"))}
    for key, task in open_rows.items():
        if key not in wanted:
            task.completed_at = now
            session.add(task)
        elif task.title != wanted[key][1]:
            task.title = wanted[key][1]  # e.g. fewer profile fields missing
            session.add(task)
    for key, (task_type, title, link) in wanted.items():
        if key not in open_rows:
            session.add(Task(account_id=account_id, type=task_type, key=key, title=title, link=link, created_at=now,
                             visible_until=now + config.TASK_LIFETIME))
    session.flush()


def _order(task: Task) -> tuple:
    far = datetime.max.replace(tzinfo=task.created_at.tzinfo)
    return (config.TASK_TYPE_ORDER.index(task.type), task.expires_at or far, task.created_at, task.id)


def _live(session: Session, account_id: int, now: datetime, dismissed: bool) -> list[Task]:
    rows = session.exec(select(Task).where(
        Task.account_id == account_id, Task.completed_at.is_(None),
        Task.dismissed_at.is_not(None) if dismissed else Task.dismissed_at.is_(None),
    )).all()
    return sorted((t for t in rows if (t.expires_at is None or t.expires_at > now)
                   and (dismissed or t.visible_until > now)), key=_order)


@access.guarded("actions")
def open_tasks(session: Session, account_id: int, now: datetime, *, user_id: int | None = None) -> list[Task]:
    """The visible tasks in display order: type priority (Buyer Request, Credentials, Business
    Profile, Welcome Series), then soonest expiry, then oldest. A pure read: derived tasks are as
    the last :func:`reconcile` left them."""
    return _live(session, account_id, now, dismissed=False)


@access.guarded("actions")
def dismissed_tasks(session: Session, account_id: int, now: datetime, *, user_id: int | None = None) -> list[Task]:
    """Dismissed tasks whose work is still open and not expired (they can be restored)."""
    return _live(session, account_id, now, dismissed=True)


def _task_for(session: Session, task_id: int, user_id: int | None) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(M("That task no longer exists."))
    if user_id is not None:
        access.require(session, user_id, task.account_id, "actions", "edit")
    return task


def dismiss_task(session: Session, task_id: int, user_id: int | None, now: datetime) -> None:
    """Hide the task from the center (its work can still be done on its page). Idempotent: when two
    people dismiss it at once, one succeeds, the other changes nothing; one audit entry."""
    task = _task_for(session, task_id, user_id)
    result = session.execute(update(Task).where(Task.id == task_id, Task.dismissed_at.is_(None))
                             .values(dismissed_at=now, dismissed_by=user_id))
    if result.rowcount == 1:
        record_audit(session, user_id, task.account_id, "task.dismissed", task.title, None, {"task_id": task_id}, now)
    session.flush()
    session.expire(task)


def restore_task(session: Session, task_id: int, user_id: int | None, now: datetime) -> None:
    """Bring a dismissed task back; its 14 days start again."""
    task = _task_for(session, task_id, user_id)
    result = session.execute(update(Task).where(Task.id == task_id, Task.dismissed_at.is_not(None))
                             .values(dismissed_at=None, dismissed_by=None,
                                     visible_until=now + config.TASK_LIFETIME))
    if result.rowcount == 1:
        record_audit(session, user_id, task.account_id, "task.restored", task.title, None, {"task_id": task_id}, now)
    session.flush()
    session.expire(task)


# --- Buyer requests -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    """A buyer request as one seller account sees it."""

    request: BuyerRequest
    response: BuyerRequestResponse
    product: Product
    status: str  # needs_response | responded | declined | expired
    max_price: object  # Decimal: the business price, or the standard price when there is none

    @property
    def target_price(self):
        return None if self.request.target_price_minor is None else from_minor(self.request.target_price_minor)


def create_buyer_request(session: Session, marketplace: str, asin: str, quantity: int, now: datetime,
                         buyer_name: str = "", message: str = "", target_price=None, *,
                         user_id: int | None = None) -> BuyerRequest:
    """A registered business buyer asks for a quantity discount. Every account with an active offer
    on the ASIN in that marketplace gets a task (expiring with the request, 48 h) and its admins
    an email. Flushes. In the app only internal reviewers send one (the demo form): `user_id`."""
    access.require_reviewer(session, user_id)
    asin = str(asin or "").strip().upper()
    by_field: dict[str, list[str]] = {}
    if marketplace not in MARKETPLACES:
        by_field["marketplace"] = [M("Unknown marketplace {marketplace}.", marketplace=f"{marketplace!r}")]
    if not ASIN_RE.match(asin):
        by_field["asin"] = [M("An ASIN is 10 capital letters and digits.")]
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 0 < quantity <= MAX_QUANTITY:
        by_field["quantity"] = [
            M("The quantity must be a whole number from 1 to {max_quantity}.", max_quantity=f"{MAX_QUANTITY:,}")
        ]
    target_minor = None
    if target_price not in (None, ""):
        try:
            target_minor = to_minor(target_price, field="target_price")
        except ValidationError:
            by_field["target_price"] = [M("Enter the target price like 12.50.")]
        else:
            if target_minor <= 0:
                by_field["target_price"] = [M("The target price must be above zero.")]
    buyer_name = check_text(by_field, "buyer_name", buyer_name, N_("Buyer name"), NAME_MAX)
    message = check_text(by_field, "message", message, N_("Message"), MESSAGE_MAX, multiline=True)
    if by_field:
        raise ValidationError.from_fields(by_field)
    offers = session.exec(select(Product).where(Product.marketplace == marketplace, Product.asin == asin,
                                                Product.active).order_by(Product.account_id, Product.sku)).all()
    if not offers:
        raise NotFound(
            M("No seller has an active offer on ASIN {asin} in {marketplace}.", asin=asin, marketplace=marketplace)
        )
    request = BuyerRequest(marketplace=marketplace, asin=asin, quantity=quantity, buyer_name=buyer_name,
                           message=message, target_price_minor=target_minor, created_at=now,
                           expires_at=now + config.BUYER_REQUEST_EXPIRY)
    session.add(request)
    session.flush()
    for account_id in dict.fromkeys(p.account_id for p in offers):
        title = next(p.title for p in offers if p.account_id == account_id)
        session.add(BuyerRequestResponse(request_id=request.id, account_id=account_id))
        session.add(Task(account_id=account_id, type="buyer_request", key=f"buyer_request:{request.id}",
                         title=M("Buyer request: {quantity} × {product}", quantity=f"{quantity:,}", product=title),
                         link=_link("quote", request=request.id),
                         created_at=now, visible_until=now + config.TASK_LIFETIME, expires_at=request.expires_at))
        buyer = request.buyer_name or M("A registered business buyer")
        notifications.email_admins(
            session, account_id, M("Buyer request: {quantity} × {product}", quantity=f"{quantity:,}", product=title),
            M("{buyer} asks for a quantity discount on {quantity} units of {product} (ASIN {asin}) in {marketplace}."
              "\nAnswer within {hours} hours on the Quote page of B2B Seller Console.", buyer=buyer,
              quantity=f"{quantity:,}", product=title, asin=asin, marketplace=marketplace,
              hours=config.BUYER_REQUEST_EXPIRY_HOURS), now)
    session.flush()
    return request


def _status(response: BuyerRequestResponse, request: BuyerRequest, now: datetime) -> str:
    if response.status == "needs_response" and now >= request.expires_at:
        return "expired"
    return response.status


@access.guarded("actions")
def quote(session: Session, account_id: int, request_id: int, now: datetime, *, user_id: int | None = None) -> Quote:
    response = session.exec(select(BuyerRequestResponse).where(
        BuyerRequestResponse.request_id == request_id, BuyerRequestResponse.account_id == account_id)).first()
    if response is None:  # unknown, or another account's request: the same answer
        raise NotFound(M("This account has no such buyer request."))
    request = session.get(BuyerRequest, request_id)
    product = session.exec(select(Product).where(
        Product.account_id == account_id, Product.marketplace == request.marketplace,
        Product.asin == request.asin).order_by(Product.sku)).first()
    ceiling = product.business_price_minor or product.standard_price_minor
    return Quote(request, response, product, _status(response, request, now), from_minor(ceiling))


@access.guarded("actions")
def buyer_requests(session: Session, account_id: int, now: datetime, *, user_id: int | None = None) -> list[Quote]:
    """The account's buyer requests, open ones first (soonest expiry), then the newest."""
    ids = session.exec(select(BuyerRequestResponse.request_id)
                       .where(BuyerRequestResponse.account_id == account_id)).all()
    quotes = [quote(session, account_id, i, now) for i in ids]
    return sorted(quotes, key=lambda q: (q.status != "needs_response", q.request.expires_at
                                         if q.status == "needs_response" else -q.request.created_at.timestamp()))


def _answer(session: Session, account_id: int, request_id: int, user_id: int | None, now: datetime) -> Quote:
    if user_id is not None:
        access.require(session, user_id, account_id, "actions", "edit")
    q = quote(session, account_id, request_id, now)
    if q.status == "expired":
        raise Conflict(M("This request expired before it was answered; the buyer can no longer take a quote."))
    if q.status != "needs_response":
        raise Conflict(M("This request was already answered ({status}).", status=STATUS_LABELS[q.status].lower()))
    return q


def _complete_task(session: Session, account_id: int, request_id: int, now: datetime) -> None:
    session.execute(update(Task).where(Task.account_id == account_id, Task.key == f"buyer_request:{request_id}",
                                       Task.completed_at.is_(None)).values(completed_at=now))


def respond_to_request(session: Session, account_id: int, request_id: int, unit_price, user_id: int | None,
                       now: datetime) -> BuyerRequestResponse:
    """Quote a unit price for the requested quantity: above zero and at most the business price
    (the standard price when there is none). Completes the task. Flushes and audits."""
    q = _answer(session, account_id, request_id, user_id, now)
    try:
        minor = to_minor(unit_price, field="unit_price")
    except ValidationError:
        raise ValidationError(M("Enter the unit price like 12.50."), field="unit_price") from None
    if minor <= 0:
        raise ValidationError(M("The unit price must be above zero."), field="unit_price")
    if from_minor(minor) > q.max_price:
        kind = M("business") if q.product.business_price_minor else M("standard")
        raise ValidationError(
            M("The unit price can be at most your {kind} price, {max_price}.", kind=kind, max_price=q.max_price),
            field="unit_price",
        )
    response = q.response
    response.status, response.unit_price_minor = "responded", minor
    response.responded_at, response.responded_by = now, user_id
    session.add(response)
    _complete_task(session, account_id, request_id, now)
    session.flush()
    record_audit(session, user_id, account_id, "buyer_request.responded", M("Buyer request {id}", id=request_id), None,
                 {"unit_price": str(from_minor(minor)), "quantity": q.request.quantity}, now)
    return response


def decline_request(session: Session, account_id: int, request_id: int, user_id: int | None, now: datetime,
                    note: str = "") -> BuyerRequestResponse:
    q = _answer(session, account_id, request_id, user_id, now)
    note = clean_text(note, "note", N_("Reason"), MESSAGE_MAX)
    response = q.response
    response.status, response.note = "declined", note
    response.responded_at, response.responded_by = now, user_id
    session.add(response)
    _complete_task(session, account_id, request_id, now)
    session.flush()
    record_audit(session, user_id, account_id, "buyer_request.declined", M("Buyer request {id}", id=request_id), None,
                 {"note": response.note}, now)
    return response
