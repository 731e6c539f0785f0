"""Translations (SPEC §13): every string a person reads is marked, every marked string is
translated in both Chinese catalogs, and a translation keeps its placeholders."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = {lang: ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po" for lang in ("zh_Hans", "zh_Hant")}
KEYWORDS = {"_": None, "N_": None, "M": None, "M_plural": (1, 2), "ngettext": (1, 2), "gettext": None,
            "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-zA-Z_][a-zA-Z0-9_]*)(?:[:!][^}]*)?\}")
UI_FOLDERS = ("pages", "components", "shell")


@cache
def _code_messages() -> frozenset[str]:
    """Every msgid the code marks (what `make extract` puts in locales/messages.pot)."""
    found = set()
    for folder in ("pages", "components", "shell", "services"):
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS):
            found.update(message if isinstance(message, tuple) else (message,))
    for _file, _line, message, _c, _x in extract_from_dir(ROOT, method_map=[("app.py", "python")], keywords=KEYWORDS):
        found.update(message if isinstance(message, tuple) else (message,))
    return frozenset(m for m in found if m)


def _catalog(lang: str):
    with open(CATALOGS[lang], "rb") as f:
        return read_po(f)


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_every_marked_string_is_translated_without_fuzzy_entries(lang):
    catalog = _catalog(lang)
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert not message.fuzzy, f"{lang}: fuzzy entry {ids[0]!r}"
        for msgid in ids:
            translated[msgid] = strings
    missing = sorted(m for m in _code_messages() if not all(s.strip() for s in translated.get(m, ("",))))
    assert not missing, f"{lang}: {len(missing)} strings without a translation, e.g. {missing[:10]}"


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_translations_keep_every_placeholder(lang):
    wrong = []
    for message in _catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        wrong += [(ids[0], s) for s in strings if s and set(PLACEHOLDER.findall(s)) != wanted]
    assert not wrong, f"{lang}: placeholders differ in {len(wrong)} entries, e.g. {wrong[:5]}"


def test_traditional_catalog_is_generated_from_the_simplified_one(tmp_path):
    """Running the generator again changes nothing: zh_Hant is up to date with zh_Hans."""
    out = tmp_path / "messages.po"
    subprocess.run([sys.executable, "-m", "scripts.make_hant", "--output", str(out)], cwd=ROOT, check=True)
    with open(out, "rb") as f:
        fresh = {m.id: m.string for m in read_po(f) if m.id}
    current = {m.id: m.string for m in _catalog("zh_Hant") if m.id}
    assert fresh == current


# --- strings a person reads must be marked ------------------------------------------------------

TEXT_ARGUMENTS = {"label", "help", "placeholder", "caption", "title", "body", "text", "value_label"}
SHOWN_FIRST_ARGUMENT = {
    "title", "header", "subheader", "caption", "markdown", "write", "info", "success", "warning", "error",
    "text", "button", "form_submit_button", "download_button", "link_button", "page_link", "text_input",
    "text_area", "number_input", "date_input", "selectbox", "multiselect", "radio", "checkbox", "toggle",
    "file_uploader", "expander", "metric", "segmented_control", "pills", "slider", "toast", "dialog", "tabs",
    "popover", "status", "spinner", "time_input", "select_slider", "chat_input",
}
NOT_OURS = {"B2B Seller Console", "https://www.example.com", "PHX7"}  # the product's name, example input
NOT_WORDS = re.compile(r"^[\W\d_]*$|^:material/[a-z_]+:$")  # punctuation, numbers, icons


def _unmarked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def literal(node) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            return text if re.search(r"[A-Za-z]{2}", text) else None
        return None

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        candidates = []
        if name in SHOWN_FIRST_ARGUMENT and node.args and name != "page_link":  # page_link: a file path
            candidates.append(node.args[0])
            if name == "tabs" and isinstance(node.args[0], ast.List | ast.Tuple):
                candidates = list(node.args[0].elts)
        candidates += [k.value for k in node.keywords if k.arg in TEXT_ARGUMENTS]
        for arg in candidates:
            text = literal(arg)
            if text and text not in NOT_OURS and not NOT_WORDS.match(text) and re.search(r"[A-Za-z]{2}", text):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text[:60]!r}")
    return found


def test_every_string_shown_by_streamlit_is_marked_for_translation():
    files = [p for folder in UI_FOLDERS for p in sorted((ROOT / folder).rglob("*.py"))] + [ROOT / "app.py"]
    unmarked = [hit for p in files for hit in _unmarked(p)]
    assert not unmarked, f"{len(unmarked)} unmarked strings:\n" + "\n".join(unmarked[:40])


def test_the_scanner_finds_an_unmarked_label(tmp_path):
    sample = ROOT / "pages" / "_scanner_sample.py"
    try:
        sample.write_text('import streamlit as st\nfrom services.i18n import _\n'
                          'st.button("Save changes")\nst.button(_("Marked"))\nst.text_input(_("A"), help="Helpful")\n'
                          'st.caption(f"{3} days left")\nst.button(":material/close:")\n')
        found = _unmarked(sample)
    finally:
        sample.unlink()
    assert [f.split(": ", 1)[1] for f in found] == ["'Save changes'", "'Helpful'", "' days left'"]
