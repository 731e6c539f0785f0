"""The cookie-signing key: $APP_SECRET_KEY, else generated once and kept under ./data/."""

from __future__ import annotations

import os
import secrets

from services.settings import DATA_DIR, get_settings


def cookie_key() -> str:
    configured = get_settings().app_secret_key
    if configured:
        return configured
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another server process won the race
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
