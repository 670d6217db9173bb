"""The clock of the career tests, and a recruit's identity as a screen or a service receives it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

TODAY = dt.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def pinned_clock() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 3, 16, 2, 0, tzinfo=dt.UTC), tick=False):
        yield


def recruit_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "full_name": "Lê Thị Hoa",
        "gender": "female",
        "birth_date": dt.date(1996, 5, 20),
        "citizen_id": "045196000789",
        "post_kind": "kiem_tra_vien",
        "position_from": dt.date(2026, 3, 2),
        "recruited_on": dt.date(2026, 3, 2),
    }
    return data | changes
