"""bcrypt hashes in the format streamlit-authenticator's Hasher writes and checks.

Services may not import streamlit (and streamlit_authenticator imports it), so the same
two bcrypt calls its Hasher makes are made here directly.
"""

from __future__ import annotations

import bcrypt

from services import config
from services.errors import ValidationError
from services.i18n import M, joined


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
        reasons.append(
            M("Use at least {password_min_length} characters.", password_min_length=config.PASSWORD_MIN_LENGTH)
        )
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        reasons.append(M("Use both letters and digits."))
    if len(password.encode("utf-8")) > config.PASSWORD_MAX_BYTES:
        reasons.append(
            M(
                "Use at most {password_max_bytes} bytes (about {password_max_bytes} letters, fewer with accents or "
                "other scripts).",
                password_max_bytes=config.PASSWORD_MAX_BYTES,
            )
        )
    if reasons:
        raise ValidationError(joined(reasons, " "), field=field, reasons=reasons)
