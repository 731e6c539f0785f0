"""The app's pages in one place: their files, titles, icons and URL paths.

``app.py`` builds ``st.navigation`` from these for the signed-in user. Before sign-in (and when
an account cannot be shown) every known URL path is still registered, hidden, so that a shared
link such as ``/b2b-central?account=3`` shows the sign-in form or the message instead of
Streamlit's "Page not found", and lands on its page once the user is in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from services.i18n import N_, _
from shell.page import routed_run


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    icon: str


PAGES: dict[str, PageSpec] = {
    "portfolio": PageSpec("pages/portfolio.py", N_("Portfolio"), ":material/dashboard:"),
    "alerts": PageSpec("pages/alerts.py", N_("Alerts"), ":material/notifications:"),
    "alert-settings": PageSpec("pages/alert_settings.py", N_("Alert settings"), ":material/tune:"),
    "b2b-central": PageSpec("pages/b2b_central.py", N_("B2B Central"), ":material/monitoring:"),
    "business-reports": PageSpec("pages/business_reports.py", N_("Business Reports"), ":material/table_chart:"),
    "product": PageSpec("pages/product.py", N_("Product details"), ":material/inventory_2:"),
    "sku": PageSpec("pages/sku.py", N_("SKU Central"), ":material/sell:"),
    "quote": PageSpec("pages/quote.py", N_("Buyer requests"), ":material/request_quote:"),
    "business-profile": PageSpec("pages/business_profile.py", N_("Business profile"), ":material/badge:"),
    "credentials": PageSpec("pages/credentials.py", N_("Credentials"), ":material/verified:"),
    "import": PageSpec("pages/import_reports.py", N_("Import reports"), ":material/upload_file:"),
    "audit": PageSpec("pages/audit_log.py", N_("Audit log"), ":material/history:"),
    "outbox": PageSpec("pages/outbox.py", N_("Email outbox"), ":material/outgoing_mail:"),
    "new-buyer-request": PageSpec("pages/new_buyer_request.py", N_("New buyer request (demo)"),
                                  ":material/add_shopping_cart:"),
    "supplier": PageSpec("pages/supplier_portal.py", N_("Supplier portal"), ":material/local_shipping:"),
    "shipments": PageSpec("pages/shipments.py", N_("Prepare Shipment"), ":material/inventory:"),
    "user-permissions": PageSpec("pages/user_permissions.py", N_("User Permissions"), ":material/manage_accounts:"),
    "removal-review": PageSpec("pages/removal_review.py", N_("Supplier removals"), ":material/person_remove:"),
    "accept-invitation": PageSpec("pages/accept_invitation.py", N_("Accept invitation"), ":material/mail:"),
    "account-health": PageSpec("pages/account_health.py", N_("Account Health"), ":material/health_and_safety:"),
    "aha-review": PageSpec("pages/aha_review.py", N_("AHA cases"), ":material/support_agent:"),
    "partners": PageSpec("pages/partners.py", N_("Partner authorizations"), ":material/handshake:"),
    "partner-diagnostics": PageSpec("pages/partner_diagnostics.py", N_("Diagnostics"), ":material/rule:"),
    "partner-review": PageSpec("pages/partner_review.py", N_("Partner reviews"), ":material/fact_check:"),
    "no-accounts": PageSpec("pages/no_accounts.py", N_("No accounts yet"), ":material/info:"),
    "nothing": PageSpec("pages/no_pages.py", N_("Nothing to show"), ":material/info:"),
}


PUBLIC = ("accept-invitation",)  # pages that work without signing in


def page(path: str, hidden: bool = False, title: str | None = None) -> st.Page:
    """`title`: a label for this run instead of the table's (the inbox's unread count)."""
    spec = PAGES[path]
    return st.Page(spec.file, title=title or _(spec.title), icon=spec.icon, url_path=path,
                   visibility="hidden" if hidden else "visible")


def path_of(file: str | None) -> str | None:
    """The URL path of a page file ("pages/b2b_central.py" → "b2b-central")."""
    return next((path for path, spec in PAGES.items() if spec.file == file), None)


def placeholder_navigation(render: Callable[[], None], title: str, public: bool = False,
                           requested: str | None = None) -> None:
    """Run ``render`` as the only visible content, whatever known page the URL names (with
    `public`, the pages that need no sign-in run as themselves; `requested` — a URL path — opens
    that public page even when the URL could not name it)."""
    opened = requested if public and requested in PUBLIC else None
    pages = [st.Page(render, title=title, url_path="start", default=opened is None)]
    for path in PAGES:
        if public and path in PUBLIC:
            spec = PAGES[path]
            pages.append(st.Page(spec.file, title=_(spec.title), icon=spec.icon, url_path=path, visibility="hidden",
                                 default=path == opened))
        else:
            pages.append(st.Page(render, title=title, url_path=path))
    routed_run(st.navigation(pages, position="hidden"))
