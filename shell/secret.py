"""The cookie-signing key: $APP_SECRET_KEY, else generated once and kept under ./data/."""

from __future__ import annotations

import os
import secrets

from services.db import DATA_DIR


def cookie_key() -> str:
    env = os.environ.get("APP_SECRET_KEY")
    if env:
        return env
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
