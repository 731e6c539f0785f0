"""Shipment pieces: status badges, item lists and the supplier's completion form."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from components.forms import field_errors

STATUS_BADGES = {"draft": ":gray-badge[Draft]", "shared": ":blue-badge[Shared]",
                 "in_progress": ":orange-badge[In progress]", "shipped": ":green-badge[Shipped]"}


def shipment_status(status: str) -> str:
    return STATUS_BADGES.get(status, status)


def items_text(items: list[dict]) -> str:
    return " · ".join(f"{i['sku']} × {i['quantity']:,}" for i in items)


def shipment_form_values(key: str, errors: dict[str, list[str]], shared_at: datetime | None) -> dict | None:
    """Boxes (weight kg and dimensions cm each), carrier, tracking numbers (one per line) and ship
    date. Returns what was typed once submitted, else None."""
    count = st.number_input("Number of boxes", min_value=1, max_value=200, value=1, step=1, key=f"{key}_count")
    with st.form(key):
        boxes = []
        for n in range(1, int(count) + 1):
            cells = st.columns(4)
            boxes.append({
                "weight_kg": cells[0].text_input(f"Box {n} weight (kg)", key=f"{key}_w{n}"),
                "length_cm": cells[1].text_input(f"Box {n} length (cm)", key=f"{key}_l{n}"),
                "width_cm": cells[2].text_input(f"Box {n} width (cm)", key=f"{key}_wd{n}"),
                "height_cm": cells[3].text_input(f"Box {n} height (cm)", key=f"{key}_h{n}"),
            })
        field_errors(errors, "boxes")
        c1, c2 = st.columns(2)
        carrier = c1.text_input("Carrier", key=f"{key}_carrier", placeholder="UPS, DHL, Maersk…")
        with c1:
            field_errors(errors, "carrier")
        ship_date = c2.date_input("Ship date", value=None, key=f"{key}_date", format="YYYY-MM-DD",
                                  min_value=shared_at.date() if shared_at else None)
        with c2:
            field_errors(errors, "ship_date")
        tracking = st.text_area("Tracking numbers (one per line)", key=f"{key}_tracking")
        field_errors(errors, "tracking_numbers")
        done = st.form_submit_button("Mark as shipped", type="primary")
    if not done:
        return None
    return {"boxes": boxes, "carrier": carrier, "tracking": tracking.splitlines(),
            "ship_date": ship_date if isinstance(ship_date, date) else None}


def box_count(n: int) -> str:
    return f"{n} box" if n == 1 else f"{n} boxes"
