"""Sales Snapshot pieces (SPEC §3.1): segment check boxes, summary figures and the table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from components.formatting import UNKNOWN, percent, unknown
from services.i18n import N_, _, ngettext
from services.periods import yoy_pct

SEGMENT_LABELS = {"b2b": N_("B2B"), "non_b2b": N_("Non-B2B"), "total": N_("Total")}
AT_LEAST_ONE = N_("Keep at least one of B2B, Non-B2B or Total ticked.")


def segment_labels() -> dict[str, str]:
    """SEGMENT_LABELS in the reader's language (the chart's legend, the table's columns)."""
    return {seg: _(label) for seg, label in SEGMENT_LABELS.items()}


def segment_checkboxes(prefix: str) -> list[str]:
    """B2B / Non-B2B / Total check boxes; unticking the last one ticks it again and says why."""
    flag = f"{prefix}_at_least_one"

    def keep_one(changed: str) -> None:
        if not any(st.session_state[f"{prefix}_{s}"] for s in SEGMENT_LABELS):
            st.session_state[f"{prefix}_{changed}"] = True
            st.session_state[flag] = True
        else:
            st.session_state[flag] = False

    columns = st.columns(len(SEGMENT_LABELS) + 2)
    for column, (seg, label) in zip(columns, SEGMENT_LABELS.items()):
        column.checkbox(_(label), value=True, key=f"{prefix}_{seg}", on_change=keep_one, args=(seg,),
                        bind="query-params")
    if st.session_state.get(flag):
        st.warning(_(AT_LEAST_ONE), icon=":material/info:")
    return [s for s in SEGMENT_LABELS if st.session_state[f"{prefix}_{s}"]]


def summary_figures(summary: dict, segments: Sequence[str], fmt: Callable[[object], str], metric_label: str) -> None:
    columns = st.columns(len(segments))
    for column, seg in zip(columns, segments):
        item = summary[seg]
        yoy = item["yoy_pct"]
        column.metric(
            _("{segment} {measure}").format(segment=_(SEGMENT_LABELS[seg]), measure=metric_label.lower()),
            fmt(item["value"]),
            delta=None if yoy is None else _("{pct} YoY").format(pct=percent(yoy)),
            # the arrow and colour follow the figure, not the wording (Chinese puts 同比 first)
            delta_arrow="off" if not yoy else "down" if yoy < 0 else "up",
            delta_color="gray" if not yoy else "red" if yoy < 0 else "green",
            delta_description=None if yoy is None else _("last year {value}").format(value=fmt(item["last_year"])),
            help=_("Same calendar dates one year earlier.") if yoy is not None else None,
            border=True,
        )
        if unknown(item["value"]):
            column.caption(_("Not in the imported report for some days"))
        elif yoy is None:
            column.caption(_("YoY n/a (nothing last year)"))


def snapshot_table(
    frame: pd.DataFrame, segments: Sequence[str], compare: bool, fmt: Callable[[object], str],
    bucket_labels: Sequence[str],
) -> pd.DataFrame:
    """The table under the chart: exactly the chart's numbers, plus YoY % per bucket when comparing
    (as text, so "n/a" shows where last year is 0)."""
    table = pd.DataFrame({_("Period"): list(bucket_labels)})
    for seg in segments:
        label = _(SEGMENT_LABELS[seg])
        table[label] = list(frame[seg])
        if compare:
            table[_("{segment} last year").format(segment=label)] = list(frame[f"{seg}_last_year"])
            table[_yoy_column(seg)] = [
                UNKNOWN if unknown(a) or unknown(b) else percent(yoy_pct(a, b))
                for a, b in zip(frame[seg], frame[f"{seg}_last_year"])
            ]
    return table


def _yoy_column(seg: str) -> str:
    return _("{segment} YoY %").format(segment=_(SEGMENT_LABELS[seg]))


def sources_caption(frame: pd.DataFrame) -> str | None:
    """Where the range's days came from (the service's `attrs["sources"]`), or None when it does not say."""
    sources = frame.attrs.get("sources")
    if not sources or not (sources.get("report") or sources.get("orders")):
        return None
    if not sources.get("report"):
        return _("Every day from order lines.")
    if not sources.get("orders"):
        return _("Every day from imported daily reports (Amazon's official figures).")
    return ngettext("{report} day from an imported daily report (Amazon's official figures), {orders} from order "
                    "lines.", "{report} days from imported daily reports (Amazon's official figures), {orders} from "
                    "order lines.", sources["report"]).format(report=sources["report"], orders=sources["orders"])


B2B_UNKNOWN_NOTE = N_("B2B figures are not in the imported report for some days: B2B and Non-B2B show “—” "
                      "there (unknown, not zero); the total is complete.")


def unknown_note(frame: pd.DataFrame) -> str | None:
    """The note under the snapshot when some days' B2B figures are unknown."""
    if frame.attrs.get("b2b_unknown_days") or any(unknown(v) for v in frame["b2b"]):
        return _(B2B_UNKNOWN_NOTE)
    return None


def show_table(table: pd.DataFrame, fmt: Callable[[object], str], key: str) -> None:
    yoy_columns = {_yoy_column(seg) for seg in SEGMENT_LABELS}
    value_columns = [c for c in table.columns if c != _("Period") and c not in yoy_columns]
    right = {c: st.column_config.TextColumn(c, alignment="right") for c in table.columns if c in yoy_columns}
    st.dataframe(table.style.format(fmt, subset=value_columns), hide_index=True, placeholder=UNKNOWN, key=key,
                 width="stretch", column_config=right)
