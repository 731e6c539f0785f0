"""What every import format shares: the file as a stream (hash, encoding, progress), the list of
problems a refusal reports, column names as written vs. normalized, marketplace ids, the date
window, and `Parsed`, what a parser hands to the store."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import BinaryIO, NoReturn

from services import config
from services.errors import ValidationError
from services.i18n import M
from services.marketplaces import MARKETPLACES, local_today

Progress = Callable[[int, int], None]  # (bytes read, bytes in the file)
HEAD_BYTES = 64 * 1024
WEB_PAGE = M("This is a web page, not a report — download the report again.")

# SP-API marketplace ids (developer docs "Marketplace IDs")
MARKETPLACE_IDS = {
    "ATVPDKIKX0DER": "US", "A2EUQ1WTGCTBG2": "CA", "A1AM78C64UM0Y8": "MX", "A1F83G8C2ARO7P": "UK",
    "A1PA6795UKMFR9": "DE", "A13V1IB3VIYZZH": "FR", "APJ6JRA9NG5V4": "IT", "A1RKKUPIHCS9HS": "ES",
    "A1VC38T7YXB528": "JP", "A21TJRUUN4KGV": "IN", "A39IBJ37TRP1C6": "AU", "A2Q3Y263D00KWC": "BR",
    "A2VIGQ35RCS4UG": "AE",
}
# all-orders "sales-channel" (Amazon.com, Amazon.de, …) → marketplace code
SALES_CHANNELS = {f"amazon.{m.domain}": code for code, m in MARKETPLACES.items()}


# --- the file --------------------------------------------------------------------------------------------


class _Counting(io.RawIOBase):
    """Reads a binary stream and reports progress every MiB."""

    def __init__(self, stream: BinaryIO, total: int, progress: Progress | None) -> None:
        self._stream, self._total, self._progress = stream, total, progress
        self.done = 0
        self._reported = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.done += n
        if self._progress and (self.done - self._reported >= 1 << 20 or n == 0):
            self._reported = self.done
            self._progress(self.done, self._total)
        return n


@dataclass
class Source:
    """An uploaded or opened file, read as a stream (a million-line file is never held whole)."""

    filename: str
    stream: BinaryIO
    size: int
    sha256: str
    encoding: str
    head: str  # the decoded first 64 KiB
    progress: Progress | None = None

    @classmethod
    def open(cls, filename: str, data: bytes | BinaryIO, progress: Progress | None = None) -> Source:
        stream: BinaryIO = io.BytesIO(data) if isinstance(data, (bytes, bytearray, memoryview)) else data
        if not stream.seekable():
            stream = io.BytesIO(stream.read())
        stream.seek(0)
        digest = hashlib.sha256()
        size = 0
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
        stream.seek(0)
        raw_head = stream.read(HEAD_BYTES)
        stream.seek(0)
        encoding = _encoding(raw_head)
        head = raw_head.decode(encoding, errors="ignore")
        return cls(filename, stream, size, digest.hexdigest(), encoding, head.lstrip("\ufeff"), progress)

    def text(self) -> io.TextIOWrapper:
        """The whole file as text, streamed (universal newlines kept for the csv module)."""
        self.stream.seek(0)
        raw = io.BufferedReader(_Counting(self.stream, self.size, self.progress), buffer_size=1 << 20)
        return io.TextIOWrapper(raw, encoding=self.encoding, errors="replace", newline="")

    def read_all(self) -> str:
        with self.text() as text:
            return text.read().lstrip("\ufeff")


def _encoding(head: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with its mark, else Windows-1252."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut at the end of the sample
            return "cp1252"
    return "utf-8"


# --- refusals ----------------------------------------------------------------------------------------------


def refuse(message: str, field: str = "file") -> NoReturn:
    raise ValidationError(message, field=field)


def refuse_repeated_header(line: int) -> NoReturn:
    refuse(
        M(
            "Line {line} repeats the header: two downloads pasted together? Import each report file on its own.",
            line=line,
        )
    )


def shown(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Problems:
    """Every bad value of a file; a refusal lists the first ones, then "and N more"."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.count = 0

    def add(self, line: int | None, column: str | None, value: object, what: str) -> None:
        value = shown(value)
        if line is not None and column is not None:
            text = M(
                "line {line}, column '{column}': '{value}' {what}", line=line, column=column, value=value, what=what
            )
        elif line is not None:
            text = M("line {line}: '{value}' {what}", line=line, value=value, what=what)
        elif column is not None:
            text = M("column '{column}': '{value}' {what}", column=column, value=value, what=what)
        else:
            text = M("'{value}' {what}", value=value, what=what)
        self.note(text)

    def note(self, text: str) -> None:
        self.count += 1
        if len(self.items) < config.IMPORT_MAX_PROBLEMS:
            self.items.append(text)

    def __bool__(self) -> bool:
        return self.count > 0

    def error(self) -> ValidationError:
        reasons = list(self.items)
        if self.count > len(self.items):
            reasons.append(M("and {n} more", n=self.count - len(self.items)))
        return ValidationError(reasons[0], field="file", reasons=reasons)

    def raise_if_any(self) -> None:
        if self.count:
            raise self.error()


# --- columns --------------------------------------------------------------------------------------------------

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")


def normalize(name: str) -> str:
    """A column name for matching: lower case, any dash a hyphen, any space one space, none
    around hyphens ("Sessions – Total – B2B" → "sessions-total-b2b")."""
    text = _SPACES.sub(" ", _DASHES.sub("-", name.replace("\ufeff", ""))).strip().strip('"').strip().lower()
    return re.sub(r"\s*-\s*", "-", text)


def read_header(source: Source) -> tuple[str, list[str]]:
    """(delimiter, columns as written) of a tabular file's first line."""
    first = source.head.splitlines()[0] if source.head.strip() else ""
    delimiter = "\t" if "\t" in first else ";" if first.count(";") > first.count(",") else ","
    names = next(csv.reader([first], delimiter=delimiter), [])
    return delimiter, [n.strip().lstrip("\ufeff") for n in names]


def rows(source: Source, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of every data row after the header, skipping empty lines."""
    with source.text() as text:
        reader = csv.reader(text, delimiter=delimiter)
        next(reader, None)
        for fields in reader:
            if not any(fields):  # an empty line (or only separators)
                continue
            yield reader.line_num, fields


# --- dates and marketplaces ----------------------------------------------------------------------------


def date_window(marketplace: str, now: datetime) -> tuple[date, date]:
    """Report days must fall in 1 January 2000 … the marketplace's today + 1."""
    last = local_today(marketplace, now) + timedelta(days=config.IMPORT_DAYS_AHEAD)
    return date(config.IMPORT_FIRST_YEAR, 1, 1), last


def outside(day: date, window: tuple[date, date]) -> str | None:
    """The problem text when the day is outside the window, else None."""
    if window[0] <= day <= window[1]:
        return None
    return M("is outside {first} … {last}", first=window[0].isoformat(), last=window[1].isoformat())


@dataclass(frozen=True)
class Target:
    """Where a file goes: the account, its marketplaces, the chosen marketplace's locale and
    currency, and the date window at the time of import."""

    account_id: int
    sells_in: tuple[str, ...]
    marketplace: str  # chosen (or the home marketplace) for files that do not name one
    now: datetime

    @property
    def locale(self) -> str:
        return MARKETPLACES[self.marketplace].locale

    @property
    def currency(self) -> str:
        return MARKETPLACES[self.marketplace].currency

    def window(self, marketplace: str | None = None) -> tuple[date, date]:
        return date_window(marketplace or self.marketplace, self.now)

    def check_sells_in(self, marketplace: str, what: str = M("This report")) -> None:
        if marketplace not in self.sells_in:
            refuse(
                M(
                    "{what} is for {marketplace}, where this account does not sell (it sells in {items}).",
                    what=what,
                    marketplace=marketplace,
                    items=", ".join(self.sells_in),
                ),
                field="marketplace",
            )


@dataclass
class Parsed:
    """A checked file, ready to store: every figure read, nothing written yet."""

    kind: str
    marketplaces: list[str]
    first_day: date | None = None
    last_day: date | None = None
    rows: int = 0
    warnings: list[str] = field(default_factory=list)
    days: list[dict] = field(default_factory=list)  # ImportDay values (with marketplace)
    asins: list[dict] = field(default_factory=list)  # ImportAsin values (with marketplace, period)
    metrics: list[dict] = field(default_factory=list)  # ImportMetric values (with marketplace)
    statuses: list[dict] = field(default_factory=list)  # ImportAccountStatus values
    scores: dict[date, int] = field(default_factory=dict)  # AHR by day
    details: dict = field(default_factory=dict)
    preview: list[dict] = field(default_factory=list)  # the first days' totals, for the Import page
