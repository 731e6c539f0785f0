"""Time ranges, buckets and "last year" (SPEC §3; DESIGN.md's definition)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from services import config
from services.errors import ValidationError
from services.i18n import M

RANGES = ("7D", "30D", "90D", "6M", "1Y", "YTD", "Custom")


def resolve_range(code: str, today: date, custom_start: date | None = None, custom_end: date | None = None):
    """(start, end), both inclusive. 7D/30D/90D/6M/1Y end today; YTD from 1 January."""
    if code in config.RANGE_DAYS:
        return today - timedelta(days=config.RANGE_DAYS[code] - 1), today
    if code == "YTD":
        return date(today.year, 1, 1), today
    if code == "Custom":
        if custom_start is None:
            raise ValidationError(M("Choose a start date."), field="start")
        if custom_end is None:
            raise ValidationError(M("Choose an end date."), field="end")
        if custom_end < custom_start:
            raise ValidationError(M("The end date must be on or after the start date."), field="end")
        return custom_start, custom_end
    raise ValidationError(M("Unknown time range {code}.", code=f"{code!r}"), field="range")


def same_day_last_year(d: date) -> date:
    """The same calendar date one year earlier; 29 February maps to 28 February."""
    if d.month == 2 and d.day == 29:
        return date(d.year - 1, 2, 28)
    return d.replace(year=d.year - 1)


def same_day_next_year(d: date) -> date:
    if d.month == 2 and d.day == 29:
        return date(d.year + 1, 2, 28)
    return d.replace(year=d.year + 1)


def grain_for(start: date, end: date) -> str:
    days = (end - start).days + 1
    if days <= config.DAY_BUCKET_MAX_DAYS:
        return "day"
    if days <= config.WEEK_BUCKET_MAX_DAYS:
        return "week"
    return "month"


def bucket_start(d: date, grain: str, start: date) -> date:
    """First day of d's bucket (ISO weeks start Monday), clipped to the range start."""
    if grain == "day":
        b = d
    elif grain == "week":
        b = d - timedelta(days=d.weekday())
    else:
        b = d.replace(day=1)
    return max(b, start)


def buckets(start: date, end: date, grain: str) -> list[date]:
    out: list[date] = []
    d = start
    while d <= end:
        b = bucket_start(d, grain, start)
        if not out or out[-1] != b:
            out.append(b)
        d += timedelta(days=1)
    return out


def yoy_pct(this, last) -> float | None:
    """100 × (this − last) / last; None when last year is 0."""
    if not last:
        return None
    this, last = Decimal(str(this)), Decimal(str(last))
    return float(100 * (this - last) / last)
