"""Controls every B2B Central widget shares: Sales|Units and the time range (SPEC §3).

Values are bound to the URL (`bind="query-params"`) so a view can be shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from services.errors import ValidationError
from services.i18n import N_, _, day, pgettext, tr
from services.periods import RANGES, resolve_range

METRIC_LABELS = {"sales": N_("Sales"), "units": N_("Units")}
DEFAULT_LOCALE = "en_GB"  # dates under the range buttons when a caller names no marketplace locale


@dataclass(frozen=True)
class Controls:
    metric: str
    range_code: str
    start: date | None
    end: date | None
    error: str | None = None


def metric_and_range(prefix: str, today: date, locale: str = DEFAULT_LOCALE) -> Controls:
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    metric = left.segmented_control(
        _("Measure"), list(METRIC_LABELS), format_func=lambda m: _(METRIC_LABELS[m]), default="sales", required=True,
        key=f"{prefix}_metric", bind="query-params",
    )
    with right:
        range_code = range_buttons(prefix)
    start, end, error = range_dates(prefix, range_code, today, locale)
    return Controls(metric, range_code, start, end, error)


def range_buttons(prefix: str) -> str:
    return st.segmented_control(
        _("Time range"), list(RANGES), format_func=range_label, default="30D", required=True, key=f"{prefix}_range",
        bind="query-params",
        help=_("7D, 30D and 90D end today; 6M is 183 days, 1Y 365 days; YTD starts on 1 January."),
    )


def range_label(code: str) -> str:
    """The range buttons' text: the codes stay (7D, 30D…), the one word is translated."""
    return _("Custom") if code == "Custom" else code


def range_dates(prefix: str, range_code: str, today: date,
                locale: str = DEFAULT_LOCALE) -> tuple[date | None, date | None, str | None]:
    """The range's dates (a caption under fixed ranges; From/To pickers under Custom), or an error
    shown next to the offending picker."""
    if range_code != "Custom":
        start, end = resolve_range(range_code, today)
        st.caption(_("{start} – {end}").format(start=day(start, locale), end=day(end, locale)))
        return start, end, None
    c1, c2 = st.columns(2)
    start = c1.date_input(pgettext("date range", "From"), value=today - timedelta(days=29), key=f"{prefix}_from",
                          bind="query-params", format="YYYY-MM-DD")
    end = c2.date_input(pgettext("date range", "To"), value=today, key=f"{prefix}_to", bind="query-params",
                        format="YYYY-MM-DD")
    try:
        start, end = resolve_range("Custom", today, start, end)
    except ValidationError as exc:
        (c2 if exc.field == "end" else c1).error(tr(exc.message))
        return None, None, exc.message
    return start, end, None


def range_query(prefix: str, controls: Controls, target_prefix: str) -> dict[str, str]:
    """Query parameters that open another page's range controls on the same range."""
    params = {f"{target_prefix}_range": controls.range_code}
    if controls.range_code == "Custom" and controls.start and controls.end:
        params[f"{target_prefix}_from"] = controls.start.isoformat()
        params[f"{target_prefix}_to"] = controls.end.isoformat()
    return params
