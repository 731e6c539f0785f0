"""Markdown injection (issue 11): with every name a person typed made hostile (`seed --profile
hostile`), no page hands user text to Streamlit's Markdown unescaped — in bodies, captions,
alerts, headings, labels, help tooltips or notices — and no page crashes. The browser half
(nothing renders as a link, an image or bold) is tests/e2e/test_security_browser.py."""

from __future__ import annotations

import re
import shutil

import pytest

from seed.generate import DEMO_PASSWORD
from shell.nav import PAGES
from tests.helpers import account_ids
from tests.pages.conftest import seeded_template, sign_in
from tests.security.test_page_matrix import open_path

pytestmark = pytest.mark.page

# what the hostile names would become if they reached Markdown as they are
UNESCAPED = ("[click me](http", "![pixel](http", "**bold**", "_slanted_", ":red[red]", ":material/skull:",
             "`code`", "$x^2$", "<b>bold tag</b>", "<img src=x", "<script>")
MARKDOWN_FIELDS = ("body", "label", "help", "caption", "placeholder")


@pytest.fixture(scope="module")
def hostile_template(tmp_path_factory):
    return seeded_template(tmp_path_factory, "hostile")


@pytest.fixture
def hostile_db(hostile_template, tmp_path, monkeypatch, app):  # after `app`: this database wins
    path = tmp_path / "hostile.db"
    shutil.copy(hostile_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _markdown_texts(at) -> list[str]:
    """The strings of every element that Streamlit renders as Markdown."""
    found = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            proto = getattr(child, "proto", None)
            if proto is not None and child.type not in ("dataframe", "arrow_data_frame", "text", "code"):
                for field, value in proto.ListFields():
                    if field.name in MARKDOWN_FIELDS and isinstance(value, str):
                        found.append(value)
            walk(child)

    walk(at._tree)
    return found


@pytest.mark.parametrize("email", ["admin@example.com", "supplier@example.com", "wholesale@example.com",
                                   "reviewer@example.com", "owner.a7lonestar0us1@example.com"])
def test_hostile_names_never_reach_markdown_unescaped(app, hostile_db, email):
    ids = account_ids(hostile_db)
    at = sign_in(app(), email, DEMO_PASSWORD)
    problems = {}
    for account_id in (sorted(ids.values())[:2] if email == "admin@example.com" else [None]):
        for path in PAGES:
            at.query_params.clear()
            if account_id is not None:
                at.query_params["account"] = str(account_id)
            open_path(at, path)
            assert not at.exception, (path, at.exception)
            bad = [t for t in _markdown_texts(at) if any(u in re.sub(r"\\.", "", t) for u in UNESCAPED)]
            if bad:
                problems[f"{path}?account={account_id}"] = bad[:3]
    assert problems == {}
