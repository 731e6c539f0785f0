"""Business Profile and business Credentials (SPEC §3.4)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlparse

from sqlmodel import Session, select

from services import access, config
from services.audit import record_audit
from services.errors import Conflict, NotFound, ValidationError
from services.i18n import N_, M
from services.models import Account, BusinessProfile, Credential, CredentialEligibility
from services.text import NAME_MAX, check_text

PROFILE_FIELDS = {  # field → label, in the order buyers care about
    "about": M("About"), "year_established": M("Year established"), "employees": M("Number of employees"),
    "duns": M("DUNS number"), "website": M("Website"), "business_type": M("Business type"),
}


@access.guarded(("actions", "b2b"))
def get_profile(session: Session, account_id: int, *, user_id: int | None = None) -> BusinessProfile:
    """The account's profile (an empty one, not saved, when it has none yet)."""
    if session.get(Account, account_id) is None:
        raise NotFound(M("No such account."))
    return session.get(BusinessProfile, account_id) or BusinessProfile(account_id=account_id)


def missing_fields(profile: BusinessProfile) -> list[str]:
    """Labels of the empty fields, in PROFILE_FIELDS order."""
    return [label for field, label in PROFILE_FIELDS.items() if getattr(profile, field) in (None, "")]


def _whole(text: object) -> int | None:
    text = str(text).strip().replace(",", "")
    return int(text) if re.fullmatch(r"[0-9]{1,12}", text) else None


def validate_profile(values: dict, today: date) -> dict:
    """Check the fields by SPEC §3.4's rules; empty is allowed (the task then names it). Returns
    the cleaned values or raises ValidationError listing every failure (by_field per field)."""
    by_field: dict[str, list[str]] = {}
    clean: dict = {}
    clean["about"] = check_text(by_field, "about", values.get("about"), N_("About"), config.PROFILE_ABOUT_MAX,
                                multiline=True)
    year_text = str(values.get("year_established") or "").strip()
    year = _whole(year_text) if year_text else None
    if year_text and (year is None or not config.PROFILE_FIRST_YEAR <= year <= today.year):
        by_field.setdefault("year_established", []).append(
            M(
                "Year established is a year from {profile_first_year} to {year}.",
                profile_first_year=config.PROFILE_FIRST_YEAR,
                year=today.year,
            )
        )
    clean["year_established"] = year
    employees_text = str(values.get("employees") or "").strip()
    employees = _whole(employees_text) if employees_text else None
    if employees_text and (employees is None or employees <= 0):
        by_field.setdefault("employees", []).append(M("Number of employees is a whole number above zero."))
    clean["employees"] = employees
    duns = re.sub(r"[\s-]", "", str(values.get("duns") or ""))
    if duns and not re.fullmatch(r"[0-9]{9}", duns):
        by_field.setdefault("duns", []).append(M("A DUNS number is exactly 9 digits (dashes and spaces are ignored)."))
    clean["duns"] = duns
    website = check_text(by_field, "website", values.get("website"), N_("Website"), 300)
    if website:
        if not re.match(r"^[a-z][a-z0-9+.-]*://", website, re.I):
            website = "https://" + website
        try:
            parsed = urlparse(website)
            hostname = parsed.hostname or ""
        except ValueError:  # e.g. "[" reads as a broken IPv6 address
            parsed, hostname = None, ""
        if parsed is None or parsed.scheme not in ("http", "https") or "." not in hostname or " " in website:
            by_field.setdefault("website", []).append(M("Enter a web address like https://www.example.com."))
    clean["website"] = website
    business_type = str(values.get("business_type") or "").strip()
    if business_type and business_type not in config.BUSINESS_TYPES:
        by_field.setdefault("business_type", []).append(
            M("Business type is one of: {items}.", items=', '.join(config.BUSINESS_TYPES)))
    clean["business_type"] = business_type
    if by_field:
        raise ValidationError.from_fields(by_field)
    return clean


def save_profile(session: Session, account_id: int, values: dict, user_id: int | None, now: datetime,
                 today: date) -> BusinessProfile:
    """Validate and save the whole profile in one go, with an audit entry. Flushes."""
    if user_id is not None:
        access.require(session, user_id, account_id, "actions", "edit")
    clean = validate_profile(values, today)
    profile = get_profile(session, account_id)
    before = {f: getattr(profile, f) for f in PROFILE_FIELDS}
    for field, value in clean.items():
        setattr(profile, field, value)
    profile.updated_at = now
    session.add(profile)
    session.flush()
    after = {f: getattr(profile, f) for f in PROFILE_FIELDS}
    if after != before:
        record_audit(session, user_id, account_id, "profile.changed", M("Business profile"), before, after, now)
    return profile


def mark_credentials_reviewed(session: Session, account_id: int, user_id: int | None, now: datetime) -> None:
    if user_id is not None:
        access.require(session, user_id, account_id, "actions", "edit")
    profile = get_profile(session, account_id)
    profile.credentials_reviewed_at = now
    session.add(profile)
    session.flush()


# --- Credentials ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CredentialStatus:
    credential: str
    approved: Credential | None  # the current (unexpired) approval, if any
    expiring_soon: bool  # within CREDENTIAL_EXPIRY_WARNING_DAYS of its expiry


@access.guarded("actions")
def eligible_credentials(session: Session, account_id: int, *, user_id: int | None = None) -> list[str]:
    rows = session.exec(select(CredentialEligibility.credential)
                        .where(CredentialEligibility.account_id == account_id)).all()
    order = {c: i for i, c in enumerate(config.CREDENTIAL_TYPES)}
    return sorted(rows, key=lambda c: (order.get(c, 99), c))


def set_eligible(session: Session, account_id: int, credentials: list[str]) -> None:
    for credential in credentials:
        if credential not in config.CREDENTIAL_TYPES:
            raise ValidationError(
                M("Unknown credential {credential}.", credential=f"{credential!r}"), field="credential"
            )
        if session.get(CredentialEligibility, (account_id, credential)) is None:
            session.add(CredentialEligibility(account_id=account_id, credential=credential))
    session.flush()


@access.guarded(("actions", "b2b"))
def current_credentials(session: Session, account_id: int, today: date, *,
                        user_id: int | None = None) -> list[Credential]:
    """Approved credentials still valid today (an expired one disappears on its expiry day)."""
    return list(session.exec(
        select(Credential).where(Credential.account_id == account_id, Credential.expires_on > today)
        .order_by(Credential.credential)
    ))


@access.guarded(("actions", "b2b"))
def credential_badges(session: Session, account_id: int, today: date, *, user_id: int | None = None) -> list[str]:
    return sorted({c.credential for c in current_credentials(session, account_id, today)})


@access.guarded("actions")
def credential_statuses(session: Session, account_id: int, today: date, *,
                        user_id: int | None = None) -> list[CredentialStatus]:
    current = {c.credential: c for c in current_credentials(session, account_id, today)}
    names = eligible_credentials(session, account_id)
    names += [c for c in current if c not in names]
    warn = timedelta(days=config.CREDENTIAL_EXPIRY_WARNING_DAYS)
    return [CredentialStatus(n, current.get(n), n in current and current[n].expires_on - today <= warn)
            for n in names]


def approve_credential(session: Session, account_id: int, credential: str, issuing_agency: str,
                       certificate_number: str, issued_on: date | None, expires_on: date | None,
                       user_id: int | None, now: datetime, today: date) -> Credential:
    """Record an approved credential with its certificate details (all required; issued on or
    before today, expiring after today and after the issue date). Flushes and audits."""
    if user_id is not None:
        access.require(session, user_id, account_id, "actions", "edit")
    by_field: dict[str, list[str]] = {}
    if credential not in eligible_credentials(session, account_id):
        by_field["credential"] = [M("This account is not eligible for that credential.")]
    agency = check_text(by_field, "issuing_agency", issuing_agency, N_("Issuing agency"), NAME_MAX, required=True)
    number = check_text(by_field, "certificate_number", certificate_number, N_("Certificate number"), 100,
                        required=True)
    if issued_on is None:
        by_field["issued_on"] = [M("Enter the issue date.")]
    elif issued_on > today:
        by_field["issued_on"] = [M("The issue date cannot be in the future.")]
    if expires_on is None:
        by_field["expires_on"] = [M("Enter the expiry date.")]
    elif expires_on <= today:
        by_field["expires_on"] = [M("The certificate has already expired: enter a later expiry date.")]
    elif issued_on is not None and expires_on <= issued_on:
        by_field["expires_on"] = [M("The expiry date must be after the issue date.")]
    if by_field:
        raise ValidationError.from_fields(by_field)
    if any(c.credential == credential for c in current_credentials(session, account_id, today)):
        raise Conflict(M("{credential} is already approved for this account.", credential=credential))
    row = Credential(account_id=account_id, credential=credential, issuing_agency=agency,
                     certificate_number=number, issued_on=issued_on, expires_on=expires_on,
                     approved_at=now, approved_by=user_id)
    session.add(row)
    session.flush()
    record_audit(session, user_id, account_id, "credential.approved", credential, None,
                 {"issuing_agency": row.issuing_agency, "certificate_number": row.certificate_number,
                  "issued_on": issued_on.isoformat(), "expires_on": expires_on.isoformat()}, now)
    return row
