"""The organisation views for the project's permission registry (tests/test_permissions.py).

Objects are on the insiders' side (Khu vực 1 of Quảng Trị, the 2024 cluster of the provinces
merged into Quảng Trị); the screens that change the organisation are for administrators only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def qt_cluster(s: Any) -> Any:
    from tdkt.org.models import Cluster
    from tdkt.org.services import create_cluster

    return Cluster.objects.filter(name="Cụm thi đua số 3").first() or create_cluster(
        actor=None,
        year=2024,
        kind="cum",
        name="Cụm thi đua số 3",
        organizer=s.vkstc,
        members=[s.quang_binh, s.quang_tri_old],
        head=s.quang_binh,
        deputy=s.quang_tri_old,
    )


ORG_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "org:unit_search": lambda s: {},
    "org:unit_create": lambda s: {},
    "org:unit_rename": lambda s: {"pk": s.kv1.pk},
    "org:unit_move": lambda s: {"pk": s.kv1.pk},
    "org:unit_dissolve": lambda s: {"pk": s.kv1.pk},
    "org:unit_merge": lambda s: {"pk": s.kv1.pk},
    "org:unit_split": lambda s: {"pk": s.kv1.pk},
    "org:cluster_create": lambda s: {},
    "org:cluster_copy": lambda s: {},
}
# The picker answers every user with a unit role, showing only the units of his scope.
ORG_LISTS = {"org:unit_search"}
ORG_ADMIN_ONLY = set(ORG_VIEWS) - ORG_LISTS
# POST-only actions on the cluster page, tested in tests/org/test_screens.py.
ORG_POST_ONLY = {
    "org:cluster_member_add",
    "org:cluster_member_remove",
}
