"""The facts the rules read about a person or a unit, as frozen dataclasses.

`None` always means "not given" and is never read as "none": a rule that needs a fact that was not
given answers `needs_review` and names it. An empty tuple or mapping means "given, and there is
none".

The Django side builds these directly from the database (no JSON), for example::

    PersonFacts(
        ratings={2024: Rating.HTXS, 2025: Rating.HTXS},
        titles=(TitleRecord(Award.CSTDCS, 2024),),
        awards=(), initiatives=(), disciplines=(), leaves=(),
        recruited_on=date(2010, 9, 1), is_unit_head=False,
        procuracy_service=(Period(date(2010, 9, 1), None),), other_legal_service=(),
    )

`contract.py` builds the same objects from the JSON case format.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from tdkt.rules.codes import (
    Award,
    Discipline,
    InitiativeScope,
    LeaveKind,
    Rating,
    Subject,
    award_name,
)


@dataclass(frozen=True, slots=True)
class Period:
    """A span of service or leave; `end` None means still running (counted up to the case date)."""

    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class TitleRecord:
    """An emulation title (danh hiệu thi đua) held for an achievement year."""

    code: Award
    year: int


@dataclass(frozen=True, slots=True)
class AwardRecord:
    """A form of commendation (hình thức khen thưởng) received; `year` is the achievement year.
    `sudden` marks a commendation for an outstanding act (khen thưởng đột xuất): it is no basis
    for a merit proposal (ND 152/2025 Art. 4(3)), so chains of awards do not count it."""

    code: Award
    year: int
    decided_on: date | None = None
    sudden: bool = False


@dataclass(frozen=True, slots=True)
class SuddenAct:
    """The outstanding act a sudden commendation is proposed for: what was done, as the proposal
    words it, and the day it was done. Either may be unknown (None)."""

    description: str | None = None
    happened_on: date | None = None


@dataclass(frozen=True, slots=True)
class Initiative:
    """A recognised initiative (sáng kiến) or accepted research work; `used_for` marks it spent.

    `used_for` names the title or form it was spent on. The candidate's own record written
    `record_id(code, year)` ("BK_NGANH-2025") lets the re-check of that award for that year count
    the initiative again, when the record is among the facts (see `Ctx.earlier_titles`); any other
    text (a co-author's award, say) only marks the initiative spent."""

    id: str
    scope: InitiativeScope
    recognized_on: date
    used_for: str | None = None


def record_id(code: Award | str, year: int) -> str:
    """How `Initiative.used_for` names a title or form of an achievement year: "CSTDCS-2024"."""
    return f"{code}-{year}"


def record_name(used_for: str) -> str:
    """`used_for` as a message shows it: a `record_id` by the award's name and year, anything
    else as written."""
    code, _, year = used_for.rpartition("-")
    if code in _AWARD_CODES and year.isdigit():
        return f"{award_name(code)} năm {year}"
    return used_for


_AWARD_CODES = frozenset(a.value for a in Award)


@dataclass(frozen=True, slots=True)
class DisciplineRecord:
    level: Discipline
    decided_on: date
    ends_on: date | None = None  # end of the execution period, when known


@dataclass(frozen=True, slots=True)
class Leave:
    kind: LeaveKind
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Violation:
    """A violation counted against a unit for `year`, as a verdict names it: its kind and the
    document it rests on ("để lọt tội phạm — Kết luận kiểm tra số 12/KL-VKS ngày 03/11/2025")."""

    year: int
    description: str


@dataclass(frozen=True, slots=True)
class Members:
    """A unit's members in the evaluated year (the contract's `members` block)."""

    total: int
    completed_tasks: int | None = None
    ldtt: int | None = None
    cstdcs: int | None = None
    disciplined: tuple[Discipline, ...] | None = None


@dataclass(frozen=True, slots=True)
class Cluster:
    """The unit's place in its emulation cluster or block (cụm, khối thi đua) for the year."""

    rank: int | None = None
    size: int | None = None
    approval_votes: int | None = None


@dataclass(frozen=True, slots=True)
class _Facts:
    ratings: Mapping[int, Rating] | None = None
    titles: tuple[TitleRecord, ...] | None = None
    awards: tuple[AwardRecord, ...] | None = None
    unit_violation_years: frozenset[int] | None = None
    # What `unit_violation_years` counts, described, when known (None: only the years were given;
    # the years decide, the descriptions only name the violations in the reasons).
    unit_violations: tuple[Violation, ...] | None = None
    # Indexes by award code, built on first use (rules ask for them many times per candidate).
    # Not part of equality; mutated only to cache.
    _title_index: dict[Award, AbstractSet[int]] | None = field(
        default=None, init=False, compare=False, repr=False, hash=False
    )
    _award_index: dict[Award, tuple[AwardRecord, ...]] | None = field(
        default=None, init=False, compare=False, repr=False, hash=False
    )

    def title_index(self) -> dict[Award, AbstractSet[int]] | None:
        """Award code → the years for which that title is held; None when titles were not given."""
        index = self._title_index
        if index is None:
            titles = self.titles
            if titles is None:
                return None
            index = {}
            for t in titles:
                years = index.get(t.code)
                if years is None:
                    index[t.code] = {t.year}
                else:
                    years.add(t.year)  # type: ignore[attr-defined]
            object.__setattr__(self, "_title_index", index)
        return index

    def title_years(self, code: Award) -> AbstractSet[int] | None:
        """The years for which title `code` is held; None when titles were not given."""
        index = self.title_index()
        return None if index is None else index.get(code, _NO_YEARS)

    def awards_of(self, code: Award) -> tuple[AwardRecord, ...] | None:
        """The forms of commendation `code` received, oldest first; None when not given."""
        index = self._award_index
        if index is None:
            awards = self.awards
            if not awards:
                return awards  # None (not given) or () (none received)
            index = {}
            for a in sorted(awards, key=_BY_YEAR) if len(awards) > 1 else awards:
                index[a.code] = (*index.get(a.code, ()), a)
            object.__setattr__(self, "_award_index", index)
        return index.get(code, ())


_BY_YEAR = attrgetter("year")


_NO_YEARS: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class PersonFacts(_Facts):
    """An individual candidate (cá nhân)."""

    gender: str | None = None
    birth_date: date | None = None
    recruited_on: date | None = None
    procuracy_service: tuple[Period, ...] | None = None
    other_legal_service: tuple[Period, ...] | None = None
    is_unit_head: bool | None = None
    initiatives: tuple[Initiative, ...] | None = None
    disciplines: tuple[DisciplineRecord, ...] | None = None
    leaves: tuple[Leave, ...] | None = None
    # For a unit head: the rating (HTXS...) or title (TTLDXS...) of the unit he or she heads.
    head_unit_ratings: Mapping[int, str] | None = None

    subject = Subject.INDIVIDUAL


@dataclass(frozen=True, slots=True)
class UnitFacts(_Facts):
    """A collective candidate (tập thể); `members` and `cluster` describe the evaluated year."""

    members: Members | None = None
    cluster: Cluster | None = None

    subject = Subject.COLLECTIVE


Facts = PersonFacts | UnitFacts
