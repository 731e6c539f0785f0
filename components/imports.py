"""Import page pieces (issue 12): the preview of a file's first rows and the import history, as
plain tables of text (unknown figures show as "—", never 0 or NaN)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import pandas as pd
import streamlit as st

from components.formatting import UNKNOWN
from services.i18n import N_, _

PREVIEW_ROWS = 7  # the first days (products, metrics, scores) of a file

PREVIEW_HEADERS = {
    "marketplace": N_("Marketplace"), "day": N_("Day"), "asin": N_("Child ASIN"), "sku": N_("SKU"),
    "title": N_("Title"), "total_sales": N_("Total sales"), "b2b_sales": N_("B2B sales"),
    "total_units": N_("Total units"), "b2b_units": N_("B2B units"), "total_order_items": N_("Total order items"),
    "b2b_order_items": N_("B2B order items"), "account_status": N_("Account status"),
    "ahr_status": N_("AHR status"), "order_defect_rate": N_("Order defect rate"),
    "order_defect_rate_fba": N_("Order defect rate (FBA)"), "late_shipment_rate": N_("Late shipment rate"),
    "pre_fulfilment_cancel_rate": N_("Pre-fulfilment cancel rate"), "valid_tracking_rate": N_("Valid tracking rate"),
    "on_time_delivery_rate": N_("On-time delivery rate"), "invoice_defect_rate": N_("Invoice defect rate"),
    "score": N_("AHR"),
}
RATES = {"order_defect_rate", "order_defect_rate_fba", "late_shipment_rate", "pre_fulfilment_cancel_rate",
         "valid_tracking_rate", "on_time_delivery_rate", "invoice_defect_rate"}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def preview_frame(rows: Sequence[dict], fmt_money: Callable[[object, str], str],
                  fmt_number: Callable[[object, str], str], limit: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first `limit` rows of a preview as text. `fmt_money(amount, marketplace)` and
    `fmt_number(value, marketplace)` format in the row's marketplace (each row names its own)."""
    shown = list(rows)[:limit]
    keys = [k for k in PREVIEW_HEADERS if any(k in r for r in shown)]
    keys += [k for r in shown for k in r if k not in keys and k not in PREVIEW_HEADERS]

    def cell(row: dict, key: str) -> str:
        value = row.get(key)
        mp = row.get("marketplace", "")
        if _missing(value):
            return UNKNOWN
        if key.endswith("_sales"):
            return fmt_money(value, mp)
        if key in RATES:
            return f"{float(value):.2f}%"
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            return fmt_number(value, mp)
        return str(value)

    return pd.DataFrame([{_(PREVIEW_HEADERS.get(k, k)): cell(r, k) for k in keys} for r in shown])


def period_text(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return UNKNOWN
    if first == last:
        return first.isoformat()
    return _("{first} – {last}").format(first=first.isoformat(), last=last.isoformat())


def history_frame(rows: Sequence) -> pd.DataFrame:
    """The import history (services.imports.HistoryRow list) as the page shows it, newest first."""
    records = []
    for r in rows:
        if r.undone_at is None:
            status = _("In effect")
        else:
            status = _("Undone {when} by {who}").format(when=f"{r.undone_at:%Y-%m-%d %H:%M} UTC",
                                                       who=r.undone_by or _("the system"))
        records.append({
            _("Import"): f"#{r.id}",
            _("When (UTC)"): f"{r.created_at:%Y-%m-%d %H:%M}",
            _("Who"): r.who or _("System (command line)"),
            _("File"): r.filename,
            _("Kind"): _(r.kind_label),
            _("Marketplace"): ", ".join(r.marketplaces),
            _("Days"): period_text(r.first_day, r.last_day),
            _("Rows"): r.rows,
            _("Status"): status,
        })
    return pd.DataFrame(records)


HISTORY_WIDTHS = {N_("Import"): 50, N_("When (UTC)"): 115, N_("Who"): 95, N_("File"): 140, N_("Kind"): 160,
                  N_("Marketplace"): 75, N_("Days"): 165, N_("Rows"): 50, N_("Status"): 95}


def history_columns() -> dict:
    """Column widths for the history table, so all of it fits beside the sidebar."""
    return {_(name): st.column_config.Column(_(name), width=width) for name, width in HISTORY_WIDTHS.items()}
