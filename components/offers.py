"""Offer pieces for the product and SKU pages: picker, prices, tiers, badges, the tier editor."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.formatting import UNKNOWN, plain
from components.forms import field_errors
from services.i18n import N_
from services.i18n import gettext as _

KIND_LABELS = {"fixed": N_("Fixed unit price"), "percent": N_("Percent off business price")}


@dataclass(frozen=True)
class OfferChoice:
    sku: str
    label: str  # "Title · SKU"


def choose_offer(offers: Sequence[OfferChoice], requested: str | None, key: str) -> str | None:
    """A select box of the account's offers, kept in the URL's `sku`. An unknown or foreign SKU in
    the URL gets a plain message and nothing is shown for it."""
    skus = [o.sku for o in offers]
    labels = {o.sku: o.label for o in offers}
    if requested and requested not in labels:
        st.error(_("This account has no product with SKU “{sku}”. Pick one of its products below.").format(
            sku=plain(requested)))
        requested = None

    def _pick() -> None:
        st.query_params["sku"] = st.session_state[key]

    st.session_state[key] = requested
    st.selectbox(_("Product"), skus, format_func=labels.get, key=key, on_change=_pick,
                 placeholder=_("Choose a product (type to search)"))
    return requested


def tiers_table(tiers, money: Callable[[object], str]) -> pd.DataFrame:
    return pd.DataFrame({
        _("From quantity"): [f"{t.min_quantity}+" for t in tiers],
        _("Discount"): [money(t.price) if t.kind == "fixed" else _("{percent}% off").format(percent=t.percent_off)
                      for t in tiers],
        _("Unit price"): ["—" if t.unit_price is None else money(t.unit_price) for t in tiers],
    })


def show_tiers(tiers, money: Callable[[object], str]) -> None:
    if not tiers:
        st.caption(_("No quantity discounts."))
        return
    st.dataframe(tiers_table(tiers, money), hide_index=True, placeholder=UNKNOWN, width="content")


def credential_badges(names: Sequence[str]) -> None:
    if not names:
        st.caption(_("No approved business credentials yet. Approved credentials (for example ISO 9001 or "
                     "Registered Small Business, added on the Credentials page) show here as badges."))
        return
    st.markdown(" ".join(f":green-badge[:material/verified: {plain(n)}]" for n in names))


@dataclass(frozen=True)
class PriceForm:
    standard: str
    business: str
    tiers: list[tuple[str, str, str]]  # (quantity, kind, value) as typed


def price_form(key: str, standard: str, business: str, tiers: Sequence[tuple[str, str, str]], max_tiers: int,
               errors: dict[str, list[str]], currency: str) -> PriceForm | None:
    """The editor: standard and business price, and up to `max_tiers` tier rows (blank rows are
    ignored). Returns what was typed when saved, else None. `errors` (field → messages) are shown
    under their fields."""
    rows = list(tiers) + [("", "fixed", "")] * (max_tiers - len(tiers))
    with st.form(key, border=True):
        c1, c2 = st.columns(2)
        new_standard = c1.text_input(
            _("Standard price ({currency})").format(currency=currency), value=standard, key=f"{key}_standard"
        )
        with c1:
            field_errors(errors, "standard_price")
        new_business = c2.text_input(
            _("Business price ({currency})").format(currency=currency),
            value=business,
            key=f"{key}_business",
            help=_("What registered business buyers pay; at most the standard price. Leave empty for none."),
        )
        with c2:
            field_errors(errors, "business_price")
        st.markdown(_("**Quantity discounts** — up to five tiers; quantities going up, unit prices going down, "
                      "each below the business price. Leave a row empty to drop it."))
        field_errors(errors, "tiers")
        typed = []
        for n, (quantity, kind, value) in enumerate(rows, start=1):
            q, k, v = st.columns([1, 1.4, 1])
            tq = q.text_input(_("Tier {n}: from quantity").format(n=n), value=str(quantity), key=f"{key}_q{n}")
            tk = k.selectbox(
                _("Tier {n}: type").format(n=n),
                list(KIND_LABELS),
                format_func=lambda k: _(KIND_LABELS[k]),
                index=list(KIND_LABELS).index(kind or "fixed"),
                key=f"{key}_k{n}",
            )
            tv = v.text_input(_("Tier {n}: unit price or % off").format(n=n), value=str(value), key=f"{key}_v{n}")
            field_errors(errors, f"tier_{n}")
            typed.append((tq, tk, tv))
        saved = st.form_submit_button(_("Save prices"), type="primary")
    return PriceForm(new_standard, new_business, typed) if saved else None
