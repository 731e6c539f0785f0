"""Supply Chain Connect (SPEC §5): inviting suppliers both ways, connections, removal through an
internal review. Shipments live in services/shipments.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from services import access, auth, config, i18n, notifications, prefs, tokens
from services.accounts import create_user, normalize_email
from services.audit import record_audit
from services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from services.i18n import N_, M
from services.i18n import gettext as _
from services.models import (
    Account,
    Membership,
    RemovalRequest,
    SupplierCompany,
    SupplierConnection,
    SupplierInvitation,
    SupplierMember,
    User,
)
from services.settings import get_settings
from services.text import NAME_MAX, NOTE_MAX, check_text, clean_text

STATUS_LABELS = {
    "pending": M("Pending"),
    "accepted": M("Accepted"),
    "expired": M("Expired"),
    "cancelled": M("Cancelled"),
    "declined": M("Declined"),
}


def base_url() -> str:
    return get_settings().app_base_url


def invitation_link(token: str) -> str:
    return f"{base_url()}/accept-invitation?token={token}"


def invitation_status(invitation: SupplierInvitation, now: datetime) -> str:
    if invitation.status == "pending" and now >= invitation.expires_at:
        return "expired"
    return invitation.status


def _require(session: Session, user_id: int | None, account_id: int) -> None:
    if user_id is not None:
        access.require(session, user_id, account_id, "supply_chain", "edit")


SUPPLIERS_ONLY = M("Only supplier users can do this.")


def _company_of(session: Session, user_id: int) -> SupplierCompany:
    access.require_kind(session, user_id, "supplier", SUPPLIERS_ONLY)
    member = session.get(SupplierMember, user_id)
    if member is None:
        raise PermissionDenied(SUPPLIERS_ONLY)
    return session.get(SupplierCompany, member.company_id)


def _connected_email(session: Session, account_id: int, email: str) -> bool:
    """Is a supplier user with this email already connected (actively) to the account?"""
    return session.exec(
        select(SupplierConnection.id)
        .join(SupplierMember, SupplierMember.company_id == SupplierConnection.company_id)
        .join(User, User.id == SupplierMember.user_id)
        .where(SupplierConnection.account_id == account_id, SupplierConnection.status == "active",
               User.email == email)
    ).first() is not None


def _send_invitation(session: Session, invitation: SupplierInvitation, now: datetime) -> None:
    account = session.get(Account, invitation.account_id)
    with i18n.language(prefs.language_of(session, invitation.email)):
        subject = _("{account} invites you to Supply Chain Connect").format(account=account.name)
        body = _("Hello {name},\n\n{account} ({merchant_token}) invites {company} to Supply Chain Connect on B2B "
                 "Seller Console, to see and complete the inbound shipments it shares with you.\n\nAccept the "
                 "invitation (the link works once and expires on {expires} UTC):\n{link}\n").format(
            name=invitation.contact_name or invitation.company, account=account.name,
            merchant_token=account.merchant_token, company=invitation.company,
            expires=notifications.when(invitation.expires_at), link=invitation_link(tokens.plain_token(invitation)))
    notifications.queue_email(session, invitation.email, subject, body, now, invitation.account_id)


def invite_supplier(session: Session, account_id: int, user_id: int | None, company: str, contact_name: str,
                    email: str, supplier_type: str, now: datetime) -> SupplierInvitation:
    """Invite a supplier by email: a single-use link that expires after 7 days. Refuses an address
    with a pending invitation or an active connection to this account (case-insensitive)."""
    _require(session, user_id, account_id)
    by_field: dict[str, list[str]] = {}
    company = check_text(by_field, "company", company, N_("Supplier's company name"), NAME_MAX, required=True)
    contact_name = check_text(by_field, "contact_name", contact_name, N_("Contact name"), NAME_MAX)
    try:
        address = normalize_email(email)
    except ValidationError as exc:
        by_field["email"] = [exc.message]
        address = ""
    if supplier_type not in config.SUPPLIER_TYPES:
        by_field["supplier_type"] = [M("Choose manufacturer, freight forwarder, wholesaler or other.")]
    if by_field:
        raise ValidationError.from_fields(by_field)
    pending = session.exec(select(SupplierInvitation).where(
        SupplierInvitation.account_id == account_id, SupplierInvitation.direction == "to_supplier",
        SupplierInvitation.email == address, SupplierInvitation.status == "pending")).all()
    if any(invitation_status(i, now) == "pending" for i in pending):
        raise Conflict(M("{address} already has a pending invitation. Resend or cancel it instead.", address=address))
    if _connected_email(session, account_id, address):
        raise Conflict(M("{address} is already connected to this account.", address=address))
    invitation = SupplierInvitation(
        account_id=account_id, direction="to_supplier", company=company, contact_name=contact_name, email=address,
        supplier_type=supplier_type, created_at=now,
        expires_at=now + config.SUPPLIER_INVITATION_EXPIRY, invited_by=user_id)
    tokens.issue(invitation)
    session.add(invitation)
    session.flush()
    _send_invitation(session, invitation, now)
    record_audit(session, user_id, account_id, "supplier.invited", f"{invitation.company} <{address}>", None,
                 {"invitation_id": invitation.id, "type": supplier_type}, now)
    return invitation


def _own_invitation(session: Session, invitation_id: int, account_id: int) -> SupplierInvitation:
    invitation = session.get(SupplierInvitation, invitation_id)
    if invitation is None or invitation.account_id != account_id:
        raise NotFound(M("No such invitation in this account."))
    return invitation


def resend_invitation(session: Session, account_id: int, invitation_id: int, user_id: int | None,
                      now: datetime) -> SupplierInvitation:
    """Send a pending (or expired) invitation again with a fresh link and 7 more days; the old
    link stops working."""
    _require(session, user_id, account_id)
    invitation = _own_invitation(session, invitation_id, account_id)
    if invitation.direction != "to_supplier" or invitation.status != "pending":
        raise Conflict(M("Only a pending invitation can be resent."))
    tokens.issue(invitation)
    invitation.expires_at = now + config.SUPPLIER_INVITATION_EXPIRY
    session.add(invitation)
    session.flush()
    _send_invitation(session, invitation, now)
    record_audit(session, user_id, account_id, "supplier.invitation_resent", invitation.email, None,
                 {"invitation_id": invitation.id}, now)
    return invitation


def cancel_invitation(session: Session, account_id: int, invitation_id: int, user_id: int | None,
                      now: datetime) -> None:
    _require(session, user_id, account_id)
    invitation = _own_invitation(session, invitation_id, account_id)
    if invitation.status != "pending":
        raise Conflict(M("Only a pending invitation can be cancelled."))
    invitation.status, invitation.answered_at = "cancelled", now
    session.add(invitation)
    session.flush()
    record_audit(session, user_id, account_id, "supplier.invitation_cancelled", invitation.email, None,
                 {"invitation_id": invitation.id}, now)


def invitation_by_token(session: Session, token: str, now: datetime) -> SupplierInvitation:
    """The invitation behind a link, or a plain refusal: unknown, used, cancelled or expired."""
    invitation = session.exec(select(SupplierInvitation).where(
        SupplierInvitation.token_hash == tokens.digest(token))).first() if token else None
    if invitation is None or invitation.direction != "to_supplier":
        raise NotFound(M("This invitation link is not valid. Ask the seller to send a new invitation."))
    status = invitation_status(invitation, now)
    if status == "accepted":
        raise Conflict(M("This invitation has already been used. Sign in with the account you created."))
    if status == "cancelled":
        raise Conflict(M("This invitation was cancelled by the seller."))
    if status == "expired":
        raise Conflict(M("This invitation has expired. Ask the seller to resend it."))
    return invitation


@dataclass(frozen=True)
class InvitationPreview:
    """What an invitation link's page shows before anyone signs in."""

    kind: str  # supplier | user
    account_name: str
    email: str | None  # the invited address; None when the person must type it (admin invitations)
    expires_at: datetime
    company: str = ""  # supplier invitations
    supplier_type: str = ""
    role: str = ""  # user invitations


def invitation_preview(session: Session, token: str, now: datetime) -> InvitationPreview:
    """The supplier invitation behind a link, for its acceptance page (NotFound/Conflict as
    :func:`invitation_by_token`)."""
    invitation = invitation_by_token(session, token, now)
    account = session.get(Account, invitation.account_id)
    return InvitationPreview("supplier", account.name, invitation.email, invitation.expires_at, invitation.company,
                             config.SUPPLIER_TYPES.get(invitation.supplier_type, M("Supplier")))


def _connect(session: Session, account_id: int, company_id: int, actor: int | None, now: datetime) -> None:
    connection = session.exec(select(SupplierConnection).where(
        SupplierConnection.account_id == account_id, SupplierConnection.company_id == company_id)).first()
    if connection is None:
        connection = SupplierConnection(account_id=account_id, company_id=company_id, connected_at=now)
    connection.status, connection.connected_at, connection.removed_at = "active", now, None
    session.add(connection)
    session.flush()
    record_audit(session, actor, account_id, "supplier.connected", f"company:{company_id}", None,
                 {"connection_id": connection.id}, now)


def _accept(session: Session, invitation: SupplierInvitation, user: User, now: datetime) -> None:
    member = session.get(SupplierMember, user.id)
    if member is None:
        company = SupplierCompany(name=invitation.company, supplier_type=invitation.supplier_type)
        session.add(company)
        session.flush()
        member = SupplierMember(user_id=user.id, company_id=company.id)
        session.add(member)
    invitation.status, invitation.answered_at, invitation.company_id = "accepted", now, member.company_id
    session.add(invitation)
    session.flush()
    _connect(session, invitation.account_id, member.company_id, user.id, now)
    record_audit(session, user.id, invitation.account_id, "supplier.invitation_accepted", invitation.email, None,
                 {"invitation_id": invitation.id, "company_id": member.company_id}, now)


def accept_invitation(session: Session, token: str, display_name: str, password: str, now: datetime) -> User:
    """Create the supplier's user (name and a password by the strength rule) from a valid link,
    its company and the connection. Flushes. An address that already has a user must sign in
    and link instead (link_existing_supplier)."""
    invitation = invitation_by_token(session, token, now)
    if auth.user_by_email(session, invitation.email) is not None:
        raise Conflict(M("You already have an account: sign in below to link this seller."))
    user = create_user(session, invitation.email, display_name, password, kind="supplier", now=now)
    _accept(session, invitation, user, now)
    return user


def link_existing_supplier(session: Session, token: str, email: str, password: str, now: datetime) -> User:
    """An existing supplier user proves who they are (the one sign-in check, with its lockout) and
    links the seller. The email must be the invited one. A refused password raises SignInRefused:
    the caller commits anyway, so the failure counts."""
    invitation = invitation_by_token(session, token, now)
    if auth.normalize(email) != invitation.email:
        raise ValidationError(M("Sign in with the invited address, {email}.", email=invitation.email), field="email")
    user = auth.verify_sign_in(session, email, password, now)
    if user.kind != "supplier":
        raise ValidationError(M("This sign-in is not a supplier's: create a new sign-in for the supplier instead."),
                              field="email")
    _accept(session, invitation, user, now)
    return user


# --- Suppliers inviting sellers --------------------------------------------------------------------


ASKED = M(
    "If a seller account has that merchant token or admin email, its admins now have your request; they answer it "
    "in their User Permissions."
)


def invite_seller(session: Session, supplier_user_id: int, seller: str, now: datetime) -> SupplierInvitation | None:
    """A supplier asks a seller account (by merchant token or an admin's email) to connect; the
    seller's admins get an email and answer in User Permissions. The supplier learns nothing about
    the account (the page says :data:`ASKED` whatever happened): no match, an existing connection or
    a request still waiting send nothing and return None."""
    company = _company_of(session, supplier_user_id)
    key = clean_text(seller, "seller", N_("Merchant token or email"), NAME_MAX)
    if not key:
        raise ValidationError(M("Enter the seller's merchant token or an admin's email."), field="seller")
    account = session.exec(select(Account).where(func.upper(Account.merchant_token) == key.upper())).first()
    if account is None and "@" in key:
        account = session.exec(select(Account).join(Membership, Membership.account_id == Account.id)
                               .join(User, User.id == Membership.user_id)
                               .where(User.email == key.lower(), Membership.role == "admin")).first()
    if account is None:
        return None
    connected = session.exec(select(SupplierConnection).where(
        SupplierConnection.account_id == account.id, SupplierConnection.company_id == company.id,
        SupplierConnection.status == "active")).first()
    pending = session.exec(select(SupplierInvitation).where(
        SupplierInvitation.account_id == account.id, SupplierInvitation.company_id == company.id,
        SupplierInvitation.direction == "to_seller", SupplierInvitation.status == "pending")).all()
    if connected or any(invitation_status(p, now) == "pending" for p in pending):
        return None  # no repeat email while a request lives
    user = session.get(User, supplier_user_id)
    invitation = SupplierInvitation(
        account_id=account.id, direction="to_seller", company=company.name, contact_name=user.display_name,
        email=user.email, supplier_type=company.supplier_type, company_id=company.id,
        created_at=now, expires_at=now + config.SUPPLIER_INVITATION_EXPIRY, invited_by=supplier_user_id)
    tokens.issue(invitation)  # a supplier's request carries no link; the column is unique, so it has one
    session.add(invitation)
    session.flush()
    notifications.email_admins(
        session, account.id, M("{company} asks to connect on Supply Chain Connect", company=company.name),
        M("{company} ({supplier_type}, {email}) asks to connect with your account. Accept or decline it under "
          "Settings › User Permissions.", company=company.name,
          supplier_type=config.SUPPLIER_TYPES.get(company.supplier_type, M("Supplier")), email=user.email), now)
    record_audit(session, supplier_user_id, account.id, "supplier.asked_to_connect", company.name, None,
                 {"invitation_id": invitation.id}, now)
    return invitation


def answer_seller_invitation(session: Session, account_id: int, invitation_id: int, user_id: int | None,
                             accept: bool, now: datetime) -> None:
    _require(session, user_id, account_id)
    invitation = _own_invitation(session, invitation_id, account_id)
    if invitation.direction != "to_seller" or invitation_status(invitation, now) != "pending":
        raise Conflict(M("This request is no longer waiting for an answer."))
    invitation.status, invitation.answered_at = ("accepted" if accept else "declined"), now
    session.add(invitation)
    session.flush()
    if accept:
        _connect(session, account_id, invitation.company_id, user_id, now)
    record_audit(session, user_id, account_id, "supplier.request_accepted" if accept else "supplier.request_declined",
                 invitation.company, None, {"invitation_id": invitation.id}, now)


# --- Lists ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConnectionView:
    connection: SupplierConnection
    company: SupplierCompany
    contacts: list[str]  # supplier users' emails
    removal: RemovalRequest | None  # the pending removal request, if any


@dataclass(frozen=True)
class InvitationView:
    invitation: SupplierInvitation
    status: str  # pending | accepted | expired | cancelled | declined (invitation_status)


@access.guarded(("supply_chain", "settings"))
def invitations(session: Session, account_id: int, now: datetime, direction: str = "to_supplier",
                statuses: tuple[str, ...] | None = None, *, user_id: int | None = None) -> list[InvitationView]:
    """The account's invitations of one direction with their status as of `now` (only those
    statuses when given), newest first."""
    rows = session.exec(select(SupplierInvitation).where(
        SupplierInvitation.account_id == account_id, SupplierInvitation.direction == direction)
        .order_by(SupplierInvitation.created_at.desc(), SupplierInvitation.id.desc())).all()
    views = [InvitationView(i, invitation_status(i, now)) for i in rows]
    return [v for v in views if statuses is None or v.status in statuses]


@access.guarded(("supply_chain", "settings"))
def connections(session: Session, account_id: int, active_only: bool = True, *,
                user_id: int | None = None) -> list[ConnectionView]:
    query = select(SupplierConnection).where(SupplierConnection.account_id == account_id)
    if active_only:
        query = query.where(SupplierConnection.status == "active")
    out = []
    for c in session.exec(query.order_by(SupplierConnection.connected_at)):
        company = session.get(SupplierCompany, c.company_id)
        contacts = list(session.exec(select(User.email).join(SupplierMember, SupplierMember.user_id == User.id)
                                     .where(SupplierMember.company_id == c.company_id).order_by(User.email)))
        removal = session.exec(select(RemovalRequest).where(RemovalRequest.connection_id == c.id,
                                                            RemovalRequest.status == "pending")).first()
        out.append(ConnectionView(c, company, contacts, removal))
    return out


def supplier_sellers(session: Session, supplier_user_id: int) -> list[Account]:
    """The seller accounts a supplier user is actively connected to."""
    company = _company_of(session, supplier_user_id)
    return list(session.exec(select(Account).join(SupplierConnection, SupplierConnection.account_id == Account.id)
                             .where(SupplierConnection.company_id == company.id,
                                    SupplierConnection.status == "active").order_by(Account.name)))


def supplier_company(session: Session, supplier_user_id: int) -> SupplierCompany:
    return _company_of(session, supplier_user_id)


# --- Removal through internal review ---------------------------------------------------------------


def request_removal(session: Session, account_id: int, connection_id: int, user_id: int | None, reason: str,
                    now: datetime) -> RemovalRequest:
    _require(session, user_id, account_id)
    connection = session.get(SupplierConnection, connection_id)
    if connection is None or connection.account_id != account_id or connection.status != "active":
        raise NotFound(M("No such connected supplier in this account."))
    reason = clean_text(reason, "reason", N_("Reason"), NOTE_MAX, multiline=True)
    if not reason:
        raise ValidationError(M("Say why the supplier should be removed."), field="reason")
    if session.exec(select(RemovalRequest).where(RemovalRequest.connection_id == connection_id,
                                                 RemovalRequest.status == "pending")).first():
        raise Conflict(M("A removal request for this supplier is already waiting for review."))
    request = RemovalRequest(connection_id=connection_id, reason=reason, requested_by=user_id,
                             requested_at=now)
    session.add(request)
    session.flush()
    record_audit(session, user_id, account_id, "supplier.removal_requested", f"company:{connection.company_id}",
                 None, {"request_id": request.id, "reason": request.reason}, now)
    return request


def pending_removals(session: Session, reviewer_user_id: int | None) -> list[
        tuple[RemovalRequest, Account, SupplierCompany]]:
    """Removal requests waiting for review, oldest first (internal reviewers)."""
    access.require_reviewer(session, reviewer_user_id)
    rows = session.exec(select(RemovalRequest, SupplierConnection).join(
        SupplierConnection, SupplierConnection.id == RemovalRequest.connection_id)
        .where(RemovalRequest.status == "pending").order_by(RemovalRequest.requested_at)).all()
    return [(r, session.get(Account, c.account_id), session.get(SupplierCompany, c.company_id)) for r, c in rows]


def review_removal(session: Session, request_id: int, reviewer_user_id: int | None, approve: bool, now: datetime,
                   note: str = "") -> None:
    """An internal reviewer approves (the supplier loses access at once; shipment history stays)
    or rejects a removal request."""
    access.require_reviewer(session, reviewer_user_id)
    request = session.get(RemovalRequest, request_id)
    if request is None:
        raise NotFound(M("No such removal request."))
    if request.status != "pending":
        raise Conflict(M("This removal request was already reviewed."))
    connection = session.get(SupplierConnection, request.connection_id)
    request.status, request.reviewed_by, request.reviewed_at = ("approved" if approve else "rejected"), \
        reviewer_user_id, now
    request.note = clean_text(note, "note", N_("Note"), NOTE_MAX)
    session.add(request)
    if approve:
        connection.status, connection.removed_at = "removed", now
        session.add(connection)
    session.flush()
    record_audit(session, reviewer_user_id, connection.account_id,
                 "supplier.removed" if approve else "supplier.removal_rejected", f"company:{connection.company_id}",
                 None, {"request_id": request.id, "note": request.note}, now)
