"""Seller accounts, users and memberships (SPEC §1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, col, select

from services import access
from services.access import AREAS, LEVELS
from services.audit import record_audit
from services.auth import user_by_email
from services.errors import Conflict, NotFound, ValidationError
from services.i18n import N_, M
from services.marketplaces import marketplace
from services.models import Account, Membership, User
from services.passwords import hash_password, validate_password
from services.text import NAME_MAX, clean_text
from services.types import utcnow

ROLES = ("admin", "user", "manager")
USER_KINDS = ("seller", "supplier", "reviewer")
MERCHANT_TOKEN_RE = re.compile(r"^[A-Z0-9]{10,20}$")


def normalize_email(email: str, field: str = "email") -> str:
    """Syntax check without DNS look-ups (the app works offline); lower-cased."""
    try:
        result = validate_email((email or "").strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(M("Enter a valid email address ({exc}).", exc=exc), field=field) from None
    return result.normalized.lower()


def create_account(
    session: Session,
    name: str,
    merchant_token: str,
    home_marketplace: str,
    *,
    marketplaces: list[str] | None = None,
    created_on: date | None = None,
) -> Account:
    reasons = []
    if not (name or "").strip():
        reasons.append(M("Enter the account name."))
    token = (merchant_token or "").strip().upper()
    if not MERCHANT_TOKEN_RE.match(token):
        reasons.append(M("A merchant token is 10–20 capital letters and digits, like A1B2C3D4E5F6G7."))
    marketplace(home_marketplace)
    sells_in = list(dict.fromkeys([home_marketplace, *(marketplaces or [])]))
    for code in sells_in:
        marketplace(code)
    if reasons:
        raise ValidationError(reasons[0], reasons=reasons)
    if session.exec(select(Account.id).where(Account.merchant_token == token)).first():
        raise Conflict(M("An account with merchant token {token} already exists.", token=token))
    account = Account(
        name=name.strip(),
        merchant_token=token,
        home_marketplace=home_marketplace,
        marketplaces=sells_in,
        created_on=created_on or utcnow().date(),
    )
    session.add(account)
    session.flush()
    return account


def create_user(
    session: Session,
    email: str,
    display_name: str,
    password: str,
    kind: str = "seller",
    now: datetime | None = None,
) -> User:
    if kind not in USER_KINDS:
        raise ValidationError(M("Unknown user kind {kind}.", kind=f"{kind!r}"), field="kind")
    address = normalize_email(email)
    display_name = clean_text(display_name, "display_name", N_("Your name"), NAME_MAX)
    if not display_name:
        raise ValidationError(M("Enter a name."), field="display_name")
    validate_password(password)
    if user_by_email(session, address):
        raise Conflict(M("A user with email {address} already exists.", address=address))
    user = User(
        email=address,
        display_name=display_name,
        password_hash=hash_password(password),
        kind=kind,
        created_at=now or utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def get_account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(M("No such account."))
    return account


@access.guarded(AREAS)
def account_summary(session: Session, account_id: int, *, user_id: int | None = None) -> Account:
    """The account (name, merchant token, marketplaces) for someone who may see any part of it."""
    return get_account(session, account_id)


def _membership(session: Session, user_id: int, account_id: int) -> Membership | None:
    return session.exec(
        select(Membership).where(Membership.user_id == user_id, Membership.account_id == account_id)
    ).first()


def check_areas(role: str, areas: dict[str, str] | None) -> dict[str, str]:
    areas = dict(areas or {})
    bad = [f"{k}={v}" for k, v in areas.items() if k not in AREAS or v not in LEVELS]
    if bad:
        raise ValidationError(M("Unknown area or level: {items}", items=", ".join(bad)), field="areas")
    if role == "admin":
        return {}
    return areas


def grant(
    session: Session,
    actor_user_id: int | None,
    user_id: int,
    account_id: int,
    role: str,
    areas: dict[str, str] | None = None,
    now: datetime | None = None,
) -> Membership:
    """Give `user_id` a role (and per-area levels) in an account; audited.

    `actor_user_id` None means the system; otherwise the actor must be an admin of the account.
    """
    access.require_admin(session, actor_user_id, account_id, M("Only an admin of this account can change permissions."))
    if role not in ROLES:
        raise ValidationError(M("Role must be one of {items}.", items=', '.join(ROLES)), field="role")
    areas = check_areas(role, areas)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(M("No such user."))
    if user.kind != "seller":
        raise ValidationError(M("Only seller users can be members of a seller account."), field="user")
    get_account(session, account_id)
    existing = _membership(session, user_id, account_id)
    before = {"role": existing.role, "areas": existing.areas} if existing else None
    if existing and existing.role == "admin" and role != "admin":
        admins = session.exec(
            select(Membership.id).where(Membership.account_id == account_id, Membership.role == "admin")
        ).all()
        if len(admins) <= 1:
            raise Conflict(M("An account needs at least one admin; make someone else admin first."))
    if existing:
        existing.role, existing.areas = role, areas
        membership = existing
    else:
        membership = Membership(user_id=user_id, account_id=account_id, role=role, areas=areas)
    session.add(membership)
    session.flush()
    record_audit(
        session,
        actor_user_id,
        account_id,
        "permission.grant" if existing is None else "permission.change",
        entity=f"user:{user_id}",
        before=before,
        after={"role": role, "areas": areas},
        now=now,
    )
    return membership


@dataclass(frozen=True)
class AccountChoice:
    account_id: int
    name: str
    merchant_token: str
    home_marketplace: str
    role: str


def accounts_for_user(session: Session, user_id: int) -> list[AccountChoice]:
    """The seller accounts a user may open, by name."""
    rows = session.exec(
        select(Account, Membership)
        .join(Membership, col(Membership.account_id) == col(Account.id))
        .where(Membership.user_id == user_id)
        .order_by(Account.name, Account.id)
    ).all()
    return [AccountChoice(a.id, a.name, a.merchant_token, a.home_marketplace, m.role) for a, m in rows]
