"""The settings object: typed, and following the environment although built once per state of it."""

from __future__ import annotations

import pytest

from services.settings import get_settings


def test_settings_follow_the_environment_and_are_built_once_per_state(monkeypatch):
    monkeypatch.setenv("APP_BASE_URL", "https://console.example.com/")
    first = get_settings()
    assert first.app_base_url == "https://console.example.com"  # typed and cleaned
    assert get_settings() is first  # nothing changed: the same object, not another 9 ms build
    monkeypatch.setenv("APP_BASE_URL", "https://other.example.com")
    assert get_settings().app_base_url == "https://other.example.com"  # a change takes effect at once
    monkeypatch.delenv("APP_BASE_URL")
    assert get_settings().app_base_url == "http://localhost:8501"


def test_a_bad_value_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("APP_CLOCK_START", "2026-06-15T12:00:00")
    with pytest.raises(ValueError, match="time zone"):
        get_settings()
