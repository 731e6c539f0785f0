"""A clickable donut chart (SPEC §3.2).

Streamlit 1.67's ``st.plotly_chart(on_select=...)`` reports nothing for pie or sunburst clicks,
so this draws the donut as SVG — built by the pure function :func:`donut_svg` — inside a small
``st.components.v2`` component whose script sends the clicked slice back to Python. It works
offline (no CDN), every slice is keyboard-focusable (Tab, then Enter), and hover shows the same
figures as the table. Every text in the SVG is escaped; the script shows tooltips with
``textContent`` only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

import streamlit as st

from services.i18n import gettext as _

# Colour-blind-safe qualitative palette (plotly.colors.qualitative.Safe), in the app's order.
PALETTE = ("#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499", "#44AA99", "#999933",
           "#882255", "#661100", "#6699CC", "#888888")


@dataclass(frozen=True)
class Slice:
    label: str
    value: float  # the measure the slice's size shows (≥ 0)
    colour: str
    tip: Sequence[str]  # hover lines: name, sales, units, orders, share


def _point(cx: float, cy: float, r: float, angle: float) -> tuple[float, float]:
    """Angle in radians, 0 at twelve o'clock, clockwise."""
    return cx + r * math.sin(angle), cy - r * math.cos(angle)


def _arc_path(cx: float, cy: float, outer: float, inner: float, a0: float, a1: float) -> str:
    a1 = min(a1, a0 + 2 * math.pi - 1e-4)  # a lone 100 % slice: just short of a full turn
    large = 1 if a1 - a0 > math.pi else 0
    x0, y0 = _point(cx, cy, outer, a0)
    x1, y1 = _point(cx, cy, outer, a1)
    x2, y2 = _point(cx, cy, inner, a1)
    x3, y3 = _point(cx, cy, inner, a0)
    return (f"M{x0:.2f},{y0:.2f} A{outer},{outer} 0 {large} 1 {x1:.2f},{y1:.2f} "
            f"L{x2:.2f},{y2:.2f} A{inner},{inner} 0 {large} 0 {x3:.2f},{y3:.2f} Z")


def donut_svg(slices: Sequence[Slice], centre_lines: Sequence[str], clickable: bool, title: str) -> str:
    """The donut as an SVG string: one focusable path per slice (data-segment = its label), a legend
    beside it, and two lines of text in the hole. Slices of zero are left out."""
    size, legend_w = 300, 300
    cx = cy = size / 2
    outer, inner = 140, 84
    shown = [s for s in slices if s.value > 0]
    total = sum(s.value for s in shown)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size + legend_w} {size}" role="group" '
             f'aria-label="{escape(title)}" class="donut">']
    angle = 0.0
    for s in shown:
        sweep = 2 * math.pi * s.value / total
        action = _("Show the sub-industries of {industry}").format(industry=s.label) if clickable else s.label
        path = _arc_path(cx, cy, outer, inner, angle, angle + sweep)
        tip = "\n".join(s.tip)
        label = action + ": " + "; ".join(s.tip[1:])
        ax, ay = _point(cx, cy, (outer + inner) / 2, angle + sweep / 2)  # a point surely inside the slice
        parts.append(
            f'<path class="slice{" clickable" if clickable else ""}" d="{path}" fill="{escape(s.colour)}" '
            f'data-segment="{escape(s.label)}" data-tip="{escape(tip)}" data-anchor="{ax:.1f},{ay:.1f}" tabindex="0" '
            f'role="{"button" if clickable else "img"}" aria-label="{escape(label)}">'
            f"<title>{escape(tip)}</title></path>"
        )
        angle += sweep
    for i, line in enumerate(centre_lines[:2]):
        parts.append(f'<text x="{cx}" y="{cy - 6 + 24 * i}" text-anchor="middle" class="centre c{i}">'
                     f"{escape(line)}</text>")
    for i, s in enumerate(shown[:12]):
        y = 18 + i * 23
        share = 100 * s.value / total
        parts.append(f'<rect x="{size + 16}" y="{y - 11}" width="14" height="14" rx="3" fill="{escape(s.colour)}"/>'
                     f'<text x="{size + 38}" y="{y + 1}" class="legend">{escape(s.label)} · {share:.1f}%</text>')
    if len(shown) > 12:
        more = _("… and {n} more (see the table)").format(n=len(shown) - 12)
        parts.append(f'<text x="{size + 16}" y="{18 + 12 * 23}" class="legend">{escape(more)}</text>')
    parts.append("</svg>")
    return "".join(parts)


_CSS = """
.donut { width: 100%; max-width: 640px; height: auto; font-family: var(--st-font, sans-serif); }
.slice { stroke: var(--st-background-color, #fff); stroke-width: 1.5; outline: none; }
.slice.clickable { cursor: pointer; }
.slice:hover, .slice:focus { opacity: 0.82; stroke: var(--st-text-color, #222); stroke-width: 2.5; }
.centre { fill: var(--st-text-color, #222); }
.centre.c0 { font-size: 13px; opacity: 0.75; }
.centre.c1 { font-size: 19px; font-weight: 600; }
.legend { font-size: 13px; fill: var(--st-text-color, #222); }
.donut-tip { position: fixed; pointer-events: none; z-index: 1000; white-space: pre; font-size: 13px;
  background: var(--st-secondary-background-color, #f0f2f6); color: var(--st-text-color, #222);
  border: 1px solid rgba(0,0,0,0.15); border-radius: 6px; padding: 6px 9px; display: none; }
"""

_JS = """
export default function(component) {
  const { data, setTriggerValue, parentElement } = component;
  let root = parentElement.querySelector('.donut-root');
  if (!root) {
    root = document.createElement('div');
    root.className = 'donut-root';
    parentElement.appendChild(root);
  }
  // data.svg is built by components.donut.donut_svg, which escapes every text it holds
  root.innerHTML = data.svg;
  const tip = document.createElement('div');
  tip.className = 'donut-tip';
  root.appendChild(tip);
  root.querySelectorAll('[data-segment]').forEach((el) => {
    const pick = () => { if (data.clickable) setTriggerValue('clicked', el.dataset.segment); };
    el.addEventListener('click', pick);
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); }
    });
    el.addEventListener('mousemove', (e) => {
      tip.textContent = el.dataset.tip;
      tip.style.display = 'block';
      tip.style.left = (e.clientX + 14) + 'px';
      tip.style.top = (e.clientY + 14) + 'px';
    });
    el.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
  });
}
"""

_donut = st.components.v2.component("b2b_clickable_donut", css=_CSS, js=_JS)


def clickable_donut(svg: str, key: str, clickable: bool, on_click: Callable[[str], None]) -> None:
    """Mount the donut; `on_click(label)` runs (as a callback, before the next run) when a slice is
    clicked or chosen with the keyboard."""

    def _clicked() -> None:
        value = (st.session_state.get(key) or {}).get("clicked")
        if value:
            on_click(str(value))

    _donut(data={"svg": svg, "clickable": clickable}, key=key, on_clicked_change=_clicked)
