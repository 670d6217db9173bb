"""The review calendar: the one default year of every page and command."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from tdkt.workflow.clock import review_year
from tests.conftest import Sector, login


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (dt.date(2026, 6, 15), 2026),  # the year in progress
        (dt.date(2026, 11, 1), 2026),  # its review opens
        (dt.date(2026, 12, 10), 2026),
        (dt.date(2027, 1, 1), 2026),  # the review goes on into the next year
        (dt.date(2027, 2, 15), 2026),
        (dt.date(2027, 3, 31), 2026),  # the last day of the review window
        (dt.date(2027, 4, 1), 2027),
        (dt.date(2027, 6, 15), 2027),
    ],
)
def test_the_review_year_is_the_year_under_review_until_march_then_the_year_in_progress(
    today: dt.date, year: int
) -> None:
    assert review_year(today) == year


def test_the_review_year_reads_the_local_day_when_none_is_given(time_machine: Any) -> None:
    # 20:00 UTC on 31/03 is already 01/04 in Việt Nam (UTC+7): the window has closed.
    time_machine.move_to(dt.datetime(2027, 3, 31, 20, tzinfo=dt.UTC), tick=False)
    assert review_year() == 2027


def _initial(name: str) -> Callable[[Any], int]:
    return lambda ctx: ctx["form"].initial[name]


# Every page that picks a year when none is asked: url name, its kwargs, the year it opened on.
PAGES: list[tuple[str, Callable[[Sector], dict[str, Any]], Callable[[Any], int]]] = [
    ("home", lambda s: {}, lambda ctx: ctx["year"]),
    ("records:facts_grid", lambda s: {"pk": s.kv1.pk}, lambda ctx: ctx["year"]),
    ("records:violation_list", lambda s: {"unit_pk": s.kv1.pk}, lambda ctx: ctx["year"]),
    ("records:initiative_create", lambda s: {"unit_pk": s.kv1.pk}, _initial("year")),
    ("movements:registration_rollup", lambda s: {}, lambda ctx: ctx["year"]),
    ("nominations:dossier_create", lambda s: {}, _initial("year")),
    ("publicity:example_create", lambda s: {}, _initial("year")),
    ("reports:dashboard", lambda s: {}, lambda ctx: ctx["year_to"]),
    ("reports:documents", lambda s: {}, lambda ctx: ctx["forms"]["tong_ket"]["nam"].initial),
]


@pytest.mark.parametrize(
    ("today", "year"), [((2026, 12, 10), 2026), ((2027, 2, 15), 2026), ((2027, 6, 15), 2027)]
)
@pytest.mark.parametrize(("name", "kwargs", "shown"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_opens_on_the_review_year(
    sector: Sector,
    admin_user: Any,
    time_machine: Any,
    today: tuple[int, int, int],
    year: int,
    name: str,
    kwargs: Callable[[Sector], dict[str, Any]],
    shown: Callable[[Any], int],
) -> None:
    time_machine.move_to(dt.datetime(*today, 9, tzinfo=dt.UTC), tick=False)
    response = login(admin_user).get(reverse(name, kwargs=kwargs(sector)))
    assert response.status_code == 200
    assert shown(response.context) == year
