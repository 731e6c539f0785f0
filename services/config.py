"""Policy values (SPEC "(policy)" facts). Every business number that may change lives here."""

from __future__ import annotations

from datetime import timedelta

from services.i18n import N_, M

# --- Sign-in (SPEC §1) ---
LOCKOUT_MAX_FAILURES = 5
LOCKOUT_WINDOW = timedelta(minutes=15)
LOCKOUT_DURATION = timedelta(minutes=15)
COOKIE_EXPIRY_DAYS = 7.0
SESSION_LIFETIME = timedelta(days=COOKIE_EXPIRY_DAYS)
COOKIE_NAME = "b2b_console_auth"

# --- Time ranges (SPEC §3) ---
RANGE_DAYS = {"7D": 7, "30D": 30, "90D": 90, "6M": 183, "1Y": 365}
DAY_BUCKET_MAX_DAYS = 31
WEEK_BUCKET_MAX_DAYS = 183

# --- Offers (SPEC §2) ---
MAX_QUANTITY_TIERS = 5
MIN_TIER_QUANTITY = 2  # a quantity discount starts at 2 units or more

# --- Business Action Center (SPEC §3.4) ---
TASK_LIFETIME_DAYS = 14
TASK_LIFETIME = timedelta(days=TASK_LIFETIME_DAYS)
BUYER_REQUEST_EXPIRY_HOURS = 48
BUYER_REQUEST_EXPIRY = timedelta(hours=BUYER_REQUEST_EXPIRY_HOURS)
TASK_TYPE_ORDER = ("buyer_request", "credential", "business_profile", "welcome")
WELCOME_WINDOW_DAYS = 60  # accounts whose first B2B order is this recent get the Welcome Series
CREDENTIAL_EXPIRY_WARNING_DAYS = 30
CREDENTIAL_TYPES = (
    "Registered Small Business", "Women-Owned Small Business", "Minority-Owned Business",
    "Veteran-Owned Small Business", "ISO 9001", "ISO 14001", "AS9100",
)
PROFILE_ABOUT_MAX = 2000
PROFILE_FIRST_YEAR = 1800
BUSINESS_TYPES = ("Manufacturer", "Distributor", "Wholesaler", "Retailer", "Brand owner", "Reseller", "Other")

# --- Email (SPEC §9) ---
EMAIL_RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
SMTP_TIMEOUT_SECONDS = 10

# --- Supply Chain Connect (SPEC §5) ---
INVITATION_EXPIRY_DAYS = 7  # supplier and user invitation links
SUPPLIER_INVITATION_EXPIRY = timedelta(days=INVITATION_EXPIRY_DAYS)
USER_INVITATION_EXPIRY = timedelta(days=INVITATION_EXPIRY_DAYS)
SUPPLIER_TYPES = {"manufacturer": M("Manufacturer"), "freight_forwarder": M("Freight forwarder"),
                  "wholesaler": M("Wholesaler"), "other": M("Other")}  # Messages: each reader's language
MAX_SHIPMENT_BOXES = 200

# --- Partner authorizations (SPEC §6) ---
MAX_PARTNERS_PER_BRAND = 50
MAX_SELLERS_PER_ASIN_MARKETPLACE = 10
MIN_PARTNER_HEALTH_SCORE = 90
EXCLUDED_PARTNER_CATEGORIES = ("Books", "Media")

# --- Account Health (SPEC §7) ---
AHR_MIN, AHR_MAX = 0, 1000
AHR_BANDS = (  # (lowest score, label, colour)
    (0, N_("Critical"), "#d62728"),
    (100, N_("At risk"), "#ff9f1c"),
    (200, N_("Healthy"), "#2ca02c"),
)
AHR_START_SCORE = 200
AHA_THRESHOLD = 250
AHA_WINDOW_DAYS = 180
AHA_MAX_DAYS_BELOW = 10
AHA_MARKETPLACES = ("US", "CA")
AHA_CASE_HOURS = 72
ORDER_DEFECT_WINDOW_DAYS = 60
AHR_HISTORY_DAYS = 365
# Performance targets, in percent: (direction, limit). "<" must stay below, "<=" at most, ">" above.
METRIC_TARGETS = {
    "order_defect_rate": ("<", 1.0),
    "late_shipment_rate": ("<", 4.0),
    "pre_fulfilment_cancel_rate": ("<", 2.5),
    "valid_tracking_rate": (">", 95.0),
}
BUSINESS_METRIC_TARGETS = {  # stricter targets for business orders, per marketplace
    "US": {"order_defect_rate": ("<=", 0.5), "pre_fulfilment_cancel_rate": ("<", 1.0),
           "late_shipment_rate": ("<", 1.0)},
    "CA": {"order_defect_rate": ("<=", 0.5), "pre_fulfilment_cancel_rate": ("<", 1.0),
           "late_shipment_rate": ("<", 2.0)},
}

# --- Imports (SPEC §12) ---
IMPORT_MAX_PROBLEMS = 20  # a refused file lists this many problems, then "and N more"
IMPORT_FIRST_YEAR = 2000  # report dates before 1 January of this year are refused…
IMPORT_DAYS_AHEAD = 1  # …and so are dates after the marketplace's today plus this many days
IMPORT_PREVIEW_DAYS = 7  # the preview shows the first days' totals

# --- Passwords ---
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_BYTES = 72  # bcrypt reads no further
BCRYPT_ROUNDS = 12  # tests lower this for speed; the hash format is streamlit-authenticator's

# --- Account manager portfolio (SPEC §8) ---
PORTFOLIO_EXPIRING_REQUEST_WINDOW = timedelta(hours=12)  # "buyer requests expiring within 12 h" on the portfolio
PORTFOLIO_SPARKLINE_POINTS = 31  # at most this many points in a row's B2B trend (days grouped evenly)
PORTFOLIO_OPEN_SHIPMENT_STATUSES = ("shared", "in_progress")  # with a supplier, not shipped yet
PORTFOLIO_PENDING_AUTHORIZATION_STATUSES = ("Submitted", "Under review")  # of the brands the account owns

# --- Alerts (SPEC §8) ---
ALERT_KINDS = ("ahr_below", "ahr_band_change", "ahr_drop", "b2b_sales_drop", "buyer_request_new",
               "buyer_request_expiring", "credential_expiring", "authorization_expiring", "shipment_shipped",
               "aha_case", "metric_off_target")
ALERT_CHANNELS = ("in_app", "email", "digest")
# On for every manager and admin until they change or remove them (over all their accounts, in-app)
ALERT_DEFAULT_KINDS = ("ahr_band_change", "aha_case", "buyer_request_expiring")
# Kinds that take a threshold: (default, lowest, highest, unit)
ALERT_THRESHOLDS = {
    "ahr_below": (250, 1, 1000, "AHR"),
    "ahr_drop": (50, 1, 1000, "points"),
    "b2b_sales_drop": (30, 1, 100, "%"),
    "credential_expiring": (30, 1, 365, "days"),
    "authorization_expiring": (14, 1, 365, "days"),
}
ALERT_AHR_DROP_WINDOW_DAYS = 7  # "AHR drop of ≥ N points within 7 days"
ALERT_SALES_DROP_WINDOW_DAYS = 7  # the last 7 complete days against the 7 days before
ALERT_BUYER_REQUEST_EXPIRING = timedelta(hours=6)  # unanswered with less than this left
ALERT_SHIPMENT_SHIPPED_WINDOW = timedelta(days=7)  # a shipment shipped this recently counts as news
ALERT_SNOOZE = {"day": timedelta(days=1), "week": timedelta(weeks=1)}
ALERT_DIGEST_HOUR_UTC = 7  # the daily digest goes out at the first run at or after this hour (UTC)
PORTFOLIO_ATTENTION_B2B_YOY_PCT = -25.0  # B2B sales this far down on last year flag the row
