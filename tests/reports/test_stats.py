"""The shared award statistics against independent counts on the demo sector's ledger."""

from __future__ import annotations

from typing import Any

import pytest

from tdkt.org.models import Unit, UnitLevel, UnitScope
from tdkt.records.models import AwardEntry
from tdkt.reports import stats

YEARS = (2016, 2025)


def _active(**kw: Any) -> int:
    return AwardEntry.objects.filter(revoked_on__isnull=True, **kw).count()


def _below(unit: Unit) -> list[int]:
    return list(UnitScope.objects.filter(ancestor=unit).values_list("descendant_id", flat=True))


@pytest.mark.django_db
def test_the_sector_counts_every_active_award_once_per_year(demo: None) -> None:
    tally = stats.tally(stats.Scope(None, *YEARS))
    for year in range(YEARS[0], YEARS[1] + 1):
        assert tally.total(year=year) == _active(year=year)
    assert sum(tally.by("tier").values()) == _active(year__gte=YEARS[0], year__lte=YEARS[1])
    revoked = AwardEntry.objects.filter(revoked_on__isnull=False, year__gte=YEARS[0]).count()
    assert revoked > 0  # the demo has revocations, and they are left out above


@pytest.mark.django_db
def test_a_new_province_carries_the_figures_of_the_units_it_absorbed(demo: None) -> None:
    province = (
        Unit.objects.filter(level=UnitLevel.TINH, dissolved_on__isnull=True)
        .exclude(predecessions=None)
        .first()
    )
    assert province is not None
    tally = stats.tally(stats.Scope(province, 2023, 2023))
    predecessors = Unit.objects.filter(successions__successor=province)
    expected = _active(year=2023, holder_unit__in=_below(province))
    assert tally.total() == expected
    # Its 2023 awards were all held in the old units: it did not exist yet.
    assert expected == sum(_active(year=2023, holder_unit__in=_below(p)) for p in predecessors)
    assert expected > 0


@pytest.mark.django_db
def test_the_shares_match_counts_by_gender_post_and_level(demo: None) -> None:
    tally = stats.tally(stats.Scope(None, 2024, 2024))
    women = tally.women_share(2024)
    assert women.part == _active(year=2024, person__gender="female")
    assert women.whole == _active(year=2024, person__isnull=False)
    leaders = tally.non_leader_share(2024)
    assert leaders.part == _active(year=2024, person__isnull=False, holder_leader=False)
    grassroots = tally.grassroots_share(2024)
    grassroots_units = Unit.objects.filter(level__in=[UnitLevel.HUYEN, UnitLevel.KHU_VUC])
    below = {d for u in grassroots_units for d in _below(u)}
    assert grassroots.part == _active(year=2024, holder_unit__in=below)
    assert 0 < grassroots.part < grassroots.whole


@pytest.mark.django_db
@pytest.mark.parametrize(
    "narrow",
    [
        {"tier": stats.GRASSROOTS},
        {"level": "nganh"},
        {"award": "CSTDCS", "female": True},
        {"subject": stats.INDIVIDUAL, "leader": False},
        {"subject": stats.COLLECTIVE, "kind": "title"},
    ],
)
def test_the_list_behind_a_figure_has_exactly_that_many_lines(
    demo: None, narrow: dict[str, Any]
) -> None:
    tally = stats.tally(stats.Scope(None, 2024, 2024))
    query = tally.query(year=2024, **narrow)
    listed = stats.filter_entries(AwardEntry.objects.filter(revoked_on__isnull=True), query)
    where = {k: v for k, v in narrow.items()}
    assert listed.count() == tally.total(year=2024, **where) > 0
