"""The id of the current request, so that the audit entries of one request can be grouped."""

from __future__ import annotations

from contextvars import ContextVar

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")
