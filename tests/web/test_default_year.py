"""Every page's year selector offers the year under review first and opens on it: in December
2026 and in February 2027 that is 2026 (the review runs to March), in June 2027 it is 2027
(`tdkt.workflow.clock.review_year`). tests/workflow/test_clock.py checks the year each page reads;
this checks what the person sees in the selector."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import Sector, login

DATES = [((2026, 12, 10), 2026), ((2027, 2, 15), 2026), ((2027, 6, 15), 2027)]


def options(page: str, name: str) -> tuple[list[str], list[str]]:
    """The values of the `<select name=…>`'s options, and of those selected."""
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert match, f"no selector {name}"
    found = re.findall(r'<option value="([^"]*)"\s*(selected)?', match.group(1))
    return [v for v, _s in found if v], [v for v, s in found if s]


# url name, its kwargs, the selector, whether the review year is also the one selected (a list's
# filter opens on every year: "Tất cả").
SELECTORS: list[tuple[str, Callable[[Sector], dict[str, Any]], str, bool]] = [
    ("records:facts_grid", lambda s: {"pk": s.kv1.pk}, "nam", True),
    ("records:violation_list", lambda s: {"unit_pk": s.kv1.pk}, "nam", True),
    ("records:initiative_list", lambda s: {"unit_pk": s.kv1.pk}, "nam", False),
    ("movements:registration_rollup", lambda s: {}, "nam", True),
    ("reports:dashboard", lambda s: {}, "den_nam", True),
    ("reports:unit_dashboard", lambda s: {"pk": s.quang_tri.pk}, "den_nam", True),
]


@pytest.mark.parametrize(("today", "year"), DATES)
@pytest.mark.parametrize(
    ("name", "kwargs", "select", "selected"), SELECTORS, ids=[s[0] for s in SELECTORS]
)
def test_a_year_selector_offers_the_review_year_first(
    sector: Sector,
    admin_user: Any,
    time_machine: Any,
    today: tuple[int, int, int],
    year: int,
    name: str,
    kwargs: Callable[[Sector], dict[str, Any]],
    select: str,
    selected: bool,
) -> None:
    time_machine.move_to(dt.datetime(*today, 9, tzinfo=dt.UTC), tick=False)
    response = login(admin_user).get(reverse(name, kwargs=kwargs(sector)))
    assert response.status_code == 200
    offered, chosen = options(response.content.decode(), select)
    assert offered[0] == str(year)
    assert str(year + 1) not in offered  # no year whose review has not begun
    assert chosen == ([str(year)] if selected else [])


@pytest.mark.parametrize(("today", "year"), DATES)
def test_the_unit_page_shows_the_violations_of_the_review_year_and_the_one_before(
    sector: Sector, admin_user: Any, time_machine: Any, today: tuple[int, int, int], year: int
) -> None:
    time_machine.move_to(dt.datetime(*today, 9, tzinfo=dt.UTC), tick=False)
    page = login(admin_user).get(reverse("org:unit_detail", args=[sector.kv1.pk]))
    assert f"Vi phạm của đơn vị năm {year - 1}, {year}" in page.content.decode()


def test_a_year_asked_beyond_the_review_year_on_the_dashboard_falls_back_to_it(
    sector: Sector, admin_user: Any, time_machine: Any
) -> None:
    """In February 2027 the awards of 2027 are not given yet: "Đến năm 2027" is not offered, and
    asking for it shows the year under review."""
    time_machine.move_to(dt.datetime(2027, 2, 15, 9, tzinfo=dt.UTC), tick=False)
    response = login(admin_user).get(reverse("reports:dashboard"), {"den_nam": "2027"})
    assert response.context["year_to"] == 2026
