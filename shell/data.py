"""Cached page reads of B2B figures.

Streamlit's cache is shared by every user of the server, so each read here first checks the
signed-in user's access through the service layer (never cached), then calls a cached function
keyed by the account, its marketplace, every argument that changes the answer and the account's
data version (new data shows at once). The cached functions read as the system: the check has
already been made for this user on this run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from services import access, industries, products, reports, sales
from shell.context import AccountContext
from shell.db import session_scope


def _checked(area: str = "b2b", max_entries: int = 1024) -> Callable:
    """`fn(account_id, marketplace, *args)` cached, called as `read(ctx, *args)` after the check."""

    def decorate(fn: Callable) -> Callable:
        cached = st.cache_data(show_spinner=False, max_entries=max_entries)(fn)

        def read(ctx: AccountContext, *args):
            with session_scope() as session:
                access.require(session, ctx.user.id, ctx.account_id, area)
            return cached(ctx.account_id, ctx.marketplace.code, *args)

        read.__doc__ = fn.__doc__
        return read

    return decorate


def data_version(ctx: AccountContext) -> int:
    with session_scope() as session:
        return sales.data_version(session, ctx.account_id, user_id=ctx.user.id)


@_checked(max_entries=256)
def has_sales(account_id: int, marketplace: str, version: int) -> bool:
    with session_scope() as session:
        return sales.has_sales(session, account_id)


@_checked()
def sales_snapshot(account_id: int, marketplace: str, start: date, end: date, metric: str, version: int,
                   refresh: int) -> pd.DataFrame:
    with session_scope() as session:
        return sales.sales_snapshot(session, account_id, start, end, metric, compare_last_year=True,
                                    marketplace=marketplace)


@_checked()
def industry_breakdown(account_id: int, marketplace: str, start: date, end: date, metric: str,
                       industry: str | None, version: int, refresh: int) -> pd.DataFrame:
    with session_scope() as session:
        return industries.industry_breakdown(session, account_id, start, end, metric, industry, marketplace)


@_checked()
def top_products(account_id: int, marketplace: str, start: date, end: date, metric: str, version: int,
                 refresh: int) -> pd.DataFrame:
    with session_scope() as session:
        return products.top_products(session, account_id, start, end, metric, marketplace=marketplace)


@_checked(max_entries=256)
def business_report(account_id: int, marketplace: str, view: str, start: date, end: date,
                    version: int) -> pd.DataFrame:
    with session_scope() as session:
        return reports.business_report(session, account_id, view, start, end, marketplace, detail=True)


@_checked(max_entries=512)
def product_trend(account_id: int, marketplace: str, sku: str, start: date, end: date,
                  version: int) -> pd.DataFrame:
    with session_scope() as session:
        return products.product_trend(session, account_id, sku, start, end, marketplace)
