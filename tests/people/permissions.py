"""The career screens for the project's permission registry (tests/test_permissions.py).

Every object belongs to the insiders' side: Nguyễn Văn An of Khu vực 1 (Quảng Trị) and a period
of service recorded for him. Builders find what an earlier one made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any


def an_period(s: Any) -> Any:
    from tdkt.people import services

    found = s.an.service_periods.first()
    return found or services.record_service_period(
        actor=None,
        person=s.an,
        kind="other_legal",
        organisation="Tòa án nhân dân huyện Lệ Thủy",
        valid_from=dt.date(2006, 1, 1),
        valid_to=dt.date(2010, 8, 31),
    )


PEOPLE_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "people:person_recruit": lambda s: {},
    "people:person_edit": lambda s: {"pk": s.an.pk},
    "people:position_start": lambda s: {"pk": s.an.pk},
    "people:position_end": lambda s: {"pk": s.an.pk},
    "people:person_transfer": lambda s: {"pk": s.an.pk},
    "people:service_add": lambda s: {"pk": s.an.pk},
    "people:service_edit": lambda s: {"pk": s.an.pk, "period_pk": an_period(s).pk},
    "people:service_remove": lambda s: {"pk": s.an.pk, "period_pk": an_period(s).pk},
    "people:person_leave": lambda s: {"pk": s.an.pk},
    "people:person_leave_undo": lambda s: {"pk": s.an.pk},
}
# The recruiting screen lists only the units the user may edit: an outsider opens it for his own.
PEOPLE_LISTS = {"people:person_recruit"}
# Undoing a recorded leaving is a correction by an administrator (an officer gets 404).
PEOPLE_ADMIN_ONLY = {"people:person_leave_undo"}
