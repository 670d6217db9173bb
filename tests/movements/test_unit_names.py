"""Units' names in the movements' long lists: the registration roll-up inside a province and the
tracker of a movement's answers read the units short, the full name in the `title`, and their
tables scroll inside their card."""

from __future__ import annotations

import html
import re
from typing import Any

from django.urls import reverse

from tdkt.movements.models import Movement
from tdkt.movements.services import registrations as services
from tdkt.movements.services.registrations import UnitLine
from tests.conftest import Sector, login
from tests.movements.conftest import NOW

KV1 = "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị"


def shown(page: str, full_name: str) -> list[str]:
    spans = re.findall(r'<span class="unit-name[^"]*" title="([^"]*)">([^<]*)</span>', page)
    return [html.unescape(text) for title, text in spans if html.unescape(title) == full_name]


def test_the_rollup_inside_a_province_reads_its_regional_unit_short(
    sector: Sector, launched: Movement, kv1_officer: Any, vkstc_officer: Any
) -> None:
    register = services.open_registration(
        actor=kv1_officer, movement=launched, unit=sector.kv1, year=2026, now=NOW
    )
    services.add_registration_lines(
        actor=kv1_officer, registration=register, people=[], units=[UnitLine("TTLDXS")], now=NOW
    )
    page = (
        login(vkstc_officer)
        .get(
            reverse("movements:registration_rollup"),
            {"nam": 2026, "don_vi": sector.quang_tri.pk},
        )
        .content.decode()
    )
    assert shown(page, KV1) == ["Khu vực 1"]
    assert '<div class="table-wrap"><table class="table" id="rollup">' in page
    # the long award names over the figures may wrap instead of widening the table
    assert '<th class="num wrap">Tập thể lao động xuất sắc</th>' in page


def test_the_tracker_of_answers_reads_units_without_the_issuers_words(
    sector: Sector, launched: Movement, vkstc_officer: Any
) -> None:
    page = (
        login(vkstc_officer)
        .get(reverse("movements:movement_detail", args=[launched.pk]))
        .content.decode()
    )
    assert 'id="tracker"' in page
    # inside VKSND tối cao's movement "Viện kiểm sát nhân dân" says nothing
    assert shown(page, KV1) == ["Khu vực 1 - Quảng Trị"]
    assert shown(page, "Viện kiểm sát nhân dân tỉnh Quảng Trị") == ["Tỉnh Quảng Trị"]
