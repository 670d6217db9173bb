"""A Government swap as a decision would enter it (hypothetical, in 2027): Thursday 29/04 off
between the holidays of 30/4 and 1/5, Saturday 24/04 worked in exchange."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tdkt.workdays import services
from tdkt.workdays.models import AdjustedDay, DayKind

DAY_OFF = dt.date(2027, 4, 29)
SATURDAY_WORKED = dt.date(2027, 4, 24)


def enter(day: dt.date, kind: str, actor: Any = None) -> AdjustedDay:
    """A day entered under the same (hypothetical) notice of the Bộ Nội vụ."""
    return services.add_adjusted_day(
        actor=actor,
        day=day,
        kind=kind,
        decision_number="1234/TB-BNV",
        decision_date=dt.date(2027, 1, 15),
        issuer="Bộ Nội vụ",
    )


def swap(actor: Any = None) -> tuple[AdjustedDay, AdjustedDay]:
    off = enter(DAY_OFF, DayKind.DAY_OFF, actor)
    return off, enter(SATURDAY_WORKED, DayKind.WORKING_DAY, actor)


def stored_swap() -> AdjustedDay:
    """The permission registry's object: the swap's day off, made once."""
    found = AdjustedDay.objects.filter(day=DAY_OFF).first()
    return found or swap()[0]
