"""Domain errors: one small hierarchy, each with a reason code and a Vietnamese message.

Views turn them into form errors or flash messages in one place (`tdkt.web.errors`)."""

from __future__ import annotations


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class InvalidData(DomainError):
    code = "invalid_data"


class Conflict(DomainError):
    """The record changed or already exists; nothing was written."""

    code = "conflict"


class TransitionNotAllowed(DomainError):
    code = "invalid_transition"
