"""Account Health charts (SPEC §7): pure functions from plain data to plotly figures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import plotly.graph_objects as go

from components.charts import date_axis
from services import config, i18n
from services.i18n import gettext as _


def _bands() -> list[tuple[int, int, str, str]]:
    """(low, high, label, colour) for each band, up to AHR_MAX."""
    out = []
    for i, (low, label, colour) in enumerate(config.AHR_BANDS):
        high = config.AHR_BANDS[i + 1][0] if i + 1 < len(config.AHR_BANDS) else config.AHR_MAX
        out.append((low, high, _(label), colour))
    return out


def band_text() -> str:
    """"0–99 Critical, 100–199 At risk, 200–1000 Healthy", from the policy."""
    return ", ".join(_("{low}–{high} {band}").format(low=low, high=high - (high != config.AHR_MAX), band=label)
                     for low, high, label, _colour in _bands())


def ahr_gauge(score: int, band_label: str) -> go.Figure:
    """A 0–1000 gauge with the three bands and a marked threshold at 250."""
    fig = go.Figure(go.Indicator(
        mode="gauge+number", value=score,
        number={"suffix": f" · {band_label}", "font": {"size": 34}},
        gauge={
            "axis": {"range": [config.AHR_MIN, config.AHR_MAX],
                     "tickvals": sorted({*(low for low, *_ in _bands()), config.AHA_THRESHOLD, config.AHR_MAX,
                                         *range(config.AHR_MIN, config.AHR_MAX, 250)})},
            "bar": {"color": "#2d3748", "thickness": 0.25},
            "steps": [{"range": [low, high], "color": colour, "name": label} for low, high, label, colour in _bands()],
            "threshold": {"line": {"color": "#111111", "width": 4}, "thickness": 0.9,
                          "value": config.AHA_THRESHOLD},
        },
        title={"text": _("Account Health Rating (AHA threshold {threshold})").format(threshold=config.AHA_THRESHOLD),
               "font": {"size": 15}},
    ))
    fig.update_layout(height=300, margin={"l": 30, "r": 30, "t": 60, "b": 10})
    return fig


def ahr_history_figure(days: Sequence[date], scores: Sequence[int | None]) -> go.Figure:
    """Daily scores with the band colours behind and the 250 line."""
    fig = go.Figure()
    for low, high, label, colour in _bands():
        fig.add_hrect(y0=low, y1=high, fillcolor=colour, opacity=0.12, line_width=0, layer="below",
                      annotation_text=label, annotation_position="top left")
    fig.add_hline(y=config.AHA_THRESHOLD, line_dash="dash", line_color="#111111",
                  annotation_text=_("AHA threshold {threshold}").format(threshold=config.AHA_THRESHOLD),
                  annotation_position="bottom right")
    if i18n.active() == i18n.DEFAULT:
        hover = {"hovertemplate": "%{x|%d %b %Y}: %{y}<extra></extra>"}
    else:  # plotly's own date format names English months: the reader's dates instead
        hover = {"customdata": [i18n.day(d, "en_US") for d in days],
                 "hovertemplate": "%{customdata}: %{y}<extra></extra>"}
    fig.add_trace(go.Scatter(x=list(days), y=list(scores), mode="lines", name=_("AHR"), connectgaps=False,
                             line={"color": "#1f6feb", "width": 2}, **hover))
    fig.update_layout(height=300, margin={"l": 10, "r": 10, "t": 10, "b": 10}, showlegend=False,
                      yaxis={"range": [config.AHR_MIN, config.AHR_MAX], "title": _("AHR")}, xaxis=date_axis())
    return fig
