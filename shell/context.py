"""Who is signed in, which account and marketplace they are looking at, and what they may do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from services import access
from services.accounts import AccountChoice, account_summary, accounts_for_user
from services.errors import NO_ACCESS_MESSAGE, PermissionDenied
from services.i18n import N_, _, tr
from services.marketplaces import MarketplaceInfo, marketplace
from shell import clock
from shell.auth import SignedInUser, current_user
from shell.db import session_scope

_KEY = "_account_context"
# Stored roles and access levels (the values stay English identifiers), as a person reads them.
ROLE_LABELS = {"admin": N_("admin"), "user": N_("user"), "manager": N_("manager")}
LEVEL_LABELS = {"none": N_("none"), "view": N_("view"), "edit": N_("edit")}


def role_label(role: str) -> str:
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


def level_label(level: str) -> str:
    return _(LEVEL_LABELS[level]) if level in LEVEL_LABELS else level


@dataclass(frozen=True)
class AccountContext:
    user: SignedInUser
    account_id: int
    account_name: str
    merchant_token: str
    marketplace: MarketplaceInfo
    marketplaces: tuple[str, ...]
    levels: dict[str, str]
    role: str  # admin | user | manager
    today: date

    def can(self, area: str, level: str = "view") -> bool:
        return access.LEVELS.index(self.levels[area]) >= access.LEVELS.index(level)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class NoAccess(Exception):
    """The URL names an account this user may not open (or that does not exist)."""


def account_choices(user: SignedInUser) -> list[AccountChoice]:
    if user.kind != "seller":
        return []
    with session_scope() as session:
        return accounts_for_user(session, user.id)


def resolve_account(user: SignedInUser, choices: list[AccountChoice]) -> int | None:
    """The account in the URL (checked), else the last one used, else the first. Keeps the URL in step."""
    ids = [c.account_id for c in choices]
    requested = st.query_params.get("account")
    if requested is not None:
        try:
            account_id = int(requested)
        except ValueError:
            raise NoAccess(NO_ACCESS_MESSAGE) from None
        if account_id not in ids:
            raise NoAccess(NO_ACCESS_MESSAGE)
    else:
        account_id = st.session_state.get("account_id")
        if account_id not in ids:
            account_id = ids[0] if ids else None
        if account_id is not None:
            st.query_params["account"] = str(account_id)
    st.session_state["account_id"] = account_id
    return account_id


def build_context(user: SignedInUser, account_id: int, mp_code: str | None) -> AccountContext:
    with session_scope() as session:
        account = account_summary(session, account_id, user_id=user.id)
        levels = access.levels(session, user.id, account_id)
        role = access.role(session, user.id, account_id)
    code = mp_code if mp_code in account.marketplaces else account.home_marketplace
    ctx = AccountContext(
        user=user,
        account_id=account.id,
        account_name=account.name,
        merchant_token=account.merchant_token,
        marketplace=marketplace(code),
        marketplaces=tuple(account.marketplaces),
        levels=levels,
        role=role or "user",
        today=clock.today(code),
    )
    st.session_state[_KEY] = ctx
    return ctx


def current() -> AccountContext:
    """For pages: the context app.py built for this run (stops the page when there is none)."""
    ctx = st.session_state.get(_KEY)
    user = current_user()
    if ctx is None or ctx.user != user:
        st.stop()
    return ctx


def in_view() -> AccountContext | None:
    """The account context app.py built for this run's signed-in seller, or None (signed out, a
    supplier or reviewer, no account) — without stopping the page."""
    ctx = st.session_state.get(_KEY)
    user = st.session_state.get("_signed_in_user")
    if ctx is None or user is None or ctx.user != user or not st.session_state.get("authentication_status"):
        return None
    return ctx


def _stop_unless(check) -> None:
    with session_scope() as session:
        try:
            check(session)
        except PermissionDenied as exc:
            st.error(tr(exc.message))
            st.stop()


def require_page(area: str, level: str = "view") -> AccountContext:
    """Stop the page with a plain message unless the signed-in user may see `area` of the current
    account (checked by the service layer on every run, never from what the session remembers)."""
    ctx = current()
    _stop_unless(lambda session: access.require(session, ctx.user.id, ctx.account_id, area, level))
    return ctx


def require_any_page(areas: tuple[str, ...], level: str = "view") -> AccountContext:
    """Like :func:`require_page`, passing when the user has `level` on any one of `areas`."""
    ctx = current()
    _stop_unless(lambda session: access.require_any(session, ctx.user.id, ctx.account_id, areas, level))
    return ctx


def require_reviewer_page() -> SignedInUser:
    """Stop the page unless the signed-in user is an active internal reviewer."""
    user = current_user()
    _stop_unless(lambda session: access.require_reviewer(session, user.id))
    return user


def require_supplier_page() -> SignedInUser:
    """Stop the page unless the signed-in user is an active supplier user."""
    user = current_user()
    _stop_unless(lambda session: access.require_kind(session, user.id, "supplier",
                                                       _("Only supplier users can open this page.")))
    return user


def link_params(ctx: AccountContext) -> dict[str, str]:
    """Query parameters that keep the account (and marketplace) when a link opens another page."""
    params = {"account": str(ctx.account_id)}
    if len(ctx.marketplaces) > 1:
        params["mp"] = ctx.marketplace.code
    return params
