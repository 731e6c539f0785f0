"""Money is Decimal at the edges and integer minor units (hundredths) in storage."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from services.errors import ValidationError
from services.i18n import M

CENT = Decimal("0.01")


MAX_AMOUNT = Decimal("1000000000000")  # a trillion: beyond any real price or day's sales


def to_minor(amount, field: str = "amount") -> int:
    if isinstance(amount, Decimal):  # the importers' fast path: already a number
        value = amount
    else:
        text = str(amount).strip()
        try:
            value = Decimal(text) if len(text) <= 40 else Decimal("NaN")
        except (InvalidOperation, ValueError):
            raise ValidationError(
                M("{shown} is not an amount of money.", shown=f"{_shown(amount)!r}"), field=field
            ) from None
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise ValidationError(M("{shown} is not an amount of money.", shown=f"{_shown(amount)!r}"), field=field)
    if value != value.quantize(CENT):
        raise ValidationError(M("{shown} has more than two decimal places.", shown=_shown(amount)), field=field)
    return int(value * 100)


def _shown(amount) -> str:
    text = str(amount).strip()
    return text if len(text) <= 40 else text[:40] + "…"


def from_minor(minor: int) -> Decimal:
    return (Decimal(int(minor)) / 100).quantize(CENT)
