"""Cached page reads. Every cached read takes the account id and the account's data version,
so users never share an answer for another account and new data shows at once. Permission
checks happen before these are called and are never cached."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from services import industries, products, reports, sales
from shell.db import session_scope


def data_version(account_id: int) -> int:
    with session_scope() as session:
        return sales.data_version(session, account_id)


@st.cache_data(show_spinner=False, max_entries=1024)
def sales_snapshot(account_id: int, marketplace: str, start: date, end: date, metric: str,
                   version: int, refresh: int) -> pd.DataFrame:
    with session_scope() as session:
        return sales.sales_snapshot(session, account_id, start, end, metric, compare_last_year=True,
                                    marketplace=marketplace)


@st.cache_data(show_spinner=False, max_entries=256)
def has_sales(account_id: int, version: int) -> bool:
    with session_scope() as session:
        return sales.has_sales(session, account_id)


@st.cache_data(show_spinner=False, max_entries=1024)
def industry_breakdown(account_id: int, marketplace: str, start: date, end: date, metric: str,
                       industry: str | None, version: int, refresh: int) -> pd.DataFrame:
    with session_scope() as session:
        return industries.industry_breakdown(session, account_id, start, end, metric, industry, marketplace)


@st.cache_data(show_spinner=False, max_entries=1024)
def top_products(account_id: int, marketplace: str, start: date, end: date, metric: str,
                 version: int, refresh: int) -> pd.DataFrame:
    with session_scope() as session:
        return products.top_products(session, account_id, start, end, metric, marketplace=marketplace)


@st.cache_data(show_spinner=False, max_entries=256)
def business_report(account_id: int, marketplace: str, view: str, start: date, end: date,
                    version: int) -> pd.DataFrame:
    with session_scope() as session:
        return reports.business_report(session, account_id, view, start, end, marketplace)


@st.cache_data(show_spinner=False, max_entries=512)
def product_trend(account_id: int, marketplace: str, sku: str, start: date, end: date,
                  version: int) -> pd.DataFrame:
    with session_scope() as session:
        return products.product_trend(session, account_id, sku, start, end, marketplace)
