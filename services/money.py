"""Money is Decimal at the edges and integer minor units (hundredths) in storage."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from services.errors import ValidationError

CENT = Decimal("0.01")


def to_minor(amount, field: str = "amount") -> int:
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{amount!r} is not an amount of money.", field=field) from None
    if not value.is_finite():
        raise ValidationError(f"{amount!r} is not an amount of money.", field=field)
    if value != value.quantize(CENT):
        raise ValidationError(f"{amount} has more than two decimal places.", field=field)
    return int(value * 100)


def from_minor(minor: int) -> Decimal:
    return (Decimal(int(minor)) / 100).quantize(CENT)
