"""sales_snapshot checked against an independent pandas calculation over generated order lines."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from sqlmodel import select

from services import sales
from services.errors import NotFound, ValidationError
from services.models import IndustryDay, ProductDay, SegmentDay
from tests.factories import make_account

FIRST_DAY, LAST_DAY = date(2023, 1, 1), date(2025, 3, 31)


def generate_lines(account_id: int, marketplace: str, seed: int) -> list[dict]:
    """Random multi-line orders, some B2B, some classified by industry, across a leap day."""
    rng = np.random.default_rng(seed)
    days = (LAST_DAY - FIRST_DAY).days + 1
    rows = []
    for o in range(1600):
        day = FIRST_DAY + timedelta(days=int(rng.integers(days)))
        b2b = bool(rng.random() < 0.35)
        industry = rng.choice(["Education", "Healthcare", None]) if b2b else None
        sub = None if industry is None else f"{industry} sub {int(rng.integers(2))}"
        for _ in range(int(rng.integers(1, 4))):
            units = int(rng.integers(1, 6))
            cents = int(rng.integers(100, 20000)) * units
            rows.append({
                "account_id": account_id, "marketplace": marketplace, "order_id": f"{seed}-{o:06d}",
                "purchase_date": day, "asin": f"B0TEST{int(rng.integers(5)):04d}", "sku": f"SKU-{seed}",
                "units": units, "sales": Decimal(cents) / 100, "is_business_order": b2b,
                "industry": industry, "sub_industry": sub,
            })
    # pin a leap-day order and its neighbours
    for d in (date(2024, 2, 28), date(2024, 2, 29), date(2025, 2, 28), date(2023, 2, 28)):
        rows.append({"account_id": account_id, "marketplace": marketplace, "order_id": f"{seed}-leap-{d}",
                     "purchase_date": d, "asin": "B0LEAPLEAP", "sku": "LEAP", "units": 2,
                     "sales": Decimal("10.05"), "is_business_order": True, "industry": None, "sub_industry": None})
    return rows


def expected_snapshot(rows: list[dict], start: date, end: date, metric: str, compare: bool) -> pd.DataFrame:
    """Independent calculation straight from the raw lines with pandas' own calendar tools."""
    df = pd.DataFrame(rows)
    df["day"] = pd.to_datetime(df["purchase_date"])
    df["value"] = df["sales"].map(Decimal) if metric == "sales" else df["units"]
    n_days = (end - start).days + 1
    freq = "D" if n_days <= 31 else "W-SUN" if n_days <= 183 else "M"
    ts_start, ts_end = pd.Timestamp(start), pd.Timestamp(end)

    def bucket(ts: pd.Series) -> pd.Series:
        b = ts.dt.to_period(freq).dt.start_time
        return b.where(b >= ts_start, ts_start)

    index = pd.Index(sorted(set(bucket(pd.Series(pd.date_range(ts_start, ts_end))))), name="bucket")
    zero = Decimal("0.00") if metric == "sales" else 0
    out = pd.DataFrame(index=index)
    cur = df[(df["day"] >= ts_start) & (df["day"] <= ts_end)].assign(bucket=lambda x: bucket(x["day"]))
    for name, mask in (("b2b", cur["is_business_order"]), ("non_b2b", ~cur["is_business_order"])):
        out[name] = cur[mask].groupby("bucket")["value"].sum().reindex(index, fill_value=zero)
    out["total"] = out["b2b"] + out["non_b2b"]
    if compare:
        ly_start, ly_end = ts_start - pd.DateOffset(years=1), ts_end - pd.DateOffset(years=1)
        last = df[(df["day"] >= ly_start) & (df["day"] <= ly_end)].copy()
        moved = last["day"] + pd.DateOffset(years=1)
        last["bucket"] = bucket(moved.where(moved >= ts_start, ts_start))
        for name, mask in (("b2b", last["is_business_order"]), ("non_b2b", ~last["is_business_order"])):
            out[f"{name}_last_year"] = last[mask].groupby("bucket")["value"].sum().reindex(index, fill_value=zero)
        out["total_last_year"] = out["b2b_last_year"] + out["non_b2b_last_year"]
    out = out.reset_index()
    out["bucket"] = out["bucket"].dt.date
    return out


@pytest.fixture
def loaded(session):
    """Two accounts with their own lines, written in several overlapping batches."""
    a = make_account(session, "US")
    b = make_account(session, "UK")
    rows_a, rows_b = generate_lines(a.id, "US", 1), generate_lines(b.id, "UK", 2)
    for chunk in (rows_a[:700], rows_b, rows_a[700:1500], rows_a[1500:]):
        sales.record_order_lines(session, chunk)
    session.commit()
    return a.id, rows_a, b.id, rows_b


def _assert_same(actual: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(actual["bucket"]) == list(expected["bucket"])
    for column in expected.columns:
        assert list(actual[column]) == list(expected[column]), column


@pytest.mark.parametrize(
    ("start", "end", "grain"),
    [
        (date(2024, 2, 20), date(2024, 3, 5), "day"),  # includes 29 Feb
        (date(2025, 1, 1), date(2025, 1, 31), "day"),  # 31 days is still daily
        (date(2024, 11, 13), date(2025, 2, 10), "week"),  # 90 days, starts mid-week
        (date(2024, 9, 30), date(2025, 3, 31), "week"),  # exactly 183 days
        (date(2024, 3, 15), date(2025, 3, 14), "month"),  # 1Y, starts mid-month
        (date(2024, 1, 1), date(2025, 3, 31), "month"),
    ],
)
@pytest.mark.parametrize("metric", ["sales", "units"])
def test_snapshot_matches_independent_calculation(session, loaded, start, end, grain, metric):
    account_a, rows_a, _, _ = loaded
    for compare in (False, True):
        frame = sales.sales_snapshot(session, account_a, start, end, metric, compare_last_year=compare)
        assert frame.attrs["grain"] == grain
        _assert_same(frame, expected_snapshot(rows_a, start, end, metric, compare))


def test_leap_day_last_year_counts_each_day_once(session, loaded):
    account_a, rows_a, _, _ = loaded
    # This year (2025) has no 29 Feb; last year's 28 and 29 Feb 2024 both land on 28 Feb 2025.
    frame = sales.sales_snapshot(session, account_a, date(2025, 2, 27), date(2025, 3, 1), "sales", True)
    expected = expected_snapshot(rows_a, date(2025, 2, 27), date(2025, 3, 1), "sales", True)
    _assert_same(frame, expected)
    raw = pd.DataFrame(rows_a)
    ly_total = raw[(raw["purchase_date"] >= date(2024, 2, 27)) & (raw["purchase_date"] <= date(2024, 3, 1))]
    assert sum(frame["total_last_year"]) == sum(ly_total["sales"].map(Decimal))


def test_accounts_do_not_mix(session, loaded):
    account_a, rows_a, account_b, rows_b = loaded
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    _assert_same(sales.sales_snapshot(session, account_b, start, end), expected_snapshot(rows_b, start, end,
                                                                                         "sales", False))
    a_total = sum(sales.sales_snapshot(session, account_a, start, end)["total"])
    b_total = sum(sales.sales_snapshot(session, account_b, start, end)["total"])
    assert a_total != b_total and a_total > 0 and b_total > 0


def test_empty_range_gives_zero_buckets(session, loaded):
    account_a, _, _, _ = loaded
    frame = sales.sales_snapshot(session, account_a, date(2030, 1, 1), date(2030, 1, 7), "sales", True)
    assert len(frame) == 7
    assert all(v == Decimal("0.00") for c in frame.columns if c != "bucket" for v in frame[c])
    summary = sales.snapshot_summary(frame)
    assert summary["b2b"]["yoy_pct"] is None  # last year is 0 → n/a


def test_summary_yoy(session, loaded):
    account_a, rows_a, _, _ = loaded
    start, end = date(2024, 6, 1), date(2024, 8, 31)
    summary = sales.snapshot_summary(sales.sales_snapshot(session, account_a, start, end, "sales", True))
    raw = pd.DataFrame(rows_a)
    raw["sales"] = raw["sales"].map(Decimal)
    b2b = raw[raw["is_business_order"]]
    this = sum(b2b[(b2b["purchase_date"] >= start) & (b2b["purchase_date"] <= end)]["sales"])
    last = sum(b2b[(b2b["purchase_date"] >= date(2023, 6, 1)) & (b2b["purchase_date"] <= date(2023, 8, 31))]["sales"])
    assert summary["b2b"]["value"] == this
    assert summary["b2b"]["last_year"] == last
    assert summary["b2b"]["yoy_pct"] == pytest.approx(float(100 * (this - last) / last))


def test_bad_queries_are_refused(session, loaded):
    account_a, _, _, _ = loaded
    with pytest.raises(ValidationError) as exc:
        sales.sales_snapshot(session, account_a, date(2024, 2, 2), date(2024, 2, 1))
    assert exc.value.field == "end"
    with pytest.raises(ValidationError):
        sales.sales_snapshot(session, account_a, date(2024, 2, 1), date(2024, 2, 2), metric="profit")
    with pytest.raises(ValidationError):
        sales.sales_snapshot(session, account_a, date(2024, 2, 1), date(2024, 2, 2), marketplace="JP")
    with pytest.raises(NotFound):
        sales.sales_snapshot(session, 999_999, date(2024, 2, 1), date(2024, 2, 2))


def test_rollups_agree_with_raw_lines(session, loaded):
    account_a, rows_a, account_b, rows_b = loaded
    raw = pd.DataFrame(rows_a + rows_b)
    raw["minor"] = (raw["sales"].map(Decimal) * 100).astype(int)
    measures = {"units": ("units", "sum"), "minor": ("minor", "sum"), "orders": ("order_id", "nunique"),
                "items": ("order_id", "size")}
    expected = raw.groupby(["account_id", "purchase_date", "is_business_order"]).agg(**measures)
    got = {(r.account_id, r.day, r.is_business): (r.units, r.sales_minor, r.orders, r.order_items)
           for r in session.exec(select(SegmentDay))}
    assert got == {k: tuple(int(x) for x in v) for k, v in expected.iterrows()}
    b2b = raw[raw["is_business_order"]]
    ind = b2b.assign(industry=b2b["industry"].fillna(""), sub_industry=b2b["sub_industry"].fillna("")).groupby(
        ["account_id", "purchase_date", "industry", "sub_industry"]).agg(**measures)
    got_ind = {(r.account_id, r.day, r.industry, r.sub_industry): (r.units, r.sales_minor, r.orders, r.order_items)
               for r in session.exec(select(IndustryDay))}
    assert got_ind == {k: tuple(int(x) for x in v) for k, v in ind.iterrows()}
    prod = raw.groupby(["account_id", "purchase_date", "asin", "sku", "is_business_order"]).agg(**measures)
    got_prod = {(r.account_id, r.day, r.asin, r.sku, r.is_business): (r.units, r.sales_minor, r.orders, r.order_items)
                for r in session.exec(select(ProductDay))}
    assert got_prod == {k: tuple(int(x) for x in v) for k, v in prod.iterrows()}


def test_late_lines_for_an_existing_day_update_its_rollup(session):
    account = make_account(session, "US")
    day = date(2025, 5, 5)
    line = {"account_id": account.id, "marketplace": "US", "purchase_date": day, "asin": "B0AAAAAAAA",
            "sku": "S1", "units": 1, "sales": "5.00", "is_business_order": True}
    sales.record_order_lines(session, [{**line, "order_id": "o1"}])
    sales.record_order_lines(session, [{**line, "order_id": "o1", "sku": "S2"}, {**line, "order_id": "o2"}])
    frame = sales.sales_snapshot(session, account.id, day, day)
    assert frame["b2b"].tolist() == [Decimal("15.00")]
    row = session.exec(select(SegmentDay).where(SegmentDay.account_id == account.id)).one()
    assert (row.units, row.orders) == (3, 2)  # o1 spans two calls but is one order


@pytest.mark.parametrize(
    ("change", "field"),
    [({"units": 0}, "units"), ({"units": 2.5}, "units"), ({"sales": "-1.00"}, "sales"),
     ({"sales": "1.005"}, "sales"), ({"sales": "ten"}, "sales"), ({"marketplace": "JP"}, "marketplace")],
)
def test_bad_order_lines_are_refused_and_nothing_is_written(session, change, field):
    account = make_account(session, "US")
    good = {"account_id": account.id, "marketplace": "US", "order_id": "o1", "purchase_date": date(2025, 1, 1),
            "asin": "B0AAAAAAAA", "sku": "S1", "units": 1, "sales": "5.00", "is_business_order": False}
    with pytest.raises(ValidationError) as exc:
        sales.record_order_lines(session, [good, {**good, "order_id": "o2", **change}])
    assert exc.value.field == field
    assert not sales.has_sales(session, account.id)
