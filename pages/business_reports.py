"""Business Reports (SPEC §4): by date or by child ASIN, B2B beside the total, any range, sortable,
with a CSV of exactly what is on screen."""

from __future__ import annotations

import streamlit as st

from components.controls import range_buttons, range_dates
from components.formatting import UNKNOWN, money, number, plain, text_width, unknown
from components.reports import HEADERS, SORTABLE, headers, report_csv, report_table
from services.i18n import N_, _, day, ngettext
from shell import data
from shell.context import require_page
from shell.page import guard, header

VIEWS = {"date": N_("By date"), "asin": N_("By child ASIN")}

guard()
ctx = require_page("b2b")
mp = ctx.marketplace
header(_("Business Reports"), _("{account} · {marketplace} ({currency}) · B2B beside the total (B2B is part of the "
                                "total). Order items are order lines.").format(account=plain(ctx.account_name),
                                                                              marketplace=mp.name,
                                                                              currency=mp.currency))

left, right = st.columns([1, 3], vertical_alignment="bottom")
view = left.segmented_control(_("Report"), list(VIEWS), format_func=lambda v: _(VIEWS[v]), default="date",
                              required=True, key="br_view", bind="query-params")
with right:
    range_code = range_buttons("br")
start, end, error = range_dates("br", range_code, ctx.today, mp.locale)
if error is not None:
    st.stop()

frame = data.business_report(ctx, view, start, end, data.data_version(ctx))
s1, s2 = st.columns([2, 1], vertical_alignment="bottom")
sort_by = s1.selectbox(_("Sort by"), SORTABLE[view], format_func=lambda k: _(HEADERS[k]), key=f"br_sort_{view}")
descending = s2.toggle(_("Largest / newest first"), value=True, key=f"br_desc_{view}")
table = report_table(frame, sort_by, descending)

if table.empty:
    st.info(_("No sales in this range. Pick a longer range."))
    st.stop()

labels = headers()  # the columns are the headers in the reader's language: find them by the service's keys


def shown_columns(wanted) -> list[str]:
    return [labels[k] for k in HEADERS if wanted(k) and labels[k] in table.columns]


money_cols = shown_columns(lambda k: "sales" in k)
count_cols = shown_columns(lambda k: any(w in k for w in ("units", "order_items", "sessions", "page_views")))
pct_cols = shown_columns(lambda k: k.endswith("_pct"))
b2b_cols = shown_columns(lambda k: k.startswith("b2b_"))
# unknown figures (averages without order items, B2B a report did not give) show as "—", never 0 or
# "None": every figure is shown as text, right-aligned
shown = table.assign(**{c: [money(v, mp.currency, mp.locale) for v in table[c]] for c in money_cols},
                     **{c: [number(v, mp.locale) for v in table[c]] for c in count_cols},
                     **{c: ["—" if unknown(v) else f"{float(v):.2f}%" for v in table[c]] for c in pct_cols})
shown.attrs = {}  # the service's notes (dates) are not for the browser
st.dataframe(shown, hide_index=True, placeholder=UNKNOWN, width="stretch", key="br_table",
             height=min(38 + 35 * len(table), 640),
             column_config={c: st.column_config.TextColumn(c, alignment="right", width=text_width(shown[c], c))
                            for c in (*money_cols, *count_cols, *pct_cols)})
if any(unknown(v) for c in b2b_cols for v in table[c]) and labels["source"] in table:
    st.caption(_("B2B figures are not in the imported report for some days: they show “—” (unknown, not zero); "
                 "the totals are complete."))
st.caption(ngettext("{n} row · {start} – {end}", "{n} rows · {start} – {end}", len(table))
           .format(n=len(table), start=day(start, mp.locale), end=day(end, mp.locale)))
st.download_button(_("Download CSV"), report_csv(table), file_name=f"business-report-{view}-{start}-{end}.csv",
                   mime="text/csv", icon=":material/download:", key="br_csv")
