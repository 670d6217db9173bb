"""The dashboards on the tests' small sector, where every award is known: Nguyễn Văn An's Lao
động tiên tiến 2023 won at Đồng Hới (Quảng Bình) and Quảng Bình's Tập thể lao động tiên tiến
2023, both signed in January 2024, before the provinces merged into the new Quảng Trị."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.conftest import Sector, login
from tests.reports.dashboard.conftest import Page

YEAR_2023 = "?tu_nam=2023&den_nam=2023"


def test_the_new_province_counts_the_awards_of_the_provinces_it_absorbed(
    sector: Sector, officer: Any
) -> None:
    url = reverse("reports:unit_dashboard", args=[sector.quang_tri.pk]) + YEAR_2023
    page = Page(login(officer).get(url).content)
    assert page.figure("bang-levels", "2023", "tinh").n == 2
    assert page.figure("bang-subjects", "2023", "individual").n == 1
    assert page.figure("bang-subjects", "2023", "collective").n == 1
    assert page.figure("bang-titles", "LDTT-individual", "2023").n == 1
    assert page.figure("bang-titles", "TTLDTT-collective", "2023").n == 1
    # An was at Đồng Hới (a district: grassroots) on the signing day; Quảng Bình is provincial.
    grassroots, awards = page.share(2023, "grassroots")
    assert (grassroots.n, awards.n) == (1, 2)
    non_leaders, people = page.share(2023, "non_leader")
    assert (non_leaders.n, people.n) == (1, 1)
    women, people = page.share(2023, "women")
    assert (women.n, people.n) == (0, 1)
    assert page.figure("bang-units", str(sector.kv1.pk), "2023").n == 1


def test_a_share_of_nothing_is_a_dash_not_a_division_by_zero(sector: Sector, officer: Any) -> None:
    url = (
        reverse("reports:unit_dashboard", args=[sector.quang_tri.pk]) + "?tu_nam=2024&den_nam=2024"
    )
    page = Page(login(officer).get(url).content)
    [cell] = page.table("bang-ty-le").xpath('.//tr[@data-year="2024"]/td[@data-share="women"]')
    assert cell.xpath('.//span[@class="share-pct"]')[0].text == "—"


def test_the_old_provinces_figure_opens_the_two_lines(sector: Sector, officer: Any) -> None:
    client = login(officer)
    url = reverse("reports:unit_dashboard", args=[sector.quang_tri.pk]) + YEAR_2023
    figure = Page(client.get(url).content).figure("bang-levels", "2023", "total")
    body = client.get(figure.url).content.decode()
    assert 'data-count="2"' in body
    assert "Nguyễn Văn An" in body and "Viện kiểm sát nhân dân tỉnh Quảng Bình" in body


def test_the_outsiders_own_dashboard_shows_nothing_of_quang_tri(
    sector: Sector, outsider: Any
) -> None:
    response = login(outsider).get(reverse("reports:dashboard") + YEAR_2023)
    page = Page(response.content)
    assert "Viện kiểm sát nhân dân tỉnh Bến Tre" in page.doc.xpath("//h1")[0].text_content()
    assert page.figure("bang-levels", "total", "total").n == 0
    assert "Quảng Trị" not in page.text()


def test_an_outsider_gets_404_on_another_units_dashboard(sector: Sector, outsider: Any) -> None:
    client = login(outsider)
    url = reverse("reports:unit_dashboard", args=[sector.quang_tri.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("reports:dashboard") + f"?don_vi={sector.kv1.pk}").status_code == 404


def test_the_supreme_procuracy_sees_the_sector(sector: Sector, admin_user: Any) -> None:
    page = Page(login(admin_user).get(reverse("reports:dashboard") + YEAR_2023).content)
    assert page.doc.xpath("//h1")[0].text_content().endswith("Toàn ngành Kiểm sát nhân dân")
    assert page.figure("bang-levels", "total", "total").n == 2
    rows = page.table("bang-units").xpath(".//tbody/tr/@data-row")
    # Today's provinces only: the new Quảng Trị (with Quảng Bình's figures) and Bến Tre.
    assert rows == [str(sector.ben_tre.pk), str(sector.quang_tri.pk)]
    assert page.figure("bang-units", str(sector.quang_tri.pk), "2023").n == 2


def test_a_reversed_or_too_long_year_range_is_put_right(sector: Sector, admin_user: Any) -> None:
    client = login(admin_user)
    page = Page(client.get(reverse("reports:dashboard") + "?tu_nam=2024&den_nam=2020").content)
    assert page.table("bang-levels").xpath(".//tbody/tr/@data-row") == [
        str(y) for y in range(2020, 2025)
    ]
    page = Page(client.get(reverse("reports:dashboard") + "?tu_nam=1990&den_nam=2024").content)
    assert len(page.table("bang-levels").xpath(".//tbody/tr")) == 15


def test_the_menu_leads_to_the_dashboard(sector: Sector, officer: Any) -> None:
    body = login(officer).get(reverse("home")).content.decode()
    assert f'href="{reverse("reports:dashboard")}">Báo cáo, thống kê</a>' in body
