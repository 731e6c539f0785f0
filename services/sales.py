"""Order lines, their daily rollups, and the Sales Snapshot (SPEC §2, §3.1)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal

import pandas as pd
from sqlalchemy import and_, exists, func, insert, literal, or_, select, update
from sqlmodel import Session, delete

from services import access, rollups
from services.errors import NotFound, ValidationError
from services.i18n import M
from services.models import Account, DataVersion, DayRollup, Import, ImportOrder, OrderLine, OrderLineReplaced
from services.money import from_minor, to_minor
from services.periods import bucket_start, buckets, grain_for, same_day_last_year, same_day_next_year, yoy_pct
from services.rollups import Spans

METRICS = ("sales", "units")
SEGMENTS = ("b2b", "non_b2b", "total")
SEGMENT_LABELS = {"b2b": M("B2B"), "non_b2b": M("Non-B2B"), "total": M("Total")}
_ROW_KEYS = ("account_id", "marketplace", "order_id", "purchase_date", "asin", "sku", "units", "sales",
             "is_business_order")
_ROW_KEY_SET = frozenset(_ROW_KEYS)


def _clean_row(row: Mapping, accounts: dict[int, list[str]]) -> dict:
    if not row.keys() >= _ROW_KEY_SET:
        missing = [k for k in _ROW_KEYS if k not in row]
        raise ValidationError(M("Order line is missing {items}.", items=', '.join(missing)), field=missing[0])
    account_id = int(row["account_id"])
    if account_id not in accounts:
        raise NotFound(M("No account {account_id}.", account_id=account_id))
    if row["marketplace"] not in accounts[account_id]:
        raise ValidationError(
            M(
                "Account {account_id} does not sell in {marketplace}.",
                account_id=account_id,
                marketplace=row["marketplace"],
            ),
            field="marketplace",
        )
    units = row["units"]
    if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
        raise ValidationError(
            M("Units must be a positive whole number, not {units}.", units=f"{units!r}"), field="units"
        )
    sales_minor = to_minor(row["sales"], field="sales")
    if sales_minor < 0:
        raise ValidationError(M("Sales cannot be negative."), field="sales")
    if not isinstance(row["purchase_date"], date):
        raise ValidationError(M("purchase_date must be a date."), field="purchase_date")
    return {
        "account_id": account_id,
        "marketplace": row["marketplace"],
        "order_id": str(row["order_id"]),
        "purchase_date": row["purchase_date"],
        "asin": str(row["asin"]),
        "sku": str(row["sku"]),
        "units": units,
        "sales_minor": sales_minor,
        "is_business_order": bool(row["is_business_order"]),
        "industry": row.get("industry") or None,
        "sub_industry": row.get("sub_industry") or None,
    }


CHUNK_ROWS = 20_000  # lines validated and inserted at a time (a million-line file never sits in memory)


def record_order_lines(session: Session, rows: Iterable[Mapping], *, import_id: int | None = None,
                       cancelled_orders: Iterable[tuple[str, str]] = ()) -> int:
    """The single write path for order lines: inserts them and rebuilds the daily rollups of
    every (account, marketplace) day range they touch, from the raw lines, so rollups always
    agree with the lines. `rows` may be any iterable (a generator streaming a file): it is read
    in chunks. Flushes; the caller commits. Returns the number of lines written.

    With `import_id` (an all-orders import) the lines carry it, and each order's lines come from
    one source only: lines of the same (account, marketplace, order id) written earlier — by the
    seed or an earlier file — are set aside in `order_line_replaced` (undo puts them back). So are
    the lines of `cancelled_orders`, (marketplace, order id) pairs the file names as cancelled;
    that iterable is read after `rows` is exhausted, so a parser may fill it as it goes."""
    accounts: dict[int, list[str]] = {}
    spans = Spans()
    written = 0
    for chunk in _chunks(rows, CHUNK_ROWS):
        wanted = {int(r["account_id"]) for r in chunk if "account_id" in r} - set(accounts)
        if wanted:
            accounts.update((a.id, a.marketplaces) for a in session.execute(
                select(Account).where(Account.id.in_(wanted))).scalars())
        clean = [_clean_row(r, accounts) for r in chunk]
        for r in clean:
            r["import_id"] = import_id
            spans.add(r["account_id"], r["marketplace"], r["purchase_date"])
        _insert_lines(session, clean)
        written += len(clean)
    if import_id is not None:
        owner = session.execute(select(Import.account_id).where(Import.id == import_id)).scalar_one()
        spans.update(_set_aside_earlier_lines(session, owner, import_id, list(cancelled_orders)))
    if not spans:
        return 0
    rollups.rebuild(session, spans)
    session.flush()
    return written


_INSERT_COLUMNS = ("account_id", "marketplace", "order_id", "purchase_date", "asin", "sku", "units", "sales_minor",
                   "is_business_order", "industry", "sub_industry", "import_id")
_SQLITE_INSERT = (f"INSERT INTO orderline ({', '.join(_INSERT_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(_INSERT_COLUMNS))})")


def _insert_lines(session: Session, clean: list[dict]) -> None:
    """Insert clean lines straight through the driver, the fastest way each database takes many
    rows in the current transaction: SQLite's executemany (dates as ISO text and booleans as 0/1,
    as SQLAlchemy stores them there), PostgreSQL's COPY (psycopg); any other driver gets
    SQLAlchemy Core's insert."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(_SQLITE_INSERT, [
            (r["account_id"], r["marketplace"], r["order_id"], r["purchase_date"].isoformat(), r["asin"], r["sku"],
             r["units"], r["sales_minor"], int(r["is_business_order"]), r["industry"], r["sub_industry"],
             r["import_id"]) for r in clean])
    elif connection.dialect.driver == "psycopg":
        with connection.connection.dbapi_connection.cursor() as cursor, cursor.copy(
                f"COPY orderline ({', '.join(_INSERT_COLUMNS)}) FROM STDIN") as copy:
            for r in clean:
                copy.write_row(tuple(r[c] for c in _INSERT_COLUMNS))
    else:
        connection.execute(OrderLine.__table__.insert(), clean)


def _chunks(rows: Iterable[Mapping], size: int) -> Iterator[list[Mapping]]:
    chunk: list[Mapping] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_LINE_COLUMNS = ("id", "account_id", "marketplace", "order_id", "purchase_date", "asin", "sku", "units",
                 "sales_minor", "is_business_order", "industry", "sub_industry", "import_id")


def _day_spans(session: Session, where) -> Spans:
    """The days (per account and marketplace) of the order lines matching `where`."""
    ol = OrderLine.__table__.c
    spans = Spans()
    for account_id, mp, lo, hi in session.execute(
        select(ol.account_id, ol.marketplace, func.min(ol.purchase_date), func.max(ol.purchase_date))
        .where(where).group_by(ol.account_id, ol.marketplace)
    ).all():
        spans.add(account_id, mp, lo, hi)
    return spans


def _set_aside_earlier_lines(session: Session, account_id: int, import_id: int,
                             cancelled: list[tuple[str, str]]) -> Spans:
    """Move the account's lines of orders this import names (by its lines or as cancelled) that
    came from elsewhere into `order_line_replaced`, replaced by this import. Returns their days."""
    if cancelled:
        session.execute(insert(ImportOrder), [
            {"import_id": import_id, "account_id": account_id, "marketplace": mp, "order_id": order_id}
            for mp, order_id in dict.fromkeys(cancelled)])
    ol = OrderLine.__table__.c
    mine = OrderLine.__table__.alias("mine")
    io = ImportOrder.__table__.c
    named = or_(
        exists().where(mine.c.import_id == import_id, mine.c.account_id == ol.account_id,
                       mine.c.marketplace == ol.marketplace, mine.c.order_id == ol.order_id),
        exists().where(io.import_id == import_id, io.marketplace == ol.marketplace, io.order_id == ol.order_id),
    )
    older = and_(ol.account_id == account_id, or_(ol.import_id.is_(None), ol.import_id != import_id), named)
    spans = _day_spans(session, older)
    if spans:
        session.execute(insert(OrderLineReplaced).from_select(
            [*_LINE_COLUMNS, "replaced_by"],
            select(*(ol[c] for c in _LINE_COLUMNS), literal(import_id)).where(older)))
        r = OrderLineReplaced.__table__.c
        session.execute(delete(OrderLine).where(ol.id.in_(select(r.id).where(r.replaced_by == import_id))))
    return spans


def remove_import_lines(session: Session, import_id: int) -> int:
    """Undo an all-orders import's order lines: delete them, and give each order's earlier lines
    (set aside by this import) back — to the next later import that names the order if one does,
    else to `orderline`. Rebuilds the rollups of every day touched. Flushes. Returns the number
    of lines removed."""
    ol = OrderLine.__table__.c
    r = OrderLineReplaced.__table__.c
    io = ImportOrder.__table__.c
    spans = _day_spans(session, ol.import_id == import_id)
    for account_id, mp, lo, hi in session.execute(
        select(r.account_id, r.marketplace, func.min(r.purchase_date), func.max(r.purchase_date))
        .where(r.replaced_by == import_id).group_by(r.account_id, r.marketplace)
    ).all():
        spans.add(account_id, mp, lo, hi)
    removed = session.execute(delete(OrderLine).where(ol.import_id == import_id)).rowcount or 0
    session.execute(delete(OrderLineReplaced).where(r.import_id == import_id))  # ours, set aside by later ones
    session.execute(update(OrderLineReplaced).where(r.replaced_by == import_id).values(
        replaced_by=func.coalesce(_next_import_naming(session, import_id, r), r.replaced_by)))
    session.execute(insert(OrderLine).from_select(
        list(_LINE_COLUMNS), select(*(r[c] for c in _LINE_COLUMNS)).where(r.replaced_by == import_id)))
    session.execute(delete(OrderLineReplaced).where(r.replaced_by == import_id))
    session.execute(delete(ImportOrder).where(io.import_id == import_id))
    if spans:
        rollups.rebuild(session, spans)
    session.flush()
    return removed


def _next_import_naming(session: Session, import_id: int, r):
    """SQL: the smallest import id above `import_id` naming the order of the set-aside line `r` (by
    a line, a set-aside line of its own, or as cancelled); NULL when none does."""
    never = literal(2**62)
    candidates = []
    for table in (OrderLine.__table__, OrderLineReplaced.__table__.alias("later"), ImportOrder.__table__):
        c = table.c
        candidates.append(func.coalesce(select(func.min(c.import_id)).where(
            c.account_id == r.account_id, c.marketplace == r.marketplace, c.order_id == r.order_id,
            c.import_id > import_id).scalar_subquery(), never))
    least = func.min if session.get_bind().dialect.name == "sqlite" else func.least  # min(a, b, c) in SQLite
    return func.nullif(least(*candidates), never)


@access.guarded("b2b")
def data_version(session: Session, account_id: int, *, user_id: int | None = None) -> int:
    """Bumped whenever the account's sales change: part of every cached read's key."""
    version = session.get(DataVersion, account_id)
    return version.version if version else 0


def account_marketplace(session: Session, account_id: int, marketplace: str | None) -> str:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(M("No such account."))
    if marketplace is None:
        return account.home_marketplace
    if marketplace not in account.marketplaces:
        raise ValidationError(
            M("This account does not sell in {marketplace}.", marketplace=marketplace), field="marketplace"
        )
    return marketplace


def check_query(start: date, end: date, metric: str) -> None:
    if metric not in METRICS:
        raise ValidationError(M("Metric must be one of {items}.", items=', '.join(METRICS)), field="metric")
    if end < start:
        raise ValidationError(M("The end date must be on or after the start date."), field="end")


@access.guarded("b2b")
def sales_snapshot(
    session: Session,
    account_id: int,
    start: date,
    end: date,
    metric: str = "sales",
    compare_last_year: bool = False,
    marketplace: str | None = None,
    *,
    user_id: int | None = None,
) -> pd.DataFrame:
    """B2B, Non-B2B and Total per bucket (day ≤ 31 days, ISO week ≤ 183 days, else month).

    With `compare_last_year`, adds `<segment>_last_year` columns: every day of
    [same_day_last_year(start), same_day_last_year(end)] counted once, in the bucket of the
    same calendar date this year (29 February → 28 February). Sales are Decimal, units int.

    Days come from `rollup_day` (a daily report where one was imported, else the order lines).
    B2B unknown is not zero: a bucket holding a day whose report had no B2B figures has b2b and
    non_b2b None (the total is still given). `attrs` says where the range's days came from:
    `sources` {"report": days, "orders": days} (days with data) and `b2b_unknown_days`.
    """
    check_query(start, end, metric)
    mp = account_marketplace(session, account_id, marketplace)
    grain = grain_for(start, end)
    bucket_list = buckets(start, end, grain)
    ly_start, ly_end = same_day_last_year(start), same_day_last_year(end)
    t = DayRollup.__table__.c
    total, b2b = (t.total_sales_minor, t.b2b_sales_minor) if metric == "sales" else (t.total_units, t.b2b_units)
    this_year = t.day.between(start, end)
    when = or_(this_year, t.day.between(ly_start, ly_end)) if compare_last_year else this_year
    rows = session.execute(
        select(t.day, t.source, b2b, total).where(t.account_id == account_id, t.marketplace == mp, when)
    ).all()
    # per bucket: b2b, total, b2b last year, total last year (a None b2b poisons its bucket)
    acc: dict[date, list] = defaultdict(lambda: [0, 0, 0, 0])
    sources = {"report": 0, "orders": 0}
    unknown_days = 0
    for day, source, b, v in rows:
        if start <= day <= end:  # a range over a year long has days in both windows
            row = acc[bucket_start(day, grain, start)]
            row[0] = None if b is None or row[0] is None else row[0] + b
            row[1] += v
            sources[source] += 1
            unknown_days += b is None
        if compare_last_year and ly_start <= day <= ly_end:
            row = acc[bucket_start(max(same_day_next_year(day), start), grain, start)]
            row[2] = None if b is None or row[2] is None else row[2] + b
            row[3] += v
    convert = from_minor if metric == "sales" else int

    def value(v):
        return None if v is None else convert(v)

    data: dict[str, list] = {"bucket": bucket_list, "b2b": [], "non_b2b": [], "total": []}
    if compare_last_year:
        data.update(b2b_last_year=[], non_b2b_last_year=[], total_last_year=[])
    for bucket in bucket_list:
        b2b_v, total_v, b2b_ly, total_ly = acc.get(bucket, (0, 0, 0, 0))
        data["b2b"].append(value(b2b_v))
        data["non_b2b"].append(None if b2b_v is None else convert(total_v - b2b_v))
        data["total"].append(convert(total_v))
        if compare_last_year:
            data["b2b_last_year"].append(value(b2b_ly))
            data["non_b2b_last_year"].append(None if b2b_ly is None else convert(total_ly - b2b_ly))
            data["total_last_year"].append(convert(total_ly))
    frame = pd.DataFrame({k: pd.Series(v, dtype=object) if None in v else v for k, v in data.items()})
    frame.attrs.update(grain=grain, metric=metric, marketplace=mp, start=start, end=end, sources=sources,
                       b2b_unknown_days=unknown_days)
    return frame


def snapshot_summary(frame: pd.DataFrame) -> dict[str, dict]:
    """Per segment: the range's total, last year's (None unless compared) and YoY % (None when last is
    0 or unknown). A segment with an unknown bucket (B2B not reported) has value None."""
    is_money = frame.attrs.get("metric", "sales") == "sales"

    def total(column: str):
        values = list(frame[column])
        if any(v is None or v != v for v in values):  # None, or NaN once pandas has touched it
            return None
        return sum(values, start=Decimal("0.00")) if is_money else sum(int(v) for v in values)

    out = {}
    for seg in SEGMENTS:
        this = total(seg)
        last = total(f"{seg}_last_year") if f"{seg}_last_year" in frame else None
        out[seg] = {"value": this, "last_year": last,
                    "yoy_pct": None if this is None or last is None else yoy_pct(this, last)}
    return out


@access.guarded("b2b")
def has_sales(session: Session, account_id: int, *, user_id: int | None = None) -> bool:
    """True when any day of any marketplace has figures (from order lines or a report)."""
    t = DayRollup.__table__.c
    return session.execute(select(t.day).where(t.account_id == account_id).limit(1)).first() is not None
