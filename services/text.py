"""Free text typed into forms: one check for every field (trimmed, a length limit, no control
characters — PostgreSQL refuses NUL, and nothing invisible should reach a page or an email).
A refusal names the field, so the form shows it beside the field and nothing is saved."""

from __future__ import annotations

import re

from services.errors import ValidationError
from services.i18n import DEFAULT, M, Message, active

NAME_MAX = 200  # names: companies, people, shipments, agencies
NOTE_MAX = 1000  # reasons, notes, messages
LONG_TEXT_MAX = 4000  # plans, issue descriptions

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def check_text(by_field: dict[str, list[str]], field: str, value: object, label: str, max_len: int, *,
               required: bool = False, multiline: bool = False) -> str:
    """The trimmed text, or "" with the problem added to `by_field[field]` (the caller raises
    ValidationError.from_fields(by_field) once every field is checked)."""
    name = label if isinstance(label, Message) else Message(label)  # marked N_() or M() by the caller
    text = "" if value is None else str(value).strip()
    pattern = _CONTROL if multiline else _CONTROL_ONE_LINE
    if pattern.search(text):
        by_field.setdefault(field, []).append(M("{label} contains control characters; type plain text.", label=name))
        return ""
    if required and not text:
        by_field.setdefault(field, []).append(M("Enter the {label}.", label=_Lower(name.msgid, name.params)))
    elif len(text) > max_len:
        by_field.setdefault(field, []).append(
            M(
                "{label} can be at most {max_len} characters (it has {length}).",
                label=name,
                max_len=f"{max_len:,}",
                length=f"{len(text):,}",
            )
        )
        return ""
    return text


class _Lower(Message):
    """A label inside a sentence: "Enter the {label}." reads "Enter the carrier." in English."""

    def __new__(cls, msgid: str, params: dict | None = None):
        self = str.__new__(cls, Message(msgid, params).lower())
        self.msgid, self.params, self.plural = msgid, dict(params or {}), None
        return self

    def translate(self, lang: str | None = None) -> str:
        text = super().translate(lang)
        return text.lower() if (lang or active()) == DEFAULT else text

    def __reduce__(self):
        return (_Lower, (self.msgid, self.params))


def clean_text(value: object, field: str, label: str, max_len: int, *, required: bool = False,
               multiline: bool = False) -> str:
    """:func:`check_text` for a single field: the text, or ValidationError naming the field."""
    by_field: dict[str, list[str]] = {}
    text = check_text(by_field, field, value, label, max_len, required=required, multiline=multiline)
    if by_field:
        raise ValidationError.from_fields(by_field)
    return text
