"""The year's facts screen for the project's permission registry (tests/test_permissions.py).

The grid of Khu vực 1 (Quảng Trị), where Nguyễn Văn An works. Its row and unit-rating saves are
POST-only: their scope (404 to an outsider and to a staff member, 405 on GET to the officer) is
tested in tests/records/test_facts_grid.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FACTS_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "records:facts_grid": lambda s: {"pk": s.kv1.pk},
}
FACTS_POST_ONLY = {"records:facts_row", "records:facts_unit_rating"}
