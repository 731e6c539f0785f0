"""Business Reports (SPEC §4): by date or by child ASIN, B2B beside the total, any range, sortable,
with a CSV of exactly what is on screen."""

from __future__ import annotations

import streamlit as st

from components.controls import range_buttons, range_dates
from components.formatting import money, number, plain
from components.reports import HEADERS, SORTABLE, report_csv, report_table
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

avg_cols = [c for c in table.columns if "avg" in c]
money_cols = [c for c in table.columns if "sales" in c and c not in avg_cols]
count_cols = [c for c in table.columns if "units" in c or "order items" in c]
# averages are empty on days without order items; st.dataframe would print "None", so show them as text
shown = table.assign(**{c: ["—" if v is None else money(v, mp.currency, mp.locale) for v in table[c]]
                        for c in avg_cols})
styled = shown.style.format(lambda v: money(v, mp.currency, mp.locale), subset=money_cols).format(
    lambda v: number(v, mp.locale), subset=count_cols)
st.dataframe(styled, hide_index=True, width="stretch", key="br_table", height=min(38 + 35 * len(table), 640),
             column_config={c: st.column_config.TextColumn(c, alignment="right") for c in avg_cols})
st.caption(f"{len(table)} row{'s' if len(table) != 1 else ''} · {start:%d %b %Y} – {end:%d %b %Y}")
st.download_button("Download CSV", report_csv(table), file_name=f"business-report-{view}-{start}-{end}.csv",
                   mime="text/csv", icon=":material/download:", key="br_csv")
