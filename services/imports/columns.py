"""Business Reports column names, English and German, as Seller Central has spelled them.

Names are matched after `common.normalize` (lower case, any dash "-", no spaces around it), so
"Sessions – Total – B2B", "sessions - total - b2b" and "Sessions\u00a0– Total – B2B" are one
name. Each canonical field lists its spellings: current exports, older ones ("Buy Box
Percentage", "Sessions" without "- Total"), and the German UI's. A B2B field is its total's
spelling plus "-b2b" unless listed otherwise (German "Bestellsumme – B2B" is the B2B ordered
product sales). Columns not listed here (averages, refunds, feedback, per-channel figures) are
read past.
"""

from __future__ import annotations

_TOTALS: dict[str, tuple[str, ...]] = {
    "date": ("date", "datum", "fecha", "data"),
    "parent_asin": ("(parent) asin", "parent asin", "(übergeordnete) asin", "übergeordnete asin"),
    "asin": ("(child) asin", "child asin", "(untergeordnete) asin", "untergeordnete asin"),
    "title": ("title", "titel"),
    "sku": ("sku",),
    "sales": ("ordered product sales", "durch bestellte produkte erzielter umsatz", "umsatz bestellter produkte",
              "bestellter produktumsatz"),
    "units": ("units ordered", "bestellte einheiten"),
    "order_items": ("total order items", "zahl der bestellposten", "bestellposten"),
    "sessions": ("sessions-total", "sessions", "sitzungen-summe", "sitzungen"),
    "page_views": ("page views-total", "page views", "seitenaufrufe-summe", "seitenaufrufe"),
    "buy_box_pct": ("featured offer (buy box) percentage", "featured offer percentage", "buy box percentage",
                    "prozentsatz der empfohlenen angebote (buy box)", "empfohlenes angebot (buy box) prozentsatz",
                    "buy box-anteil", "buy box-prozentsatz"),
    "unit_session_pct": ("unit session percentage", "prozentsatz an einheiten pro sitzung",
                         "prozentsatz der einheiten pro sitzung", "einheiten pro sitzung prozentwert"),
}
_B2B_EXTRA: dict[str, tuple[str, ...]] = {
    "sales": ("bestellsumme-b2b",),
    "unit_session_pct": ("einheiten pro sitzung prozentwert-b2b",),
}
B2B_FIELDS = ("sales", "units", "order_items", "sessions", "page_views", "buy_box_pct", "unit_session_pct")

SPELLINGS: dict[str, str] = {}
for _field, _names in _TOTALS.items():
    for _name in _names:
        SPELLINGS[_name] = _field
        if _field in B2B_FIELDS:
            SPELLINGS[f"{_name}-b2b"] = f"{_field}_b2b"
for _field, _names in _B2B_EXTRA.items():
    for _name in _names:
        SPELLINGS[_name] = f"{_field}_b2b"

# how a missing required column is named in a refusal
LABELS = {"date": "Date", "asin": "(Child) ASIN", "sales": "Ordered Product Sales", "units": "Units Ordered"}
# the canonical field → the ImportDay / ImportAsin column it fills
STORED = {"sales": "total_sales_minor", "sales_b2b": "b2b_sales_minor", "units": "total_units",
          "units_b2b": "b2b_units", "order_items": "total_order_items", "order_items_b2b": "b2b_order_items",
          "sessions": "total_sessions", "sessions_b2b": "b2b_sessions", "page_views": "total_page_views",
          "page_views_b2b": "b2b_page_views", "buy_box_pct": "total_buy_box_pct",
          "buy_box_pct_b2b": "b2b_buy_box_pct", "unit_session_pct": "total_unit_session_pct",
          "unit_session_pct_b2b": "b2b_unit_session_pct"}


def canonical(normalized: str) -> str | None:
    """The field a normalized column name stands for, if any. Beyond the listed spellings, any
    column naming the Buy Box (or "featured offer") percentage is that percentage."""
    found = SPELLINGS.get(normalized)
    if found is not None:
        return found
    if ("buy box" in normalized or "featured offer" in normalized) and (
            "percent" in normalized or "prozent" in normalized or "anteil" in normalized):
        return "buy_box_pct_b2b" if normalized.endswith("-b2b") else "buy_box_pct"
    return None


def kind_of(fields: set[str]) -> str | None:
    """Which Business Report a set of canonical fields is."""
    measures = {"sales", "units", "order_items", "sessions", "page_views", "sales_b2b", "units_b2b"}
    if "asin" in fields or ("parent_asin" in fields and fields & measures):
        return "business_report_by_child_asin"
    if "date" in fields and fields & measures:
        return "business_report_by_date"
    return None
