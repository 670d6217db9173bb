"""Scope follows the unit tree over time and through successions."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from tdkt.workflow.access import (
    get_person_for_user,
    get_unit_for_user,
    restrict_people,
    restrict_units,
)
from tests.conftest import Sector


def test_officer_of_the_new_province_reaches_the_units_it_succeeded(
    sector: Sector, officer: Any
) -> None:
    visible = set(restrict_units(officer).values_list("code", flat=True))
    assert {"T25-QT", "KV-QT-01", "T-QB", "H-QB-DH", "T-QT", "H-QT-VL"} <= visible
    assert not visible & {"T-BT", "H-BT-BD", "VKSTC", "VKSTC-VP"}


def test_officer_reaches_staff_of_a_regional_unit_below_the_province(
    sector: Sector, officer: Any
) -> None:
    assert get_person_for_user(officer, sector.an.pk) == sector.an
    assert list(restrict_people(officer)) == [sector.an]


def test_outsider_gets_404_for_a_person_and_a_unit_outside_his_tree(
    sector: Sector, outsider: Any
) -> None:
    with pytest.raises(Http404):
        get_person_for_user(outsider, sector.an.pk)
    with pytest.raises(Http404):
        get_unit_for_user(outsider, sector.quang_binh.pk)


def test_a_missing_id_and_a_forbidden_id_look_the_same(sector: Sector, outsider: Any) -> None:
    for pk in (sector.an.pk, 999_999, "abc"):
        with pytest.raises(Http404):
            get_person_for_user(outsider, pk)


def test_administrator_of_the_supreme_procuracy_reaches_every_unit(
    sector: Sector, admin_user: Any
) -> None:
    from tdkt.org.models import Unit

    assert restrict_units(admin_user).count() == Unit.objects.count()


def test_a_revoked_grant_gives_nothing(sector: Sector, officer: Any) -> None:
    from django.utils import timezone

    officer.grants.update(revoked_at=timezone.now())
    officer = type(officer).objects.get(pk=officer.pk)  # drop the per-request cache
    assert restrict_people(officer).count() == 0
