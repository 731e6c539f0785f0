"""The email outbox delivers through a real SMTP server on loopback (aiosmtpd) and keeps failures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from scripts.appserver import free_port
from services import notifications
from services.models import Email
from tests.conftest import NOW


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp_server():
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, collector
    controller.stop()


def test_queued_emails_are_delivered_and_marked_sent(session, smtp_server):
    controller, collector = smtp_server
    notifications.queue_email(session, "buyer.admin@example.com", "Buyer request", "Please answer.", NOW)
    session.commit()
    settings = notifications.SmtpSettings(host="127.0.0.1", port=controller.port, sender="console@example.com")
    assert notifications.deliver_pending(session, NOW, settings) == {"sent": 1, "failed": 0}
    [email] = notifications.outbox(session)
    assert (email.status, email.attempts, email.sent_at) == ("sent", 1, NOW)
    [(recipients, content)] = collector.messages
    assert recipients == ["buyer.admin@example.com"]
    assert "Subject: Buyer request" in content and "Please answer." in content
    assert notifications.deliver_pending(session, NOW, settings) == {"sent": 0, "failed": 0}  # not sent twice


def test_a_failing_server_leaves_the_email_queued_with_its_error_then_retries(session, smtp_server):
    notifications.queue_email(session, "someone@example.com", "Hello", "Body", NOW)
    session.commit()
    dead = notifications.SmtpSettings(host="127.0.0.1", port=free_port())  # nothing listens there
    assert notifications.deliver_pending(session, NOW, dead) == {"sent": 0, "failed": 1}
    email = session.exec(select(Email)).one()
    assert email.status == "failed" and email.last_error and email.attempts == 1
    assert email.next_attempt_at == NOW + timedelta(minutes=1)
    controller, collector = smtp_server
    live = notifications.SmtpSettings(host="127.0.0.1", port=controller.port)
    assert notifications.deliver_pending(session, NOW + timedelta(seconds=30), live)["sent"] == 0  # not yet due
    assert notifications.deliver_pending(session, NOW + timedelta(minutes=1), live)["sent"] == 1
    session.refresh(email)
    assert email.status == "sent" and email.attempts == 2 and email.last_error == ""
    assert len(collector.messages) == 1


def test_without_smtp_settings_nothing_is_sent_or_lost(session, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    notifications.queue_email(session, "someone@example.com", "Hello", "Body", NOW)
    assert notifications.deliver_pending(session, NOW) == {"sent": 0, "failed": 0}
    assert [e.status for e in notifications.outbox(session)] == ["queued"]
