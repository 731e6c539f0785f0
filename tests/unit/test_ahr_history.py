"""health.record_ahr_history: many days at once, the same checks as record_ahr, all or nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services import accounts, health
from services.errors import PermissionDenied, ValidationError
from tests.conftest import NOW
from tests.factories import make_account, make_user

TODAY = NOW.date()


def test_a_history_replaces_its_days_and_refuses_a_bad_score_whole(session):
    account = make_account(session, "US")
    health.record_ahr(session, account.id, TODAY - timedelta(days=1), 100)
    scores = {TODAY - timedelta(days=k): 600 + k for k in range(3)}
    assert health.record_ahr_history(session, account.id, scores) == 3
    assert health.ahr_history(session, account.id, TODAY - timedelta(days=5), TODAY) == scores
    assert health.latest_ahr(session, account.id) == (TODAY, 600)
    with pytest.raises(ValidationError) as refused:
        health.record_ahr_history(session, account.id, {TODAY: 700, TODAY - timedelta(days=9): 1001})
    assert refused.value.reasons == [f"{TODAY - timedelta(days=9)}: 1001"]
    assert health.latest_ahr(session, account.id) == (TODAY, 600)  # nothing written
    viewer = make_user(session)
    accounts.grant(session, None, viewer.id, account.id, "user", {"health": "view"})
    with pytest.raises(PermissionDenied):
        health.record_ahr_history(session, account.id, {TODAY: 700}, user_id=viewer.id)
