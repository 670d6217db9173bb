"""GET /api/reports/awards: the dashboards' figures over REST, scoped like the screens."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tdkt.accounts.models import User
from tests.conftest import Sector, login

URL = reverse("api:award_statistics")


def test_a_merged_province_counts_the_awards_of_the_provinces_it_absorbed(
    sector: Sector, officer: User
) -> None:
    response = login(officer).get(
        URL, {"unit": sector.quang_tri.pk, "year_from": 2023, "year_to": 2023}
    )
    assert response.status_code == 200
    body = response.json()
    # Nguyễn Văn An's LĐTT (held in Đồng Hới) and Quảng Bình's TTLĐTT, both of 2023.
    assert body["total"] == 2
    assert body["by_award"] == {"LDTT": 1, "TTLDTT": 1}
    assert body["by_tier"] == {"co_so": 1, "tinh": 1}
    assert body["shares"]["2023"]["grassroots"] == {"part": 1, "whole": 2, "percent": 50.0}
    assert body["shares"]["2023"]["non_leaders"] == {"part": 1, "whole": 1, "percent": 100.0}
    assert body["shares"]["2023"]["women"] == {"part": 0, "whole": 1, "percent": 0.0}


def test_the_whole_sector_needs_the_sector_in_scope(
    sector: Sector, officer: User, admin_user: User
) -> None:
    assert login(officer).get(URL, {"year_from": 2023, "year_to": 2023}).status_code == 404
    body = login(admin_user).get(URL, {"year_from": 2023, "year_to": 2023}).json()
    assert body["unit"] is None and body["total"] == 2


def test_another_units_figures_answer_not_found(sector: Sector, outsider: User) -> None:
    assert login(outsider).get(URL, {"unit": sector.quang_tri.pk}).status_code == 404


def test_an_anonymous_caller_must_authenticate(sector: Sector) -> None:
    assert Client().get(URL).status_code == 401


def test_a_reversed_year_range_is_refused_in_vietnamese(sector: Sector, admin_user: User) -> None:
    response = login(admin_user).get(URL, {"year_from": 2025, "year_to": 2020})
    assert response.status_code == 400
    assert "Khoảng năm không hợp lệ" in response.json()["detail"]
