"""Compile locales/*/LC_MESSAGES/messages.po into .mo files (`make translations`; make run and make
test call it).

Babel's own `pybabel compile` is not used because it reads text such as "{percent}% off" as an
old-style "% o" conversion and refuses any translation without one; every message here is a
str.format message, and tests/unit/test_catalogs.py checks that each translation keeps exactly
the placeholders of its English text. Entries still marked fuzzy are left out, as gettext does."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent.parent / "locales"


def compile_all(root: Path = LOCALES) -> list[Path]:
    written = []
    for po in sorted(root.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(mo)
    return written


if __name__ == "__main__":
    done = compile_all()
    print(f"compiled {len(done)} catalogs: {', '.join(p.parent.parent.name for p in done) or 'none'}", file=sys.stderr)
