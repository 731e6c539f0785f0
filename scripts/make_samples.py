"""Write small example files of every report format to samples/, from the demo catalogue:

    python -m scripts.make_samples [--out samples] [--today YYYY-MM-DD] [--seed 42]

It seeds a throw-away demo database (the same seed and day as `make run`), reads Northwind
Industrial Supply's offers and daily figures (US, and CA for the all-orders file) and writes:
a Business Report by date (all 43 columns, English, B2B), a Business Report by child item (a
child under two parents), a Sales & Traffic JSON (DAY, by SKU), an all-orders flat file (US and
CA, a cancelled item, a pending order, two identical rows), a seller performance JSON and an AHR
score CSV; plus samples/README.md with the commands that import them into the demo. Figures are
made up around the demo's own (a report's numbers differ from the order lines, so importing one
visibly changes B2B Central). Deterministic for a given seed and day.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
from babel.numbers import format_currency, format_decimal
from sqlalchemy import func, select
from sqlmodel import Session

from seed.__main__ import run as seed_run
from services.db import make_engine
from services.models import Account, DayRollup, Product, ProductDay

ACCOUNT_TOKEN = "A1NWIND0000US1"
BR_DATE_COLUMNS = [
    "Date", "Ordered Product Sales", "Ordered Product Sales - B2B", "Units Ordered", "Units Ordered - B2B",
    "Total Order Items", "Total Order Items - B2B", "Average Sales per Order Item",
    "Average Sales per Order Item - B2B", "Average Units per Order Item", "Average Units per Order Item - B2B",
    "Average Selling Price", "Average Selling Price - B2B", "Page Views - Mobile APP", "Page Views - Mobile APP - B2B",
    "Page Views - Browser", "Page Views - Browser - B2B", "Page Views - Total", "Page Views - Total - B2B",
    "Sessions - Mobile APP", "Sessions - Mobile APP - B2B", "Sessions - Browser", "Sessions - Browser - B2B",
    "Sessions - Total", "Sessions - Total - B2B", "Featured Offer (Buy Box) Percentage",
    "Featured Offer (Buy Box) Percentage - B2B", "Order Item Session Percentage",
    "Order Item Session Percentage - B2B", "Unit Session Percentage", "Unit Session Percentage - B2B",
    "Average Offer Count", "Average Parent Items", "Units Refunded", "Refund Rate", "Feedback Received",
    "Negative Feedback Received", "Received Negative Feedback Rate", "A-to-z Claims Granted", "Claims Amount",
    "Shipped Product Sales", "Units Shipped", "Orders Shipped",
]
BR_CHILD_COLUMNS = [
    "(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions - Mobile App", "Sessions - Mobile App - B2B",
    "Sessions - Browser", "Sessions - Browser - B2B", "Sessions - Total", "Sessions - Total - B2B",
    "Session Percentage - Total", "Page Views - Total", "Page Views - Total - B2B", "Page Views Percentage - Total",
    "Featured Offer (Buy Box) Percentage", "Featured Offer (Buy Box) Percentage - B2B", "Units Ordered",
    "Units Ordered - B2B", "Unit Session Percentage", "Unit Session Percentage - B2B", "Ordered Product Sales",
    "Ordered Product Sales - B2B", "Total Order Items", "Total Order Items - B2B",
]
ALL_ORDERS_COLUMNS = [
    "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
    "fulfillment-channel", "sales-channel", "order-channel", "url", "ship-service-level", "product-name", "sku",
    "asin", "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price", "shipping-tax",
    "gift-wrap-price", "gift-wrap-tax", "item-promotion-discount", "ship-promotion-discount", "ship-city",
    "ship-state", "ship-postal-code", "ship-country", "promotion-ids", "is-business-order",
    "purchase-order-number", "price-designation",
]


def usd(minor: int) -> str:
    return format_currency(minor / 100, "USD", locale="en_US")


def count(n: int) -> str:
    return format_decimal(n, locale="en_US")


def pct(value: float) -> str:
    return f"{value:.2f}%"


def csv_text(header: list[str], rows: list[list[object]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n",
                        quoting=csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def daily(session: Session, account_id: int, mp: str, start: date, end: date) -> list[DayRollup]:
    return list(session.execute(select(DayRollup).where(
        DayRollup.account_id == account_id, DayRollup.marketplace == mp, DayRollup.day.between(start, end))
        .order_by(DayRollup.day)).scalars())


def _same_offer(t):
    return (Product.account_id == t.account_id) & (Product.sku == t.sku) & (Product.marketplace == t.marketplace)


def business_report_by_date(days: list[DayRollup], rng: np.random.Generator) -> str:
    rows = []
    for d in days:
        lift = 1.05 + 0.1 * rng.random()  # Amazon's own count includes what the demo lines miss
        sales, b2b = int(d.total_sales_minor * lift), int(d.b2b_sales_minor * lift)
        units, b2b_units = int(d.total_units * lift) or 1, int(d.b2b_units * lift)
        items, b2b_items = int(d.total_order_items * lift) or 1, int(d.b2b_order_items * lift)
        sessions, b2b_sessions = int(items / 0.11), int(b2b_items / 0.16)
        views, b2b_views = int(sessions * 1.6), int(b2b_sessions * 1.5)
        app, b2b_app = int(sessions * 0.35), int(b2b_sessions * 0.2)
        rows.append([
            f"{d.day.month}/{d.day.day}/{d.day:%y}", usd(sales), usd(b2b), count(units), count(b2b_units),
            count(items), count(b2b_items), usd(sales // items), usd(b2b // b2b_items if b2b_items else 0),
            f"{units / items:.2f}", f"{b2b_units / b2b_items if b2b_items else 0:.2f}", usd(sales // units),
            usd(b2b // b2b_units if b2b_units else 0), count(int(views * 0.35)), count(int(b2b_views * 0.2)),
            count(views - int(views * 0.35)), count(b2b_views - int(b2b_views * 0.2)), count(views),
            count(b2b_views), count(app), count(b2b_app), count(sessions - app), count(b2b_sessions - b2b_app),
            count(sessions), count(b2b_sessions), pct(92 + 6 * rng.random()), pct(94 + 5 * rng.random()),
            pct(100 * items / sessions), pct(100 * b2b_items / b2b_sessions if b2b_sessions else 0),
            pct(100 * units / sessions), pct(100 * b2b_units / b2b_sessions if b2b_sessions else 0), "3",
            "30", count(int(rng.integers(0, 3))), pct(1.2 * rng.random()), count(int(rng.integers(0, 4))), "0",
            pct(0), "0", usd(0), usd(int(sales * 0.93)), count(int(units * 0.93)), count(int(items * 0.9)),
        ])
    return csv_text(BR_DATE_COLUMNS, rows)


def business_report_by_child(session: Session, account_id: int, start: date, end: date) -> str:
    t = ProductDay.__table__.c
    b2b = t.is_business.is_(True)
    rows = session.execute(
        select(Product.asin, Product.sku, Product.title, func.sum(t.sales_minor), func.sum(t.units),
               func.sum(t.order_items), func.sum(func.coalesce(t.sales_minor * b2b, 0)),
               func.sum(func.coalesce(t.units * b2b, 0)), func.sum(func.coalesce(t.order_items * b2b, 0)))
        .join(Product, _same_offer(t))
        .where(t.account_id == account_id, t.marketplace == "US", t.day.between(start, end))
        .group_by(Product.asin, Product.sku, Product.title).order_by(func.sum(t.sales_minor).desc())
    ).all()
    out = []
    for n, (asin, sku, title, sales, units, items, b_sales, b_units, b_items) in enumerate(rows):
        parent = f"B0PARENT{n // 3 + 1:02d}"
        sessions, b_sessions = int(items / 0.12) + 1, int(b_items / 0.15) + 1
        parts = [(parent, 1.0)] if n != 0 else [(parent, 0.6), ("B0PARENT99", 0.4)]  # one child under two parents
        for par, share in parts:
            s, u, i = int(sales * share), int(units * share), int(items * share)
            bs, bu, bi = int(b_sales * share), int(b_units * share), int(b_items * share)
            ss, bss = int(sessions * share), int(b_sessions * share)
            out.append([par, asin, title, sku, count(int(ss * 0.3)), count(int(bss * 0.2)),
                        count(ss - int(ss * 0.3)), count(bss - int(bss * 0.2)), count(ss), count(bss), pct(1.5),
                        count(int(ss * 1.4)), count(int(bss * 1.3)), pct(1.4), pct(97.5), pct(98.0), count(u),
                        count(bu), pct(100 * u / ss if ss else 0), pct(100 * bu / bss if bss else 0), usd(s),
                        usd(bs), count(i), count(bi)])
    return csv_text(BR_CHILD_COLUMNS, out)


def money(minor: int) -> dict:
    return {"amount": round(minor / 100, 2), "currencyCode": "USD"}


def traffic(sessions: int, units: int, b2b_units: int, views_per_session: float, buy_box: float) -> dict:
    b2b_sessions = max(1, int(sessions * 0.3))
    return {"sessions": sessions, "sessionsB2B": b2b_sessions, "pageViews": int(sessions * views_per_session),
            "pageViewsB2B": int(b2b_sessions * views_per_session), "buyBoxPercentage": buy_box,
            "buyBoxPercentageB2B": min(100.0, buy_box + 1), "unitSessionPercentage": round(100 * units / sessions, 2),
            "unitSessionPercentageB2B": round(100 * b2b_units / b2b_sessions, 2)}


def sales_and_traffic(session: Session, account_id: int, days: list[DayRollup], start: date, end: date) -> str:
    by_date = []
    for d in days:
        sessions = int((d.total_order_items or 1) / 0.1)
        by_date.append({"date": d.day.isoformat(), "salesByDate": {
            "orderedProductSales": money(d.total_sales_minor), "orderedProductSalesB2B": money(d.b2b_sales_minor),
            "unitsOrdered": d.total_units, "unitsOrderedB2B": d.b2b_units, "totalOrderItems": d.total_order_items,
            "totalOrderItemsB2B": d.b2b_order_items, "unitsRefunded": 0, "refundRate": 0.0, "claimsGranted": 0,
            "claimsAmount": money(0), "shippedProductSales": money(d.total_sales_minor), "unitsShipped": d.total_units,
            "ordersShipped": d.total_orders},
            "trafficByDate": traffic(sessions, d.total_units, d.b2b_units, 1.6, 96.4)})
    t = ProductDay.__table__.c
    b2b = t.is_business.is_(True)
    by_asin = []
    for asin, sku, sales, units, items, b_sales, b_units, b_items in session.execute(
        select(Product.asin, t.sku, func.sum(t.sales_minor), func.sum(t.units), func.sum(t.order_items),
               func.sum(func.coalesce(t.sales_minor * b2b, 0)), func.sum(func.coalesce(t.units * b2b, 0)),
               func.sum(func.coalesce(t.order_items * b2b, 0)))
        .join(Product, _same_offer(t))
        .where(t.account_id == account_id, t.marketplace == "US", t.day.between(start, end))
        .group_by(Product.asin, t.sku).order_by(t.sku)
    ).all():
        sessions = int(items / 0.12) + 1
        by_asin.append({"parentAsin": asin, "childAsin": asin, "sku": sku, "salesByAsin": {
            "unitsOrdered": units, "unitsOrderedB2B": b_units, "orderedProductSales": money(sales),
            "orderedProductSalesB2B": money(b_sales), "totalOrderItems": items, "totalOrderItemsB2B": b_items},
            "trafficByAsin": traffic(sessions, units, b_units, 1.5, 97.2)})
    doc = {"reportSpecification": {"reportType": "GET_SALES_AND_TRAFFIC_REPORT",
                                   "reportOptions": {"dateGranularity": "DAY", "asinGranularity": "SKU"},
                                   "dataStartTime": start.isoformat(), "dataEndTime": end.isoformat(),
                                   "marketplaceIds": ["ATVPDKIKX0DER"]},
           "salesAndTrafficByDate": by_date, "salesAndTrafficByAsin": by_asin}
    return json.dumps(doc, indent=2) + "\n"


def all_orders(offers: dict[str, list[Product]], days: list[date], rng: np.random.Generator) -> str:
    channels = {"US": ("Amazon.com", "USD", "113"), "CA": ("Amazon.ca", "CAD", "702")}
    rows = []
    for day in days:
        for mp, (channel, currency, prefix) in channels.items():
            for n in range(24 if mp == "US" else 8):
                order_id = f"{prefix}-{rng.integers(10**6, 10**7)}-{rng.integers(10**6, 10**7)}"
                minutes = 15 * 60 + int(rng.integers(0, 480))  # 15:00–23:00 UTC: the same day in US and CA
                instant = datetime.combine(day, datetime.min.time(), UTC) + timedelta(minutes=minutes)
                business = rng.random() < 0.4
                status = "Pending" if n == 5 else "Shipped"
                for k in range(1 + int(rng.random() < 0.3)):
                    offer = offers[mp][int(rng.integers(0, len(offers[mp])))]
                    quantity = int(1 + rng.poisson(2.0 if business else 0.4))
                    unit = offer.business_price_minor if business and offer.business_price_minor else None
                    unit = unit or offer.standard_price_minor
                    item_status = "Unshipped" if status == "Pending" else "Shipped"
                    if n == 7 and k == 0:
                        item_status = "Cancelled"  # a cancelled item, in a shipped order when it has two
                    price = "" if status == "Pending" else f"{unit * quantity / 100:.2f}"
                    rows.append([order_id, "", instant.isoformat(), instant.isoformat(), status, "Amazon", channel, "",
                                 "", "Standard", offer.title, offer.sku, offer.asin, item_status, quantity,
                                 "" if status == "Pending" else currency, price, "", "", "", "", "", "", "", "", "",
                                 "", mp, "", "true" if business else "false",
                                 f"PO-{rng.integers(1000, 9999)}" if business else "",
                                 "BusinessPrice" if business and offer.business_price_minor else ""])
        rows.append(list(rows[-1]))  # two identical rows are two items: both count
    return csv_text(ALL_ORDERS_COLUMNS, rows, delimiter="\t")


def rate(value: float, target: float, condition: str, start: date, end: date) -> dict:
    return {"reportingDateRange": {"reportingDateFrom": f"{start}T00:00Z", "reportingDateTo": f"{end}T23:59Z"},
            "status": "GOOD", "rate": value, "targetValue": target, "targetCondition": condition}


def seller_performance(end: date) -> str:
    start = end - timedelta(days=59)
    entries = []
    for mp_id, odr in (("ATVPDKIKX0DER", 0.0042), ("A2EUQ1WTGCTBG2", 0.0061)):
        entries.append({
            "marketplaceId": mp_id,
            "orderDefectRate": {"mfn": {**rate(odr, 0.01, "LESS_THAN", start, end), "fulfillmentType": "mfn"},
                                "afn": {**rate(0.0011, 0.01, "LESS_THAN", start, end), "fulfillmentType": "afn"}},
            "lateShipmentRate": rate(0.0123, 0.04, "LESS_THAN", end - timedelta(days=29), end),
            "preFulfillmentCancellationRate": rate(0.0031, 0.025, "LESS_THAN", end - timedelta(days=6), end),
            "validTrackingRate": rate(0.984, 0.95, "GREATER_THAN", end - timedelta(days=29), end),
            "onTimeDeliveryRate": rate(0.962, 0.9, "GREATER_THAN", end - timedelta(days=29), end),
            "invoiceDefectRate": rate(0.0, 0.05, "LESS_THAN", end - timedelta(days=6), end),
            "listingPolicyViolations": {**rate(0, 0, "EQUALS", end - timedelta(days=179), end), "rate": None,
                                        "defectsCount": 1, "status": "BAD"},
            "accountHealthRating": {"ahrStatus": "GREAT", "reportingDateRange": {
                "reportingDateFrom": f"{end - timedelta(days=180)}T00:00Z", "reportingDateTo": f"{end}T23:59Z"}},
            "warningStates": [],
        })
    doc = {"accountStatuses": [{"marketplaceId": "ATVPDKIKX0DER", "status": "NORMAL"},
                               {"marketplaceId": "A2EUQ1WTGCTBG2", "status": "NORMAL"}],
           "performanceMetrics": entries}
    return json.dumps(doc, indent=2) + "\n"


def ahr_scores(end: date, rng: np.random.Generator) -> str:
    rows = [[(end - timedelta(days=i)).isoformat(), int(705 + 30 * np.sin(i / 5) + rng.integers(-8, 8))]
            for i in range(29, -1, -1)]
    return csv_text(["day", "score"], rows)


README = """# Sample reports for the demo

Small files of every format the Import page and `python -m scripts.import_reports` read, made by
`python -m scripts.make_samples` (seed 42, day {today}) from the demo catalogue of *Northwind
Industrial Supply* (merchant token `{token}`, US, also selling in CA). Their days end on
{today}: run the script again for today's dates.

- `business-report-by-date.csv`: Business Report, Sales and Traffic by Date (all 43 columns,
  B2B), {br_start} … {br_end}.
- `business-report-by-child-item.csv`: Business Report, Detail Page Sales and Traffic by Child
  Item; it has no dates: its period is {child_start} … {child_end}. One child is listed under
  two parents (the import adds them up).
- `sales-and-traffic.json`: SP-API GET_SALES_AND_TRAFFIC_REPORT (DAY, by SKU), {st_start} …
  {st_end}.
- `all-orders.txt`: all-orders flat file, US and CA, {orders_start} … {orders_end}: a cancelled
  item, pending orders without a price, two identical rows (two items).
- `seller-performance.json`: SP-API GET_V2_SELLER_PERFORMANCE_REPORT, US and CA, as of {today}.
- `ahr-scores.csv`: AHR scores (day, score), {ahr_start} … {today}.

Import them all into the demo (after `make run` has seeded it):

```bash
python -m scripts.import_reports --account {token} samples/business-report-by-date.csv \\
    samples/sales-and-traffic.json samples/all-orders.txt samples/seller-performance.json samples/ahr-scores.csv
python -m scripts.import_reports --account {token} --period {child_start}:{child_end} \\
    samples/business-report-by-child-item.csv
```

The Sales & Traffic days overlap the Business Report's: the later import wins for those days (one
truth per day). Importing a file twice changes nothing; undo any import from the history.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.make_samples", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("samples"))
    parser.add_argument("--today", type=date.fromisoformat, default=datetime.now(UTC).date())
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    today, rng = args.today, np.random.default_rng([args.seed, 12])
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.db'}"
        seed_run(url, "demo", args.seed, today, do_reset=False, if_empty=False, quiet=True)
        engine = make_engine(url)
        with Session(engine) as session:
            account = session.execute(select(Account).where(Account.merchant_token == ACCOUNT_TOKEN)).scalar_one()
            offers = {mp: list(session.execute(select(Product).where(
                Product.account_id == account.id, Product.marketplace == mp).order_by(Product.sku)).scalars())
                for mp in ("US", "CA")}
            br_end = today - timedelta(days=3)
            br_start = br_end - timedelta(days=13)
            st_start = br_end - timedelta(days=6)
            child_start, child_end = today - timedelta(days=29), today
            files = {
                "business-report-by-date.csv": business_report_by_date(
                    daily(session, account.id, "US", br_start, br_end), rng),
                "business-report-by-child-item.csv": business_report_by_child(session, account.id, child_start,
                                                                              child_end),
                "sales-and-traffic.json": sales_and_traffic(session, account.id,
                                                            daily(session, account.id, "US", st_start, br_end),
                                                            st_start, br_end),
                "all-orders.txt": all_orders(offers, [today - timedelta(days=2), today - timedelta(days=1)], rng),
                "seller-performance.json": seller_performance(today),
                "ahr-scores.csv": ahr_scores(today, rng),
            }
        engine.dispose()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
    (args.out / "README.md").write_text(README.format(
        today=today, token=ACCOUNT_TOKEN, br_start=br_start, br_end=br_end, child_start=child_start,
        child_end=child_end, st_start=st_start, st_end=br_end, orders_start=today - timedelta(days=2),
        orders_end=today - timedelta(days=1), ahr_start=today - timedelta(days=29)), encoding="utf-8")
    print(f"wrote {len(files)} sample reports and README.md to {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
