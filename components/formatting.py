"""Money, numbers, percentages, dates and times in the marketplace's locale (Babel)."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from services import i18n
from services.i18n import gettext as _

UNKNOWN = "—"  # a figure nobody reported (B2B in a report without B2B columns): never shown as 0


def unknown(value) -> bool:
    """None, or NaN once pandas has touched a None."""
    return value is None or (isinstance(value, float | Decimal) and value != value)


def money(amount, currency: str, locale: str) -> str:
    """In the marketplace's currency, written the reader's way: "$1,234.56" for an English reader
    of a US account, "US$1,234.56" for a Chinese one, "1.234,56 €" for an English reader in DE."""
    return UNKNOWN if unknown(amount) else format_currency(Decimal(amount), currency,
                                                           locale=i18n.reader_locale(locale))


def number(value, locale: str) -> str:
    return UNKNOWN if unknown(value) else format_decimal(value, locale=i18n.reader_locale(locale))


def metric_value(value, metric: str, currency: str, locale: str) -> str:
    return money(value, currency, locale) if metric == "sales" else number(value, locale)


def percent(pct: float | None, signed: bool = True) -> str:
    """YoY and shares: '+12.3%', '−4.0%', or 'n/a' when there is nothing to compare with."""
    if pct is None or pct != pct:  # None, or NaN from a float column
        return _("n/a")
    return f"{pct:+.1f}%" if signed else f"{pct:.1f}%"


def _date(d: date, pattern: str, skeleton: str, locale: str) -> str:
    """The marketplace's own pattern for an English reader; the reader's own form otherwise (no
    English month or weekday names for a Chinese reader)."""
    if i18n.active() == i18n.DEFAULT:
        return format_date(d, pattern, locale=locale)
    return i18n.day(d, locale, skeleton)


def bucket_label(d: date, grain: str, locale: str) -> str:
    if grain == "day":
        return _date(d, "EEE d MMM yyyy", "yMMMdEEE", locale)
    if grain == "week":
        return _("Week of {day}").format(day=_date(d, "d MMM yyyy", "yMMMd", locale))
    label = _date(d, "MMM yyyy", "yMMM", locale)
    return label if d.day == 1 else _("{month} (from {day})").format(month=label, day=_date(d, "d MMM", "MMMd", locale))


def local_time(instant: datetime, tz_name: str | None) -> str:
    """hh:mm in the viewer's time zone (the browser's), with the zone named; UTC when unknown."""
    try:
        tz = ZoneInfo(tz_name) if tz_name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        tz = UTC
    local = instant.astimezone(tz)
    return f"{local:%H:%M} {local.tzname()}"


_MARKDOWN_SPECIALS = "\\`*_{}[]<>()#+-.!|~$:"


_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|www)(?=\\?[:.])")


def plain(text: str) -> str:
    """User text inside Streamlit markdown (captions, labels): every markdown character escaped,
    so names show exactly as typed and can never become links, images or formatting. Streamlit
    also turns bare web addresses into links after escapes are read, so a zero-width space goes
    between "http"/"www" and what follows: the address still reads the same, but is not a link."""
    escaped = "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in str(text))
    return _AUTOLINK.sub("\\1\u200b", escaped)


def text_width(values, header: str) -> int:
    """Pixels a table column of these texts needs, header included (CJK characters count double):
    the grid sizes a column from its first rows, so a longer figure further down was cut off."""

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    longest = max([width(str(header)) + 2, *(width(str(v)) for v in values)])
    return 24 + 8 * longest
