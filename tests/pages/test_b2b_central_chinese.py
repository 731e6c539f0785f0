"""B2B Central in 简体中文 and 繁體中文 (SPEC §13): Seller Central's own Chinese names, money in the
account's currency written the Chinese reader's way, dates without English month names."""

from __future__ import annotations

import json
import re

import pytest

from tests.pages.conftest import open_b2b_central, sign_in

pytestmark = pytest.mark.page

ENGLISH_MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


def _texts(at) -> list[str]:
    found = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success"):
        found += [e.value for e in getattr(at, kind)]
    found += [m.label for m in at.metric] + [m.value for m in at.metric]
    found += [b.label for b in at.button] + [c.label for c in at.checkbox] + [t.label for t in at.toggle]
    found += [s.label for s in at.segmented_control] + [o for s in at.segmented_control for o in s.options]
    found += [link.proto.label for link in at.get("page_link")]
    return found


def _in_chinese(app, lang):
    at = sign_in(app(), "admin@example.com")  # the sign-in form in English, then the language from the URL
    at.query_params["lang"] = lang
    return open_b2b_central(at)


def test_b2b_central_in_simplified_chinese_uses_seller_centrals_terms(app):
    at = _in_chinese(app, "zh-Hans")
    assert not at.exception
    text = "\n".join(_texts(at))
    for term in ("B2B 平台", "销售快照", "B2B 绩效（按行业）", "业务操作中心", "与去年对比", "在业务报告中查看",
                 "销量", "商品数量", "非 B2B", "总计"):
        assert term in text, term
    assert [t.value for t in at.title] == ["B2B 平台"]
    # the admin's first account is Maple (CA): Canadian dollars, written the Chinese way ($6,067.50 in en_CA)
    assert [m.value[:3] for m in at.metric] == ["CA$"] * 3, [m.value for m in at.metric]
    assert not ENGLISH_MONTHS.search(text)
    table = at.dataframe[0].value
    assert list(table.columns)[:2] == ["时间段", "B2B"] or "B2B" in table.columns
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["name"] for t in figure["data"]} >= {"B2B", "非 B2B", "总计"}


def test_b2b_central_in_traditional_chinese(app):
    at = _in_chinese(app, "zh-Hant")
    assert not at.exception
    text = "\n".join(_texts(at))
    for term in ("B2B 平台", "銷售快照", "業務操作中心", "與去年對比", "非 B2B", "總計"):
        assert term in text, term
    assert not ENGLISH_MONTHS.search(text)


LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
KEPT_LATIN = {"AHR", "AHA", "ODR", "FBA", "B2B", "ASIN", "SKU", "CSV", "UTC"}  # names Seller Central keeps


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_account_health_tables_have_no_english_words(app, lang):
    """Every cell of Account Health's tables reads in Chinese (the metric targets once read
    "below 1%"): only Seller Central's own abbreviations stay Latin."""
    at = sign_in(app(), "admin@example.com")
    at.query_params["lang"] = lang
    at.switch_page("pages/account_health.py").run()
    assert not at.exception, at.exception
    metrics = at.dataframe[0].value  # every cell is ours: metric, value with its verdict, target
    cells = [str(c) for frame in at.dataframe for c in frame.value.columns]  # every header is ours
    cells += [str(v) for column in metrics.columns for v in metrics[column]]
    assert len(cells) > 20  # (violation titles are Amazon's own words, kept as its report gave them)
    english = [c for c in cells if set(LATIN_WORD.findall(c)) - KEPT_LATIN]
    assert not english, english
