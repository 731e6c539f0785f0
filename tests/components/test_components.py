"""The components on their own (AppTest.from_function): what a person sees and what each control
hands back, with no database and no page around them."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.donut import PALETTE, Slice, donut_svg
from components.exports import csv_bytes
from components.formatting import plain

pytestmark = pytest.mark.page


def frame_script(minimized: bool, stars):
    import streamlit as st

    from components.frame import FrameActions, FrameState, widget_frame

    calls = st.session_state.setdefault("calls", [])

    def rate(stars, comment):
        calls.append(("rate", stars, comment))
        return None if stars else "Choose 1 to 5 stars."

    body = widget_frame("snap", "Sales Snapshot", FrameState(minimized, "14:05 CET", stars, ""),
                        FrameActions(lambda: calls.append("toggle"), lambda: calls.append("refresh"), rate))
    if body is not None:
        body.write("the widget's body")


def test_the_frame_draws_its_menu_and_hands_each_choice_back():
    at = AppTest.from_function(frame_script, kwargs={"minimized": False, "stars": None}).run()
    assert [h.value for h in at.subheader] == ["Sales Snapshot"]
    assert any("updated 14:05 CET" in c.value for c in at.caption)
    assert any(m.value == "the widget's body" for m in at.markdown)
    at.button(key="snap_minimize").click().run()
    at.button(key="snap_refresh").click().run()
    at.button(key="FormSubmitter:snap_rate_form-Save rating").click().run()
    assert at.session_state["calls"] == ["toggle", "refresh", ("rate", None, "")]
    assert [e.value for e in at.error] == ["Choose 1 to 5 stars."]


def test_a_minimized_frame_hides_its_body_and_offers_expand():
    at = AppTest.from_function(frame_script, kwargs={"minimized": True, "stars": 4}).run()
    assert not any(m.value == "the widget's body" for m in at.markdown)
    assert at.button(key="snap_minimize").label == "Expand"
    assert any("Minimized" in c.value for c in at.caption)


def controls_script():
    from datetime import date

    import streamlit as st

    from components.controls import metric_and_range

    controls = metric_and_range("snap", date(2026, 6, 15))
    st.session_state["controls"] = controls


def test_the_controls_default_to_sales_over_30_days_and_refuse_a_backwards_custom_range():
    from datetime import date

    at = AppTest.from_function(controls_script).run()
    controls = at.session_state["controls"]
    assert (controls.metric, controls.range_code, controls.start, controls.end) == (
        "sales", "30D", date(2026, 5, 17), date(2026, 6, 15))
    at.button_group(key="snap_range").set_value("Custom").run()
    at.date_input(key="snap_from").set_value(date(2026, 6, 10)).run()
    at.date_input(key="snap_to").set_value(date(2026, 6, 1)).run()
    assert at.session_state["controls"].error == "The end date must be on or after the start date."
    assert [e.value for e in at.error] == ["The end date must be on or after the start date."]


def tasks_script():
    import streamlit as st

    from components.actions import TaskRow, task_list

    quote = st.Page(lambda: None, title="Quote", url_path="quote")
    st.navigation([quote], position="hidden")
    rows = [TaskRow(7, "buyer_request", "Buyer request: 25 × **Gloves** [x](http://evil.example)",
                    quote, {"request": "3"}, "expires in 31 h")]
    task_list(rows, "Dismiss", lambda task_id: st.session_state.setdefault("dismissed", []).append(task_id), key="bac")


def test_a_task_row_links_its_page_escapes_its_title_and_dismisses_its_own_id():
    at = AppTest.from_function(tasks_script).run()
    dismiss = at.button(key="bac_7")
    assert "\\*\\*Gloves\\*\\*" in dismiss.help and "[x](http" not in dismiss.help  # the tooltip is Markdown
    assert any("expires in 31 h" in c.value for c in at.caption)
    dismiss.click().run()
    assert at.session_state["dismissed"] == [7]


def offers_script(requested):
    import streamlit as st

    from components.offers import OfferChoice, choose_offer

    st.session_state["chosen"] = choose_offer([OfferChoice("SKU-1", "Crate · SKU-1"),
                                               OfferChoice("SKU-2", "Pallet · SKU-2")], requested, "pick")


@pytest.mark.parametrize(("requested", "chosen", "message"), [("SKU-2", "SKU-2", None),
                                                              ("NOT-MINE", None, "no product with SKU")])
def test_the_offer_picker_keeps_a_known_sku_and_says_so_for_an_unknown_one(requested, chosen, message):
    """An unknown (or another account's) SKU picks nothing: the page shows nothing for it."""
    at = AppTest.from_function(offers_script, kwargs={"requested": requested}).run()
    assert at.session_state["chosen"] == chosen
    assert bool(at.error) == bool(message) and all(message in e.value for e in at.error)


def price_form_script():
    import streamlit as st

    from components.offers import price_form

    typed = price_form("prices", "20.00", "18.00", [("10", "fixed", "17.00")], 5,
                       {"tier_1": ["Tier 1: the unit price must be below the business price."]}, "USD")
    if typed is not None:
        st.session_state["typed"] = typed


def test_the_price_form_shows_field_messages_and_hands_back_what_was_typed():
    at = AppTest.from_function(price_form_script).run()
    assert [e.value for e in at.error] == ["Tier 1: the unit price must be below the business price."]
    at.text_input(key="prices_v1").input("16.50")
    at.button(key="FormSubmitter:prices-Save prices").click().run()
    typed = at.session_state["typed"]
    assert (typed.standard, typed.business, typed.tiers[0]) == ("20.00", "18.00", ("10", "fixed", "16.50"))
    assert len(typed.tiers) == 5  # empty rows come back empty (the service drops them)


def donut_script(svg):
    import streamlit as st

    from components.donut import clickable_donut

    clickable_donut(svg, key="donut", clickable=True, on_click=lambda label: st.session_state.update(clicked=label))


def test_the_donut_is_drawn_from_the_slices_with_every_label_escaped():
    slices = [Slice("Education <b>", 60.0, PALETTE[0], ["Education <b>", "Sales: $60.00"]),
              Slice("Other", 40.0, PALETTE[1], ["Other", "Sales: $40.00"]), Slice("Empty", 0.0, PALETTE[2], [])]
    svg = donut_svg(slices, ["All B2B sales", "$100.00"], clickable=True, title="B2B sales by industry")
    assert svg.count('class="slice clickable"') == 2  # the empty slice is left out
    assert "Education &lt;b&gt;" in svg and "<b>" not in svg
    assert "Education &lt;b&gt; · 60.0%" in svg and "Other · 40.0%" in svg
    at = AppTest.from_function(donut_script, kwargs={"svg": svg}).run()
    assert not at.exception


def test_exports_defuse_formulas_and_keep_numbers():
    table = pd.DataFrame({"Title": ["=cmd|' /C calc'!A0", "+1", "-2", "@x", "\tTab", "Plain"],
                          "Sales": [Decimal("1.50"), Decimal("-2.00"), 3, 4, 5, 6]})
    lines = csv_bytes(table).decode("utf-8-sig").splitlines()
    assert lines == ["Title,Sales", "'=cmd|' /C calc'!A0,1.50", "'+1,-2.00", "'-2,3", "'@x,4", "'\tTab,5", "Plain,6"]


def test_plain_text_escapes_markdown_and_breaks_autolinks():
    shown = plain("**x** [a](http://evil.example) www.evil.example")
    assert "\\*\\*x\\*\\*" in shown and "\\[a\\]" in shown
    assert "http\u200b" in shown and "www\u200b" in shown


def summary_script(lang: str):
    from decimal import Decimal

    from components.snapshot import summary_figures
    from services import i18n

    summary = {"b2b": {"value": Decimal("100"), "last_year": Decimal("102"), "yoy_pct": -2.0},
               "total": {"value": Decimal("300"), "last_year": Decimal("250"), "yoy_pct": 20.0}}
    with i18n.language(lang):
        summary_figures(summary, ["b2b", "total"], lambda v: f"${v}", "sales")


@pytest.mark.parametrize("lang", ["en", "zh_Hans", "zh_Hant"])
def test_a_fall_on_last_year_points_down_in_red_whatever_the_language(lang):
    """Streamlit reads a delta's direction from a leading "-": "同比 -2.0%" pointed up in green."""
    from streamlit.proto.Metric_pb2 import Metric

    at = AppTest.from_function(summary_script, kwargs={"lang": lang}).run()
    fall, rise = (m.proto for m in at.metric)
    assert "-2.0%" in fall.delta and "20.0%" in rise.delta
    assert (fall.direction, fall.color) == (Metric.MetricDirection.DOWN, Metric.MetricColor.RED)
    assert (rise.direction, rise.color) == (Metric.MetricDirection.UP, Metric.MetricColor.GREEN)
