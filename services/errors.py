"""Domain errors. `.message` is always safe to show to the user."""

from __future__ import annotations

from services.i18n import M


class DomainError(Exception):
    keep_changes = False  # True: commit what the transaction wrote before the refusal

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """Bad input. `.field` names the offending field (if one); `.reasons` lists every failure;
    `.by_field` maps each field to its failures (so a form can show each next to its field)."""

    def __init__(self, message: str, field: str | None = None, reasons: list[str] | None = None,
                 by_field: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.field = field
        self.reasons = list(reasons) if reasons else [message]
        self.by_field = by_field if by_field is not None else ({field: list(self.reasons)} if field else {})

    @classmethod
    def from_fields(cls, by_field: dict[str, list[str]]) -> ValidationError:
        """One error for a whole form: every field's failures, the first field's first as the message."""
        reasons = [r for rs in by_field.values() for r in rs]
        return cls(reasons[0], field=next(iter(by_field)), reasons=reasons, by_field=by_field)


class SignInRefused(ValidationError):
    """A password check failed. The failure was counted (lockout): the caller commits what the
    transaction wrote so far even though the action stops (`keep_changes`)."""

    keep_changes = True


class PermissionDenied(DomainError):
    pass


class NotFound(DomainError):
    pass


class Conflict(DomainError):
    pass


NO_ACCESS_MESSAGE = M("You don't have access to this account.")
