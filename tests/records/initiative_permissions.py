"""The initiative, violation and person-picker screens for the project's permission registry
(tests/test_permissions.py).

Every object belongs to the insiders' side: an initiative of Khu vực 1 (Quảng Trị) by Nguyễn Văn
An, and a violation counted against Khu vực 1. Builders find what an earlier one made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any


def kv1_initiative(s: Any) -> Any:
    from tdkt.records import services
    from tdkt.records.models import Initiative

    found = Initiative.objects.filter(code="SK-KV1-2025-01").first()
    return found or services.record_initiative(
        actor=None,
        unit=s.kv1,
        code="SK-KV1-2025-01",
        kind="sang_kien",
        title="Sáng kiến số hóa hồ sơ kiểm sát",
        scope="co_so",
        year=2025,
        recognized_on=dt.date(2025, 10, 15),
        recognizing_decision="30/QĐ-VKS",
        recognizer=s.quang_tri,
        authors=[s.an],
    )


def kv1_violation(s: Any) -> Any:
    from tdkt.records import services

    found = s.kv1.violations.first()
    return found or services.record_unit_violation(
        actor=None,
        unit=s.kv1,
        year=2025,
        kind="missed_crime",
        basis_kind="inspection",
        basis_number="12/KL-VKS",
        basis_date=dt.date(2025, 11, 3),
        basis_issuer="VKSND tỉnh Quảng Trị",
    )


INITIATIVE_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "people:person_search": lambda s: {},
    "records:initiative_list": lambda s: {"unit_pk": s.kv1.pk},
    "records:initiative_create": lambda s: {"unit_pk": s.kv1.pk},
    "records:initiative_detail": lambda s: {"pk": kv1_initiative(s).pk},
    "records:initiative_edit": lambda s: {"pk": kv1_initiative(s).pk},
    "records:initiative_remove": lambda s: {"pk": kv1_initiative(s).pk},
    "records:violation_list": lambda s: {"unit_pk": s.kv1.pk},
    "records:violation_create": lambda s: {"unit_pk": s.kv1.pk},
    "records:violation_edit": lambda s: {"pk": kv1_violation(s).pk},
    "records:violation_remove": lambda s: {"pk": kv1_violation(s).pk},
}
# The person picker answers every officer with the people of his own units only.
INITIATIVE_LISTS = {"people:person_search"}
