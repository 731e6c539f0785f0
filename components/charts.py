"""Chart builders: pure functions from plain data to a plotly Figure."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go

from components.formatting import unknown
from services import i18n
from services.i18n import gettext as _
from services.i18n import pgettext


def date_axis() -> dict:
    """A date x-axis: plotly's own tick labels name English months, so other readers get the date
    written their way (the pattern is a d3 time format, translated in the catalog)."""
    if i18n.active() == i18n.DEFAULT:
        return {"title": None}
    return {"title": None, "tickformat": pgettext("chart date axis (d3 time format)", "%b %-d, %Y")}


SEGMENT_COLOURS = {"b2b": "#1f6feb", "non_b2b": "#e8743b", "total": "#4d5562"}


def snapshot_figure(
    frame: pd.DataFrame,
    segments: Sequence[str],
    labels: dict[str, str],
    compare: bool,
    fmt: Callable[[object], str],
    bucket_labels: Sequence[str],
    metric_label: str,
) -> go.Figure:
    """One solid line per shown segment; with `compare`, last year's as a dashed line of the same colour."""
    fig = go.Figure()
    x = list(frame["bucket"])
    for seg in segments:
        series = [(seg, labels[seg], "solid")]
        if compare:
            series.append((f"{seg}_last_year", _("{segment} last year").format(segment=labels[seg]), "dash"))
        for column, name, dash in series:
            values = list(frame[column])
            fig.add_trace(go.Scatter(
                x=x, y=[None if unknown(v) else float(v) for v in values], name=name,  # unknown: a gap, never 0
                mode="lines+markers" if len(x) <= 31 else "lines",
                line={"color": SEGMENT_COLOURS[seg], "dash": dash, "width": 2.5 if dash == "solid" else 1.8},
                customdata=[[label, fmt(v)] for label, v in zip(bucket_labels, values)],
                hovertemplate="%{customdata[0]}<br>" + name + ": %{customdata[1]}<extra></extra>",
            ))
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=340, hovermode="x unified",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        yaxis={"title": metric_label, "rangemode": "tozero"}, xaxis=date_axis(),
    )
    return fig


def top_products_figure(frame: pd.DataFrame, metric: str, fmt: Callable[[object], str]) -> go.Figure:
    """Ranked horizontal bars, rank 1 at the top, in the B2B colour."""
    frame = frame.iloc[::-1]
    values = frame["sales"] if metric == "sales" else frame["units"]
    names = [f"#{r} {t[:48] + ('…' if len(t) > 48 else '')}" for r, t in zip(frame["rank"], frame["title"])]
    fig = go.Figure(go.Bar(
        x=[float(v) for v in values], y=names, orientation="h", marker_color=SEGMENT_COLOURS["b2b"],
        text=[fmt(v) for v in values], textposition="auto",
        customdata=[[a, s, fmt(v)] for a, s, v in zip(frame["asin"], frame["sku"], values)],
        hovertemplate="%{y}<br>" + _("ASIN {asin} · SKU {sku}").format(asin="%{customdata[0]}", sku="%{customdata[1]}")
        + "<br>%{customdata[2]}<extra></extra>",
    ))
    fig.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=60 + 44 * max(len(frame), 1),
                      xaxis={"title": None, "rangemode": "tozero"}, yaxis={"title": None, "automargin": True})
    return fig


def trend_figure(frame: pd.DataFrame, metric: str, fmt: Callable[[object], str], bucket_labels: Sequence[str],
                 metric_label: str) -> go.Figure:
    """A product's B2B sales (or units) per bucket, as bars in the B2B colour."""
    values = list(frame["sales"] if metric == "sales" else frame["units"])
    fig = go.Figure(go.Bar(
        x=list(frame["bucket"]), y=[float(v) for v in values], marker_color=SEGMENT_COLOURS["b2b"],
        name=_("B2B {metric}").format(metric=metric_label.lower()),
        customdata=[[label, fmt(v)] for label, v in zip(bucket_labels, values)],
        hovertemplate="%{customdata[0]}<br>" + _("B2B: {value}").format(value="%{customdata[1]}") + "<extra></extra>",
    ))
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=280,
        yaxis={"title": _("B2B {metric}").format(metric=metric_label.lower()), "rangemode": "tozero"},
        xaxis=date_axis(),
    )
    return fig
