"""industry_breakdown, top_products and Business Reports against independent pandas calculations."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from services import industries, products, reports, sales
from services.errors import NotFound, ValidationError
from tests.factories import make_account
from tests.unit.test_sales_snapshot import generate_lines

RANGES = [(date(2024, 2, 1), date(2024, 3, 31)), (date(2024, 12, 1), date(2024, 12, 31)),
          (date(2023, 1, 1), date(2025, 3, 31))]


@pytest.fixture
def loaded(session):
    account = make_account(session, "US")
    other = make_account(session, "US")
    rows = generate_lines(account.id, "US", seed=11)
    sales.record_order_lines(session, rows)
    sales.record_order_lines(session, generate_lines(other.id, "US", seed=12))
    products.upsert_product(session, account.id, "US", "B0TEST0001", "SKU-11", "Widget one", "20.00")
    session.commit()
    return account.id, rows


def _window(df: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    return df[(df["purchase_date"] >= start) & (df["purchase_date"] <= end)]


def expected_breakdown(rows, start, end, metric, industry=None) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    df = df[df["is_business_order"]].copy()
    df["sales"] = df["sales"].map(Decimal)
    df["industry"] = df["industry"].fillna("Other")
    df["sub_industry"] = df["sub_industry"].fillna("Other")
    key = "industry"
    if industry is not None:
        df, key = df[df["industry"] == industry], "sub_industry"

    def agg(part):
        return part.groupby(key).agg(sales=("sales", "sum"), units=("units", "sum"), orders=("order_id", "nunique"))

    def shift(d):
        return d - pd.DateOffset(years=1)

    now = agg(_window(df, start, end))
    last = agg(_window(df, shift(pd.Timestamp(start)).date(), shift(pd.Timestamp(end)).date()))
    now["share_pct"] = 100 * now[metric].map(float) / float(now[metric].sum())
    last_metric = last[metric].reindex(now.index, fill_value=0)
    now["yoy_pct"] = [None if not ly else float(100 * (Decimal(str(v)) - Decimal(str(ly))) / Decimal(str(ly)))
                      for v, ly in zip(now[metric], last_metric)]
    now["avg_sales_per_order"] = [(s / o).quantize(Decimal("0.01"), ROUND_HALF_UP) for s, o in
                                  zip(now["sales"], now["orders"])]
    now["avg_units_per_order"] = (now["units"] / now["orders"]).round(2)
    now = now.reset_index().rename(columns={key: "segment"})
    now["_sort"] = now[metric].map(lambda v: -Decimal(str(v)))
    return now.sort_values(["_sort", "segment"]).drop(columns="_sort").reset_index(drop=True)


@pytest.mark.parametrize(("start", "end"), RANGES)
@pytest.mark.parametrize("metric", ["sales", "units"])
def test_industry_breakdown_matches_pandas(session, loaded, start, end, metric):
    account_id, rows = loaded
    got = industries.industry_breakdown(session, account_id, start, end, metric)
    want = expected_breakdown(rows, start, end, metric)
    assert got["segment"].tolist() == want["segment"].tolist()
    assert "Other" in got["segment"].tolist()
    for column in ("sales", "units", "orders", "avg_sales_per_order", "avg_units_per_order"):
        assert got[column].tolist() == want[column].tolist(), column
    assert got["share_pct"].tolist() == pytest.approx(want["share_pct"].tolist())
    assert sum(got["share_pct"]) == pytest.approx(100)
    assert [None if v is None else round(v, 9) for v in got["yoy_pct"]] == [
        None if v is None else round(v, 9) for v in want["yoy_pct"]]


@pytest.mark.parametrize("metric", ["sales", "units"])
def test_sub_industry_shares_are_of_the_industry(session, loaded, metric):
    account_id, rows = loaded
    start, end = RANGES[2]
    got = industries.industry_breakdown(session, account_id, start, end, metric, industry="Education")
    want = expected_breakdown(rows, start, end, metric, industry="Education")
    assert got["segment"].tolist() == want["segment"].tolist() == sorted(want["segment"].tolist(), key=lambda s: (
        -want.set_index("segment").loc[s, metric], s))
    assert got["orders"].tolist() == want["orders"].tolist()
    assert sum(got["share_pct"]) == pytest.approx(100)
    other = industries.industry_breakdown(session, account_id, start, end, metric, industry="Other")
    assert other["segment"].tolist() == ["Other"]


def test_orders_are_distinct_across_multi_line_orders_and_yoy_none_without_last_year(session):
    account = make_account(session, "US")
    day = date(2026, 3, 10)
    base = {"account_id": account.id, "marketplace": "US", "purchase_date": day, "sku": "S", "units": 1,
            "is_business_order": True, "industry": "Education", "sub_industry": "K-12"}
    sales.record_order_lines(session, [
        {**base, "order_id": "A", "asin": "B0AAAAAAAA", "sales": "10.00"},
        {**base, "order_id": "A", "asin": "B0BBBBBBBB", "sales": "5.00", "units": 3},
        {**base, "order_id": "B", "asin": "B0AAAAAAAA", "sales": "1.01"},
        {**base, "order_id": "C", "asin": "B0AAAAAAAA", "sales": "7.00", "industry": None, "sub_industry": None},
    ])
    frame = industries.industry_breakdown(session, account.id, day, day)
    edu = frame.set_index("segment").loc["Education"]
    assert (edu["orders"], edu["units"], edu["sales"]) == (2, 5, Decimal("16.01"))
    assert edu["avg_sales_per_order"] == Decimal("8.01")  # 16.01 / 2 = 8.005 → half up
    assert edu["avg_units_per_order"] == 2.5
    assert edu["yoy_pct"] is None
    assert frame["segment"].tolist() == ["Education", "Other"]
    assert frame["share_pct"].tolist() == pytest.approx([100 * 16.01 / 23.01, 100 * 7 / 23.01])
    empty = industries.industry_breakdown(session, account.id, day - timedelta(days=5), day - timedelta(days=1))
    assert empty.empty and list(empty.columns) == industries.COLUMNS


def test_yoy_is_none_not_nan_beside_real_numbers(session):
    account = make_account(session, "US")
    base = {"account_id": account.id, "marketplace": "US", "sku": "S", "units": 1, "asin": "B0AAAAAAAA",
            "is_business_order": True, "sub_industry": None, "sales": "10.00"}
    sales.record_order_lines(session, [
        {**base, "order_id": "1", "purchase_date": date(2025, 3, 10), "industry": "Education"},
        {**base, "order_id": "2", "purchase_date": date(2026, 3, 10), "industry": "Education", "sales": "15.00"},
        {**base, "order_id": "3", "purchase_date": date(2026, 3, 10), "industry": "Retail"},
    ])
    frame = industries.industry_breakdown(session, account.id, date(2026, 3, 10), date(2026, 3, 10))
    assert frame["yoy_pct"].tolist() == [50.0, None]


def test_ties_in_the_breakdown_are_broken_by_name(session):
    account = make_account(session, "US")
    day = date(2026, 3, 10)
    sales.record_order_lines(session, [
        {"account_id": account.id, "marketplace": "US", "purchase_date": day, "sku": "S", "units": 1,
         "is_business_order": True, "industry": name, "sub_industry": None, "order_id": name,
         "asin": "B0AAAAAAAA", "sales": "3.00"} for name in ("Retail", "Healthcare", "Education")])
    assert industries.industry_breakdown(session, account.id, day, day)["segment"].tolist() == [
        "Education", "Healthcare", "Retail"]


def expected_top(rows, start, end, metric, limit=5) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    df = _window(df[df["is_business_order"]], start, end).copy()
    df["sales"] = df["sales"].map(Decimal)
    g = df.groupby(["asin", "sku"]).agg(sales=("sales", "sum"), units=("units", "sum"),
                                        orders=("order_id", "nunique")).reset_index()
    g["_m"] = g[metric].map(lambda v: -Decimal(str(v)))
    return g.sort_values(["_m", "asin", "sku"]).head(limit).reset_index(drop=True)


@pytest.mark.parametrize(("start", "end"), RANGES)
@pytest.mark.parametrize("metric", ["sales", "units"])
def test_top_products_matches_pandas(session, loaded, start, end, metric):
    account_id, rows = loaded
    got = products.top_products(session, account_id, start, end, metric)
    want = expected_top(rows, start, end, metric)
    assert got["rank"].tolist() == list(range(1, len(want) + 1))
    for column in ("asin", "sku", "sales", "units", "orders"):
        assert got[column].tolist() == want[column].tolist(), column
    titles = dict(zip(got["asin"], got["title"]))
    assert all(titles[a] == (a if a != "B0TEST0001" else "Widget one") for a in titles)  # falls back to ASIN


def test_top_products_ties_go_by_asin(session):
    account = make_account(session, "US")
    day = date(2026, 3, 10)
    sales.record_order_lines(session, [
        {"account_id": account.id, "marketplace": "US", "purchase_date": day, "sku": f"S{asin[-1]}", "units": 2,
         "is_business_order": True, "order_id": asin, "asin": asin, "sales": "4.00"}
        for asin in ("B0CCCCCCCC", "B0AAAAAAAA", "B0BBBBBBBB")])
    got = products.top_products(session, account.id, day, day, "units", limit=2)
    assert got["asin"].tolist() == ["B0AAAAAAAA", "B0BBBBBBBB"]


@pytest.mark.parametrize("view", ["date", "asin"])
def test_business_report_matches_pandas(session, loaded, view):
    account_id, rows = loaded
    start, end = date(2024, 2, 20), date(2024, 3, 5)
    got = reports.business_report(session, account_id, view, start, end)
    df = _window(pd.DataFrame(rows), start, end).copy()
    df["sales"] = df["sales"].map(Decimal)
    key = ["purchase_date"] if view == "date" else ["asin", "sku"]
    total = df.groupby(key).agg(sales=("sales", "sum"), units=("units", "sum"), items=("order_id", "size"))
    b2b = df[df["is_business_order"]].groupby(key).agg(
        sales=("sales", "sum"), units=("units", "sum"), items=("order_id", "size"))
    if view == "date":
        assert got["date"].tolist() == [end - timedelta(days=i) for i in range((end - start).days + 1)]
        got = got.set_index("date")
    else:
        got = got.set_index(["asin", "sku"])
        assert set(got.index) == set(total.index)
    for idx, row in total.iterrows():
        g = got.loc[idx]
        assert (g["total_sales"], g["total_units"], g["total_order_items"]) == (row["sales"], row["units"],
                                                                                row["items"])
        b = b2b.loc[idx] if idx in b2b.index else {"sales": Decimal("0.00"), "units": 0, "items": 0}
        assert (g["b2b_sales"], g["b2b_units"], g["b2b_order_items"]) == (b["sales"], b["units"], b["items"])
        assert g["total_avg_sales_per_item"] == (row["sales"] / row["items"]).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_reads_refuse_bad_ranges_and_other_marketplaces(session, loaded):
    account_id, _ = loaded
    with pytest.raises(ValidationError):
        industries.industry_breakdown(session, account_id, date(2024, 2, 2), date(2024, 2, 1))
    with pytest.raises(ValidationError):
        products.top_products(session, account_id, date(2024, 2, 1), date(2024, 2, 2), metric="profit")
    with pytest.raises(ValidationError):
        reports.business_report(session, account_id, "week", date(2024, 2, 1), date(2024, 2, 2))
    with pytest.raises(ValidationError):
        industries.industry_breakdown(session, account_id, date(2024, 2, 1), date(2024, 2, 2), marketplace="JP")
    with pytest.raises(NotFound):
        products.top_products(session, 999_999, date(2024, 2, 1), date(2024, 2, 2))


@pytest.mark.parametrize(("view", "sort_by"), [("date", "total_sales"), ("asin", "b2b_units"), ("date", "date")])
def test_csv_export_equals_the_table_on_screen(session, loaded, view, sort_by):
    import csv
    import io

    from components.reports import report_csv, report_table

    account_id, _ = loaded
    frame = reports.business_report(session, account_id, view, date(2024, 2, 20), date(2024, 3, 5))
    table = report_table(frame, sort_by, descending=True)
    rows = list(csv.reader(io.StringIO(report_csv(table).decode("utf-8-sig"))))
    assert rows[0] == list(table.columns)
    assert len(rows) == len(table) + 1
    expected = [["" if v is None else str(v) for v in record] for record in table.itertuples(index=False)]
    assert rows[1:] == expected
    key = table.columns[list(frame.columns).index(sort_by)]
    values = [Decimal(r[list(table.columns).index(key)]) if sort_by != "date" else r[0] for r in rows[1:]]
    assert values == sorted(values, reverse=True)
