"""Portfolio (SPEC §8, issue 13): every account × marketplace the signed-in person may see, at a
glance — which account needs them today. The first page for managers and admins of several
accounts. Range, filters and search live in the URL; a row opens that account's pages."""

from __future__ import annotations

import streamlit as st

from components.controls import Controls, range_buttons, range_dates, range_query
from components.exports import csv_bytes
from components.formatting import UNKNOWN
from components.portfolio import column_config, csv_frame, display_frame, styled, subtotal_table
from services import config, i18n, portfolio
from services.i18n import _, tr
from shell import clock
from shell.context import current
from shell.db import session_scope
from shell.nav import PAGES
from shell.page import DATE_LOCALE, guard, header

guard()
ctx = current()
with session_scope() as session:
    allowed = portfolio.has_portfolio(session, ctx.user.id)
if not allowed:
    st.error(_("The portfolio is for account managers and for admins of several accounts."))
    st.stop()

now = clock.now()
today = now.date()  # the portfolio spans marketplaces: ranges end on today's UTC date
header(_("Portfolio"), _("Every account you look after, one row per marketplace. Money stays in each "
                         "marketplace's currency; today is {day} (UTC).").format(day=i18n.day(today, DATE_LOCALE)))

range_code = range_buttons("pf")
start, end, error = range_dates("pf", range_code, today)
if error is not None:
    st.stop()

with session_scope() as session:
    frame = portfolio.portfolio(session, ctx.user.id, start, end, today, now=now)
if frame.empty:
    st.info(_("No accounts to show yet. When an admin adds you to a seller account, it appears here."),
            icon=":material/info:")
    st.stop()

HOURS = int(config.PORTFOLIO_EXPIRING_REQUEST_WINDOW.total_seconds() // 3600)
BANDS = [label for _low, label, _colour in config.AHR_BANDS]
FILTER_KEYS = ("pf_mp", "pf_band", "pf_attention", "pf_q")


def _clear_filters() -> None:
    st.session_state["pf_mp"], st.session_state["pf_band"] = [], []
    st.session_state["pf_attention"], st.session_state["pf_q"] = False, ""


c1, c2, c3, c4 = st.columns([2, 2, 3, 1.4], vertical_alignment="bottom")
chosen_mps = c1.multiselect(_("Marketplace"), sorted(set(frame["marketplace"])), key="pf_mp",
                            bind="query-params", placeholder=_("All marketplaces"))
chosen_bands = c2.multiselect(_("AHR band"), BANDS, key="pf_band", bind="query-params",
                              format_func=lambda b: {"Critical": _("Critical"), "At risk": _("At risk"),
                                                     "Healthy": _("Healthy")}.get(b, b),
                              placeholder=_("All bands"))
search = c3.text_input(_("Search"), key="pf_q", bind="query-params", placeholder=_("Account name or merchant token"))
attention_only = c4.checkbox(_("Needs attention"), key="pf_attention", bind="query-params",
                             help=_("Any red flag: AHR not Healthy, an AHA case, metrics off target, buyer requests "
                                    "expiring within {hours} h, B2B down {pct}% or more on last year, open alerts.")
                             .format(hours=HOURS, pct=f"{-config.PORTFOLIO_ATTENTION_B2B_YOY_PCT:g}"))
shown = portfolio.filter_rows(frame, marketplaces=chosen_mps, bands=chosen_bands, attention_only=attention_only,
                              search=search)

attention = shown.drop_duplicates("account_id")
m1, m2, m3, m4 = st.columns(4)
m1.metric(_("Accounts"), f"{shown['account_id'].nunique()}")
m2.metric(_("Need attention"), f"{int(attention['needs_attention'].sum())}")
m3.metric(_("Open alerts"), f"{int(attention['open_alerts'].fillna(0).sum())}")
m4.metric(_("Buyer requests expiring ≤ {hours} h").format(hours=HOURS),
          f"{int(attention['expiring_requests'].fillna(0).sum())}")

if shown.empty:
    st.info(_("No account matches these filters."), icon=":material/filter_alt_off:")
    st.button(_("Clear filters"), on_click=_clear_filters, icon=":material/close:")
    st.stop()

display = display_frame(shown)
event = st.dataframe(styled(display, list(shown["ahr_band_colour"])), column_config=column_config(),
                     hide_index=True, placeholder=UNKNOWN, width="stretch", key="pf_table", on_select="rerun",
                     selection_mode="single-row")
st.caption(_("Click a column header to sort. Select a row to open that account."))

st.subheader(_("Subtotals per currency"), anchor=False)
st.dataframe(subtotal_table(portfolio.subtotals(shown)), hide_index=True, placeholder=UNKNOWN, width="stretch",
             key="pf_subtotals")
st.download_button(_("Download CSV"), csv_bytes(csv_frame(display)),
                   file_name=f"portfolio-{start:%Y%m%d}-{end:%Y%m%d}.csv", mime="text/csv",
                   icon=":material/download:")

# --- Open an account ---------------------------------------------------------------------------------
st.subheader(_("Open an account"), anchor=False)
keys = [f"{r.account_id}|{r.marketplace}" for r in shown.itertuples()]
rows_by_key = dict(zip(keys, shown.to_dict("records"), strict=True))
selected = event.selection.rows if event is not None else []
if selected and st.session_state.get("_pf_last_selected") != keys[selected[0]]:
    st.session_state["_pf_last_selected"] = keys[selected[0]]
    st.session_state["pf_open"] = keys[selected[0]]  # a row clicked in the table picks it below
if st.session_state.get("pf_open") not in keys:
    st.session_state.pop("pf_open", None)
choice = st.selectbox(_("Account"), keys, key="pf_open", index=None, placeholder=_("Choose an account"),
                      format_func=lambda k: f"{rows_by_key[k]['account_name']} · {rows_by_key[k]['marketplace']}")
if choice is not None:
    row = rows_by_key[choice]
    params = {"account": str(row["account_id"]), "mp": row["marketplace"]}
    b2b = {**params, **range_query("pf", Controls("sales", range_code, start, end), "snap")}
    targets = [  # (label, page, query, shown when the person sees the area)
        (_("B2B Central"), "b2b-central", b2b, row["b2b_sales"] is not None or row["total_sales"] is not None),
        (_("Account Health"), "account-health", params, row["ahr_band"] is not None),
        (_("Action Center ({n} open)").format(n=row["open_tasks"]), "quote", params, row["open_tasks"] is not None),
        (_("Partner authorizations ({n} pending)").format(n=row["pending_authorizations"]), "partners", params,
         row["pending_authorizations"] is not None),
        (_("Shipments ({n} open)").format(n=row["open_shipments"]), "shipments", params,
         row["open_shipments"] is not None),
        (_("Alerts ({n} open)").format(n=row["open_alerts"]), "alerts", {"account": str(row["account_id"])}, True),
    ]
    if row["attention"]:
        st.warning(_("Needs attention: {reasons}").format(reasons="; ".join(str(tr(a)) for a in row["attention"])),
                   icon=":material/flag:")
    columns = st.columns(len(targets))
    for column, (label, path, query, visible) in zip(columns, targets, strict=True):
        if visible and column.button(label, key=f"pf_go_{path}", width="stretch"):
            st.switch_page(PAGES[path].file, query_params=query)
