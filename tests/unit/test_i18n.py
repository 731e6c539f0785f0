"""services.i18n: the active language, messages made by services, and figures for the reader."""

from __future__ import annotations

import pickle
from datetime import date
from decimal import Decimal

import pytest

from services import i18n
from services.i18n import M, M_plural, language, tr


@pytest.mark.parametrize(("given", "code"), [("zh-Hans", "zh_Hans"), ("zh_Hant", "zh_Hant"), ("zh-CN", "zh_Hans"),
                                             ("zh-TW", "zh_Hant"), ("zh-HK", "zh_Hant"), ("en-GB", "en"),
                                             ("EN", "en"), ("de-DE", None), ("", None), (None, None)])
def test_language_codes_from_urls_browsers_and_the_database(given, code):
    assert i18n.normalize(given) == code


def test_a_message_reads_in_english_and_keeps_its_id_and_parameters():
    message = M("Enter the {field}.", field=M("certificate number"))
    assert message == "Enter the certificate number." and isinstance(message, str)
    assert (message.msgid, message.params["field"].msgid) == ("Enter the {field}.", "certificate number")
    assert pickle.loads(pickle.dumps(message)).msgid == "Enter the {field}."
    assert M_plural("{n} box", "{n} boxes", 3) == "3 boxes" and M_plural("{n} box", "{n} boxes", 1) == "1 box"
    assert tr("a name") == "a name" and tr(7) == 7


def test_language_switches_for_a_block_and_comes_back():
    i18n.activate("en")
    with i18n.language("zh-Hant") as inside:
        assert inside == i18n.active() == "zh_Hant"
    assert i18n.active() == "en"
    assert i18n.activate("klingon") == "en"


def test_figures_follow_the_reader_and_keep_the_marketplace_currency():
    i18n.activate("en")
    assert i18n.money(Decimal("108218.36"), "INR", "en_IN") == "₹1,08,218.36"  # an English reader: the market's way
    assert i18n.money(Decimal("1234.56"), "EUR", "de_DE") == "1.234,56\xa0€"
    with i18n.language("zh_Hans"):
        assert i18n.money(Decimal("1234.56"), "USD", "en_US") == "US$1,234.56"
        assert i18n.day(date(2026, 11, 25), "en_US") == "2026年11月25日"
        assert i18n.number(1514, "de_DE") == "1,514"


def test_money_keeps_the_currency_and_follows_the_readers_locale():
    from components.formatting import money, number

    assert money(Decimal("1234.56"), "USD", "en_US") == "$1,234.56"
    assert money(Decimal("1234.56"), "EUR", "de_DE") == "1.234,56\xa0€"
    with language("zh_Hans"):
        assert money(Decimal("1234.56"), "USD", "en_US") == "US$1,234.56"
        assert money(Decimal("1234.56"), "EUR", "de_DE") == "€1,234.56"
        assert number(1234567, "de_DE") == "1,234,567"
    with language("zh_Hant"):
        assert money(Decimal("1234.56"), "USD", "en_US") == "US$1,234.56"


def test_dates_inside_messages_read_the_readers_way():
    from services.i18n import moment

    message = M("{day} is in the future (today is {today}): scores are for days that have happened.",
                day=moment(date(2026, 12, 1)), today=moment(date(2026, 11, 25)))
    assert message == "01 Dec 2026 is in the future (today is 25 Nov 2026): scores are for days that have happened."
    chinese = message.translate("zh_Hans")
    assert "2026年12月1日" in chinese and "2026年11月25日" in chinese and "Dec" not in chinese
    assert pickle.loads(pickle.dumps(message)).translate("zh_Hant") == message.translate("zh_Hant")
