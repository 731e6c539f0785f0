"""Which report a file is, from its content only (never its name), and the plain refusals that
need no parsing: an empty file, a web page saved as .csv, a truncated or broken JSON document, a
table this app does not read."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from services.i18n import M
from services.imports import ahr, all_orders, business_reports, performance, sales_traffic
from services.imports.common import WEB_PAGE, Source, read_header, refuse

KINDS = ("business_report_by_date", "business_report_by_child_asin", "sales_and_traffic", "all_orders",
         "seller_performance", "ahr_scores")
KIND_LABELS = {
    "business_report_by_date": M("Business Report — Sales and Traffic by Date"),
    "business_report_by_child_asin": M("Business Report — Detail Page Sales and Traffic by Child Item"),
    "sales_and_traffic": M("Sales & Traffic report (SP-API JSON)"),
    "all_orders": M("All orders (flat file)"),
    "seller_performance": M("Seller performance report (SP-API JSON)"),
    "ahr_scores": M("AHR scores (CSV)"),
}
UNKNOWN_TABLE = M("This file is not a report this app reads. Import a Business Report (by date or by child item), "
                 "an all-orders flat file, a Sales & Traffic or seller performance JSON report, or an AHR score "
                 "CSV with the columns day and score.")


@dataclass
class Detected:
    kind: str
    doc: dict | None = None  # JSON reports: the parsed document
    text: str = ""  # JSON reports: the text (for line numbers)


def _json(source: Source) -> tuple[dict, str]:
    text = source.read_all()
    try:
        doc = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        stripped = text.rstrip()
        if exc.pos >= len(stripped) or exc.msg.startswith("Unterminated string"):
            refuse(
                M(
                    "The JSON ends early at line {n}: the file is cut short — download the report again.",
                    n=stripped.count(chr(10)) + 1,
                )
            )
        refuse(
            M(
                "The JSON is broken at line {lineno}, column {colno}: {msg}.",
                lineno=exc.lineno,
                colno=exc.colno,
                msg=exc.msg,
            )
        )
    if not isinstance(doc, dict):
        refuse(M("This JSON is not a report this app reads."))
    return doc, text


def detect(source: Source) -> Detected:
    head = source.head.lstrip()
    if not head.strip():
        refuse(M("The file is empty."))
    start = head[:4096].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body")) or "<html" in start:
        refuse(WEB_PAGE)
    if head[0] in "{[":
        doc, text = _json(source)
        if sales_traffic.is_sales_and_traffic(doc):
            return Detected("sales_and_traffic", doc, text)
        if performance.is_seller_performance(doc):
            return Detected("seller_performance", doc, text)
        refuse(
            M(
                "This JSON is not a report this app reads: expected a Sales & Traffic report "
                "(GET_SALES_AND_TRAFFIC_REPORT) or a seller performance report (GET_V2_SELLER_PERFORMANCE_REPORT)."
            )
        )
    _, names = read_header(source)
    if all_orders.is_all_orders(names):
        return Detected("all_orders")
    kind = business_reports.detect(names)
    if kind is not None:
        return Detected(kind)
    if ahr.is_ahr(names):
        return Detected("ahr_scores")
    refuse(UNKNOWN_TABLE)
