"""Top Products (SPEC §3.3): the ranked table whose titles and SKUs open their pages."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.formatting import plain
from services.i18n import gettext as _

PRODUCT_PAGE = "pages/product.py"
SKU_PAGE = "pages/sku.py"
_WIDTHS = [0.5, 4, 1.6, 1.8, 1.5, 1, 1]


def top_products_table(frame: pd.DataFrame, money: Callable[[object], str], number: Callable[[object], str],
                       params: dict[str, str]) -> None:
    """Rank, title (→ product page), ASIN, SKU (→ SKU page), sales, units, orders; in-app links that
    keep the account in the URL and are reachable with Tab."""
    head = st.columns(_WIDTHS)
    for column, name in zip(head, ("#", _("Title"), _("ASIN"), _("SKU"), _("Sales"), _("Units"), _("Orders"))):
        column.markdown(f"**{name}**")
    for row in frame.itertuples(index=False):
        cells = st.columns(_WIDTHS, vertical_alignment="center")
        cells[0].markdown(str(row.rank))
        cells[1].page_link(PRODUCT_PAGE, label=plain(row.title), query_params={**params, "sku": row.sku},
                           help=_("Product details for ASIN {asin}").format(asin=row.asin))
        cells[2].markdown(plain(row.asin))
        cells[3].page_link(SKU_PAGE, label=plain(row.sku), query_params={**params, "sku": row.sku},
                           help=_("SKU Central: prices and quantity discounts"))
        cells[4].markdown(money(row.sales))
        cells[5].markdown(number(row.units))
        cells[6].markdown(number(row.orders))
