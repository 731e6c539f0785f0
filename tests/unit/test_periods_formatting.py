from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from components.formatting import bucket_label, local_time, money, percent, plain
from services.errors import ValidationError
from services.marketplaces import local_today, product_url
from services.periods import buckets, resolve_range, same_day_last_year, yoy_pct

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(("code", "start"), [
    ("7D", date(2026, 3, 4)), ("30D", date(2026, 2, 9)), ("90D", date(2025, 12, 11)),
    ("6M", date(2025, 9, 9)), ("1Y", date(2025, 3, 11)), ("YTD", date(2026, 1, 1)),
])
def test_ranges_end_today(code, start):
    assert resolve_range(code, TODAY) == (start, TODAY)
    assert (TODAY - start).days + 1 == {"7D": 7, "30D": 30, "90D": 90, "6M": 183, "1Y": 365, "YTD": 69}[code]


def test_custom_range_end_before_start_is_refused():
    with pytest.raises(ValidationError) as exc:
        resolve_range("Custom", TODAY, date(2026, 3, 5), date(2026, 3, 4))
    assert exc.value.field == "end"
    assert resolve_range("Custom", TODAY, date(2026, 3, 4), date(2026, 3, 4)) == (date(2026, 3, 4),) * 2


def test_last_year_and_yoy():
    assert same_day_last_year(date(2024, 2, 29)) == date(2023, 2, 28)
    assert same_day_last_year(date(2025, 3, 1)) == date(2024, 3, 1)
    assert yoy_pct(Decimal("110"), Decimal("100")) == pytest.approx(10.0)
    assert yoy_pct(5, 0) is None
    assert percent(None) == "n/a" and percent(12.345) == "+12.3%" and percent(-4) == "-4.0%"


def test_week_buckets_start_monday_clipped_to_start():
    # 2026-03-04 is a Wednesday
    assert buckets(date(2026, 3, 4), date(2026, 3, 20), "week") == [date(2026, 3, 4), date(2026, 3, 9),
                                                                     date(2026, 3, 16)]
    assert bucket_label(date(2026, 3, 9), "week", "en_US") == "Week of 9 Mar 2026"
    assert bucket_label(date(2026, 3, 4), "month", "en_US") == "Mar 2026 (from 4 Mar)"


@pytest.mark.parametrize(("amount", "currency", "locale", "text"), [
    ("1234.56", "USD", "en_US", "$1,234.56"),
    ("1234.56", "EUR", "de_DE", "1.234,56\xa0€"),
    ("1234.56", "JPY", "ja_JP", "￥1,235"),
    ("108218.36", "INR", "en_IN", "₹1,08,218.36"),
])
def test_money_in_the_marketplace_locale(amount, currency, locale, text):
    assert money(Decimal(amount), currency, locale) == text


def test_marketplace_days_and_links():
    late_evening_utc = datetime(2026, 3, 10, 23, 30, tzinfo=timezone.utc)
    assert local_today("JP", late_evening_utc) == date(2026, 3, 11)
    assert local_today("US", late_evening_utc) == date(2026, 3, 10)
    assert product_url("UK", "B0TEST0001") == "https://www.amazon.co.uk/dp/B0TEST0001"
    assert local_time(late_evening_utc, "Europe/Berlin") == "00:30 CET"
    assert local_time(late_evening_utc, None) == "23:30 UTC"


def test_user_text_is_escaped_for_markdown():
    assert plain("[click](http://evil) **x** <b>") == "\\[click\\]\\(http\u200b\\://evil\\) \\*\\*x\\*\\* \\<b\\>"
