"""Shipment pieces: status badges, item lists and the supplier's completion form."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from components.forms import field_errors
from services.i18n import N_, ngettext
from services.i18n import gettext as _

STATUS_BADGES = {"draft": ("gray", N_("Draft")), "shared": ("blue", N_("Shared")),
                 "in_progress": ("orange", N_("In progress")), "shipped": ("green", N_("Shipped"))}


def shipment_status(status: str) -> str:
    if status not in STATUS_BADGES:
        return status
    colour, label = STATUS_BADGES[status]
    return f":{colour}-badge[{_(label)}]"


def items_text(items: list[dict]) -> str:
    return " · ".join(f"{i['sku']} × {i['quantity']:,}" for i in items)


def shipment_form_values(key: str, errors: dict[str, list[str]], shared_at: datetime | None) -> dict | None:
    """Boxes (weight kg and dimensions cm each), carrier, tracking numbers (one per line) and ship
    date. Returns what was typed once submitted, else None."""
    count = st.number_input(_("Number of boxes"), min_value=1, max_value=200, value=1, step=1, key=f"{key}_count")
    with st.form(key):
        boxes = []
        for n in range(1, int(count) + 1):
            cells = st.columns(4)
            boxes.append({
                "weight_kg": cells[0].text_input(_("Box {n} weight (kg)").format(n=n), key=f"{key}_w{n}"),
                "length_cm": cells[1].text_input(_("Box {n} length (cm)").format(n=n), key=f"{key}_l{n}"),
                "width_cm": cells[2].text_input(_("Box {n} width (cm)").format(n=n), key=f"{key}_wd{n}"),
                "height_cm": cells[3].text_input(_("Box {n} height (cm)").format(n=n), key=f"{key}_h{n}"),
            })
        field_errors(errors, "boxes")
        c1, c2 = st.columns(2)
        carrier = c1.text_input(_("Carrier"), key=f"{key}_carrier", placeholder=_("UPS, DHL, Maersk…"))
        with c1:
            field_errors(errors, "carrier")
        ship_date = c2.date_input(_("Ship date"), value=None, key=f"{key}_date", format="YYYY-MM-DD",
                                  min_value=shared_at.date() if shared_at else None)
        with c2:
            field_errors(errors, "ship_date")
        tracking = st.text_area(_("Tracking numbers (one per line)"), key=f"{key}_tracking")
        field_errors(errors, "tracking_numbers")
        done = st.form_submit_button(_("Mark as shipped"), type="primary")
    if not done:
        return None
    return {"boxes": boxes, "carrier": carrier, "tracking": tracking.splitlines(),
            "ship_date": ship_date if isinstance(ship_date, date) else None}


def box_count(n: int) -> str:
    return ngettext("{n} box", "{n} boxes", n).format(n=n)
