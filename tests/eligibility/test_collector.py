"""The garbage collector is left alone by a request: a web worker that switched it off or froze
what a scan left alive kept every sector scan in memory for good (issue 16). Only the scan command,
a one-off process, may pause it."""

from __future__ import annotations

import gc
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import Sector, login
from tests.eligibility.conftest import rate, recruit

WHEN = {"nam": "2025", "ngay": "15/12/2025"}


@pytest.fixture
def collector_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every call that switches the collector off or freezes objects, recorded and passed on."""
    calls: list[str] = []
    for name in ("disable", "freeze"):
        real = getattr(gc, name)

        def spy(real: Any = real, name: str = name) -> None:
            calls.append(name)
            real()

        monkeypatch.setattr(gc, name, spy)
    return calls


def test_the_sector_screen_leaves_the_collector_on_and_freezes_nothing(
    sector: Sector, admin_user: Any, collector_calls: list[str]
) -> None:
    recruit(sector.binh)
    rate(sector.binh, (2024, "HTT"), (2025, "HTXS"))
    frozen = gc.get_freeze_count()
    response = login(admin_user).get(reverse("eligibility:unit", args=[sector.vkstc.pk]), WHEN)
    assert response.status_code == 200
    assert "Trần Thị Bình" in response.content.decode()  # the scan did run
    assert collector_calls == []
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_the_scan_command_pauses_the_collector_and_turns_it_back_on(
    sector: Sector, tmp_path: Any, collector_calls: list[str]
) -> None:
    recruit(sector.binh)
    frozen = gc.get_freeze_count()
    call_command(
        "eligibility", "scan", "--year", "2025", "--out", str(tmp_path), stdout=io.StringIO()
    )
    assert collector_calls == ["disable"]
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
