"""Marketplace reference data: currency, time zone, locale and public domain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.i18n import M


@dataclass(frozen=True)
class MarketplaceInfo:
    code: str
    name: str
    currency: str
    timezone: str
    locale: str
    domain: str


MARKETPLACES: dict[str, MarketplaceInfo] = {
    m.code: m
    for m in (
        MarketplaceInfo("US", "United States", "USD", "America/Los_Angeles", "en_US", "com"),
        MarketplaceInfo("CA", "Canada", "CAD", "America/Toronto", "en_CA", "ca"),
        MarketplaceInfo("MX", "Mexico", "MXN", "America/Mexico_City", "es_MX", "com.mx"),
        MarketplaceInfo("UK", "United Kingdom", "GBP", "Europe/London", "en_GB", "co.uk"),
        MarketplaceInfo("DE", "Germany", "EUR", "Europe/Berlin", "de_DE", "de"),
        MarketplaceInfo("FR", "France", "EUR", "Europe/Paris", "fr_FR", "fr"),
        MarketplaceInfo("IT", "Italy", "EUR", "Europe/Rome", "it_IT", "it"),
        MarketplaceInfo("ES", "Spain", "EUR", "Europe/Madrid", "es_ES", "es"),
        MarketplaceInfo("JP", "Japan", "JPY", "Asia/Tokyo", "ja_JP", "co.jp"),
        MarketplaceInfo("IN", "India", "INR", "Asia/Kolkata", "en_IN", "in"),
        MarketplaceInfo("AU", "Australia", "AUD", "Australia/Sydney", "en_AU", "com.au"),
        MarketplaceInfo("BR", "Brazil", "BRL", "America/Sao_Paulo", "pt_BR", "com.br"),
        MarketplaceInfo("AE", "United Arab Emirates", "AED", "Asia/Dubai", "en_AE", "ae"),
    )
}


def marketplace(code: str) -> MarketplaceInfo:
    try:
        return MARKETPLACES[code]
    except KeyError:
        from services.errors import ValidationError

        raise ValidationError(M("Unknown marketplace {code}.", code=f"{code!r}"), field="marketplace") from None


def local_today(code: str, now: datetime) -> date:
    """The marketplace's local calendar day at the instant `now` (timezone-aware)."""
    return now.astimezone(ZoneInfo(marketplace(code).timezone)).date()


def product_url(code: str, asin: str) -> str:
    return f"https://www.amazon.{marketplace(code).domain}/dp/{asin}"
