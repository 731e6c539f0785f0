"""Account users (SPEC §1, User Permissions): invite by email, roles and per-area levels, removal.
Role changes go through accounts.grant (audited; the last admin cannot be demoted)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from services import access, auth, config, i18n, notifications, prefs, tokens
from services.accounts import ROLES, check_areas, create_user, grant, normalize_email
from services.audit import record_audit
from services.errors import Conflict, NotFound, ValidationError
from services.i18n import M
from services.i18n import gettext as _
from services.models import Account, Membership, User, UserInvitation
from services.suppliers import InvitationPreview, base_url, invitation_status


@dataclass(frozen=True)
class Member:
    user_id: int
    email: str
    display_name: str
    role: str
    areas: dict[str, str]  # as granted
    levels: dict[str, str]  # in effect, per area (access.effective_level): what the person can do


def _require_admin(session: Session, actor_user_id: int | None, account_id: int) -> None:
    access.require_admin(session, actor_user_id, account_id, M("Only an admin of this account can manage its users."))


@access.guarded("settings")
def members(session: Session, account_id: int, *, user_id: int | None = None) -> list[Member]:
    rows = session.exec(select(Membership, User).join(User, User.id == Membership.user_id)
                        .where(Membership.account_id == account_id).order_by(User.email)).all()
    return [Member(u.id, u.email, u.display_name, m.role, dict(m.areas),
                   {area: access.effective_level(m, area) for area in access.AREAS}) for m, u in rows]


def invite_user(session: Session, account_id: int, actor_user_id: int | None, email: str, role: str,
                areas: dict[str, str] | None, now: datetime) -> UserInvitation:
    """Invite a person to the account with a role (and levels): an email with a link valid 7 days."""
    _require_admin(session, actor_user_id, account_id)
    address = normalize_email(email)
    if role not in ROLES:
        raise ValidationError(M("Role must be one of {items}.", items=', '.join(ROLES)), field="role")
    areas = check_areas(role, areas)
    existing = auth.user_by_email(session, address)
    if existing is not None and session.exec(select(Membership).where(
            Membership.user_id == existing.id, Membership.account_id == account_id)).first():
        raise Conflict(M("{address} is already a user of this account.", address=address))
    pending = session.exec(select(UserInvitation).where(
        UserInvitation.account_id == account_id, UserInvitation.email == address,
        UserInvitation.status == "pending")).all()
    if any(i.expires_at > now for i in pending):
        raise Conflict(M("{address} already has a pending invitation.", address=address))
    invitation = UserInvitation(account_id=account_id, email=address, role=role, areas=areas, created_at=now,
                                expires_at=now + config.USER_INVITATION_EXPIRY, invited_by=actor_user_id)
    tokens.issue(invitation)
    session.add(invitation)
    session.flush()
    account = session.get(Account, account_id)
    with i18n.language(prefs.language_of(session, address)):
        subject = _("You are invited to {account} on B2B Seller Console").format(account=account.name)
        body = _("You are invited to join {account} ({merchant_token}) as {role}.\n\nAccept (the link works once "
                 "and expires on {expires} UTC):\n{link}\n").format(
            account=account.name, merchant_token=account.merchant_token, role=_(role),
            expires=notifications.when(invitation.expires_at),
            link=f"{base_url()}/accept-invitation?user_token={tokens.plain_token(invitation)}")
    notifications.queue_email(session, address, subject, body, now, account_id)
    record_audit(session, actor_user_id, account_id, "user.invited", address, None,
                 {"role": role, "areas": areas}, now)
    return invitation


@dataclass(frozen=True)
class UserInvitationView:
    invitation: UserInvitation
    status: str  # pending | accepted | expired | cancelled


@access.guarded("settings")
def invitations(session: Session, account_id: int, now: datetime, statuses: tuple[str, ...] | None = None, *,
                user_id: int | None = None) -> list[UserInvitationView]:
    """The account's user invitations with their status as of `now` (an unanswered one past its
    expiry is "expired"), only those statuses when given, newest first."""
    rows = session.exec(select(UserInvitation).where(UserInvitation.account_id == account_id)
                        .order_by(UserInvitation.created_at.desc(), UserInvitation.id.desc())).all()
    views = [UserInvitationView(i, invitation_status(i, now)) for i in rows]
    return [v for v in views if statuses is None or v.status in statuses]


def user_invitation_by_token(session: Session, token: str, now: datetime) -> UserInvitation:
    invitation = session.exec(select(UserInvitation).where(
        UserInvitation.token_hash == tokens.digest(token))).first() if token else None
    if invitation is None:
        raise NotFound(M("This invitation link is not valid. Ask the account's admin for a new one."))
    if invitation.status == "accepted":
        raise Conflict(M("This invitation has already been used. Sign in instead."))
    if invitation.status == "cancelled":
        raise Conflict(M("This invitation was cancelled."))
    if invitation.expires_at <= now:
        raise Conflict(M("This invitation has expired. Ask the account's admin to invite you again."))
    return invitation


def invitation_preview(session: Session, token: str, now: datetime) -> InvitationPreview:
    """The user invitation behind a link, for its acceptance page. An admin invitation does not
    show the invited address: the person types it (see accept_user_invitation)."""
    invitation = user_invitation_by_token(session, token, now)
    account = session.get(Account, invitation.account_id)
    return InvitationPreview("user", account.name, None if invitation.role == "admin" else invitation.email,
                             invitation.expires_at, role=invitation.role)


def _join(session: Session, invitation: UserInvitation, user: User, now: datetime) -> None:
    grant(session, None, user.id, invitation.account_id, invitation.role, invitation.areas, now=now)
    invitation.status, invitation.answered_at = "accepted", now
    session.add(invitation)
    session.flush()
    record_audit(session, user.id, invitation.account_id, "user.invitation_accepted", invitation.email, None,
                 {"role": invitation.role}, now)


def accept_user_invitation(session: Session, token: str, display_name: str, password: str, now: datetime,
                           email: str | None = None) -> User:
    """Create the invited person's sign-in and join the account. An invitation to be an admin also
    needs `email`, typed by the person, to be the invited address: a link alone (copied from a
    browser or a forwarded email) does not make someone an admin."""
    invitation = user_invitation_by_token(session, token, now)
    if invitation.role == "admin" and auth.normalize(email or "") != invitation.email:
        raise ValidationError(M("Type the email address this invitation was sent to."), field="email")
    if auth.user_by_email(session, invitation.email) is not None:
        raise Conflict(M("You already have an account: sign in below to join."))
    user = create_user(session, invitation.email, display_name, password, now=now)
    _join(session, invitation, user, now)
    return user


def link_existing_user(session: Session, token: str, email: str, password: str, now: datetime) -> User:
    """A person who already has a sign-in joins with it: the email must be the invited one, and the
    password goes through the one sign-in check (lockout; SignInRefused is committed by the caller)."""
    invitation = user_invitation_by_token(session, token, now)
    if auth.normalize(email) != invitation.email:
        raise ValidationError(M("Sign in with the invited address, {email}.", email=invitation.email), field="email")
    user = auth.verify_sign_in(session, email, password, now)
    if user.kind != "seller":
        raise ValidationError(M("This sign-in cannot join a seller account."), field="email")
    _join(session, invitation, user, now)
    return user


def cancel_user_invitation(session: Session, account_id: int, invitation_id: int, actor_user_id: int | None,
                           now: datetime) -> None:
    _require_admin(session, actor_user_id, account_id)
    invitation = session.get(UserInvitation, invitation_id)
    if invitation is None or invitation.account_id != account_id or invitation.status != "pending":
        raise NotFound(M("No such pending invitation."))
    invitation.status, invitation.answered_at = "cancelled", now
    session.add(invitation)
    session.flush()
    record_audit(session, actor_user_id, account_id, "user.invitation_cancelled", invitation.email, None, None, now)


def remove_member(session: Session, account_id: int, actor_user_id: int | None, user_id: int,
                  now: datetime) -> None:
    """Remove a user from the account (audited). The last admin cannot be removed."""
    _require_admin(session, actor_user_id, account_id)
    membership = session.exec(select(Membership).where(Membership.user_id == user_id,
                                                       Membership.account_id == account_id)).first()
    if membership is None:
        raise NotFound(M("That person is not a user of this account."))
    if membership.role == "admin":
        admins = session.exec(select(Membership.id).where(Membership.account_id == account_id,
                                                          Membership.role == "admin")).all()
        if len(admins) <= 1:
            raise Conflict(M("An account needs at least one admin; make someone else admin first."))
    before = {"role": membership.role, "areas": membership.areas}
    session.delete(membership)
    session.flush()
    record_audit(session, actor_user_id, account_id, "user.removed", f"user:{user_id}", before, None, now)
