"""B2B Central (SPEC §3): Sales Snapshot."""

from __future__ import annotations

import streamlit as st

from components.charts import snapshot_figure
from components.controls import METRIC_LABELS, metric_and_range
from components.formatting import bucket_label, metric_value, plain
from components.snapshot import SEGMENT_LABELS, segment_checkboxes, show_table, snapshot_table, summary_figures
from services.sales import snapshot_summary
from shell import data
from shell.context import require_page
from shell.widgets import framed, refresh_counter

ctx = require_page("b2b")
mp = ctx.marketplace
st.title("B2B Central")
st.caption(f"{plain(ctx.account_name)} · {mp.name} ({mp.currency}) · merchant token {ctx.merchant_token} · "
           f"today is {ctx.today:%d %b %Y} in {mp.name}")

version = data.data_version(ctx.account_id)
if not data.has_sales(ctx.account_id, version):
    st.info("This account has no sales yet. Once order reports are imported, B2B Central fills in.")
    st.stop()

body = framed(ctx.user.id, "sales_snapshot", "Sales Snapshot")
if body is not None:
    with body:
        controls = metric_and_range("snap", ctx.today)
        if controls.error is None:
            frame = data.sales_snapshot(ctx.account_id, mp.code, controls.start, controls.end, controls.metric,
                                        version, refresh_counter("sales_snapshot"))

            def fmt(value) -> str:
                return metric_value(value, controls.metric, mp.currency, mp.locale)

            metric_label = METRIC_LABELS[controls.metric]
            labels = [bucket_label(b, frame.attrs["grain"], mp.locale) for b in frame["bucket"]]
            summary_slot, chart_slot = st.container(), st.container()
            segments = segment_checkboxes("snap")
            compare = st.checkbox("Compare to last year", key="snap_compare", bind="query-params",
                                  help="Adds the same calendar dates one year earlier as dashed lines.")
            with summary_slot:
                summary_figures(snapshot_summary(frame), segments, fmt, metric_label)
            with chart_slot:
                if not any(frame[s].any() for s in ("b2b", "non_b2b")):
                    st.info("No sales in this range. Pick a longer range or another marketplace.")
                fig = snapshot_figure(frame, segments, SEGMENT_LABELS, compare, fmt, labels, metric_label)
                st.plotly_chart(fig, key="snap_chart", config={"displaylogo": False})
            show_table(snapshot_table(frame, segments, compare, fmt, labels), fmt, key="snap_table")
