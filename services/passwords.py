"""bcrypt hashes in the format streamlit-authenticator's Hasher writes and checks.

Services may not import streamlit (and streamlit_authenticator imports it), so the same
two bcrypt calls its Hasher makes are made here directly.
"""

from __future__ import annotations

import bcrypt

from services import config
from services.errors import ValidationError


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=config.BCRYPT_ROUNDS)).decode()


def check_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), password_hash.encode())
    except ValueError:
        return False


def validate_password(password: str, field: str = "password") -> None:
    password = password or ""
    reasons = []
    if len(password) < config.PASSWORD_MIN_LENGTH:
        reasons.append(f"Use at least {config.PASSWORD_MIN_LENGTH} characters.")
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        reasons.append("Use both letters and digits.")
    if len(password.encode("utf-8")) > config.PASSWORD_MAX_BYTES:
        reasons.append(f"Use at most {config.PASSWORD_MAX_BYTES} bytes (about {config.PASSWORD_MAX_BYTES} letters, "
                       "fewer with accents or other scripts).")
    if reasons:
        raise ValidationError(" ".join(reasons), field=field, reasons=reasons)
