"""Reading values as Seller Central writes them in each marketplace's locale.

Numbers go through Babel's `parse_decimal(strict=True)` with the marketplace's locale first
("₹1,08,218.36" in en_IN, "368,14 €" in de_DE, "MX$5,310.54" in es_MX, "1 234,56 €" in fr_FR).
Where that reading is impossible or makes no sense for the column (an amount with three
decimals, a count with decimals), the other common conventions are tried (en_US "1,234.56",
de_DE "1.234,56"): a German-language export of an English marketplace, or the reverse, still
reads right, and a value that fits no convention is refused. Currency symbols and codes are
matched against Babel's symbols of every marketplace currency ("$" may be USD, CAD, AUD or MXN;
"MX$" only MXN), so "368,14 €" in a US file is a currency mismatch, not a number.

Dates are our own strict reading, ordered by the locale's short date pattern from Babel
("M/d/yy" in en_US: 7/1/26 is 1 July; "dd/MM/yy" in en_IN; "dd.MM.yy" in de_DE): Babel's
`parse_date` silently swaps day and month when the month is over 12, which would import
13/1/26 in a US file as 13 January instead of refusing it.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale
from babel.dates import get_date_format
from babel.numbers import NumberFormatError, get_currency_symbol, parse_decimal

from services.i18n import M
from services.marketplaces import MARKETPLACES

FALLBACK_LOCALES = ("en_US", "de_DE")
SPACES = "\u00a0\u202f\u2009\u2007 "
EMPTY = {"", "-", "--", "\u2013", "\u2014", "n/a", "na"}
_CURRENCY_EDGE = re.compile(r"^([^\d\-\u2212(.,]*)(.*?)([^\d.,)%]*)$")
_EXTRA_SYMBOLS = {"RS": {"INR"}, "RS.": {"INR"}, "円": {"JPY"}, "￥": {"JPY"}, "¥": {"JPY"}}


class BadValue(ValueError):
    """The value cannot be read; the message finishes "line N, column 'X': 'value' …"."""


@lru_cache(maxsize=1)
def currency_symbols() -> dict[str, frozenset[str]]:
    """{symbol or ISO code (upper case): the marketplace currencies it can stand for}."""
    currencies = {m.currency for m in MARKETPLACES.values()}
    locales = {m.locale for m in MARKETPLACES.values()} | {"en_US", "en_GB", "de_DE", "en_CA", "en_AU"}
    found: dict[str, set[str]] = {}
    for code in currencies:
        found.setdefault(code, set()).add(code)
        for loc in locales:
            found.setdefault(get_currency_symbol(code, loc).strip("\u200f").upper(), set()).add(code)
    for symbol, codes in _EXTRA_SYMBOLS.items():
        found.setdefault(symbol, set()).update(codes)
    return {symbol: frozenset(codes) for symbol, codes in found.items()}


@lru_cache(maxsize=64)
def _symbols(loc: str) -> tuple[str, str]:
    """(decimal, group) symbols of a locale."""
    numbers = Locale.parse(loc).number_symbols["latn"]
    return numbers["decimal"], numbers["group"]


def _normalize_spaces(text: str, loc: str) -> str:
    group = _symbols(loc)[1]
    if group in SPACES:
        return "".join(group if ch in SPACES else ch for ch in text)
    return "".join(ch for ch in text if ch not in SPACES)


def _read(text: str, loc: str, integral: bool, max_places: int | None) -> Decimal | None:
    try:
        value = parse_decimal(_normalize_spaces(text, loc), loc, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        return None
    if not value.is_finite():
        return None
    if integral and value != value.to_integral_value():
        return None
    if max_places is not None and value.as_tuple().exponent < -max_places:
        return None
    return value


def parse_number(text: str, loc: str, *, integral: bool = False, max_places: int | None = None) -> Decimal:
    """A plain number as written in the locale (or a fallback convention). BadValue otherwise."""
    body = text.strip()
    negative = body.startswith(("-", "\u2212")) or (body.startswith("(") and body.endswith(")"))
    body = body.strip("()").lstrip("-\u2212").strip()
    if body and (body[0].isdigit() or body[0] in ".,"):
        for candidate in dict.fromkeys((loc, *FALLBACK_LOCALES)):
            value = _read(body, candidate, integral, max_places)
            if value is not None:
                return -value if negative else value
    raise BadValue(M("is not a number"))


def parse_count(text: str, loc: str) -> int:
    """A whole count ("1,514", "1.514" in de_DE)."""
    try:
        return int(parse_number(text, loc, integral=True))
    except BadValue:
        raise BadValue(M("is not a whole number")) from None


def parse_percent(text: str, loc: str) -> Decimal:
    """A percentage as a percent number ("2.51%" → 2.51, "2,51 %" → 2.51); may exceed 100."""
    body = text.strip().rstrip("%").strip()
    try:
        return parse_number(body, loc)
    except BadValue:
        raise BadValue(M("is not a percentage")) from None


def parse_money(text: str, loc: str, currency: str) -> int:
    """An amount in minor units (hundredths). A symbol or code that cannot be `currency` raises
    BadValue naming the currency it is in."""
    body = text.strip()
    match = _CURRENCY_EDGE.match(body)
    prefix, number, suffix = (match.group(1), match.group(2), match.group(3)) if match else ("", body, "")
    symbol = (prefix + suffix).strip(SPACES).strip("\u200f").upper()
    if symbol:
        codes = currency_symbols().get(symbol)
        if codes is None:
            raise BadValue(M("is not an amount of money"))
        if currency not in codes:
            raise BadValue(M("is in {items}, not {currency}", items='/'.join(sorted(codes)), currency=currency))
    try:
        value = parse_number(number, loc, max_places=2)
    except BadValue:
        raise BadValue(M("is not an amount of money")) from None
    return int(value * 100)


def money_from_decimal(value: Decimal) -> int:
    """Minor units of an amount that is already a number (JSON); BadValue with more than 2 places."""
    if not isinstance(value, (Decimal, int)) or isinstance(value, bool) or not Decimal(value).is_finite():
        raise BadValue(M("is not an amount of money"))
    value = Decimal(value)
    if value != value.quantize(Decimal("0.01")):
        raise BadValue(M("has more than two decimal places"))
    return int(value * 100)


def is_empty(text: str | None) -> bool:
    return text is None or text.strip(SPACES).lower() in EMPTY


# --- dates ---------------------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@lru_cache(maxsize=64)
def date_order(loc: str) -> tuple[str, str, str]:
    """The order of year, month and day in the locale's short date pattern, e.g. ('M', 'd', 'y')."""
    pattern = get_date_format("short", locale=loc).pattern
    order = []
    for ch in pattern:
        if ch in "yMd" and ch not in order:
            order.append(ch)
    return tuple(order)  # type: ignore[return-value]


def date_example(loc: str) -> str:
    """How 1 July 2026 looks in the locale's short pattern (for messages)."""
    pattern = get_date_format("short", locale=loc).pattern
    parts = {"y": "26" if pattern.count("y") == 2 else "2026", "M": "7", "d": "1"}
    if pattern.count("d") > 1:
        parts.update(d="01", M="07")
    sep = next((ch for ch in pattern if ch in "/.-"), "/")
    return sep.join(parts[k] for k in date_order(loc))


@lru_cache(maxsize=4096)
def parse_local_date(text: str, loc: str) -> date:
    """A date written in the locale's short order (two-digit years are 20xx), or ISO YYYY-MM-DD."""
    body = text.strip()
    iso = _ISO.match(body)
    if iso:
        numbers = {"y": int(iso.group(1)), "M": int(iso.group(2)), "d": int(iso.group(3))}
    else:
        parts = re.split(r"[/.\-\s]+", body.rstrip("."))
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            raise BadValue(M("is not a date (like {date_example})", date_example=date_example(loc)))
        order = date_order(loc)
        if len(parts[0]) == 4:  # 2026/07/01 whatever the locale
            order = ("y", "M", "d")
        elif order[0] == "y":  # a year-first locale (en_CA: 2026-07-01) with a short first number
            if not loc.startswith("en"):
                raise BadValue(M("is not a date (like {date_example})", date_example=date_example(loc)))
            order = ("M", "d", "y")  # Seller Central's English reports in Canada write 7/1/26 as the US does
        numbers = {k: int(v) for k, v in zip(order, parts)}
        if numbers["y"] < 100:
            numbers["y"] += 2000
    try:
        return date(numbers["y"], numbers["M"], numbers["d"])
    except ValueError:
        raise BadValue(M("is not a date (like {date_example})", date_example=date_example(loc))) from None
