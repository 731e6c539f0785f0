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
from services.i18n import M
from services.imports.common import (
    SALES_CHANNELS,
    Problems,
    Source,
    Target,
    normalize,
    outside,
    read_header,
    refuse,
    refuse_repeated_header,
)
from services.imports.common import rows as read_rows
from services.imports.values import BadValue, parse_money
from services.marketplaces import MARKETPLACES
from services.money import from_minor
from services.products import ASIN_RE

REQUIRED = ("amazon-order-id", "purchase-date", "order-status", "sales-channel", "sku", "asin", "quantity",
            "currency", "item-price", "is-business-order")
BOOLEANS = {**dict.fromkeys(("true", "True", "TRUE", "yes", "Yes", "y", "Y", "1"), True),
            **dict.fromkeys(("false", "False", "FALSE", "no", "No", "n", "N", "0", ""), False)}


def _cancelled(status: str) -> bool:
    return status == "Cancelled" or (status[:1] in "Cc " and status.strip().lower() == "cancelled")


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
                refuse(M("The column '{name}' is missing.", name=name))
        self.problems = Problems()
        self.cancelled: list[tuple[str, str]] = []  # (marketplace, order id) named as cancelled
        self.totals: dict[tuple[str, date], list[int]] = {}  # sales, b2b sales, units, b2b units, items
        self.counts = {"rows": 0, "order_lines": 0, "cancelled_items": 0, "pending_items": 0,
                       "other_channels": 0, "zero_quantity": 0}
        self.marketplaces: dict[str, int] = {}  # marketplace → first line
        self._foreign: dict[str, tuple[int, str]] = {}
        self._days: dict[tuple[str, str, str], date | str] = {}
        self._zones = {code: ZoneInfo(m.timezone) for code, m in MARKETPLACES.items()}
        self._whole_hours = {code for code, zone in self._zones.items() if all(
            datetime(target.now.year, month, 1, tzinfo=zone).utcoffset().seconds % 3600 == 0 for month in (1, 7))}
        self._windows = {code: target.window(code) for code in target.sells_in}

    def _local_day(self, mp: str, text: str) -> date | str:
        """The marketplace's local day of an ISO 8601 instant, or the problem text."""
        # seconds never move the local day, nor minutes in zones a whole number of hours from UTC
        key = (mp, text[:13] if mp in self._whole_hours else text[:16], text[19:])
        found = self._days.get(key)
        if found is None:
            try:
                instant = datetime.fromisoformat(text)
            except ValueError:
                found = M("is not a date and time (like 2026-07-01T17:23:45+00:00)")
            else:
                if instant.tzinfo is None:
                    instant = instant.replace(tzinfo=UTC)
                found = instant.astimezone(self._zones[mp]).date()
                found = outside(found, self._windows[mp]) or found
            self._days[key] = found
        return found

    def lines(self) -> Iterator[dict]:
        """Yield every counted line (dicts for record_order_lines); raise the refusal at the end.
        Written for speed (a million rows): well-formed values take the short path, anything
        else goes through `_check` for its message."""
        c, counts = self.col, self.counts
        i_order, i_date, i_status = c["amazon-order-id"], c["purchase-date"], c["order-status"]
        i_channel, i_sku, i_asin, i_qty = c["sales-channel"], c["sku"], c["asin"], c["quantity"]
        i_currency, i_price, i_b2b = c["currency"], c["item-price"], c["is-business-order"]
        i_item_status = c.get("item-status")
        width = len(self.names)
        account_id, problems, totals, local_day = self.target.account_id, self.problems, self.totals, self._local_day
        currencies = {mp: MARKETPLACES[mp].currency for mp in self._windows}
        channels: dict[str, str | None] = {}
        asin_ok = ASIN_RE.match
        n_rows = n_lines = 0
        for line, f in read_rows(self.source, self.delimiter):
            n_rows += 1
            if len(f) != width and not self._width_ok(line, f, width):
                continue
            channel = f[i_channel]
            mp = channels.get(channel, "")
            if mp == "":
                mp = channels[channel] = self._marketplace(line, channel)
            if mp is None:
                continue
            if mp not in self.marketplaces:
                self.marketplaces[mp] = line
            day = local_day(mp, f[i_date].strip())
            if isinstance(day, str):  # the problem (a Message)
                problems.add(line, self.names[i_date], f[i_date], day)
                continue
            order_id = f[i_order].strip()
            if _cancelled(f[i_status]):
                if order_id:
                    self.cancelled.append((mp, order_id))
                counts["cancelled_items"] += 1
                continue
            if i_item_status is not None and _cancelled(f[i_item_status]):
                counts["cancelled_items"] += 1
                continue
            price = f[i_price]
            if not price.strip():
                counts["pending_items"] += 1
                continue
            minor = _plain_minor(price)
            quantity, b2b, asin, sku = f[i_qty], BOOLEANS.get(f[i_b2b]), f[i_asin], f[i_sku]
            if (minor is None or b2b is None or not quantity.isdigit() or not asin_ok(asin) or not sku
                    or len(sku) > 40 or not order_id or len(order_id) > 40 or f[i_currency] != currencies[mp]):
                checked = self._check(line, f, mp, order_id)
                if checked is None:
                    continue
                minor, quantity, b2b, asin, sku = checked
            if problems:
                continue  # a refused file: read on for every problem, write no more
            units = int(quantity)
            if units == 0:
                counts["zero_quantity"] += 1
                continue
            total = totals.get((mp, day))
            if total is None:
                total = totals[(mp, day)] = [0, 0, 0, 0, 0]
            total[0] += minor
            total[2] += units
            total[4] += 1
            if b2b:
                total[1] += minor
                total[3] += units
            n_lines += 1
            yield {"account_id": account_id, "marketplace": mp, "order_id": order_id, "purchase_date": day,
                   "asin": asin, "sku": sku, "units": units, "sales": Decimal(minor).scaleb(-2),
                   "is_business_order": b2b, "industry": None, "sub_industry": None}
        counts["rows"], counts["order_lines"] = n_rows, n_lines
        self._finish()

    def _width_ok(self, line: int, f: list[str], width: int) -> bool:
        """A row with another number of values than the header: trailing empty values are fine; a
        repeated header refuses the file; anything else is a problem."""
        if len(f) > width and not any(v.strip() for v in f[width:]):
            del f[width:]
            return True
        if normalize(f[0]) == normalize(self.names[0]):
            refuse_repeated_header(line)
        self.problems.note(
            M(
                "line {line}: {values} values where the header has {columns} columns",
                line=line,
                values=len(f),
                columns=width,
            )
        )
        return False

    def _marketplace(self, line: int, channel: str) -> str | None:
        """The marketplace of a sales channel, or None for rows that do not count (noted)."""
        text = channel.strip()
        if text.lower() == "sales-channel":
            refuse_repeated_header(line)
        mp = SALES_CHANNELS.get(text.lower())
        if mp is None:
            if not text or text.lower().startswith("non-amazon"):
                self.counts["other_channels"] += 1
            else:
                self.problems.add(line, self.names[self.col["sales-channel"]], channel,
                                  M("is not an Amazon marketplace this app knows"))
            return None
        if mp not in self._windows:
            self._foreign.setdefault(mp, (line, text))
            return None
        return mp

    def _check(self, line: int, f: list[str], mp: str, order_id: str) -> tuple | None:
        """The slow path: every value of a counted row checked, each problem noted; the row's
        values, or None when one is bad."""
        c, names, problems = self.col, self.names, self.problems
        before = problems.count
        if not order_id or len(order_id) > 40:
            problems.add(line, names[c["amazon-order-id"]], order_id, M("is not an order id"))
        currency = MARKETPLACES[mp].currency
        if f[c["currency"]].strip() != currency:
            problems.add(
                line,
                names[c["currency"]],
                f[c["currency"]],
                M("is not {currency}, the currency of {mp}", currency=currency, mp=mp),
            )
        price = f[c["item-price"]].strip()
        minor = _plain_minor(price)
        if minor is None:
            try:
                minor = parse_money(price, MARKETPLACES[mp].locale, currency)
            except BadValue as exc:
                problems.add(line, names[c["item-price"]], price, exc.args[0])
            else:
                if minor < 0:
                    problems.add(line, names[c["item-price"]], price, M("is below zero"))
        quantity = f[c["quantity"]].strip()
        if not quantity.isdigit():
            problems.add(line, names[c["quantity"]], quantity, M("is not a whole number of 0 or more"))
        b2b = BOOLEANS.get(f[c["is-business-order"]].strip().lower())
        if b2b is None:
            problems.add(line, names[c["is-business-order"]], f[c["is-business-order"]], M("is not true or false"))
        asin, sku = f[c["asin"]].strip(), f[c["sku"]].strip()
        if not ASIN_RE.match(asin):
            problems.add(line, names[c["asin"]], asin, M("is not an ASIN (10 capital letters and digits)"))
        if not sku or len(sku) > 40:
            problems.add(line, names[c["sku"]], sku, M("is not a SKU (1 to 40 characters)"))
        return None if problems.count > before else (minor, quantity, b2b, asin, sku)

    def _finish(self) -> None:
        for mp, (line, channel) in self._foreign.items():
            self.problems.note(
                M(
                    "line {line}: sales channel '{channel}' is {mp}, where this account does not sell (it sells in "
                    "{items})",
                    line=line,
                    channel=channel,
                    mp=mp,
                    items=", ".join(self.target.sells_in),
                )
            )
        if self.counts["rows"] == 0 and not self.problems:
            refuse(M("The file has a header but no rows."))
        self.problems.raise_if_any()

    def summary(self) -> dict:
        """After `lines()` is exhausted: marketplaces, first and last day, warnings, preview."""
        days = sorted({d for _, d in self.totals} | {d for d in self._days.values() if isinstance(d, date)})
        counts = self.counts
        warnings = []
        if counts["cancelled_items"]:
            warnings.append(
                M("{cancelled_items} cancelled items are not counted.", cancelled_items=counts["cancelled_items"])
            )
        if counts["pending_items"]:
            warnings.append(
                M(
                    "{pending_items} pending items have no price yet and are not counted until a later file prices "
                    "them.",
                    pending_items=counts["pending_items"],
                )
            )
        if counts["zero_quantity"]:
            warnings.append(
                M("{zero_quantity} items with quantity 0 are not counted.", zero_quantity=counts["zero_quantity"])
            )
        if counts["other_channels"]:
            warnings.append(
                M(
                    "{other_channels} rows of other sales channels (Non-Amazon) are skipped.",
                    other_channels=counts["other_channels"],
                )
            )
        if self.target.marketplace not in self.marketplaces and self.marketplaces:
            warnings.append(
                M(
                    "The file has no orders of {marketplace}: each row's sales channel decides its marketplace.",
                    marketplace=self.target.marketplace,
                )
            )
        preview = [{"marketplace": mp, "day": day, "total_sales": from_minor(t[0]), "b2b_sales": from_minor(t[1]),
                    "total_units": t[2], "b2b_units": t[3], "total_order_items": t[4]}
                   for (mp, day), t in sorted(self.totals.items(), key=lambda kv: (kv[0][1], kv[0][0]))]
        return {"marketplaces": sorted(self.marketplaces, key=self.marketplaces.get) or [self.target.marketplace],
                "first_day": days[0] if days else None, "last_day": days[-1] if days else None,
                "warnings": warnings, "preview": preview[: config.IMPORT_PREVIEW_DAYS], "details": dict(counts)}
