"""All-orders flat files become order lines: every counting rule against the tests' own reading of
the file, several marketplaces, files that overlap, and undo in any order."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from services import imports, industries, products, sales
from services.errors import ValidationError
from services.models import OrderLine, OrderLineReplaced
from tests.imports_support import NOW, fixture, run, seller

ZONES = {"US": ZoneInfo("America/Los_Angeles"), "CA": ZoneInfo("America/Toronto")}
CHANNELS = {"Amazon.com": "US", "Amazon.ca": "CA"}
HEADER = ["amazon-order-id", "purchase-date", "order-status", "sales-channel", "sku", "asin", "item-status",
          "quantity", "currency", "item-price", "is-business-order"]


def expected_lines(data: bytes) -> list[tuple]:
    """The tests' own reading of the rules: (marketplace, order id, local day, asin, sku, units, cents, b2b)."""
    out = []
    for row in csv.DictReader(io.StringIO(data.decode()), delimiter="\t"):
        mp = CHANNELS.get(row["sales-channel"])
        if mp is None or "Cancelled" in (row["order-status"], row.get("item-status")) or not row["item-price"]:
            continue
        instant = datetime.fromisoformat(row["purchase-date"].replace("Z", "+00:00"))
        out.append((mp, row["amazon-order-id"], instant.astimezone(ZONES[mp]).date(), row["asin"], row["sku"],
                    int(row["quantity"]), int(Decimal(row["item-price"].replace(",", "")) * 100),
                    row["is-business-order"].lower() == "true"))
    return sorted(out)


def stored_lines(session, account_id: int) -> list[tuple]:
    lines = session.exec(select(OrderLine).where(OrderLine.account_id == account_id))
    return sorted((r.marketplace, r.order_id, r.purchase_date, r.asin, r.sku, r.units, r.sales_minor,
                   r.is_business_order) for r in lines)


def tsv(*rows: list[str], header: list[str] = HEADER) -> bytes:
    return ("\t".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in rows)).encode()


def line(order: str, when: str = "2026-07-05T18:00:00+00:00", status: str = "Shipped", channel: str = "Amazon.com",
         sku: str = "SKU-A", asin: str = "B0AAAAAAAA", item_status: str = "Shipped", quantity: str = "1",
         currency: str = "USD", price: str = "10.00", b2b: str = "false") -> list[str]:
    return [order, when, status, channel, sku, asin, item_status, quantity, currency, price, b2b]


def test_the_file_becomes_order_lines_by_seller_centrals_rules(session):
    account, _ = seller(session)
    data = fixture("all_orders_us_ca.txt")
    result = run(session, account.id, "all_orders_us_ca.txt")
    expected = expected_lines(data)
    assert stored_lines(session, account.id) == expected
    assert len(expected) == 6  # two identical rows are two items; cancelled, pending and Non-Amazon rows are not
    assert (result.kind, result.marketplaces, result.rows) == ("all_orders", ["US", "CA"], 10)
    assert result.details | {"rows": 10} == {"rows": 10, "order_lines": 6, "cancelled_items": 2, "pending_items": 1,
                                             "other_channels": 1, "zero_quantity": 0}
    assert any("2 cancelled items" in w for w in result.warnings)
    assert any("1 pending items" in w for w in result.warnings)
    # 06:59:59 UTC on 1 July is still 30 June in Los Angeles; 03:30 UTC on 2 July is 1 July in Toronto
    assert ("US", "111-0000001-0000001", date(2026, 6, 30)) in [t[:3] for t in expected]
    assert ("CA", "702-0000006-0000006", date(2026, 7, 1)) in [t[:3] for t in expected]
    for mp in ("US", "CA"):
        per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0])
        for m, _, day, _, _, _, cents, b2b in expected:
            if m == mp:
                per_day[day][0] += cents
                per_day[day][1] += cents if b2b else 0
        frame = sales.sales_snapshot(session, account.id, date(2026, 6, 30), date(2026, 7, 2), marketplace=mp)
        for row in frame.itertuples():
            total, b2b = per_day.get(row.bucket, [0, 0])
            assert (row.total, row.b2b) == (Decimal(total) / 100, Decimal(b2b) / 100)


def test_top_products_and_the_industry_widget_fill_in_with_other(session):
    account, _ = seller(session)
    run(session, account.id, "all_orders_us_ca.txt")
    top = products.top_products(session, account.id, date(2026, 6, 30), date(2026, 7, 2))
    assert top[["asin", "sales", "units", "orders"]].values.tolist() == [
        ["B0AAAAAAAA", Decimal("20.00"), 2, 1], ["B0BBBBBBBB", Decimal("20.00"), 2, 1]]  # ties by ASIN
    donut = industries.industry_breakdown(session, account.id, date(2026, 6, 30), date(2026, 7, 2))
    assert donut[["segment", "sales", "orders"]].values.tolist() == [["Other", Decimal("40.00"), 2]]
    ca = products.top_products(session, account.id, date(2026, 7, 1), date(2026, 7, 2), marketplace="CA")
    assert ca[["asin", "sales", "units"]].values.tolist() == [["B0CCCCCCCC", Decimal("1234.00"), 4]]


def test_a_later_file_prices_a_pending_order_and_cancels_another(session):
    account, _ = seller(session)
    first = run(session, account.id, tsv(line("A", price="", currency=""), line("B", price="30.00", quantity="3"),
                                         line("C", price="5.00")), "first.txt")
    assert {r[1] for r in stored_lines(session, account.id)} == {"B", "C"}
    second = run(session, account.id, tsv(line("A", price="12.00"), line("B", status="Cancelled", price="",
                                                                          currency="", quantity="0")), "second.txt")
    assert sorted(r[1] for r in stored_lines(session, account.id)) == ["A", "C"]  # B cancelled since
    day = date(2026, 7, 5)
    assert sales.sales_snapshot(session, account.id, day, day)["total"].tolist() == [Decimal("17.00")]
    imports.undo_import(session, account.id, second.id, now=NOW)
    assert sorted(r[1] for r in stored_lines(session, account.id)) == ["B", "C"]  # exactly the first file again
    assert sales.sales_snapshot(session, account.id, day, day)["total"].tolist() == [Decimal("35.00")]
    imports.undo_import(session, account.id, first.id, now=NOW)
    assert stored_lines(session, account.id) == []
    assert not sales.has_sales(session, account.id)


def _effective(files: dict[str, dict[str, str]], standing: list[str]) -> dict[str, str]:
    """The tests' own rule: each order's price comes from the latest standing file naming it."""
    out: dict[str, str] = {}
    for name in standing:
        for order, price in files[name].items():
            out[order] = price
    return {o: p for o, p in out.items() if p != "cancelled"}


@pytest.mark.parametrize("undo_order", [("b",), ("c",), ("a",), ("b", "c"), ("c", "b"), ("b", "a"), ("a", "c", "b")])
def test_overlapping_files_undone_in_any_order(session, undo_order):
    account, _ = seller(session)
    seeded = {"S": "1.00", "X": "2.00"}
    sales.record_order_lines(session, [{"account_id": account.id, "marketplace": "US", "order_id": o,
                                        "purchase_date": date(2026, 7, 5), "asin": "B0AAAAAAAA", "sku": "SKU-A",
                                        "units": 1, "sales": p, "is_business_order": False} for o, p in seeded.items()])
    files = {"seed": seeded,
             "a": {"S": "10.00", "A": "11.00", "X": "cancelled"},
             "b": {"A": "20.00", "B": "21.00"},
             "c": {"B": "cancelled", "S": "30.00", "C": "31.00"}}
    ids = {}
    for name in ("a", "b", "c"):
        rows = [line(o, price="" if p == "cancelled" else p, currency="" if p == "cancelled" else "USD",
                     status="Cancelled" if p == "cancelled" else "Shipped") for o, p in files[name].items()]
        ids[name] = run(session, account.id, tsv(*rows), f"{name}.txt").id
    standing = ["seed", "a", "b", "c"]
    for name in undo_order:
        imports.undo_import(session, account.id, ids[name], now=NOW)
        standing.remove(name)
        got = {r[1]: f"{Decimal(r[6]) / 100:.2f}" for r in stored_lines(session, account.id)}
        assert got == _effective(files, standing), f"after undoing {undo_order[:undo_order.index(name) + 1]}"
        day = date(2026, 7, 5)
        total = sum(Decimal(p) for p in got.values())
        assert sales.sales_snapshot(session, account.id, day, day)["total"].tolist() == [total]
    assert session.exec(select(OrderLineReplaced).where(OrderLineReplaced.replaced_by.in_(
        [ids[n] for n in undo_order]))).all() == []


def test_streams_a_file_object_with_progress(session, tmp_path):
    account, _ = seller(session)
    path = tmp_path / "orders.txt"
    path.write_bytes(fixture("all_orders_us_ca.txt"))
    seen = []
    with path.open("rb") as handle:
        result = imports.import_report(session, account.id, path.name, handle, now=NOW,
                                       progress=lambda done, total: seen.append((done, total)))
    assert result.details["order_lines"] == 6
    assert seen and seen[-1] == (path.stat().st_size, path.stat().st_size)


def test_bad_rows_are_named_by_line_and_column_and_nothing_is_written(session):
    account, _ = seller(session)
    data = tsv(line("A"), line("B", quantity="2x"), line("C", currency="EUR"), line("D", price="12,3x4"),
               line("E", asin="nope"), line("F", b2b="maybe"), line("G", when="yesterday"),
               line("H", channel="Amazon.de", currency="EUR"), line("I", channel="Amazon.xyz"))
    with pytest.raises(ValidationError) as exc:
        run(session, account.id, data, "bad.txt")
    assert exc.value.reasons == [
        "line 3, column 'quantity': '2x' is not a whole number of 0 or more",
        "line 4, column 'currency': 'EUR' is not USD, the currency of US",
        "line 5, column 'item-price': '12,3x4' is not an amount of money",
        "line 6, column 'asin': 'nope' is not an ASIN (10 capital letters and digits)",
        "line 7, column 'is-business-order': 'maybe' is not true or false",
        "line 8, column 'purchase-date': 'yesterday' is not a date and time (like 2026-07-01T17:23:45+00:00)",
        "line 10, column 'sales-channel': 'Amazon.xyz' is not an Amazon marketplace this app knows",
        "line 9: sales channel 'Amazon.de' is DE, where this account does not sell (it sells in US, CA)",
    ]
    assert stored_lines(session, account.id) == [] and imports.import_history(session, account.id) == []


def test_only_another_marketplace_is_refused(session):
    account, _ = seller(session, "US", ("US",))
    with pytest.raises(ValidationError, match="line 2: sales channel 'Amazon.ca' is CA, where this account does not"):
        run(session, account.id, tsv(line("A", channel="Amazon.ca", currency="CAD")), "ca.txt")


def test_the_business_order_column_is_required(session):
    account, _ = seller(session)
    header = [h for h in HEADER if h != "is-business-order"]
    with pytest.raises(ValidationError, match="The column 'is-business-order' is missing"):
        run(session, account.id, tsv(line("A")[:-1], header=header), "old.txt")
