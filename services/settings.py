"""Every setting the app reads from its environment, in one typed object (pydantic-settings).

Nothing else in the app reads ``os.environ``: call :func:`get_settings` (it follows the
environment, so a test's ``monkeypatch.setenv`` takes effect at once). The README's
configuration table lists the same variables.
"""

from __future__ import annotations

import functools
import os
from datetime import datetime
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    database_url: str | None = Field(None, description="SQLAlchemy URL; empty: the SQLite file under ./data/")
    app_secret_key: str | None = Field(None, description="signs the sign-in cookie; empty: generated once")
    app_base_url: str = Field("http://localhost:8501", description="the app's public address, for email links")
    app_default_language: str = Field("en", description="language before anyone chooses: en, zh-Hans, zh-Hant")
    app_clock_start: datetime | None = Field(
        None, description="demo/test clock: the app's time starts at this instant (ISO 8601 with zone) and runs on")
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = "B2B Seller Console <no-reply@localhost>"
    smtp_starttls: bool = False
    bench_database_url: str | None = Field(None, description="python -m bench: where the large profile lives")
    chromium_path: str = Field("/usr/bin/chromium", description="browser tests and screenshots")
    test_database_url: str | None = Field(None, description="make test: also run on this PostgreSQL server")
    ci: bool = Field(False, description="set by .ci/run: browser tests are required")
    require_browser: bool = False

    @field_validator("app_base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("smtp_from")
    @classmethod
    def _default_sender(cls, value: str) -> str:
        return value or "B2B Seller Console <no-reply@localhost>"

    @field_validator("app_clock_start")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("APP_CLOCK_START needs a time zone, like 2026-06-15T12:00:00+00:00")
        return value


def get_settings() -> Settings:
    """The settings as the environment says now. Built once per state of the environment (building
    them costs ~9 ms, and every page session asks for the database URL): a changed variable, such
    as a test's ``monkeypatch.setenv``, gives a fresh object at once."""
    return _settings_for(frozenset(os.environ.items()))


@functools.lru_cache(maxsize=8)
def _settings_for(environment: frozenset) -> Settings:
    return Settings()


def child_environment(**overrides: str) -> dict[str, str]:
    """The environment for a child process (the test server, screenshots) with some settings
    replaced: the one other place that touches the process environment."""
    return {**os.environ, **{k.upper(): v for k, v in overrides.items()}}


def apply_environment(**values: str) -> None:
    """Set settings for this process (in-process runs such as the benchmark's AppTest)."""
    os.environ.update({k.upper(): v for k, v in values.items()})
