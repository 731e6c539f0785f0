"""The one export helper every CSV download goes through (DESIGN.md's security habits).

Text cells that a spreadsheet would run as a formula — starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return — get a leading ``'`` (OWASP's advice on CSV injection); numbers,
dates and empty cells stay as they are. UTF-8 with a BOM, so Excel reads accents and CJK.
"""

from __future__ import annotations

import pandas as pd

from services.i18n import tr

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: object) -> object:
    """A text cell that would start a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as CSV (same columns, rows and order), formula-safe. Headers are what the caller
    named them, marked _() where they are named (components.reports.headers()); a header a service
    gave as a Message is written in the reader's language here."""
    safe = table.copy()
    safe.columns = [defuse(str(tr(c))) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(defuse)
    return safe.to_csv(index=False).encode("utf-8-sig")
