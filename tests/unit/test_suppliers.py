"""Supply Chain Connect and account users with fixed clocks."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from scripts.appserver import free_port
from services import accounts, notifications, products, shipments, suppliers, team
from services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from services.models import AuditEntry
from tests.conftest import NOW
from tests.factories import make_account, make_user
from tests.unit.test_notifications import Collector

PASSWORD = "Supplier-pass-1"


@pytest.fixture
def seller(session):
    account = make_account(session, "US")
    admin, viewer = make_user(session), make_user(session)
    accounts.grant(session, None, admin.id, account.id, "admin")
    accounts.grant(session, None, viewer.id, account.id, "user", {"supply_chain": "view"})
    products.upsert_product(session, account.id, "US", "B0SHIP0001", "SKU-1", "Crate", "10.00")
    products.upsert_product(session, account.id, "US", "B0SHIP0002", "SKU-2", "Pallet", "30.00")
    return {"account": account, "admin": admin, "viewer": viewer}


def _invite(session, seller, email="Ops@Forwarder.example", when=NOW):
    return suppliers.invite_supplier(session, seller["account"].id, seller["admin"].id, "Fast Forwarding",
                                     "Olga Ops", email, "freight_forwarder", when)


def _link_from_outbox(session, to: str) -> str:
    body = notifications.outbox(session, to=to)[0].body
    return re.search(r"accept-invitation\?token=([\w-]+)", body).group(1)


def test_invitation_email_carries_a_single_use_link(session, seller):
    invitation = _invite(session, seller)
    assert invitation.email == "ops@forwarder.example"
    token = _link_from_outbox(session, "ops@forwarder.example")
    assert token == invitation.token
    user = suppliers.accept_invitation(session, token, "Olga Ops", PASSWORD, NOW + timedelta(days=1))
    assert user.kind == "supplier"
    assert [a.id for a in suppliers.supplier_sellers(session, user.id)] == [seller["account"].id]
    with pytest.raises(Conflict, match="already been used"):
        suppliers.accept_invitation(session, token, "Someone", PASSWORD, NOW + timedelta(days=1))


def test_invitation_expires_on_day_8(session, seller):
    invitation = _invite(session, seller)
    assert suppliers.invitation_by_token(session, invitation.token, NOW + timedelta(days=7) - timedelta(seconds=1))
    with pytest.raises(Conflict, match="expired"):
        suppliers.accept_invitation(session, invitation.token, "Olga", PASSWORD, NOW + timedelta(days=7))
    assert suppliers.invitation_status(invitation, NOW + timedelta(days=8)) == "expired"


def test_unknown_and_cancelled_links_get_plain_messages(session, seller):
    with pytest.raises(NotFound, match="not valid"):
        suppliers.invitation_by_token(session, "nope", NOW)
    invitation = _invite(session, seller)
    suppliers.cancel_invitation(session, seller["account"].id, invitation.id, seller["admin"].id, NOW)
    with pytest.raises(Conflict, match="cancelled"):
        suppliers.invitation_by_token(session, invitation.token, NOW)


def test_duplicate_pending_invitation_is_refused_case_insensitively(session, seller):
    _invite(session, seller, "ops@forwarder.example")
    with pytest.raises(Conflict, match="pending invitation"):
        _invite(session, seller, "OPS@FORWARDER.EXAMPLE")
    _invite(session, seller, "ops@forwarder.example", when=NOW + timedelta(days=8))  # the first expired


@pytest.mark.parametrize("email", ["", "not-an-email", "a@b", "x y@example.com"])
def test_invalid_or_empty_email_is_refused(session, seller, email):
    with pytest.raises(ValidationError):
        _invite(session, seller, email)


def test_view_only_user_cannot_invite_or_share(session, seller):
    with pytest.raises(PermissionDenied):
        suppliers.invite_supplier(session, seller["account"].id, seller["viewer"].id, "X", "", "x@example.com",
                                  "other", NOW)
    with pytest.raises(PermissionDenied):
        shipments.create_shipment(session, seller["account"].id, seller["viewer"].id, "S", "PHX7", [("SKU-1", 5)], NOW)


def _connected_supplier(session, seller, email="ops@forwarder.example"):
    invitation = _invite(session, seller, email)
    return suppliers.accept_invitation(session, invitation.token, "Olga Ops", PASSWORD, NOW)


def test_supplier_sees_only_its_shares_and_nothing_after_removal(session, seller):
    supplier = _connected_supplier(session, seller)
    other = _connected_supplier(session, seller, "other@wholesale.example")
    account = seller["account"].id
    company = suppliers.supplier_company(session, supplier.id).id
    mine = shipments.create_shipment(session, account, seller["admin"].id, "Spring restock", "phx7",
                                     [("SKU-1", 40), ("SKU-2", "5")], NOW)
    shipments.create_shipment(session, account, seller["admin"].id, "Not shared", "PHX7", [("SKU-1", 1)], NOW)
    shipments.share_shipment(session, account, mine.id, company, seller["admin"].id, NOW)
    assert [s.id for s, _ in shipments.supplier_shipments(session, supplier.id)] == [mine.id]
    assert shipments.supplier_shipments(session, other.id) == []
    mail = notifications.outbox(session, to="ops@forwarder.example")[0]
    assert "Spring restock" in mail.subject and "SKU-1: 40 units" in mail.body and "PHX7" in mail.body
    [view] = [c for c in suppliers.connections(session, account) if c.company.id == company]
    request = suppliers.request_removal(session, account, view.connection.id, seller["admin"].id, "Contract ended",
                                        NOW)
    reviewer = make_user(session, kind="reviewer")
    with pytest.raises(PermissionDenied):
        suppliers.review_removal(session, request.id, seller["admin"].id, True, NOW)
    suppliers.review_removal(session, request.id, reviewer.id, True, NOW + timedelta(hours=1))
    assert shipments.supplier_shipments(session, supplier.id) == []
    assert suppliers.supplier_sellers(session, supplier.id) == []
    with pytest.raises(NotFound):
        shipments.start_shipment(session, supplier.id, mine.id, NOW)
    assert [v.shipment.id for v in shipments.shipments(session, account)
            if v.shipment.company_id == company] == [mine.id]  # the history stays


def test_shipment_completion_is_validated_and_saved_in_one_go(session, seller):
    supplier = _connected_supplier(session, seller)
    account = seller["account"].id
    company = suppliers.supplier_company(session, supplier.id).id
    shipment = shipments.create_shipment(session, account, None, "Restock", "PHX7", [("SKU-1", 10)], NOW)
    shipments.share_shipment(session, account, shipment.id, company, None, NOW)
    shipments.start_shipment(session, supplier.id, shipment.id, NOW + timedelta(hours=1))
    good_box = {"weight_kg": "12.5", "length_cm": "60", "width_cm": "40", "height_cm": "40"}
    with pytest.raises(ValidationError) as exc:
        shipments.complete_shipment(session, supplier.id, shipment.id, [{**good_box, "weight_kg": "-1"}], "",
                                    ["", " "], NOW.date() - timedelta(days=1), NOW)
    assert set(exc.value.by_field) == {"boxes", "carrier", "tracking_numbers", "ship_date"}
    assert shipments.supplier_shipments(session, supplier.id)[0][0].status == "in_progress"
    done = shipments.complete_shipment(session, supplier.id, shipment.id, [good_box, good_box], "UPS",
                                       ["1Z999", ""], NOW.date(), NOW + timedelta(hours=2))
    assert (done.status, len(done.boxes), done.tracking_numbers, done.ship_date) == ("shipped", 2, ["1Z999"],
                                                                                      date(2026, 6, 15))
    with pytest.raises(Conflict):
        shipments.complete_shipment(session, supplier.id, shipment.id, [good_box], "UPS", ["1"], NOW.date(), NOW)


@pytest.mark.parametrize(("items", "fc", "expected"), [
    ([("SKU-9", 1)], "PHX7", "not one of this account's SKUs"), ([("SKU-1", 0)], "PHX7", "from 1 to"),
    ([("SKU-1", "2.5")], "PHX7", "whole number"), ([("SKU-1", 1), ("SKU-1", 2)], "PHX7", "listed twice"),
    ([], "PHX7", "at least one SKU"), ([("SKU-1", 1)], "P!", "fulfilment centre"),
])
def test_shipment_creation_rules(session, seller, items, fc, expected):
    with pytest.raises(ValidationError) as exc:
        shipments.create_shipment(session, seller["account"].id, None, "S", fc, items, NOW)
    assert any(expected in r for r in exc.value.reasons)


def test_supplier_invites_a_seller_who_accepts(session, seller):
    supplier = _connected_supplier(session, seller)
    second = make_account(session, "US")
    owner = make_user(session)
    accounts.grant(session, None, owner.id, second.id, "admin")
    # no match and an existing connection answer alike (the page says suppliers.ASKED) and send nothing
    assert suppliers.invite_seller(session, supplier.id, "NOBODY", NOW) is None
    assert suppliers.invite_seller(session, supplier.id, seller["account"].merchant_token, NOW) is None
    request = suppliers.invite_seller(session, supplier.id, owner.email.upper(), NOW)
    assert notifications.outbox(session, to=owner.email)[0].subject.endswith("asks to connect on Supply Chain Connect")
    # asking again while the request lives sends no second email (defect 11.8)
    assert suppliers.invite_seller(session, supplier.id, second.merchant_token, NOW + timedelta(days=1)) is None
    assert len(notifications.outbox(session, to=owner.email)) == 1
    suppliers.answer_seller_invitation(session, second.id, request.id, owner.id, True, NOW)
    assert {a.id for a in suppliers.supplier_sellers(session, supplier.id)} == {seller["account"].id, second.id}


def test_existing_supplier_links_a_second_seller_with_its_password(session, seller):
    supplier = _connected_supplier(session, seller)
    second = make_account(session, "US")
    invitation = suppliers.invite_supplier(session, second.id, None, "Fast Forwarding", "", supplier.email,
                                           "freight_forwarder", NOW)
    with pytest.raises(Conflict, match="sign in"):
        suppliers.accept_invitation(session, invitation.token, "Olga", PASSWORD, NOW)
    with pytest.raises(ValidationError):
        suppliers.link_existing_supplier(session, invitation.token, supplier.email, "wrong-pass-1", NOW)
    suppliers.link_existing_supplier(session, invitation.token, supplier.email, PASSWORD, NOW)
    assert len(suppliers.supplier_sellers(session, supplier.id)) == 2


def test_last_admin_cannot_be_removed_and_changes_are_audited(session, seller):
    account, admin = seller["account"].id, seller["admin"]
    with pytest.raises(Conflict):
        team.remove_member(session, account, admin.id, admin.id, NOW)
    invitation = team.invite_user(session, account, admin.id, "New.Person@Example.com", "user",
                                  {"b2b": "edit", "supply_chain": "view"}, NOW)
    user = team.accept_user_invitation(session, invitation.token, "New Person", "Newperson-1", NOW)
    assert {m.email: m.areas for m in team.members(session, account)}[user.email] == {"b2b": "edit",
                                                                                         "supply_chain": "view"}
    with pytest.raises(PermissionDenied):
        team.remove_member(session, account, user.id, admin.id, NOW)
    team.remove_member(session, account, admin.id, seller["viewer"].id, NOW)
    assert seller["viewer"].id not in [m.user_id for m in team.members(session, account)]
    logged = {e.action for e in session.exec(select(AuditEntry).where(AuditEntry.account_id == account))}
    assert {"user.invited", "user.invitation_accepted", "user.removed", "supplier.invited"} - logged == {
        "supplier.invited"}


def test_invitation_email_is_delivered_over_smtp(session, seller):
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        invitation = _invite(session, seller)
        session.commit()
        settings = notifications.SmtpSettings(host="127.0.0.1", port=controller.port)
        assert notifications.deliver_pending(session, NOW, settings)["sent"] == 1
    finally:
        controller.stop()
    [(recipients, content)] = collector.messages
    assert recipients == ["ops@forwarder.example"] and invitation.token in content.replace("=\r\n", "")
