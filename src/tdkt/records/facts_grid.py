"""The year's facts of a unit's staff, read for the grid in a fixed number of queries.

Who is on the grid: the people whose latest position of the year is in the unit itself or in one
of its departments (units of level `phong` directly under it), the rule by which the eligibility
loader counts a unit's members and candidates, so that the grid and the engine see the same
people. For the current year that is the current staff; for a past year, those who worked there
that year, including those who have left or moved since; someone who moved during the year is
on the grid of the unit he or she held a post in last that year."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet

from tdkt.org.models import Unit, UnitLevel, UnitScope
from tdkt.people.models import Position
from tdkt.records.models import Discipline, Initiative, Leave, Rating, UnitViolation
from tdkt.records.year_facts import (
    disciplines_of_year,
    facts_token,
    leaves_of_year,
    year_bounds,
)
from tdkt.rules import codes
from tdkt.workflow.parameters import current_parameters

CAP_KEY = "htxs_max_share"
RATING_ORDER = [str(r) for r in codes.Rating]  # HTXS, HTT, HT, KHT


@dataclass
class StaffRow:
    """One person's facts of the year, as the grid shows and edits them."""

    person_id: int
    full_name: str
    post: str
    unit_name: str
    left_on: dt.date | None
    rating: Rating | None = None
    disciplines: list[Discipline] = field(default_factory=list)
    leaves: list[Leave] = field(default_factory=list)
    initiatives: list[tuple[int, str]] = field(default_factory=list)

    @property
    def token(self) -> str:
        return facts_token(self.rating, self.disciplines, self.leaves)

    @property
    def discipline(self) -> Discipline | None:
        return self.disciplines[0] if self.disciplines else None

    @property
    def other_disciplines(self) -> list[Discipline]:
        return self.disciplines[1:]

    @property
    def leave(self) -> Leave | None:
        return self.leaves[0] if self.leaves else None

    @property
    def other_leaves(self) -> list[Leave]:
        return self.leaves[1:]


@dataclass
class Totals:
    counts: dict[str, int]
    unrated: int
    total: int
    cap: Fraction | None  # the HTXS cap in force, as a share of those rated HTT or better
    cap_citation: str
    cap_note: str

    @property
    def htxs_base(self) -> int:
        """Those rated HTT or better: the HTXS are chosen among them."""
        return self.counts["HTXS"] + self.counts["HTT"]

    @property
    def htxs_share(self) -> Fraction | None:
        return Fraction(self.counts["HTXS"], self.htxs_base) if self.htxs_base else None

    @property
    def htxs_share_text(self) -> str:
        return _percent(self.htxs_share)

    @property
    def cap_text(self) -> str:
        return _percent(self.cap)

    @property
    def htxs_allowed(self) -> int | None:
        """The most HTXS the cap allows for the present base (rounded down)."""
        return None if self.cap is None else int(self.cap * self.htxs_base)

    @property
    def over_cap(self) -> bool:
        share = self.htxs_share
        return self.cap is not None and share is not None and share > self.cap


def _percent(share: Fraction | None) -> str:
    """ "33,3%", "20%" (Vietnamese decimal comma), "—" for none."""
    if share is None:
        return "—"
    text = f"{float(share) * 100:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text}%"


def member_units(unit: Unit, subtree: bool = False) -> QuerySet[Unit]:
    """The unit and its departments, whose staff the unit's grid lists; with `subtree`, every
    unit below it over time (the units it succeeded included), for the officer who keeps them
    all on one screen."""
    if subtree:
        below = UnitScope.objects.filter(ancestor=unit).values("descendant_id")
        return Unit.objects.filter(pk__in=below)
    return Unit.objects.filter(Q(pk=unit.pk) | Q(parent=unit, level=UnitLevel.PHONG))


def _placed(unit: Unit, year: int, subtree: bool) -> QuerySet[Any]:
    """Ids of the people placed in the unit or its departments at some time of the year."""
    start, end = year_bounds(year)
    return (
        Position.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start),
            unit__in=member_units(unit, subtree).values("pk"),
            valid_from__lte=end,
        )
        .values("person_id")
        .distinct()
    )


def staff_rows(
    unit: Unit, year: int, person_id: int | None = None, subtree: bool = False
) -> list[StaffRow]:
    """The grid's rows (one person's with `person_id`), ordered as the people list orders names.

    Six queries whatever the size: positions (with the people), ratings, disciplines, leaves,
    initiatives, and the unit's departments inside them as subqueries."""
    start, end = year_bounds(year)
    placed: Any = [person_id] if person_id is not None else _placed(unit, year, subtree)
    members = set(member_units(unit, subtree).values_list("pk", flat=True))
    positions = Position.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start),
        person_id__in=placed,
        valid_from__lte=end,
    ).values_list(
        "person_id",
        "unit_id",
        "valid_from",
        "id",
        "post",
        "unit__name",
        "person__full_name",
        "person__sort_key",
        "person__left_on",
    )
    latest: dict[int, tuple[Any, ...]] = {}
    for row in positions:
        seen = latest.get(row[0])
        if seen is None or (row[2], row[3]) > (seen[2], seen[3]):
            latest[row[0]] = row
    chosen = sorted((r for r in latest.values() if r[1] in members), key=lambda r: (r[7], r[0]))
    rows = {
        r[0]: StaffRow(person_id=r[0], full_name=r[6], post=r[4], unit_name=r[5], left_on=r[8])
        for r in chosen
    }
    if not rows:
        return []
    for rating in Rating.objects.filter(person_id__in=placed, year=year):
        if rating.person_id in rows:
            rows[rating.person_id].rating = rating
    for d in disciplines_of_year(placed, year):
        if d.person_id in rows:
            rows[d.person_id].disciplines.append(d)
    for lv in leaves_of_year(placed, year):
        if lv.person_id in rows:
            rows[lv.person_id].leaves.append(lv)
    authored = Initiative.authors.through.objects.filter(
        person_id__in=placed, initiative__year=year
    ).values_list("person_id", "initiative_id", "initiative__title")
    for pid, iid, title in authored.order_by("initiative_id"):
        if pid in rows:
            rows[pid].initiatives.append((iid, title))
    return list(rows.values())


def totals(rows: list[StaffRow], year: int) -> Totals:
    counts: dict[str, int] = defaultdict(int, {code: 0 for code in RATING_ORDER})
    for row in rows:
        if row.rating is not None:
            counts[row.rating.rating] += 1
    rated = sum(counts.values())
    cap = current_parameters().find(CAP_KEY, dt.date(year, 12, 31))
    return Totals(
        counts=dict(counts),
        unrated=len(rows) - rated,
        total=len(rows),
        cap=Fraction(str(cap.value)) if cap is not None and cap.value is not None else None,
        cap_citation=cap.citation if cap is not None else "",
        cap_note=cap.note if cap is not None else "",
    )


def unit_rating(unit: Unit, year: int) -> Rating | None:
    return Rating.objects.filter(unit=unit, year=year).first()


def unit_violations(unit: Unit, year: int) -> QuerySet[UnitViolation]:
    return UnitViolation.objects.filter(unit=unit, year=year).order_by("id")


def year_choices(default: int, chosen: int) -> list[int]:
    """The selector's years: the year under review and the ten before it (and the chosen one)."""
    years = set(range(default - 10, default + 1)) | {chosen}
    return sorted(years, reverse=True)
