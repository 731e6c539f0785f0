"""`python -m seed --profile hostile`: the demo data with every name a person typed made hostile —
HTML, Markdown links and images, formulas, emphasis — so a test can open every page and check that
nothing renders as markup and nothing crashes (issue 11). The demo profile leaves names alone."""

from __future__ import annotations

from itertools import count

MARKUP = (
    "<script>alert('x')</script>",
    "**bold** _slanted_",
    "[click me](http://evil.example/phish)",
    "![pixel](http://evil.example/p.png)",
    "=HYPERLINK(\"http://evil.example\")",
    "<img src=x onerror=alert(1)>",
    "# Heading",
    ":red[red] :material/skull:",
    "`code` $x^2$",
    "<b>bold tag</b>",
)
_on = False
_next = count()


def enable(on: bool) -> None:
    global _on
    _on = on


def dress(text: str, same: bool = False) -> str:
    """`text` with a piece of hostile markup after it, on the hostile profile; else as it is.
    `same`: the same text always gets the same markup (names that must match, like a brand)."""
    if not _on:
        return text
    n = sum(map(ord, text)) if same else next(_next)
    return f"{text} {MARKUP[n % len(MARKUP)]}"
