"""The unit page's table of its current staff's individual awards."""

from __future__ import annotations

import datetime as dt

from tdkt.people import services as people
from tdkt.records.selectors import unit_staff_award_table
from tests.conftest import Sector


def test_the_awards_of_current_staff_are_counted_by_year(sector: Sector) -> None:
    table = unit_staff_award_table(sector.quang_tri)
    assert table["columns"] == [("LDTT", "Lao động tiên tiến")]
    assert table["rows"] == [{"year": 2023, "cells": [1]}]


def test_a_person_who_left_the_sector_is_no_longer_counted_as_current_staff(
    sector: Sector,
) -> None:
    people.record_leaving(
        actor=None, person=sector.an, version=None, left_on=dt.date(2026, 3, 1), kind="retirement"
    )
    assert unit_staff_award_table(sector.quang_tri)["rows"] == []
