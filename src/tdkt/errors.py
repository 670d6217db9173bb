"""Domain errors: one small hierarchy, each with a reason code and a Vietnamese message.

Workflow views turn them into flash messages through `tdkt.web.actions.run`, form views into
form errors, the API into answers carrying the code (the exception handlers in `tdkt.api`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


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


class NotAllowed(DomainError, PermissionDenied):
    """The actor may not do this for this unit. Services check it themselves (the shell, a task
    and the API call them too). A view that lets it escape answers Django's 403 page (it is a
    PermissionDenied); `web.actions.run` shows its message; the API answers 404, like what does
    not exist."""

    code = "not_allowed"
