"""SP-API `GET_SALES_AND_TRAFFIC_REPORT` JSON (schema sellerSalesAndTrafficReport.json; issue 12
format 3).

`salesAndTrafficByDate[]` become daily report days; `salesAndTrafficByAsin[]` (totals over the
report's period, dataStartTime … dataEndTime) become by-ASIN figures for that period, summed per
child ASIN and SKU. Money is `{amount, currencyCode}` (read as Decimal, never float); the
`…B2B` fields are optional and absent means unknown, never 0; percentages are percent numbers and
may exceed 100. Only DAY granularity is imported.

A JSON document has no columns: a problem names the line where its entry starts (its "date", or
its "childAsin") and the field path as written, e.g. "line 12, field
'salesByDate.orderedProductSales.currencyCode'".
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from services import config
from services.i18n import M
from services.imports.business_reports import asin_preview, check_period, day_preview, merge_child
from services.imports.common import MARKETPLACE_IDS, Parsed, Problems, Target, outside, refuse
from services.imports.values import BadValue, money_from_decimal
from services.marketplaces import MARKETPLACES
from services.products import ASIN_RE

REQUIRED = ("orderedProductSales", "unitsOrdered")


def is_sales_and_traffic(doc: dict) -> bool:
    spec = doc.get("reportSpecification") or {}
    return (spec.get("reportType") == "GET_SALES_AND_TRAFFIC_REPORT"
            or "salesAndTrafficByDate" in doc or "salesAndTrafficByAsin" in doc)


class _Lines:
    """Finds the line of an entry in the JSON text (the n-th occurrence of a key)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: dict[str, list[int]] = {}

    def of(self, key: str, n: int) -> int | None:
        if key not in self.positions:
            found, start, needle = [], 0, f'"{key}"'
            while (i := self.text.find(needle, start)) >= 0:
                found.append(i)
                start = i + 1
            self.positions[key] = found
        found = self.positions[key]
        return self.text.count("\n", 0, found[n]) + 1 if n < len(found) else None


def _day(text: object) -> date:
    """A date or an instant (dataStartTime may be either) as its calendar day."""
    if not isinstance(text, str):
        raise BadValue(M("is not a date"))
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else datetime.fromisoformat(text).date()
    except ValueError:
        raise BadValue(M("is not a date (like 2026-07-01)")) from None


class _Bad(BadValue):
    """A bad JSON value: the message, the path below the field ("" or ".amount"), the value."""

    def __init__(self, message: str, suffix: str = "", value: object = None) -> None:
        super().__init__(message)
        self.suffix, self.value = suffix, value


def _money(value: object, currency: str) -> int:
    if not isinstance(value, dict) or "amount" not in value:
        raise _Bad(M("is not an amount ({{amount, currencyCode}})"), "", value)
    if value.get("currencyCode") not in (None, currency):
        raise _Bad(
            M("is not {currency}, the currency of this marketplace", currency=currency),
            ".currencyCode",
            value["currencyCode"],
        )
    try:
        return money_from_decimal(value["amount"])
    except BadValue as exc:
        raise _Bad(exc.args[0], ".amount", value["amount"]) from None


def _count(value: object, currency: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Bad(M("is not a whole number of 0 or more"), "", value)
    return value


def _pct(value: object, currency: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value < 0:
        raise _Bad(M("is not a percentage"), "", value)
    return float(value)


def _figures(block: dict, where: str, line: int | None, currency: str, problems: Problems,
             fields: dict[str, tuple[str, object]]) -> dict:
    """{column: value} of a salesBy…/trafficBy… block; absent fields are None (B2B unknown), a
    missing required one (orderedProductSales, unitsOrdered) or a bad one is a problem."""
    out: dict = {}
    for column, (key, read) in fields.items():
        value = block.get(key)
        out[column] = None
        if value is None:
            if key in REQUIRED:
                problems.add(line, f"{where}.{key}", "", M("is missing"))
            continue
        try:
            out[column] = read(value, currency)
        except _Bad as exc:
            problems.add(line, f"{where}.{key}{exc.suffix}", exc.value, exc.args[0])
    return out


SALES = {"total_sales_minor": ("orderedProductSales", _money), "b2b_sales_minor": ("orderedProductSalesB2B", _money),
         "total_units": ("unitsOrdered", _count), "b2b_units": ("unitsOrderedB2B", _count),
         "total_order_items": ("totalOrderItems", _count), "b2b_order_items": ("totalOrderItemsB2B", _count)}
TRAFFIC = {"total_sessions": ("sessions", _count), "b2b_sessions": ("sessionsB2B", _count),
           "total_page_views": ("pageViews", _count), "b2b_page_views": ("pageViewsB2B", _count),
           "total_buy_box_pct": ("buyBoxPercentage", _pct), "b2b_buy_box_pct": ("buyBoxPercentageB2B", _pct),
           "total_unit_session_pct": ("unitSessionPercentage", _pct),
           "b2b_unit_session_pct": ("unitSessionPercentageB2B", _pct)}


def parse(doc: dict, text: str, target: Target, marketplace_chosen: bool) -> Parsed:
    spec = doc.get("reportSpecification") or {}
    granularity = str((spec.get("reportOptions") or {}).get("dateGranularity") or "DAY").upper()
    if granularity != "DAY":
        refuse(
            M(
                "This Sales & Traffic report is by {granularity}: request it again with dateGranularity DAY (one "
                "figure per day).",
                granularity=granularity,
            )
        )
    ids = spec.get("marketplaceIds") or []
    codes = [MARKETPLACE_IDS.get(i) for i in ids]
    if any(c is None for c in codes):
        refuse(
            M("Unknown marketplace id {ids} in reportSpecification.marketplaceIds.", ids=f"{ids[codes.index(None)]!r}")
        )
    if len(codes) > 1:
        refuse(M("This report covers several marketplaces: request one report per marketplace."))
    mp = codes[0] if codes else target.marketplace
    if marketplace_chosen and mp != target.marketplace:
        refuse(
            M("This report is for {mp}, not {marketplace}.", mp=mp, marketplace=target.marketplace), field="marketplace"
        )
    target.check_sells_in(mp)
    currency = MARKETPLACES[mp].currency
    window = target.window(mp)
    lines, problems = _Lines(text), Problems()
    days: list[dict] = []
    seen: set[date] = set()
    for n, entry in enumerate(doc.get("salesAndTrafficByDate") or []):
        line = lines.of("date", n)
        try:
            day = _day(entry.get("date"))
        except BadValue as exc:
            problems.add(line, "date", entry.get("date"), exc.args[0])
            continue
        if why := outside(day, window):
            problems.add(line, "date", entry.get("date"), why)
        if day in seen:
            problems.add(line, "date", entry.get("date"), M("appears twice"))
        seen.add(day)
        figures = _figures(entry.get("salesByDate") or {}, "salesByDate", line, currency, problems, SALES)
        figures |= _figures(entry.get("trafficByDate") or {}, "trafficByDate", line, currency, problems, TRAFFIC)
        days.append({"marketplace": mp, "day": day, **figures})
    by_asin = doc.get("salesAndTrafficByAsin") or []
    period = None
    if by_asin:
        try:
            period = (_day(spec.get("dataStartTime")), _day(spec.get("dataEndTime")))
        except BadValue:
            period = (min(seen), max(seen)) if seen else None
        period = check_period(period, target)
    merged: dict[tuple[str, str], dict] = {}
    parent_only = children = 0
    for entry in by_asin:
        asin = entry.get("childAsin")
        if not asin:
            parent_only += 1
            continue
        line = lines.of("childAsin", children)
        children += 1
        if not isinstance(asin, str) or not ASIN_RE.match(asin):
            problems.add(line, "childAsin", asin, M("is not an ASIN (10 capital letters and digits)"))
            continue
        row = {"marketplace": mp, "asin": asin, "sku": entry.get("sku") or "", "period_start": period[0],
               "period_end": period[1], "parent_asins": entry.get("parentAsin") or "", "title": ""}
        row |= _figures(entry.get("salesByAsin") or {}, "salesByAsin", line, currency, problems, SALES)
        row |= _figures(entry.get("trafficByAsin") or {}, "trafficByAsin", line, currency, problems, TRAFFIC)
        key = (asin, row["sku"])
        merged[key] = merge_child(merged[key], row) if key in merged else row
    problems.raise_if_any()
    if not days and not merged:
        refuse(M("The report has no days and no ASINs."))
    days.sort(key=lambda d: d["day"])
    asins = sorted(merged.values(), key=lambda r: (-r["total_sales_minor"], r["asin"], r["sku"]))
    first = min([d["day"] for d in days] + ([period[0]] if merged else []))
    last = max([d["day"] for d in days] + ([period[1]] if merged else []))
    parsed = Parsed("sales_and_traffic", [mp], first, last, len(days) + len(by_asin), days=days, asins=asins,
                    details={"days": len(days), "asins": len(asins)})
    if days and all(d["b2b_sales_minor"] is None for d in days):
        parsed.warnings.append(M("The report has no B2B figures: B2B and Non-B2B are unknown for these days (not 0)."))
    if parent_only:
        parsed.warnings.append(
            M(
                "{parent_only} ASIN entries are by parent only: request asinGranularity CHILD or SKU to fill the "
                "report by child ASIN.",
                parent_only=parent_only,
            )
        )
    parsed.preview = ([day_preview(d) for d in days[: config.IMPORT_PREVIEW_DAYS]] if days
                      else [asin_preview(a) for a in asins[: config.IMPORT_PREVIEW_DAYS]])
    return parsed
