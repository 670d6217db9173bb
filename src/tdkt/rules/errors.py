"""The engine's errors. Messages are Vietnamese because they reach users unchanged (CLI, API)."""

from __future__ import annotations

from datetime import date


class ContractError(ValueError):
    """Input that breaks shared/domain/eligibility-contract.md; the message names the key."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingParameter(LookupError):
    """No parameter record covers the date asked (an administrator has to add one)."""

    def __init__(self, key: str, on: date) -> None:
        super().__init__(f"Không có tham số '{key}' áp dụng vào ngày {on.isoformat()}")
        self.key = key
        self.on = on


class RuleDataError(ValueError):
    """Parameter or regime data that cannot be used (overlapping dates, unknown confidence...)."""
