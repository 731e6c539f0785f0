"""SP-API `GET_V2_SELLER_PERFORMANCE_REPORT` JSON (schema accountHealthReport-2020-11-18.json; issue
12 format 5).

Per marketplace: the account status (`accountStatuses[]`: NORMAL, AT_RISK, DEACTIVATED, and
SUSPENDED in Amazon's examples), the AHR status (`accountHealthRating.ahrStatus`, which the
schema also names `accountHealthRatingStatus`: GREAT or WARNED — the 0–1000 score is in no
report), and the performance metrics. Rates are fractions (0.009 = 0.9 %) and are stored in
percent, like the metrics entered by hand. The order defect rate is the seller-fulfilled (mfn)
figure; the FBA (afn) figure is kept beside it as `order_defect_rate_fba`. Both spellings found
in Amazon's schema and examples are read: `preFulfillmentCancellationRate` /
`prefulfillmentCancelRate`, `warningStates` / `warningState`, `documentRequests` /
`documentRequest`. Policy blocks keep their `defectsCount`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.i18n import M
from services.imports.common import MARKETPLACE_IDS, Parsed, Problems, Target, outside, refuse

RATES = {  # stored metric → spellings in the report
    "order_defect_rate": ("orderDefectRate.mfn",),
    "order_defect_rate_fba": ("orderDefectRate.afn",),
    "late_shipment_rate": ("lateShipmentRate",),
    "pre_fulfilment_cancel_rate": ("preFulfillmentCancellationRate", "prefulfillmentCancelRate"),
    "valid_tracking_rate": ("validTrackingRate",),
    "on_time_delivery_rate": ("onTimeDeliveryRate",),
    "unit_on_time_delivery_rate": ("unitOnTimeDeliveryRate",),
    "invoice_defect_rate": ("invoiceDefectRate",),
}
POLICY_BLOCKS = ("listingPolicyViolations", "productAuthenticityCustomerComplaints",
                 "productConditionCustomerComplaints", "productSafetyCustomerComplaints",
                 "receivedIntellectualPropertyComplaints", "restrictedProductPolicyViolations",
                 "suspectedIntellectualPropertyViolations", "foodAndProductSafetyIssues", "otherPolicyViolations",
                 "documentRequests")
SPELLING = {"documentRequests": ("documentRequests", "documentRequest")}
ACCOUNT_STATUSES = ("NORMAL", "AT_RISK", "DEACTIVATED", "SUSPENDED")
AHR_STATUSES = ("GREAT", "WARNED")


def is_seller_performance(doc: dict) -> bool:
    return "performanceMetrics" in doc or "accountStatuses" in doc


def _get(block: dict, path: str) -> object:
    for key in path.split("."):
        if not isinstance(block, dict):
            return None
        block = block.get(key)
    return block


def _period(block: dict, where: str, window: tuple[date, date], problems: Problems) -> tuple[date | None, ...]:
    rng = block.get("reportingDateRange") or {}
    out = []
    for key in ("reportingDateFrom", "reportingDateTo"):
        text = rng.get(key)
        if text is None:
            out.append(None)
            continue
        try:
            day = date.fromisoformat(str(text)[:10])
        except ValueError:
            problems.add(None, f"{where}.reportingDateRange.{key}", text, M("is not a date"))
            out.append(None)
            continue
        if why := outside(day, window):
            problems.add(None, f"{where}.reportingDateRange.{key}", text, why)
        out.append(day)
    return tuple(out)


def _pct(value: object) -> float | None:
    if value is None:
        return None
    return float(Decimal(str(value)) * 100)


def _metrics(entry: dict, mp: str, where: str, window: tuple[date, date], problems: Problems) -> list[dict]:
    out = []
    for metric, spellings in RATES.items():
        block = next((b for s in spellings if isinstance(b := _get(entry, s), dict)), None)
        if block is None:
            continue
        rate = block.get("rate")
        if rate is not None and (isinstance(rate, bool) or not isinstance(rate, (int, Decimal)) or rate < 0):
            problems.add(None, f"{where}.{spellings[0]}.rate", rate, M("is not a rate (a fraction like 0.009)"))
            continue
        start, end = _period(block, f"{where}.{spellings[0]}", window, problems)
        out.append({"marketplace": mp, "metric": metric, "value_pct": _pct(rate), "defects": None,
                    "status": str(block.get("status") or ""), "target_pct": _pct(block.get("targetValue")),
                    "target_condition": str(block.get("targetCondition") or ""), "period_from": start,
                    "period_to": end})
    for name in POLICY_BLOCKS:
        block = next((b for s in SPELLING.get(name, (name,)) if isinstance(b := entry.get(s), dict)), None)
        if block is None:
            continue
        count = block.get("defectsCount")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
            problems.add(None, f"{where}.{name}.defectsCount", count, M("is not a count"))
            continue
        start, end = _period(block, f"{where}.{name}", window, problems)
        out.append({"marketplace": mp, "metric": name, "value_pct": None, "defects": count,
                    "status": str(block.get("status") or ""), "target_pct": None,
                    "target_condition": str(block.get("targetCondition") or ""), "period_from": start,
                    "period_to": end})
    for warning in entry.get("warningStates") or entry.get("warningState") or []:
        if isinstance(warning, dict) and warning.get("warningType"):
            out.append({"marketplace": mp, "metric": f"warning:{warning['warningType']}"[:60], "value_pct": None,
                        "defects": None, "status": str(warning.get("status") or ""), "target_pct": None,
                        "target_condition": "", "period_from": None, "period_to": None})
    return out


def parse(doc: dict, target: Target, marketplace_chosen: bool) -> Parsed:
    problems = Problems()
    found: dict[str, dict] = {}  # marketplace → {"metrics": [...], "status": ..., "ahr_status": ...}
    foreign: list[str] = []

    def slot(marketplace_id: object, where: str) -> dict | None:
        mp = MARKETPLACE_IDS.get(str(marketplace_id))
        if mp is None:
            problems.add(None, f"{where}.marketplaceId", marketplace_id, M("is not a marketplace id this app knows"))
            return None
        if mp not in target.sells_in or (marketplace_chosen and mp != target.marketplace):
            foreign.append(mp)
            return None
        return found.setdefault(mp, {"metrics": [], "status": None, "ahr_status": None, "as_of": None})

    for n, entry in enumerate(doc.get("accountStatuses") or []):
        where = f"accountStatuses[{n}]"
        if (into := slot(entry.get("marketplaceId"), where)) is None:
            continue
        status = str(entry.get("status") or "").upper()
        if status not in ACCOUNT_STATUSES:
            problems.add(
                None,
                f"{where}.status",
                entry.get("status"),
                M("is not one of {items}", items=", ".join(ACCOUNT_STATUSES)),
            )
        into["status"] = status
    for n, entry in enumerate(doc.get("performanceMetrics") or []):
        where = f"performanceMetrics[{n}]"
        if (into := slot(entry.get("marketplaceId"), where)) is None:
            continue
        mp = MARKETPLACE_IDS[str(entry.get("marketplaceId"))]
        window = target.window(mp)
        into["metrics"] += _metrics(entry, mp, where, window, problems)
        ahr = entry.get("accountHealthRating") or {}
        ahr_status = ahr.get("ahrStatus") or ahr.get("accountHealthRatingStatus")
        if ahr_status is not None:
            if str(ahr_status).upper() not in AHR_STATUSES:
                problems.add(None, f"{where}.accountHealthRating.ahrStatus", ahr_status, M("is not GREAT or WARNED"))
            into["ahr_status"] = str(ahr_status).upper()
    problems.raise_if_any()
    if not found:
        if foreign:
            if not marketplace_chosen:
                refuse(M("This report is for {marketplaces}, where this account does not sell (it sells in {items}).",
                         marketplaces=", ".join(dict.fromkeys(foreign)), items=", ".join(target.sells_in)),
                       field="marketplace")
            refuse(M("This report has no figures for {marketplace}.", marketplace=target.marketplace),
                   field="marketplace")
        refuse(M("The report has no performance metrics and no account status."))
    metrics, statuses, days = [], [], []
    for mp, got in found.items():
        metrics += got["metrics"]
        ends = [m["period_to"] for m in got["metrics"] if m["period_to"]]
        starts = [m["period_from"] for m in got["metrics"] if m["period_from"]]
        days += ends + starts
        statuses.append({"marketplace": mp, "status": got["status"], "ahr_status": got["ahr_status"],
                         "as_of": max(ends) if ends else None})
    parsed = Parsed("seller_performance", list(found), min(days) if days else None, max(days) if days else None,
                    len(metrics) + len(statuses), metrics=metrics, statuses=statuses,
                    details={"metrics": len(metrics)})
    skipped = sorted(set(foreign))
    if skipped:
        parsed.warnings.append(
            M(
                "Figures of {skipped} are skipped: this import is for {found}.",
                skipped=", ".join(skipped),
                found=", ".join(found),
            )
        )
    parsed.preview = [{"marketplace": s["marketplace"], "account_status": s["status"], "ahr_status": s["ahr_status"],
                       **{m["metric"]: m["value_pct"] for m in metrics if m["marketplace"] == s["marketplace"]
                          and m["metric"] in RATES}} for s in statuses]
    return parsed
