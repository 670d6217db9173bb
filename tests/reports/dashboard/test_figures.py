"""The dashboards on the small demo sector: every figure equals a count made here straight from
the ledger (not through `tdkt.reports.stats`), and the list behind a figure has that many lines."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pytest
from django.db.models import Q
from django.urls import reverse

from tdkt.movements.models import Answer, IndicatorValue, Movement, RegistrationLine
from tdkt.org.models import Unit
from tdkt.records.models import AwardEntry
from tests.reports.dashboard.conftest import Page, client_for, listed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

YEARS = range(2021, 2026)
RANGE = "?tu_nam=2021&den_nam=2025"
LEVELS = ("co_so", "tinh", "nganh", "nha_nuoc")


def active(**kw: Any) -> Any:
    return AwardEntry.objects.filter(revoked_on__isnull=True, **kw)


def subtree(*roots: Unit) -> set[int]:
    """The units under the roots by the parent each unit last had (dissolved districts stay
    under their old province), the roots included."""
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    wanted = {r.pk for r in roots}
    found = set()
    for pk in parents:
        current: int | None = pk
        while current is not None:
            if current in wanted:
                found.add(pk)
                break
            current = parents[current]
    return found


def tier_of() -> dict[int, str]:
    """Grassroots: districts and regions with their departments; provincial: provinces with
    theirs; the rest is central."""
    rows = {
        pk: (level, parent)
        for pk, level, parent in Unit.objects.values_list("pk", "level", "parent_id")
    }
    tiers = {}
    for pk in rows:
        level, parent = rows[pk]
        while level == "phong" and parent is not None:
            level, parent = rows[parent]
        tiers[pk] = {"huyen": "co_so", "khu_vuc": "co_so", "tinh": "tinh"}.get(level, "trung_uong")
    return tiers


def in_tier(tier: str) -> list[int]:
    return [pk for pk, t in tier_of().items() if t == tier]


@pytest.fixture
def admin() -> Any:
    return client_for("quantri")


@pytest.fixture
def sector(admin: Any) -> Page:
    response = admin.get(reverse("reports:dashboard") + RANGE)
    assert response.status_code == 200
    return Page(response.content)


@pytest.fixture
def quang_tri() -> Unit:
    return Unit.objects.get(code="t25-quang-tri")


def test_the_sector_counts_every_active_award_by_year_and_decision_level(sector: Page) -> None:
    shown = {th.get("data-col") for th in sector.table("bang-levels").xpath(".//td[@data-col]")}
    for year in YEARS:
        for level in LEVELS:
            expected = active(year=year, decision__level=level).count()
            if level in shown:
                assert sector.figure("bang-levels", str(year), level).n == expected
            else:
                assert expected == 0
        assert sector.figure("bang-levels", str(year), "total").n == active(year=year).count()
    assert sector.figure("bang-levels", "total", "total").n == active(year__in=YEARS).count()
    assert "Toàn ngành Kiểm sát nhân dân" in sector.text()


def test_individual_and_collective_awards_match_the_ledger(sector: Page) -> None:
    for year in YEARS:
        people = active(year=year, person__isnull=False).count()
        units = active(year=year, unit__isnull=False).count()
        assert sector.figure("bang-subjects", str(year), "individual").n == people
        assert sector.figure("bang-subjects", str(year), "collective").n == units


def test_titles_and_forms_are_counted_per_award_subject_and_year(sector: Page) -> None:
    expected = Counter(active(year__in=YEARS).values_list("award", "kind", "person_id", "year"))
    by_row: Counter[tuple[str, str, int]] = Counter()
    for (award, kind, person, year), n in expected.items():
        by_row[(f"{award}-{'individual' if person else 'collective'}", kind, year)] += n
    assert by_row
    for (row, kind, year), n in by_row.items():
        assert sector.figure(f"bang-{kind}s", row, str(year)).n == n


def test_the_three_shares_match_the_ledger_year_by_year(sector: Page) -> None:
    grassroots = in_tier("co_so")
    for year in YEARS:
        all_awards = active(year=year).count()
        people = active(year=year, person__isnull=False)
        part, whole = sector.share(year, "grassroots")
        assert (part.n, whole.n) == (
            active(year=year, holder_unit__in=grassroots).count(),
            all_awards,
        )
        part, whole = sector.share(year, "non_leader")
        assert (part.n, whole.n) == (people.filter(holder_leader=False).count(), people.count())
        part, whole = sector.share(year, "women")
        assert (part.n, whole.n) == (people.filter(person__gender="female").count(), people.count())


def test_a_share_is_written_as_a_vietnamese_percent(sector: Page) -> None:
    part, whole = sector.share(2023, "women")
    [cell] = sector.table("bang-ty-le").xpath('.//tr[@data-year="2023"]/td[@data-share="women"]')
    percent = f"{100 * part.n / whole.n:.1f}".replace(".", ",")
    assert cell.xpath('.//span[@class="share-pct"]')[0].text == f"{percent}\u00a0%"


def test_the_tier_table_matches_the_ledger(sector: Page) -> None:
    for tier in ("trung_uong", "tinh", "co_so"):
        units = in_tier(tier)
        for year in YEARS:
            expected = active(year=year, holder_unit__in=units).count()
            assert sector.figure("bang-tiers", tier, str(year)).n == expected


def test_each_province_of_today_carries_the_provinces_it_absorbed(
    sector: Page, quang_tri: Unit
) -> None:
    old = list(Unit.objects.filter(code__in=["t-quang-binh", "t-quang-tri"]))
    for year in YEARS:
        expected = active(year=year, holder_unit__in=subtree(quang_tri, *old)).count()
        assert sector.figure("bang-units", str(quang_tri.pk), str(year)).n == expected
    assert active(year=2023, holder_unit__in=subtree(old[0])).exists()
    assert active(year=2023, holder_unit__in=subtree(old[1])).exists()
    for province in Unit.objects.filter(level="tinh", dissolved_on__isnull=True):
        expected = active(
            year=2024, holder_unit__in=subtree(province, *_absorbed(province))
        ).count()
        assert sector.figure("bang-units", str(province.pk), "2024").n == expected


def _absorbed(province: Unit) -> list[Unit]:
    return [s.predecessor for s in province.predecessions.select_related("predecessor")]


def test_a_merged_provinces_dashboard_includes_the_old_provinces_2023_figures(
    admin: Any, quang_tri: Unit
) -> None:
    response = admin.get(reverse("reports:unit_dashboard", args=[quang_tri.pk]) + RANGE)
    page = Page(response.content)
    old = Unit.objects.filter(code__in=["t-quang-binh", "t-quang-tri"])
    units = subtree(quang_tri, *old)
    entries = active(year=2023, holder_unit__in=units)
    assert page.figure("bang-levels", "2023", "total").n == entries.count() > 0
    assert (
        page.figure("bang-subjects", "2023", "collective").n
        == entries.filter(unit__isnull=False).count()
    )
    people = entries.filter(person__isnull=False)
    part, whole = page.share(2023, "women")
    assert (part.n, whole.n) == (people.filter(person__gender="female").count(), people.count())
    part, whole = page.share(2023, "grassroots")
    assert part.n == entries.filter(holder_unit__in=in_tier("co_so")).count()
    assert "Viện kiểm sát nhân dân tỉnh Quảng Trị" in page.text()


def test_registrations_are_set_against_the_titles_won(admin: Any) -> None:
    approved = RegistrationLine.objects.filter(
        registration__status="approved", year__lte=dt.date.today().year
    )
    years = sorted(set(approved.values_list("year", flat=True)))
    page = Page(
        admin.get(reverse("reports:dashboard") + f"?tu_nam={years[0]}&den_nam={years[-1]}").content
    )
    registered = Counter(approved.values_list("year", "award"))
    subjects = {
        (person or unit, award, year)
        for person, unit, award, year in approved.values_list(
            "person_id", "unit_id", "award", "year"
        )
    }
    achieved: Counter[tuple[int, str]] = Counter()
    for person, unit, award, year in active(year__in=years).values_list(
        "person_id", "unit_id", "award", "year"
    ):
        if (person or unit, award, year) in subjects:
            achieved[(year, award)] += 1
    assert sum(achieved.values()) > 0
    for (year, award), n in registered.items():
        row = page.row_figures("bang-dang-ky", year=year, award=award)
        assert row["registered"].n == n
        assert row["achieved"].n == achieved[(year, award)]
        assert row["total"].n == active(year=year, award=award).count()


def test_the_indicators_of_the_sectors_movements_are_set_against_their_targets(admin: Any) -> None:
    movements = Movement.objects.filter(
        issuer__code="vkstc", end_year__lte=dt.date.today().year
    ).exclude(status__in=["draft", "cancelled"])
    first = min(m.start_year for m in movements)
    last = max(m.end_year for m in movements)
    page = Page(admin.get(reverse("reports:dashboard") + f"?tu_nam={first}&den_nam={last}").content)
    checked = 0
    for movement in movements:
        answers = Answer.objects.filter(movement=movement)
        for indicator in movement.indicators.all():
            values = IndicatorValue.objects.filter(indicator=indicator, actual__isnull=False)
            met = sum(1 for v in values if _met(indicator, v))
            [row] = page.doc.xpath(
                f'//table[@data-movement="{movement.pk}"]//tr[@data-indicator="{indicator.pk}"]'
            )
            figures = {a.get("data-col"): int(a.get("data-figure")) for a in row.xpath(".//a")}
            assert figures == {"units": answers.count(), "reported": values.count(), "met": met}
            assert row.xpath(".//a")[0].get("href") == reverse(
                "movements:movement_detail", args=[movement.pk]
            )
            checked += 1
    assert checked >= 5


def _met(indicator: Any, value: Any) -> bool:
    goal = value.target if value.target is not None else indicator.target
    return value.actual <= goal if indicator.direction == "at_most" else value.actual >= goal


def test_every_figure_opens_a_list_of_exactly_that_many_lines(admin: Any, sector: Page) -> None:
    figures = [
        *_row(sector, "bang-levels", "2023"),
        *_row(sector, "bang-levels", "total"),
        *sector.figures("bang-subjects"),
        *sector.figures("bang-titles"),
        *sector.figures("bang-forms"),
        *_row(sector, "bang-tiers", "co_so"),
        *sector.figures("bang-units"),
        *sector.share(2023, "grassroots"),
        *sector.share(2024, "non_leader"),
        *sector.share(2025, "women"),
    ]
    _check_lists(admin, figures)


def test_the_registration_figures_open_their_lists(admin: Any) -> None:
    lines = RegistrationLine.objects.filter(year__lte=dt.date.today().year)
    years = sorted(set(lines.values_list("year", flat=True)))
    page = Page(
        admin.get(reverse("reports:dashboard") + f"?tu_nam={years[0]}&den_nam={years[-1]}").content
    )
    figures = page.figures("bang-dang-ky")
    assert any(f.url.startswith(reverse("movements:registration_list")) for f in figures)
    assert any("da_dang_ky=1" in f.url for f in figures)
    _check_lists(admin, figures)


def test_a_merged_provinces_figures_open_lists_of_that_many_lines(
    admin: Any, quang_tri: Unit
) -> None:
    officer = client_for("tdkt.quangtri")
    page = Page(officer.get(reverse("reports:unit_dashboard", args=[quang_tri.pk]) + RANGE).content)
    figures = [
        *_row(page, "bang-levels", "2023"),
        *page.figures("bang-units"),
        *page.share(2023, "grassroots"),
        *page.share(2023, "non_leader"),
    ]
    _check_lists(officer, figures)


def _row(page: Page, table_id: str, row: str) -> list[Any]:
    return [
        _fig(a) for a in page.table(table_id).xpath(f'.//tr[@data-row="{row}"]//a[@data-figure]')
    ]


def _fig(link: Any) -> Any:
    from tests.reports.dashboard.conftest import Figure

    return Figure(int(link.get("data-figure")), link.get("href"))


def _check_lists(client: Any, figures: Iterable[Any]) -> None:
    seen = {}
    for figure in figures:
        if figure.url not in seen:
            seen[figure.url] = listed(client, figure.url)
        assert seen[figure.url] == figure.n, figure.url
    assert len(seen) >= 5


def test_the_charts_carry_the_figures_and_links_of_their_tables(sector: Page) -> None:
    [script] = sector.doc.xpath('//script[@id="chart-levels-data"]')
    spec = json.loads(script.text)
    assert spec["labels"] == [str(y) for y in YEARS]
    nganh = next(d for d in spec["datasets"] if d["label"] == "Viện trưởng VKSND tối cao")
    cell = sector.figure("bang-levels", "2023", "nganh")
    assert nganh["data"][2] == cell.n
    assert nganh["urls"][2] == cell.url
    assert sector.doc.xpath('//canvas[@data-chart="levels"][@data-source="chart-levels-data"]')


def test_the_sector_dashboard_runs_a_bounded_number_of_queries(
    admin: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(30):
        assert (
            admin.get(reverse("reports:dashboard") + "?tu_nam=2016&den_nam=2026").status_code == 200
        )


def test_a_provinces_officer_gets_his_province_and_no_sector_choice(quang_tri: Unit) -> None:
    response = client_for("tdkt.quangtri").get(reverse("reports:dashboard") + RANGE)
    page = Page(response.content)
    assert (
        page.doc.xpath("//h1")[0].text_content().endswith("Viện kiểm sát nhân dân tỉnh Quảng Trị")
    )
    # The unit picker: his province chosen, no sector choice; the others are searched for.
    radios = page.doc.xpath('//input[@name="don_vi"]')
    assert [r.get("value") for r in radios] == [str(quang_tri.pk)]
    assert "Toàn ngành" not in page.doc.xpath('//div[@id="don_vi-picker"]')[0].text_content()
    search = client_for("tdkt.quangtri").get(
        reverse("org:unit_search"), {"q": "khu vuc 1 quang tri"}
    )
    assert "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị" in search.content.decode()
    search = client_for("tdkt.quangtri").get(reverse("org:unit_search"), {"q": "ha tinh"})
    assert "Hà Tĩnh" not in search.content.decode()
    expected = active(year=2023, holder_unit__in=subtree(quang_tri, *_absorbed(quang_tri))).count()
    assert page.figure("bang-levels", "2023", "total").n == expected


def test_the_unit_picker_opens_the_chosen_units_dashboard(admin: Any, quang_tri: Unit) -> None:
    response = admin.get(
        reverse("reports:dashboard") + f"?don_vi={quang_tri.pk}&tu_nam=2022&den_nam=2024"
    )
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("reports:unit_dashboard", args=[quang_tri.pk]) + "?tu_nam=2022&den_nam=2024"
    )


def test_a_province_officer_gets_404_on_another_provinces_dashboard() -> None:
    ha_tinh = Unit.objects.get(code="t-ha-tinh")
    officer = client_for("tdkt.quangtri")
    assert officer.get(reverse("reports:unit_dashboard", args=[ha_tinh.pk])).status_code == 404
    assert officer.get(reverse("reports:dashboard") + f"?don_vi={ha_tinh.pk}").status_code == 404


def test_a_staff_member_without_a_unit_role_gets_404() -> None:
    staff = client_for("canbo.kv1quangtri")
    kv1 = Unit.objects.get(
        Q(code__startswith="kv") | Q(level="khu_vuc"), name__endswith="khu vực 1 - Quảng Trị"
    )
    assert staff.get(reverse("reports:dashboard")).status_code == 404
    assert staff.get(reverse("reports:unit_dashboard", args=[kv1.pk])).status_code == 404
