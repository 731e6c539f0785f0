"""Reading numbers, money, percentages and dates as each marketplace writes them (no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from services.imports.common import normalize
from services.imports.values import (
    BadValue,
    parse_count,
    parse_local_date,
    parse_money,
    parse_percent,
)
from services.marketplaces import MARKETPLACES


@pytest.mark.parametrize(("text", "loc", "currency", "minor"), [
    ("$1,234.56", "en_US", "USD", 123456),
    ("₹1,08,218.36", "en_IN", "INR", 10821836),
    ("MX$5,310.54", "es_MX", "MXN", 531054),
    ("368,14 €", "de_DE", "EUR", 36814),
    ("1.234,56 €", "de_DE", "EUR", 123456),
    ("€1,234.56", "de_DE", "EUR", 123456),  # an English export of amazon.de
    ("1\u202f234,56 €", "fr_FR", "EUR", 123456),
    ("1 234,56 €", "fr_FR", "EUR", 123456),
    ("£12.00", "en_GB", "GBP", 1200),
    ("¥1,235", "ja_JP", "JPY", 123500),
    ("$12.00", "en_CA", "CAD", 1200),
    ("CA$12.00", "en_CA", "CAD", 1200),
    ("R$ 1.234,56", "pt_BR", "BRL", 123456),
    ("AED 12.50", "en_AE", "AED", 1250),
    ("1234.5", "en_US", "USD", 123450),
])
def test_money_in_each_locale(text, loc, currency, minor):
    assert parse_money(text, loc, currency) == minor


@pytest.mark.parametrize(("text", "loc", "currency", "message"), [
    ("368,14 €", "en_US", "USD", "is in EUR, not USD"),
    ("MX$5,310.54", "en_US", "USD", "is in MXN, not USD"),
    ("$12.00", "de_DE", "EUR", "is in AUD/CAD/MXN/USD, not EUR"),
    ("12,3x4", "en_US", "USD", "is not an amount of money"),
    ("$1.234.5", "en_US", "USD", "is not an amount of money"),
    ("#12", "en_US", "USD", "is not an amount of money"),
    ("$1.001", "en_US", "USD", None),  # 1.001 is no amount; read as 1,001 in the other convention
])
def test_money_refusals_name_the_currency(text, loc, currency, message):
    if message is None:
        assert parse_money(text, loc, currency) == 100100
        return
    with pytest.raises(BadValue, match=message.replace("/", ".")):
        parse_money(text, loc, currency)


@pytest.mark.parametrize(("text", "loc", "value"), [
    ("1,514", "en_US", 1514), ("1.514", "de_DE", 1514), ("1,514", "de_DE", 1514), ("1,08,218", "en_IN", 108218),
    ("0", "en_US", 0), ("12", "ja_JP", 12),
])
def test_counts(text, loc, value):
    assert parse_count(text, loc) == value


@pytest.mark.parametrize("text", ["12,3x4", "1.5", "abc", "1,5"])
def test_counts_must_be_whole(text):
    with pytest.raises(BadValue, match="whole number"):
        parse_count(text, "en_US")


@pytest.mark.parametrize(("text", "loc", "value"), [
    ("2.51%", "en_US", Decimal("2.51")), ("2,51 %", "de_DE", Decimal("2.51")), ("300.00%", "en_US", Decimal(300)),
    ("95.5", "en_US", Decimal("95.5")),
])
def test_percentages_are_percent_numbers_and_may_exceed_100(text, loc, value):
    assert parse_percent(text, loc) == value


@pytest.mark.parametrize(("text", "loc", "day"), [
    ("7/1/26", "en_US", date(2026, 7, 1)), ("07/01/2026", "en_US", date(2026, 7, 1)),
    ("01/07/26", "en_IN", date(2026, 7, 1)), ("01.07.26", "de_DE", date(2026, 7, 1)),
    ("01/07/26", "es_MX", date(2026, 7, 1)), ("2026-07-01", "de_DE", date(2026, 7, 1)),
    ("2026/07/01", "ja_JP", date(2026, 7, 1)), ("01/07/2026", "en_GB", date(2026, 7, 1)),
    ("1/7/26", "en_AU", date(2026, 7, 1)), ("2026-07-01", "en_CA", date(2026, 7, 1)),
    ("6/10/26", "en_CA", date(2026, 6, 10)),  # Canada's English reports write US-style short dates, never 2006-10-26
])
def test_dates_follow_the_marketplace_locale(text, loc, day):
    assert parse_local_date(text, loc) == day


@pytest.mark.parametrize(("text", "loc"), [("13/1/26", "en_US"), ("7/32/26", "en_US"), ("1/13/26", "en_IN"),
                                           ("July 1", "en_US"), ("2026-02-30", "en_US"),
                                           ("26/07/01", "ja_JP")])  # a two-digit year first: ambiguous
def test_impossible_dates_are_refused_not_swapped(text, loc):
    with pytest.raises(BadValue, match="is not a date"):
        parse_local_date(text, loc)


def test_column_names_normalize_dashes_spaces_and_case():
    assert normalize("Sessions \u2013 Total\u00a0\u2013 B2B") == normalize("sessions - total - b2b")
    assert normalize("sessions - total - b2b") == "sessions-total-b2b"
    assert normalize("\ufeffDate ") == "date"
    assert normalize("Page Views - Mobile APP - B2B") == normalize("Page Views – Mobile App – B2B")


LOCALES = sorted({(m.locale, m.currency) for m in MARKETPLACES.values()})
LOCALE_CODES = sorted({m.locale for m in MARKETPLACES.values()})


@settings(max_examples=300, deadline=None)
@given(cents=st.integers(min_value=0, max_value=10**11), pair=st.sampled_from(LOCALES))
def test_money_round_trips_through_babel_formatting(cents, pair):
    """Whatever Babel writes for a marketplace's currency and locale reads back to the same cents."""
    loc, currency = pair
    amount = Decimal(cents).scaleb(-2)
    if currency == "JPY":
        amount = Decimal(cents // 100)
        cents = cents // 100 * 100
    text = format_currency(amount, currency, locale=loc, currency_digits=currency != "JPY",
                           format=None if currency != "JPY" else "¤#,##0")
    assert parse_money(text, loc, currency) == cents, text


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=0, max_value=10**9), loc=st.sampled_from(LOCALE_CODES))
def test_counts_round_trip_through_babel_formatting(n, loc):
    assert parse_count(format_decimal(n, locale=loc), loc) == n


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       loc=st.sampled_from(LOCALE_CODES))
def test_dates_round_trip_through_the_locale_short_format(day, loc):
    from babel.dates import format_date

    assert parse_local_date(format_date(day, "short", locale=loc), loc) == day
