"""B2B Seller Console — the router: page config, sign-in, account switcher, navigation."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components.formatting import plain
from services import alerts, portfolio
from services.db import is_empty
from services.errors import NO_ACCESS_MESSAGE
from services.i18n import _, tr
from shell import clock, language
from shell.auth import cookie_written, sign_out, sign_out_everywhere, signed_in_user
from shell.context import NoAccess, account_choices, build_context, resolve_account
from shell.db import get_engine, session_scope
from shell.mail import deliver_if_due
from shell.nav import page, path_of, placeholder_navigation
from shell.page import requested_file, routed_run
from shell.reconcile import reconcile_account

st.set_page_config(page_title="B2B Seller Console", page_icon=":material/storefront:", layout="wide")
language.begin()  # before anything is drawn: the URL's lang, this session's choice, the browser's


def _nothing() -> None:
    """Placeholder page while only app.py's own message shows (keeps pages/ out of the sidebar)."""


def _open_account(account_id: int) -> None:
    """Callback: show this account, dropping the previous account's filters from the URL."""
    st.query_params.clear()
    st.query_params["account"] = str(account_id)


def _stop_with(message: str, kind: str = "error") -> None:
    if message:
        getattr(st, kind)(message)
    placeholder_navigation(_nothing, "B2B Seller Console")
    st.stop()


try:
    engine = get_engine()
    empty = is_empty(engine)
except SQLAlchemyError:
    _stop_with(_("The database cannot be reached. Check DATABASE_URL and that the server is running."))
if empty:
    _stop_with(_("The database has no accounts yet. Run `python -m seed --profile demo` "
                 "(`make run` does this on first start), then reload this page."), "warning")

OPEN_AFTER_SIGN_IN = "_open_after_sign_in"
if requested := path_of(requested_file()):  # a first run that named a page file (see shell.page.guard)
    st.session_state[OPEN_AFTER_SIGN_IN] = requested
user = signed_in_user(st.session_state.get(OPEN_AFTER_SIGN_IN))  # draws the sign-in page when nobody is signed in
if user is None:
    language.switch()
    st.stop()
language.for_user(user.id)

deliver_if_due()  # the email outbox: retried while people use the app (at most once a minute)

with st.sidebar:
    st.markdown(f"**{plain(user.display_name)}**  \n{plain(user.email)}")
language.switch(user.id)

choices = account_choices(user)
ctx = None
if user.kind == "seller" and choices:
    try:
        account_id = resolve_account(user, choices)
    except NoAccess:
        account_id = None
    names = {c.account_id: f"{c.name} · {c.home_marketplace}" for c in choices}  # plain text (selectbox)
    with st.sidebar:
        if len(choices) > 1:
            if account_id is not None:
                st.session_state["account_switcher"] = account_id

            st.selectbox(_("Account"), list(names), format_func=names.get, key="account_switcher",
                         on_change=lambda: _open_account(st.session_state["account_switcher"]))
        elif account_id is not None:
            st.caption(_("Account: {name}").format(name=plain(names[account_id])))
    if account_id is None:
        with st.sidebar:
            st.button(_("Sign out"), on_click=sign_out, icon=":material/logout:")
        st.error(tr(NO_ACCESS_MESSAGE))

        st.write(_("Your accounts:"))
        for choice in choices:
            st.button(_("Open {name}").format(name=plain(names[choice.account_id])), key=f"open_{choice.account_id}",
                      on_click=_open_account, args=(choice.account_id,))
        _stop_with("")
    ctx = build_context(user, account_id, st.query_params.get("mp"))
    reconcile_account(ctx.account_id)  # derived tasks, AHA enrolment, expiries: once per page run
    if len(ctx.marketplaces) > 1:
        with st.sidebar:
            st.session_state["mp_switcher"] = ctx.marketplace.code

            def _switch_mp() -> None:
                st.query_params["mp"] = st.session_state["mp_switcher"]

            st.selectbox(_("Marketplace"), list(ctx.marketplaces), key="mp_switcher", on_change=_switch_mp,
                         help=_("Amounts are never added across currencies: pick one marketplace at a time."))

pages: dict[str, list[st.Page]] = {}
if user.kind == "seller":
    if ctx is None:
        pages[_("Start")] = [page("no-accounts")]
    else:
        with session_scope() as session:  # from the memberships on every run, never remembered
            portfolio_first = portfolio.has_portfolio(session, user.id)
            unread = alerts.unread_count(session, user.id, clock.now())
        alert_pages = [page("alerts", title=_("Alerts ({n})").format(n=unread) if unread else None),
                       page("alert-settings")]
        if portfolio_first:  # managers and admins of several accounts land on their portfolio
            pages[_("Portfolio")] = [page("portfolio"), *alert_pages]
        if ctx.can("b2b"):
            pages[_("B2B")] = [page(p) for p in ("b2b-central", "business-reports", "product", "sku")]
        if ctx.can("actions"):
            pages[_("Business Action Center")] = [page(p) for p in ("quote", "business-profile", "credentials")]
        if ctx.can("supply_chain"):
            pages[_("Supply Chain Connect")] = [page("shipments")]
        if ctx.can("partners"):
            pages[_("Brand")] = [page("partners"), page("partner-diagnostics")]
        if ctx.can("health"):
            pages[_("Account Health")] = [page("account-health")]
        settings = [page("user-permissions")] if ctx.can("settings") and ctx.is_admin else []
        if ctx.can("b2b", "edit") or ctx.can("health", "edit"):  # the Import page: B2B or Account Health edit
            settings.append(page("import"))
        if ctx.can("settings"):
            settings += [page("audit"), page("outbox")]
        if settings:
            pages[_("Settings")] = settings
        if not pages:
            pages[_("Start")] = [page("nothing")]
        elif not portfolio_first:
            pages[_("Alerts")] = alert_pages
elif user.kind == "supplier":
    pages[_("Supply Chain Connect")] = [page("supplier")]
elif user.kind == "reviewer":
    pages[_("Internal review")] = [page("partner-review"), page("removal-review"), page("aha-review"), page("audit"),
                                page("outbox"), page("new-buyer-request")]

first_page = next(iter(pages.values()))[0]


by_path = {p.url_path: p for section in pages.values() for p in section}


def _home() -> None:
    """The root URL opens the user's first page under its own path, keeping the query (account,
    filters) — or the page a first visit asked for. With a real page as the default, its own path
    (/b2b-central) would be "not found"."""
    target = by_path.get(st.session_state.pop(OPEN_AFTER_SIGN_IN, None), first_page)
    st.switch_page(target, query_params=st.query_params.to_dict())


hidden = [st.Page(_home, title=_("Home"), url_path="home", default=True, visibility="hidden"),
          page("accept-invitation", hidden=True)]  # invitation links work signed in too
pages = {"": hidden, **pages}
with st.sidebar:
    st.button(_("Sign out"), on_click=sign_out, icon=":material/logout:", width="stretch")
    st.button(_("Sign out everywhere"), on_click=sign_out_everywhere, args=(user.id,), icon=":material/devices:",
              help=_("Ends every session of yours, on every device."), width="stretch")

routed_run(st.navigation(pages, expanded=True))
st.session_state.pop(OPEN_AFTER_SIGN_IN, None)  # a page other than Home ran: nothing left to open
cookie_written()
