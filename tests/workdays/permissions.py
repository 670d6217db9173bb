"""The working-day calendar's screens for the project's permission registry
(tests/test_permissions.py): all of them for administrators only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.workdays.builders import stored_swap

WORKDAY_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "workdays:day_list": lambda s: {},
    "workdays:day_add": lambda s: {},
    "workdays:day_remove": lambda s: {"pk": stored_swap().pk},
}
WORKDAY_ADMIN_ONLY = set(WORKDAY_VIEWS)
