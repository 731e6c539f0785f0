"""The service matrix (issue 11): every public service function that reads or writes account data,
found from the services' signatures, refuses the wrong actor — another account's admin, a
view-only user for writes, a supplier, a deactivated user, a record id of another account.

A new public function that takes an account (or one of its records) must appear here: guarded by
``access.guarded`` (then it is called generically), given a recipe in WRITES/RECORDS/REVIEWER/
SUPPLIER, or named in SYSTEM with the reason it takes no actor. Otherwise
``test_every_account_function_is_in_the_matrix`` fails.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from datetime import date, timedelta
from pathlib import Path

import pytest

import services
from services import (
    accounts,
    actions,
    alerts,
    audit,
    health,
    imports,
    notifications,
    partners,
    products,
    profile,
    shipments,
    suppliers,
    team,
)
from services.errors import NotFound, PermissionDenied
from tests.conftest import NOW
from tests.factories import make_account, make_user

TODAY = NOW.date()
SCORES_CSV = b"day,score\n2026-06-01,500\n"
ROOT = Path(__file__).resolve().parents[2]
NOT_SERVICES = {"models", "config", "settings", "errors", "types", "money", "periods", "marketplaces", "db",
                "tokens", "passwords", "text", "access"}
ACTORS = ("user_id", "actor_user_id", "reviewer_user_id", "supplier_user_id")
RECORD_IDS = {"account_id", "owner_account_id", "task_id", "request_id", "case_id", "authorization_id",
              "invitation_id", "connection_id", "shipment_id", "brand_id", "import_id"}

# Functions on account data that take no acting user, and why that is safe. Pages never call them
# (test_pages_call_no_system_function), except the shell's reconciliation.
SYSTEM = {
    "accounts.create_account": "seed and admin tooling",
    "accounts.get_account": "internal look-up, called by services after their own check",
    "audit.record_audit": "internal: the audit write path, called by services after their own check",
    "actions.reconcile": "reconciliation of derived tasks: writes derived state, reveals nothing",
    "health.reconcile": "reconciliation of AHA enrolment: writes derived state, reveals nothing",
    "notifications.account_admin_emails": "internal: whom a service emails",
    "notifications.email_admins": "internal: services email an account's admins",
    "notifications.queue_email": "internal: the outbox write path",
    "partners.bind_asin": "brand catalogue data (seed; no page)",
    "partners.create_brand": "brand registry data (seed; no page)",
    "partners.set_standing": "partner standing (seed; no page)",
    "partners.health_score": "internal: a rule of diagnose, reached through a checked request",
    "products.offer_titles": "internal: titles for a report already checked",
    "products.upsert_product": "catalogue write path (seed, importers)",
    "profile.set_eligible": "credential registry data (seed)",
    "sales.account_marketplace": "internal: validates a marketplace for a checked read",
    "sales.record_order_lines": "the order-line write path (seed, importers after their own check)",
    "sales.remove_import_lines": "internal: undo_import's part, after its check",
    "rollups.rebuild_days": "internal: rollups kept in step by the write paths",
    "rollups.rebuild_order_rollups": "internal: rollups kept in step by the write paths",
    "products.imported_asin_report": "internal: which report answers a checked read",
    "seller_performance.latest_import": "internal: which report answers health.metrics (checked)",
    "seller_performance.imported_metrics": "internal: the figures behind health.metrics (checked)",
}
SHELL_MAY_CALL = {"actions.reconcile", "health.reconcile", "partners.expire"}


def _service_functions():
    for info in pkgutil.iter_modules(services.__path__):
        if info.name in NOT_SERVICES:
            continue
        module = importlib.import_module(f"services.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            params = inspect.signature(fn).parameters
            if "session" in params:
                yield f"{info.name}.{name}", fn, params


def _touches_account_data(params) -> bool:
    return bool(RECORD_IDS & set(params))


# --- the world: a victim account V and everyone who must not reach it ---------------------------------


@pytest.fixture
def world(session):
    v = make_account(session, "US", name="Victim Supply Co")
    other = make_account(session, "US", name="Other Seller")
    admin, viewer, former = make_user(session), make_user(session), make_user(session)
    foreign = make_user(session)
    accounts.grant(session, None, admin.id, v.id, "admin")
    accounts.grant(session, None, former.id, v.id, "admin")
    accounts.grant(session, None, viewer.id, v.id, "user", {a: "view" for a in
                                                            ("b2b", "actions", "supply_chain", "partners",
                                                             "health", "settings")})
    accounts.grant(session, None, foreign.id, other.id, "admin")
    reviewer = make_user(session, kind="reviewer")
    products.upsert_product(session, v.id, "US", "B0VICTIM01", "V-SKU-1", "Victim crate", "10.00", "9.00")
    products.upsert_product(session, other.id, "US", "B0OTHER001", "O-SKU-1", "Other crate", "10.00")
    invitation = suppliers.invite_supplier(session, v.id, admin.id, "Harbor", "Sam", "sam@harbor.example",
                                           "freight_forwarder", NOW)
    supplier = suppliers.accept_invitation(session, invitation.token, "Sam", "Supplier-pass-1", NOW)
    company = suppliers.supplier_company(session, supplier.id)
    connection = suppliers.connections(session, v.id)[0].connection
    shipment = shipments.create_shipment(session, v.id, admin.id, "Restock", "PHX7", [("V-SKU-1", 5)], NOW)
    shipments.share_shipment(session, v.id, shipment.id, company.id, admin.id, NOW)
    pending = suppliers.invite_supplier(session, v.id, admin.id, "Keystone", "", "k@keystone.example", "other", NOW)
    user_invitation = team.invite_user(session, v.id, admin.id, "new@victim.example", "user", {"b2b": "view"}, NOW)
    removal = suppliers.request_removal(session, v.id, connection.id, admin.id, "Contract ended", NOW)
    request = actions.create_buyer_request(session, "US", "B0VICTIM01", 20, NOW)
    actions.reconcile(session, v.id, NOW)
    task = actions.open_tasks(session, v.id, NOW)[0]
    profile.set_eligible(session, v.id, ["ISO 9001"])
    for i in range(1, 181):
        health.record_ahr(session, v.id, TODAY - timedelta(days=i), 700, today=TODAY)
    health.set_emergency_phone(session, v.id, "+14155550132")
    health.reconcile(session, v.id, NOW)
    case = health.open_case(session, v.id, "Listing review", NOW, reviewer.id)
    brand = partners.create_brand(session, v.id, "Victim Brand")
    partners.bind_asin(session, brand.id, "B0VICTIM01")
    partner = make_account(session, "US", name="Partner Co")
    health.record_ahr(session, partner.id, TODAY - timedelta(days=1), 950, today=TODAY)
    authorization = partners.request_authorization(session, brand.id, partner.merchant_token, ["B0VICTIM01"], None,
                                                   TODAY, TODAY + timedelta(days=30), admin.id, NOW)
    imported = imports.import_report(session, v.id, "scores.csv", b"day,score\n2026-06-10,640\n", now=NOW)
    former.active = False
    session.add(former)
    session.flush()
    return {"v": v, "other": other, "admin": admin, "viewer": viewer, "former": former, "foreign": foreign,
            "reviewer": reviewer, "supplier": supplier, "company": company, "connection": connection,
            "shipment": shipment, "pending": pending, "user_invitation": user_invitation, "removal": removal,
            "request": request, "task": task, "case": case, "brand": brand, "partner": partner,
            "authorization": authorization, "import": imported.id}


def refused(session, call) -> bool:
    """True when the call is refused (PermissionDenied, or NotFound for a record of another
    account); the call's writes, if any, are rolled back either way."""
    savepoint = session.begin_nested()
    try:
        call()
    except (PermissionDenied, NotFound):
        savepoint.rollback()
        return True
    savepoint.rollback()
    return False


# Writes checked inline: how to aim each at V as `actor`.
WRITES = {
    "accounts.grant": lambda w, a: accounts.grant(s(w), a, w["viewer"].id, w["v"].id, "admin"),
    "actions.respond_to_request": lambda w, a: actions.respond_to_request(s(w), w["v"].id, w["request"].id, "1.00",
                                                                          a, NOW),
    "actions.decline_request": lambda w, a: actions.decline_request(s(w), w["v"].id, w["request"].id, a, NOW),
    "actions.dismiss_task": lambda w, a: actions.dismiss_task(s(w), w["task"].id, a, NOW),
    "actions.restore_task": lambda w, a: actions.restore_task(s(w), w["task"].id, a, NOW),
    "health.record_ahr": lambda w, a: health.record_ahr(s(w), w["v"].id, TODAY, 500, a, today=TODAY),
    "health.import_ahr_csv": lambda w, a: health.import_ahr_csv(s(w), w["v"].id, "day,score\n2026-06-01,500\n", a,
                                                                NOW),
    "health.set_emergency_phone": lambda w, a: health.set_emergency_phone(s(w), w["v"].id, "+14155550199", a, NOW),
    "health.request_callback": lambda w, a: health.request_callback(s(w), w["v"].id, w["case"].id, a, NOW),
    "health.submit_plan": lambda w, a: health.submit_plan(s(w), w["v"].id, w["case"].id, a, "x", "y", "z", NOW),
    "partners.request_authorization": lambda w, a: partners.request_authorization(
        s(w), w["brand"].id, w["partner"].merchant_token, ["B0VICTIM01"], None, TODAY, TODAY + timedelta(days=9),
        a, NOW),
    "partners.revoke_authorization": lambda w, a: partners.revoke_authorization(s(w), w["authorization"].id, a, NOW),
    "products.set_offer_prices": lambda w, a: products.set_offer_prices(s(w), w["v"].id, "V-SKU-1", "11.00", "",
                                                                        [], a, NOW),
    "profile.save_profile": lambda w, a: profile.save_profile(s(w), w["v"].id, {"about": "x"}, a, NOW, TODAY),
    "profile.mark_credentials_reviewed": lambda w, a: profile.mark_credentials_reviewed(s(w), w["v"].id, a, NOW),
    "profile.approve_credential": lambda w, a: profile.approve_credential(
        s(w), w["v"].id, "ISO 9001", "TÜV", "C-1", TODAY - timedelta(days=9), TODAY + timedelta(days=99), a, NOW,
        TODAY),
    "shipments.create_shipment": lambda w, a: shipments.create_shipment(s(w), w["v"].id, a, "S", "PHX7",
                                                                        [("V-SKU-1", 1)], NOW),
    "shipments.share_shipment": lambda w, a: shipments.share_shipment(s(w), w["v"].id, w["shipment"].id,
                                                                      w["company"].id, a, NOW),
    "suppliers.invite_supplier": lambda w, a: suppliers.invite_supplier(s(w), w["v"].id, a, "X", "", "x@x.example",
                                                                        "other", NOW),
    "suppliers.resend_invitation": lambda w, a: suppliers.resend_invitation(s(w), w["v"].id, w["pending"].id, a, NOW),
    "suppliers.cancel_invitation": lambda w, a: suppliers.cancel_invitation(s(w), w["v"].id, w["pending"].id, a, NOW),
    "suppliers.answer_seller_invitation": lambda w, a: suppliers.answer_seller_invitation(
        s(w), w["v"].id, w["pending"].id, a, True, NOW),
    "suppliers.request_removal": lambda w, a: suppliers.request_removal(s(w), w["v"].id, w["connection"].id, a,
                                                                        "why", NOW),
    "team.invite_user": lambda w, a: team.invite_user(s(w), w["v"].id, a, "y@y.example", "admin", None, NOW),
    "team.cancel_user_invitation": lambda w, a: team.cancel_user_invitation(s(w), w["v"].id,
                                                                            w["user_invitation"].id, a, NOW),
    "team.remove_member": lambda w, a: team.remove_member(s(w), w["v"].id, a, w["viewer"].id, NOW),
    "imports.import_report": lambda w, a: imports.import_report(s(w), w["v"].id, "scores.csv", SCORES_CSV, user_id=a,
                                                                now=NOW),
    "imports.preview_report": lambda w, a: imports.preview_report(s(w), w["v"].id, "scores.csv", SCORES_CSV,
                                                                  user_id=a, now=NOW),
    "imports.undo_import": lambda w, a: imports.undo_import(s(w), w["v"].id, w["import"], user_id=a, now=NOW),
    "health.record_ahr_history": lambda w, a: health.record_ahr_history(s(w), w["v"].id, {TODAY: 500}, a,
                                                                        today=TODAY),
}
# Reads that check the actor inline (not through access.guarded).
READS = {
    "notifications.outbox": lambda w, a: notifications.outbox(s(w), account_ids=[w["v"].id], user_id=a),
    "audit.audit_entries": lambda w, a: audit.audit_entries(s(w), [w["v"].id], user_id=a),
    "imports.import_history": lambda w, a: imports.import_history(s(w), w["v"].id, a),
    "alerts.set_rule": lambda w, a: alerts.set_rule(s(w), a, "ahr_below", account_id=w["v"].id, threshold=200),
}
# The same calls aimed from the attacker's own account at V's record: a foreign record id.
RECORDS = {
    "actions.respond_to_request": lambda w, a: actions.respond_to_request(s(w), w["other"].id, w["request"].id,
                                                                          "1.00", a, NOW),
    "actions.quote": lambda w, a: actions.quote(s(w), w["other"].id, w["request"].id, NOW, user_id=a),
    "health.submit_plan": lambda w, a: health.submit_plan(s(w), w["other"].id, w["case"].id, a, "x", "y", "z", NOW),
    "partners.authorizations": lambda w, a: partners.authorizations(s(w), w["other"].id, w["brand"].id, user_id=a),
    "partners.permission_log": lambda w, a: partners.permission_log(s(w), w["other"].id, w["brand"].id, user_id=a),
    "partners.diagnose_authorization": lambda w, a: partners.diagnose_authorization(
        s(w), w["other"].id, w["authorization"].id, TODAY, user_id=a),
    "shipments.share_shipment": lambda w, a: shipments.share_shipment(s(w), w["other"].id, w["shipment"].id,
                                                                      w["company"].id, a, NOW),
    "suppliers.cancel_invitation": lambda w, a: suppliers.cancel_invitation(s(w), w["other"].id, w["pending"].id, a,
                                                                            NOW),
    "suppliers.request_removal": lambda w, a: suppliers.request_removal(s(w), w["other"].id, w["connection"].id, a,
                                                                        "why", NOW),
    "team.cancel_user_invitation": lambda w, a: team.cancel_user_invitation(s(w), w["other"].id,
                                                                            w["user_invitation"].id, a, NOW),
    "imports.undo_import": lambda w, a: imports.undo_import(s(w), w["other"].id, w["import"], user_id=a, now=NOW),
}
# Internal reviewers only.
REVIEWER = {
    "actions.create_buyer_request": lambda w, a: actions.create_buyer_request(s(w), "US", "B0VICTIM01", 5, NOW,
                                                                              user_id=a),
    "health.open_case": lambda w, a: health.open_case(s(w), w["v"].id, "x", NOW, a),
    "health.resolve_case": lambda w, a: health.resolve_case(s(w), w["case"].id, a, NOW),
    "health.review_cases": lambda w, a: health.review_cases(s(w), a),
    "health.enrolled_accounts": lambda w, a: health.enrolled_accounts(s(w), a),
    "partners.start_review": lambda w, a: partners.start_review(s(w), w["authorization"].id, a, NOW),
    "partners.review_authorization": lambda w, a: partners.review_authorization(s(w), w["authorization"].id, a,
                                                                                True, NOW),
    "partners.review_queue": lambda w, a: partners.review_queue(s(w), a),
    "suppliers.pending_removals": lambda w, a: suppliers.pending_removals(s(w), a),
    "suppliers.review_removal": lambda w, a: suppliers.review_removal(s(w), w["removal"].id, a, True, NOW),
}
# Supplier users only (their own company's shares).
SUPPLIER = {
    "shipments.supplier_shipments": lambda w, a: shipments.supplier_shipments(s(w), a),
    "shipments.start_shipment": lambda w, a: shipments.start_shipment(s(w), a, w["shipment"].id, NOW),
    "shipments.complete_shipment": lambda w, a: shipments.complete_shipment(
        s(w), a, w["shipment"].id, [{"weight_kg": 1, "length_cm": 1, "width_cm": 1, "height_cm": 1}], "UPS", ["1Z"],
        TODAY, NOW),
    "suppliers.invite_seller": lambda w, a: suppliers.invite_seller(s(w), a, w["v"].merchant_token, NOW),
    "suppliers.supplier_company": lambda w, a: suppliers.supplier_company(s(w), a),
    "suppliers.supplier_sellers": lambda w, a: suppliers.supplier_sellers(s(w), a),
}
# Functions whose subject is the acting user themselves, or a token that is itself the credential.
OWN_OR_TOKEN = {
    "accounts.accounts_for_user", "prefs.minimized_widgets", "prefs.rate_widget", "prefs.set_minimized",
    "prefs.widget_rating", "prefs.language", "prefs.set_language", "auth.revoke_sessions", "auth.start_session",
    "suppliers.invitation_by_token",
    "suppliers.invitation_preview", "suppliers.accept_invitation", "suppliers.link_existing_supplier",
    "team.user_invitation_by_token", "team.invitation_preview", "team.accept_user_invitation",
    "team.link_existing_user", "partners.expire", "partners.diagnose", "partners.limits_used",
    "partners.brand_asins",
    # the person's own portfolio and alerts: only accounts they may see now (test_portfolio_hides_v below)
    "portfolio.portfolio", "portfolio.has_portfolio", "alerts.has_defaults", "alerts.inbox", "alerts.mark_all_read",
    "alerts.mark_read", "alerts.open_alert_counts", "alerts.remove_rule", "alerts.rules", "alerts.snooze",
    "alerts.unread_count",
}


def s(world):
    return world["_session"]


@pytest.fixture
def w(world, session):
    return {**world, "_session": session}


def test_every_account_function_is_in_the_matrix():
    """A function on account data without a check (and without a reason) fails here."""
    covered = set(SYSTEM) | set(WRITES) | set(READS) | set(REVIEWER) | set(SUPPLIER) | OWN_OR_TOKEN
    missing = []
    for name, fn, params in _service_functions():
        if hasattr(fn, "__guard__") or name in covered:
            continue
        if _touches_account_data(params) or set(ACTORS) & set(params):
            missing.append(name)
    assert missing == [], f"add these to the service matrix (guard them, or give a recipe or a reason): {missing}"


def _guarded():
    return [(name, fn) for name, fn, _ in _service_functions() if hasattr(fn, "__guard__")]


def _generic_call(fn, w, actor):
    """Call a guarded read on V as `actor`: the guard runs before anything else, so the other
    arguments may be anything."""
    params = inspect.signature(fn).parameters
    kwargs = {}
    for name, p in params.items():
        if name == "session":
            kwargs[name] = s(w)
        elif name == "account_id":
            kwargs[name] = w["v"].id
        elif name == "user_id":
            kwargs[name] = actor
        elif p.default is inspect.Parameter.empty:
            kwargs[name] = date(2026, 1, 1) if name in ("start", "end", "today") else NOW if name == "now" else None
    return lambda: fn(**kwargs)


@pytest.mark.parametrize("persona", ["foreign", "supplier", "former", "reviewer"])
def test_guarded_reads_refuse_outsiders(w, persona):
    actor = w[persona].id
    leaks = [name for name, fn in _guarded() if not refused(s(w), _generic_call(fn, w, actor))]
    if persona != "reviewer":  # internal reviewers read every account's outbox and audit log (SPEC §1)
        leaks += [name for name, call in READS.items() if not refused(s(w), lambda c=call: c(w, actor))]
    assert leaks == []


@pytest.mark.filterwarnings("ignore:fully NULL primary key")  # the dummy arguments past the guard
def test_guarded_reads_let_members_in(w):
    """The matrix is not vacuous: the same generic calls get past the guard for V's own viewer."""
    session = s(w)
    for name, fn in _guarded():
        savepoint = session.begin_nested()
        try:
            _generic_call(fn, w, w["viewer"].id)()
        except PermissionDenied as exc:
            pytest.fail(f"{name} refused a member: {exc.message}")
        except Exception:  # noqa: BLE001 - past the guard, the dummy arguments may fail: that is fine
            pass
        finally:
            savepoint.rollback()


@pytest.mark.parametrize("persona", ["foreign", "viewer", "supplier", "former", "reviewer"])
def test_writes_refuse_outsiders_and_view_only_users(w, persona):
    actor = w[persona].id
    assert [name for name, call in WRITES.items() if not refused(s(w), lambda c=call: c(w, actor))] == []


def test_writes_work_for_the_accounts_admin(w):
    """Not vacuous: V's admin gets past every write's check (the writes then roll back)."""
    session = s(w)
    for name, call in WRITES.items():
        savepoint = session.begin_nested()
        try:
            call(w, w["admin"].id)
        except PermissionDenied as exc:
            pytest.fail(f"{name} refused the admin: {exc.message}")
        except Exception:  # noqa: BLE001 - a rule may refuse (Conflict, ValidationError): past the check
            pass
        finally:
            savepoint.rollback()


def test_a_record_of_another_account_is_not_found(w):
    """The attacker is admin of its own account and names V's record."""
    actor = w["foreign"].id
    assert [name for name, call in RECORDS.items() if not refused(s(w), lambda c=call: c(w, actor))] == []


@pytest.mark.parametrize("persona", ["admin", "supplier", "foreign"])
def test_reviewer_functions_refuse_everyone_else(w, persona):
    actor = w[persona].id
    assert [name for name, call in REVIEWER.items() if not refused(s(w), lambda c=call: c(w, actor))] == []


def test_a_deactivated_reviewer_is_refused(w):
    reviewer = w["reviewer"]
    reviewer.active = False
    s(w).add(reviewer)
    assert [name for name, call in REVIEWER.items() if not refused(s(w), lambda c=call: c(w, reviewer.id))] == []


@pytest.mark.parametrize("persona", ["admin", "reviewer", "removed"])
def test_supplier_functions_refuse_everyone_else(w, persona):
    if persona == "removed":  # the supplier after an approved removal: still a supplier, but not V's
        suppliers.review_removal(s(w), w["removal"].id, None, True, NOW)
        actor = w["supplier"].id
        calls = {k: v for k, v in SUPPLIER.items() if k in ("shipments.start_shipment",
                                                            "shipments.complete_shipment")}
        assert shipments.supplier_shipments(s(w), actor) == [] and suppliers.supplier_sellers(s(w), actor) == []
    else:
        actor, calls = w[persona].id, SUPPLIER
    assert [name for name, call in calls.items() if not refused(s(w), lambda c=call: c(w, actor))] == []


def test_pages_call_no_system_function():
    """What SYSTEM allows to skip the actor is never reached from a page (only the shell reconciles)."""
    offenders = []
    for folder in ("pages", "shell", "components"):
        for path in (ROOT / folder).glob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                    name = f"{node.value.id}.{node.attr}"
                    if name in SYSTEM and not (folder == "shell" and name in SHELL_MAY_CALL):
                        offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_pages_pass_the_signed_in_user_to_every_checked_service():
    """A page that calls a service able to check an actor must hand it one (the shell's cached
    reads check first, then read as the system: see shell/data.py)."""
    takes_actor = {name for name, fn, params in _service_functions() if set(ACTORS) & set(params)}
    offenders = []
    for path in (ROOT / "pages").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            target, args = node.func, node.args
            if isinstance(target, ast.Name) and target.id == "run_action" and args:  # run_action(fn, *args)
                target, args = args[0], args[1:]
            if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
                continue
            name = f"{target.value.id}.{target.attr}"
            if name not in takes_actor:
                continue
            fn = dict((n, f) for n, f, _ in _service_functions())[name]
            bound = [p for p in inspect.signature(fn).parameters if p != "session"]
            given = {kw.arg for kw in node.keywords} | set(bound[:len(args)])
            if not given & set(ACTORS):
                offenders.append(f"{path.name}:{node.lineno} {name}")
    assert offenders == []


@pytest.mark.parametrize("persona", ["foreign", "former"])
def test_portfolio_and_alerts_hide_v(w, persona):
    """Own-data functions answer only about accounts the person may see now."""
    from services import portfolio

    actor = w[persona].id
    if persona == "former":  # a deactivated user has no portfolio at all
        assert refused(s(w), lambda: portfolio.portfolio(s(w), actor, TODAY, TODAY, TODAY))
        return
    frame = portfolio.portfolio(s(w), actor, TODAY - timedelta(days=29), TODAY, TODAY, now=NOW)
    assert w["v"].id not in set(frame["account_id"]) and w["other"].id in set(frame["account_id"])
    alerts.evaluate(s(w), NOW)
    assert all(a.account_id != w["v"].id for a in alerts.inbox(s(w), actor, now=NOW))


@pytest.mark.filterwarnings("ignore:fully NULL primary key")
def test_reads_never_write(w):
    """DESIGN.md: reads never write. Every checked read, called by V's own viewer, executes no
    INSERT, UPDATE or DELETE (reconciliation is a separate, explicit call)."""
    from sqlalchemy import event

    session = s(w)
    session.flush()
    written: list[str] = []

    def record(conn, cursor, statement, *args):
        if statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            written.append(statement.split("(", 1)[0][:60])

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        calls = [(name, _generic_call(fn, w, w["viewer"].id)) for name, fn in _guarded()]
        calls += [(name, lambda c=call: c(w, w["viewer"].id)) for name, call in READS.items()
                  if name != "alerts.set_rule"]  # a person's own rule: a write that needs only view
        writers = {}
        for name, call in calls:
            written.clear()
            savepoint = session.begin_nested()
            try:
                call()
                session.flush()
            except Exception:  # noqa: BLE001 - dummy arguments may fail past the guard: reads only matter
                pass
            finally:
                savepoint.rollback()
            if written:
                writers[name] = list(written)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert writers == {}
