"""Business Reports (SPEC §4): by date or by child ASIN, B2B beside the total, any range, sortable,
with a CSV of exactly what is on screen."""

from __future__ import annotations

import streamlit as st

from components.controls import range_buttons, range_dates
from components.formatting import money, number, plain, unknown
from components.reports import HEADERS, SORTABLE, report_csv, report_table
from services.i18n import _
from shell import data
from shell.context import require_page
from shell.page import guard, header

VIEWS = {"date": "By date", "asin": "By child ASIN"}

guard()
ctx = require_page("b2b")
mp = ctx.marketplace
header("Business Reports", f"{plain(ctx.account_name)} · {mp.name} ({mp.currency}) · B2B beside the total (B2B is "
                           "part of the total). Order items are order lines.")

left, right = st.columns([1, 3], vertical_alignment="bottom")
view = left.segmented_control("Report", list(VIEWS), format_func=VIEWS.get, default="date", required=True,
                              key="br_view", bind="query-params")
with right:
    range_code = range_buttons("br")
start, end, error = range_dates("br", range_code, ctx.today)
if error is not None:
    st.stop()

frame = data.business_report(ctx, view, start, end, data.data_version(ctx))
s1, s2 = st.columns([2, 1], vertical_alignment="bottom")
sort_by = s1.selectbox("Sort by", SORTABLE[view], format_func=HEADERS.get, key=f"br_sort_{view}")
descending = s2.toggle("Largest / newest first", value=True, key=f"br_desc_{view}")
table = report_table(frame, sort_by, descending)

if table.empty:
    st.info("No sales in this range. Pick a longer range.")
    st.stop()

money_cols = [c for c in table.columns if "sales" in c]
count_cols = [c for c in table.columns if "%" not in c
              and any(w in c.lower() for w in ("units", "order items", "sessions", "page views"))]
pct_cols = [c for c in table.columns if c.endswith("%")]
# unknown figures (averages without order items, B2B a report did not give) show as "—", never 0 or
# "None": every figure is shown as text, right-aligned
shown = table.assign(**{c: [money(v, mp.currency, mp.locale) for v in table[c]] for c in money_cols},
                     **{c: [number(v, mp.locale) for v in table[c]] for c in count_cols},
                     **{c: ["—" if unknown(v) else f"{float(v):.2f}%" for v in table[c]] for c in pct_cols})
shown.attrs = {}  # the service's notes (dates) are not for the browser
st.dataframe(shown, hide_index=True, width="stretch", key="br_table", height=min(38 + 35 * len(table), 640),
             column_config={c: st.column_config.TextColumn(c, alignment="right")
                            for c in (*money_cols, *count_cols, *pct_cols)})
if any(unknown(v) for c in table.columns if c.startswith("B2B") for v in table[c]) and "Source" in table:
    st.caption(_("B2B figures are not in the imported report for some days: they show “—” (unknown, not zero); "
                 "the totals are complete."))
st.caption(f"{len(table)} row{'s' if len(table) != 1 else ''} · {start:%d %b %Y} – {end:%d %b %Y}")
st.download_button("Download CSV", report_csv(table), file_name=f"business-report-{view}-{start}-{end}.csv",
                   mime="text/csv", icon=":material/download:", key="br_csv")
