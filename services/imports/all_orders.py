"""All-orders flat file `GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL` (issue 12 format 4):
tab-separated, one row per order item, columns found by name (they vary by era).

Rules, as Seller Central counts them:
- `item-price` is the line total (already × quantity): it is the line's sales.
- Items whose `order-status` or `item-status` is Cancelled do not count; an order whose status is
  Cancelled still replaces that order's lines from earlier files (it was cancelled since).
- A row with a blank `item-price` (Pending) does not count until a later file prices it.
- There is no order-item id: two identical rows are two items and both count.
- `purchase-date` is an instant (UTC); the line's day is the marketplace's local day.
- `sales-channel` (Amazon.com, Amazon.de, …) names each row's marketplace: one file may hold
  several; every one must be a marketplace the account sells in, and `currency` must be its
  currency. "Non-Amazon" rows (multi-channel fulfilment) are skipped with a warning.
- The file carries no buyer industry: B2B lines land in "Other".

The file is streamed: `lines()` yields order lines for `sales.record_order_lines` while reading,
and raises the refusal (every problem found) after the last row, before anything is committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from services import config
from services.imports.common import SALES_CHANNELS, Problems, Source, Target, normalize, outside, read_header, refuse
from services.imports.common import rows as read_rows
from services.imports.values import BadValue, parse_money
from services.marketplaces import MARKETPLACES
from services.money import from_minor
from services.products import ASIN_RE

REQUIRED = ("amazon-order-id", "purchase-date", "order-status", "sales-channel", "sku", "asin", "quantity",
            "currency", "item-price", "is-business-order")
TRUE, FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0", ""}


def is_all_orders(names: list[str]) -> bool:
    normalized = {normalize(n) for n in names}
    return "amazon-order-id" in normalized and "purchase-date" in normalized


def _plain_minor(text: str) -> int | None:
    """Minor units of "12.99" / "12" quickly (flat files write plain numbers); None otherwise."""
    whole, _, cents = text.partition(".")
    if whole.isdigit() and (not cents or (cents.isdigit() and len(cents) <= 2)):
        return int(whole) * 100 + (int(cents.ljust(2, "0")) if cents else 0)
    return None


class AllOrders:
    """One pass over the file: counted lines out, totals per day and the problems kept."""

    def __init__(self, source: Source, target: Target) -> None:
        self.source, self.target = source, target
        self.delimiter, self.names = read_header(source)
        self.col = {}
        for i, name in enumerate(self.names):
            self.col.setdefault(normalize(name), i)
        for name in REQUIRED:
            if name not in self.col:
                refuse(f"The column '{name}' is missing.")
        self.problems = Problems()
        self.cancelled: list[tuple[str, str]] = []  # (marketplace, order id) named as cancelled
        self.totals: dict[tuple[str, date], list[int]] = {}  # sales, b2b sales, units, b2b units, items
        self.counts = {"rows": 0, "order_lines": 0, "cancelled_items": 0, "pending_items": 0,
                       "other_channels": 0, "zero_quantity": 0}
        self.marketplaces: dict[str, int] = {}  # marketplace → first line
        self._foreign: dict[str, tuple[int, str]] = {}
        self._days: dict[tuple[str, str], date | str] = {}
        self._zones = {code: ZoneInfo(m.timezone) for code, m in MARKETPLACES.items()}
        self._windows = {code: target.window(code) for code in target.sells_in}

    def _local_day(self, mp: str, text: str) -> date | str:
        """The marketplace's local day of an ISO 8601 instant, or the problem text."""
        key = (mp, text[:16] + text[19:])  # seconds never move the day
        found = self._days.get(key)
        if found is None:
            try:
                instant = datetime.fromisoformat(text)
            except ValueError:
                found = "is not a date and time (like 2026-07-01T17:23:45+00:00)"
            else:
                if instant.tzinfo is None:
                    instant = instant.replace(tzinfo=UTC)
                found = instant.astimezone(self._zones[mp]).date()
                found = outside(found, self._windows[mp]) or found
            self._days[key] = found
        return found

    def lines(self) -> Iterator[dict]:
        """Yield every counted line (dicts for record_order_lines); raise the refusal at the end."""
        c, names, problems, counts = self.col, self.names, self.problems, self.counts
        i_order, i_date, i_status = c["amazon-order-id"], c["purchase-date"], c["order-status"]
        i_channel, i_sku, i_asin, i_qty = c["sales-channel"], c["sku"], c["asin"], c["quantity"]
        i_currency, i_price, i_b2b = c["currency"], c["item-price"], c["is-business-order"]
        i_item_status = c.get("item-status")
        width, header = len(names), [normalize(n) for n in names]
        account_id = self.target.account_id
        for line, f in read_rows(self.source, self.delimiter):
            counts["rows"] += 1
            if len(f) < width or any(v.strip() for v in f[width:]):
                if normalize(f[0]) == header[0]:
                    refuse(f"Line {line} repeats the header: two downloads pasted together? Import each report "
                           "file on its own.")
                problems.note(f"line {line}: {len(f)} values where the header has {width} columns")
                continue
            if normalize(f[i_order]) == header[i_order]:
                refuse(f"Line {line} repeats the header: two downloads pasted together? Import each report file "
                       "on its own.")
            order_id, channel = f[i_order].strip(), f[i_channel].strip()
            mp = SALES_CHANNELS.get(channel.lower())
            if mp is None:
                if not channel or channel.lower().startswith("non-amazon"):
                    counts["other_channels"] += 1
                else:
                    problems.add(line, names[i_channel], channel, "is not an Amazon marketplace this app knows")
                continue
            if mp not in self._windows:
                self._foreign.setdefault(mp, (line, channel))
                continue
            self.marketplaces.setdefault(mp, line)
            day = self._local_day(mp, f[i_date].strip())
            if isinstance(day, str):
                problems.add(line, names[i_date], f[i_date], day)
                continue
            if not order_id or len(order_id) > 40:
                problems.add(line, names[i_order], order_id, "is not an order id")
                continue
            if f[i_status].strip().lower() == "cancelled":
                self.cancelled.append((mp, order_id))
                counts["cancelled_items"] += 1
                continue
            if i_item_status is not None and f[i_item_status].strip().lower() == "cancelled":
                counts["cancelled_items"] += 1
                continue
            price = f[i_price].strip()
            if not price:
                counts["pending_items"] += 1
                continue
            line_ok = True
            currency = MARKETPLACES[mp].currency
            if f[i_currency].strip() != currency:
                problems.add(line, names[i_currency], f[i_currency], f"is not {currency}, the currency of {channel}")
                line_ok = False
            minor = _plain_minor(price)
            if minor is None:
                try:
                    minor = parse_money(price, MARKETPLACES[mp].locale, currency)
                except BadValue as exc:
                    problems.add(line, names[i_price], price, str(exc))
                    line_ok = False
                else:
                    if minor < 0:
                        problems.add(line, names[i_price], price, "is below zero")
                        line_ok = False
            quantity = f[i_qty].strip()
            if not quantity.isdigit():
                problems.add(line, names[i_qty], quantity, "is not a whole number of 0 or more")
                line_ok = False
            b2b = f[i_b2b].strip().lower()
            if b2b not in TRUE and b2b not in FALSE:
                problems.add(line, names[i_b2b], f[i_b2b], "is not true or false")
                line_ok = False
            asin, sku = f[i_asin].strip(), f[i_sku].strip()
            if not ASIN_RE.match(asin):
                problems.add(line, names[i_asin], asin, "is not an ASIN (10 capital letters and digits)")
                line_ok = False
            if not sku or len(sku) > 40:
                problems.add(line, names[i_sku], sku, "is not a SKU (1 to 40 characters)")
                line_ok = False
            if not line_ok or problems:
                continue
            units = int(quantity)
            if units == 0:
                counts["zero_quantity"] += 1
                continue
            is_b2b = b2b in TRUE
            total = self.totals.get((mp, day))
            if total is None:
                total = self.totals[(mp, day)] = [0, 0, 0, 0, 0]
            total[0] += minor
            total[2] += units
            total[4] += 1
            if is_b2b:
                total[1] += minor
                total[3] += units
            counts["order_lines"] += 1
            yield {"account_id": account_id, "marketplace": mp, "order_id": order_id, "purchase_date": day,
                   "asin": asin, "sku": sku, "units": units, "sales": Decimal(minor).scaleb(-2),
                   "is_business_order": is_b2b, "industry": None, "sub_industry": None}
        self._finish()

    def _finish(self) -> None:
        for mp, (line, channel) in self._foreign.items():
            self.problems.note(f"line {line}: sales channel '{channel}' is {mp}, where this account does not sell "
                               f"(it sells in {', '.join(self.target.sells_in)})")
        if self.counts["rows"] == 0 and not self.problems:
            refuse("The file has a header but no rows.")
        self.problems.raise_if_any()

    def summary(self) -> dict:
        """After `lines()` is exhausted: marketplaces, first and last day, warnings, preview."""
        days = sorted({d for _, d in self.totals} | {d for (_, _), d in self._days.items() if isinstance(d, date)})
        counts = self.counts
        warnings = []
        if counts["cancelled_items"]:
            warnings.append(f"{counts['cancelled_items']} cancelled items are not counted.")
        if counts["pending_items"]:
            warnings.append(f"{counts['pending_items']} pending items have no price yet and are not counted until "
                            "a later file prices them.")
        if counts["zero_quantity"]:
            warnings.append(f"{counts['zero_quantity']} items with quantity 0 are not counted.")
        if counts["other_channels"]:
            warnings.append(f"{counts['other_channels']} rows of other sales channels (Non-Amazon) are skipped.")
        if self.target.marketplace not in self.marketplaces and self.marketplaces:
            warnings.append(f"The file has no orders of {self.target.marketplace}: each row's sales channel "
                            "decides its marketplace.")
        preview = [{"marketplace": mp, "day": day, "total_sales": from_minor(t[0]), "b2b_sales": from_minor(t[1]),
                    "total_units": t[2], "b2b_units": t[3], "total_order_items": t[4]}
                   for (mp, day), t in sorted(self.totals.items(), key=lambda kv: (kv[0][1], kv[0][0]))]
        return {"marketplaces": sorted(self.marketplaces, key=self.marketplaces.get) or [self.target.marketplace],
                "first_day": days[0] if days else None, "last_day": days[-1] if days else None,
                "warnings": warnings, "preview": preview[: config.IMPORT_PREVIEW_DAYS], "details": dict(counts)}
