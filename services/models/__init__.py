"""Every table, one module per area. Importing this package registers them all with SQLModel's
metadata (Alembic's autogenerate and `seed --reset` rely on that); callers import the names
they need from here: ``from services.models import Account, Task``."""

from services.models.accounts import (
    Account,
    AuditEntry,
    LoginFailure,
    LoginLock,
    Marketplace,
    Membership,
    User,
    UserSession,
)
from services.models.actions import (
    BusinessProfile,
    BuyerRequest,
    BuyerRequestResponse,
    Credential,
    CredentialEligibility,
    Task,
)
from services.models.alerts import Alert, AlertDigest, AlertRule
from services.models.health import AhaCase, AhrScore, HealthMetric, HealthSettings, PolicyViolation
from services.models.imports import (
    Import,
    ImportAccountStatus,
    ImportAhr,
    ImportAsin,
    ImportDay,
    ImportMetric,
    ImportOrder,
)
from services.models.outbox import Email
from services.models.partners import Brand, BrandAsin, PartnerAuthorization, PartnerStanding, PermissionLogEntry
from services.models.portfolio import AHR_SCORE_COVER, DAY_SALES  # noqa: F401  (registers the indexes)
from services.models.prefs import WidgetRating, WidgetState
from services.models.sales import (
    DailyMeasures,
    DataVersion,
    DayRollup,
    IndustryDay,
    OrderLine,
    OrderLineReplaced,
    Product,
    ProductDay,
    QuantityTier,
    SegmentDay,
)
from services.models.supply import (
    RemovalRequest,
    Shipment,
    SupplierCompany,
    SupplierConnection,
    SupplierInvitation,
    SupplierMember,
    UserInvitation,
)

__all__ = [
    "Account", "AhaCase", "AhrScore", "Alert", "AlertDigest", "AlertRule", "AuditEntry", "Brand", "BrandAsin",
    "BusinessProfile", "BuyerRequest", "BuyerRequestResponse", "Credential", "CredentialEligibility",
    "DailyMeasures", "DataVersion", "DayRollup", "Email", "HealthMetric", "HealthSettings", "Import",
    "ImportAccountStatus", "ImportAhr", "ImportAsin", "ImportDay", "ImportMetric", "ImportOrder", "IndustryDay",
    "LoginFailure", "LoginLock", "Marketplace", "Membership", "OrderLine", "OrderLineReplaced",
    "PartnerAuthorization", "PartnerStanding", "PermissionLogEntry", "PolicyViolation", "Product", "ProductDay",
    "QuantityTier", "RemovalRequest", "SegmentDay", "Shipment", "SupplierCompany", "SupplierConnection",
    "SupplierInvitation", "SupplierMember", "Task", "User", "UserInvitation", "UserSession", "WidgetRating",
    "WidgetState",
]
