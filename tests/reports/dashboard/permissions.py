"""The dashboard views for the project's permission registry (tests/test_permissions.py).

`reports:dashboard` opens the dashboard of the widest unit the user may view (the sector for
VKSND tối cao), so an outsider gets his own unit's, like a list; a unit's dashboard answers 404
outside the user's scope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DASHBOARD_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "reports:dashboard": lambda s: {},
    "reports:unit_dashboard": lambda s: {"pk": s.quang_tri.pk},
}
DASHBOARD_LISTS = {"reports:dashboard"}
