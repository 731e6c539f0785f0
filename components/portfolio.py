"""The portfolio table (SPEC §8): the service's frame turned into what the page shows — one row per
account × marketplace, AHR with its band word beside a band-coloured cell, money as numbers with
the row's currency beside them (so every column sorts), a B2B sparkline — and the per-currency
subtotals with money formatted in each currency. Plain data in, no database."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from components.formatting import percent
from services import config
from services.i18n import _, money, reader_locale, tr

HOURS = int(config.PORTFOLIO_EXPIRING_REQUEST_WINDOW.total_seconds() // 3600)


def column_labels() -> dict[str, str]:
    """Display label of each shown column, in the order shown (read per run: translated)."""
    return {
        "account_name": _("Account"), "marketplace": _("Marketplace"), "ahr": _("AHR"), "ahr_band": _("AHR band"),
        "aha": _("AHA"), "currency": _("Currency"), "b2b_sales": _("B2B sales"), "b2b_yoy_pct": _("B2B YoY %"),
        "b2b_share_pct": _("B2B share %"), "b2b_trend": _("B2B trend"), "open_tasks": _("Open tasks"),
        "expiring_requests": _("Expiring ≤ {hours} h").format(hours=HOURS), "open_shipments": _("Open shipments"),
        "pending_authorizations": _("Pending authorizations"), "open_alerts": _("Open alerts"),
        "attention": _("Needs attention"), "merchant_token": _("Merchant token"),
    }


def aha_label(status: str | None, reason: str | None) -> str | None:
    if status is None:
        return None
    labels = {"enrolled": _("Enrolled"), "eligible": _("Eligible"), "not_offered": _("Not offered")}
    if status == "not_eligible":
        return _("Not eligible: {reason}").format(reason=tr(reason)) if reason else _("Not eligible")
    return labels.get(status, status)


def band_label(band: str | None) -> str | None:
    return None if band is None else {"Critical": _("Critical"), "At risk": _("At risk"),
                                      "Healthy": _("Healthy")}.get(band, band)


def _float(value) -> float | None:
    return None if value is None or (isinstance(value, float) and value != value) else float(value)


def _int(value) -> int | None:
    return None if value is None or (isinstance(value, float) and value != value) else int(value)


def csv_frame(display: pd.DataFrame) -> pd.DataFrame:
    """The table as exported: everything shown but the sparkline."""
    return display.drop(columns=[column_labels()["b2b_trend"]])


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows as shown and exported: labelled columns, numbers that sort, None where the
    person may not see an area (an empty cell, never 0)."""
    labels = column_labels()
    rows = []
    for r in frame.to_dict("records"):
        rows.append({
            labels["account_name"]: r["account_name"], labels["merchant_token"]: r["merchant_token"],
            labels["marketplace"]: r["marketplace"], labels["ahr"]: _int(r["ahr"]),
            labels["ahr_band"]: band_label(r["ahr_band"]), labels["aha"]: aha_label(r["aha_status"], r["aha_reason"]),
            labels["open_tasks"]: _int(r["open_tasks"]), labels["expiring_requests"]: _int(r["expiring_requests"]),
            labels["currency"]: r["currency"], labels["b2b_sales"]: _float(r["b2b_sales"]),
            labels["b2b_yoy_pct"]: _float(r["b2b_yoy_pct"]), labels["b2b_share_pct"]: _float(r["b2b_share_pct"]),
            labels["b2b_trend"]: r["b2b_trend"], labels["open_shipments"]: _int(r["open_shipments"]),
            labels["pending_authorizations"]: _int(r["pending_authorizations"]),
            labels["open_alerts"]: _int(r["open_alerts"]),
            labels["attention"]: "; ".join(str(tr(a)) for a in r["attention"]),
        })
    return pd.DataFrame(rows, columns=list(labels.values()))


def column_config() -> dict:
    labels = column_labels()
    return {
        labels["ahr"]: st.column_config.NumberColumn(format="%d", help=_("Account Health Rating (0–1000)")),
        labels["b2b_sales"]: st.column_config.NumberColumn(
            format="accounting", help=_("B2B sales in the range, in the row's currency")),
        labels["b2b_yoy_pct"]: st.column_config.NumberColumn(
            format="%+.1f%%",
            help=_("Against the same calendar dates one year earlier; empty when last year had none")),
        labels["b2b_share_pct"]: st.column_config.NumberColumn(format="%.1f%%", help=_("B2B share of total sales")),
        labels["b2b_trend"]: st.column_config.LineChartColumn(y_min=0, help=_("B2B sales over the range")),
        labels["expiring_requests"]: st.column_config.NumberColumn(
            help=_("Buyer requests that need a response and expire within {hours} hours").format(hours=HOURS)),
        labels["aha"]: st.column_config.TextColumn(width="medium"),
        labels["attention"]: st.column_config.TextColumn(width="large"),
    }


def styled(display: pd.DataFrame, colours: list[str | None]):
    """The AHR band cell tinted with its band's colour (the word stays beside the colour)."""
    band = column_labels()["ahr_band"]

    def tint(column: pd.Series) -> list[str]:
        return [f"background-color: {c}40" if c else "" for c in colours]

    return display.style.apply(tint, subset=[band])


def subtotal_table(subtotals: pd.DataFrame) -> pd.DataFrame:
    """One row per currency, money formatted in that currency (never added across currencies). The
    currencies sit side by side, so each amount carries an unambiguous symbol (CA$, US$ where a
    marketplace's own locale would write "$" for both)."""
    rows = []
    for r in subtotals.to_dict("records"):
        def fmt(value: Decimal | None, currency=r["currency"]) -> str:
            return _("n/a") if value is None else money(value, currency, reader_locale("en_US"))

        rows.append({
            _("Currency"): r["currency"], _("Accounts"): r["accounts"], _("Rows"): r["rows"],
            _("B2B sales"): fmt(r["b2b_sales"]), _("B2B last year"): fmt(r["b2b_sales_last_year"]),
            _("B2B YoY %"): percent(r["b2b_yoy_pct"]), _("Total sales"): fmt(r["total_sales"]),
            _("B2B share %"): percent(r["b2b_share_pct"], signed=False),
        })
    return pd.DataFrame(rows)
