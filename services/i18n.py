"""Languages (SPEC §13): gettext catalogs through Babel, and money, numbers and dates for the reader.

- Code marks every user-facing string: ``_("…")`` / ``ngettext`` where it is shown at once (pages,
  components, the shell), ``M("… {name} …", name=…)`` where a service makes a message that is shown
  later or elsewhere (errors, task and alert titles, labels): a :class:`Message` keeps its message
  id and parameters and reads in English until someone translates it for a reader.
- The active language is per run (a context variable the shell sets from the person's choice);
  :func:`language` switches it for a block, e.g. to write an email in its recipient's language.
- Catalogs: ``locales/<lang>/LC_MESSAGES/messages.po``, compiled to ``.mo`` by ``make translations``.
  English is the source language: it needs no catalog.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_skeleton, get_datetime_format
from babel.numbers import format_currency, format_decimal
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DEFAULT = "en"
LANGUAGES = {"en": "English", "zh_Hans": "简体中文", "zh_Hant": "繁體中文"}  # code → its own name
URL_CODES = {"en": "en", "zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant"}  # ?lang=zh-Hans
BABEL_LOCALES = {"zh_Hans": "zh_Hans_CN", "zh_Hant": "zh_Hant_TW"}  # the reader's number and date formats

_active: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=DEFAULT)


def normalize(code: str | None) -> str | None:
    """A language code from a URL, a browser (Accept-Language) or the database, as LANGUAGES has it,
    or None when it is none of them: "zh-Hans", "zh_hans", "zh-CN" → "zh_Hans"; "zh-TW" → "zh_Hant"."""
    if not code:
        return None
    text = str(code).strip().replace("-", "_").lower()
    if text.startswith("zh"):
        traditional = ("hant", "_tw", "_hk", "_mo")
        return "zh_Hant" if any(t in text for t in traditional) else "zh_Hans"
    if text.split("_")[0] == "en":
        return "en"
    return None


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of a language (an empty one for English or a missing catalog)."""
    if lang == DEFAULT:
        return NullTranslations()
    return Translations.load(str(LOCALES_DIR), [lang], "messages")


def active() -> str:
    return _active.get()


def activate(lang: str | None) -> str:
    """Make `lang` the language of this run (unknown: English); returns the code in use."""
    code = normalize(lang) or DEFAULT
    _active.set(code)
    return code


@contextlib.contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Within the block, the active language is `lang` (an email to its recipient, say)."""
    token = _active.set(normalize(lang) or DEFAULT)
    try:
        yield _active.get()
    finally:
        _active.reset(token)


def gettext(msgid: str) -> str:
    return translations(_active.get()).gettext(msgid)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_active.get()).ngettext(singular, plural, n)


def pgettext(context: str, msgid: str) -> str:
    """One English word that reads differently by where it stands: pgettext("date range", "To")
    (the end of a range) is not the "To" of an email (its recipient)."""
    return translations(_active.get()).pgettext(context, msgid)


_ = gettext


def N_(msgid: str) -> str:
    """Marks a string for the catalog where it is defined; it is translated where it is shown."""
    return msgid


class Message(str):
    """A message a service made: reads as its English text (so logs, tests and old callers keep
    working), and keeps its message id and parameters so it can be shown in any language."""

    msgid: str
    params: dict

    def __new__(cls, msgid: str, params: dict | None = None, plural: tuple[str, int] | None = None):
        params = dict(params or {})
        english = (msgid if plural is None or plural[1] == 1 else plural[0]).format(**_english(params))
        self = super().__new__(cls, english)
        self.msgid, self.params, self.plural = msgid, params, plural
        return self

    def translate(self, lang: str | None = None) -> str:
        """The message in `lang` (None: the active language), its parameters translated too."""
        with language(lang) if lang else contextlib.nullcontext():
            if self.plural is None:
                template = gettext(self.msgid)
            else:
                template = ngettext(self.msgid, self.plural[0], self.plural[1])
            return template.format(**{k: tr(v) for k, v in self.params.items()})

    def __reduce__(self):  # keeps its id when copied or pickled (Streamlit's session state may)
        return (Message, (self.msgid, self.params, self.plural))


def M(msgid: str, **params) -> Message:  # noqa: N802 - the marker the catalog extractor looks for
    """A message for later: ``M("Enter the {field}.", field=M("certificate number"))``."""
    return Message(msgid, params)


def M_plural(singular: str, plural: str, n: int, **params) -> Message:  # noqa: N802
    """A message with a plural form; `n` is also a parameter (``{n}``)."""
    return Message(singular, {"n": n, **params}, (plural, n))


class Moment(Message):
    """A date or time inside a message: in English as `pattern` (strftime: "25 Nov 2026"), for
    other readers their own way (Babel `skeleton`: "2026年11月25日") — never an English month name."""

    def __new__(cls, value, pattern: str = "%d %b %Y", skeleton: str = "yMMMd"):
        self = str.__new__(cls, format(value, pattern))
        self.msgid, self.params, self.plural = str(self), {}, None
        self.value, self.pattern, self.skeleton = value, pattern, skeleton
        return self

    def translate(self, lang: str | None = None) -> str:
        code = normalize(lang) if lang else _active.get()
        if code in (None, DEFAULT):
            return format(self.value, self.pattern)
        return _skeleton(self.skeleton, self.value, BABEL_LOCALES[code])

    def __reduce__(self):
        return (Moment, (self.value, self.pattern, self.skeleton))


def _skeleton(skeleton: str, value, locale: str) -> str:
    """Babel's format_skeleton, also for a date-and-time skeleton a locale has no single format for
    (Chinese has none for "MMMdHHmm": Babel raises KeyError): the date part and the time part, joined
    the locale's way ("{1} {0}")."""
    try:
        return format_skeleton(skeleton, value, locale=locale)
    except KeyError:
        cut = next((i for i, char in enumerate(skeleton) if char in "HhKkjmsa"), len(skeleton))
        date_part, time_part = skeleton[:cut], skeleton[cut:]
        if not date_part or not time_part:
            raise
        return (get_datetime_format("medium", locale=locale)
                .replace("{1}", format_skeleton(date_part, value, locale=locale))
                .replace("{0}", format_skeleton(time_part, value, locale=locale)))


def moment(value, pattern: str = "%d %b %Y", skeleton: str = "yMMMd") -> Moment:
    """A date (or, with a time pattern and skeleton, a moment) as a message parameter."""
    return Moment(value, pattern, skeleton)


class Joined(Message):
    """Several messages (or plain values) as one parameter, each translated: ``joined(reasons, ", ")``."""

    def __new__(cls, items, sep: str = ", "):
        items = list(items)
        self = str.__new__(cls, sep.join(str(i) for i in items))
        self.msgid, self.params, self.plural, self.items, self.sep = (
            sep.join(str(i) for i in items),
            {},
            None,
            items,
            sep,
        )
        return self

    def translate(self, lang: str | None = None) -> str:
        with language(lang) if lang else contextlib.nullcontext():
            return self.sep.join(str(tr(i)) for i in self.items)

    def __reduce__(self):
        return (Joined, (self.items, self.sep))


def joined(items, sep: str = ", ") -> Joined:
    return Joined(items, sep)


def _english(params: dict) -> dict:
    return {k: str(v) for k, v in params.items()}


def tr(value: object) -> object:
    """A Message in the active language; anything else unchanged (names, numbers, dates)."""
    return value.translate() if isinstance(value, Message) else value


# --- money, numbers and dates for the reader ---------------------------------------------------------


def reader_locale(marketplace_locale: str) -> str:
    """Whose conventions format a figure: an English reader keeps the marketplace's own (1.234,56 €
    in Germany, ₹1,08,218.36 in India); a Chinese reader reads their own (US$1,234.56)."""
    return BABEL_LOCALES.get(_active.get(), marketplace_locale)


def money(amount, currency: str, marketplace_locale: str) -> str:
    return format_currency(Decimal(amount), currency, locale=reader_locale(marketplace_locale))


def number(value, marketplace_locale: str) -> str:
    return format_decimal(value, locale=reader_locale(marketplace_locale))


def day(d: date, marketplace_locale: str, skeleton: str = "yMMMd") -> str:
    """A date the reader's way: "25 Nov 2026" (en), "2026年11月25日" (zh)."""
    return format_skeleton(skeleton, d, locale=reader_locale(marketplace_locale))


def long_day(d: date, marketplace_locale: str) -> str:
    return format_date(d, "long", locale=reader_locale(marketplace_locale))


# --- texts stored in English -------------------------------------------------------------------------
#
# Texts a service stores for later (task titles in the Action Center, alert messages, audit
# summaries, import warnings, the outbox's subjects and bodies) are made with M() and stored as their
# English text, as before: no column changes and no migration. A page shows them with
# ``tr_stored(text)``, which finds the message id the text was made from (the catalog's ids are the
# English templates: an exact id, or a template whose ``{name}`` slots match) and renders it in the
# active language, its parameters (names, numbers, nested words) translated in turn where they are
# themselves ids. Text no template matches (a person's own words, an older wording) reads as stored.
# Why not compute them at read time from kind and fields: an alert's message and a buyer request's
# task title hold figures of the moment they were made (an AHR drop, a deadline, a product title), and
# audit summaries and import warnings have no kind to rebuild them from; Import.warnings is a JSON
# column, but its readers (pages) expect strings. Components that show stored text call tr_stored
# (components.actions.task_list for task titles); pages do the same for alerts, audit and warnings.
# Emails are not read back this way: they are written in their recipient's language when they are
# queued (``with language(prefs.language_of(session, to)):``).

_SLOT = re.compile(r"\{(\w+)\}")


@cache
def _templates(lang: str) -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, msgid) of every catalog id with named slots, longest literal text first."""
    catalog = getattr(translations(lang), "_catalog", {})
    found = []
    for msgid in catalog:
        if not isinstance(msgid, str) or not msgid or "{" not in msgid:
            continue
        if not re.search(r"[^\W\d_]", _SLOT.sub("", msgid)):  # "{day} {time}" would match any two words
            continue
        pieces, pos, names = [], 0, set()
        for m in _SLOT.finditer(msgid):
            pieces.append(re.escape(msgid[pos:m.start()].replace("{{", "{").replace("}}", "}")))
            name = m.group(1)
            pieces.append(f"(?P={name})" if name in names else f"(?P<{name}>.+?)")
            names.add(name)
            pos = m.end()
        pieces.append(re.escape(msgid[pos:].replace("{{", "{").replace("}}", "}")))
        literal = len(_SLOT.sub("", msgid))
        found.append((literal, re.compile("".join(pieces), re.S), msgid))
    found.sort(key=lambda t: -t[0])
    return tuple((pattern, msgid) for _, pattern, msgid in found)


_MONTHS = {name: i for i, name in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                              "Oct", "Nov", "Dec"), start=1)}
_STORED_DAY = re.compile(r"(\d{2}) (" + "|".join(_MONTHS) + r") (\d{4})")
_STORED_MOMENT = re.compile(r"(\d{2}) (" + "|".join(_MONTHS) + r") (\d{2}):(\d{2})")


def _stored_moment(text: str) -> Moment | None:
    """A date a Moment wrote into a stored English text ("25 Nov 2026", "25 Nov 14:30"), as that
    Moment again (so it reads the reader's way), or None."""
    try:
        if match := _STORED_DAY.fullmatch(text):
            day, month, year = match.groups()
            return Moment(date(int(year), _MONTHS[month], int(day)))
        if match := _STORED_MOMENT.fullmatch(text):  # no year was written: a leap year reads 29 Feb too
            day, month, hour, minute = match.groups()
            return Moment(datetime(2000, _MONTHS[month], int(day), int(hour), int(minute)), "%d %b %H:%M", "MMMdHHmm")
    except ValueError:  # 31 Feb and the like: not a date a Moment wrote
        return None
    return None


def tr_stored(text: object) -> object:
    """A text stored in English (see above), in the active language; anything else unchanged."""
    if isinstance(text, Message):
        return text.translate()
    if not isinstance(text, str) or not text or _active.get() == DEFAULT:
        return text
    if (stored := _stored_moment(text)) is not None:
        return stored.translate()
    catalog = translations(_active.get())
    translated = catalog.gettext(text)
    if translated != text:
        return translated
    for pattern, msgid in _templates(_active.get()):
        match = pattern.fullmatch(text)
        if match:
            params = {k: tr_stored(v) for k, v in match.groupdict().items()}
            try:
                return catalog.gettext(msgid).format(**params)
            except (KeyError, IndexError, ValueError):
                return text
    return text
