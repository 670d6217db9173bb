"""A scan: the facts of a whole unit subtree (or the sector, or a few people) loaded in bulk, run
through the engine for one year, with the caps that count across candidates.

Two steps, because a unit's verdict depends on its members' titles of the same year: the people are
evaluated first; then each unit's `members.ldtt` and `members.cstdcs` count the members holding the
title for the year or found eligible for it now (the engine's own "xét đồng thời" reading of a title
of the year under review). A member whose verdict is `needs_review` makes the count unknown, so the
unit's rule answers `needs_review` too rather than guess. Members outside the scan (moved to a unit
outside the subtree) count with their recorded titles only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tdkt.eligibility.loader import SectorFacts, UnitInfo, load_facts
from tdkt.eligibility.parameters import current_engine, emulation_period
from tdkt.errors import InvalidData
from tdkt.rules.caps import CapReport, apply_caps
from tdkt.rules.catalogue import default_awards
from tdkt.rules.codes import Award, Subject
from tdkt.rules.due import single_gap
from tdkt.rules.engine import Ctx, Engine, ScanRow
from tdkt.rules.facts import UnitFacts
from tdkt.rules.regimes import Regime
from tdkt.rules.verdict import Gap, Reason, Status, Verdict

STATUSES = (Status.ELIGIBLE, Status.NEEDS_REVIEW, Status.INELIGIBLE)


@dataclass(slots=True)
class Outcome:
    """One candidate's verdicts."""

    subject: Subject
    id: int
    name: str
    code: str  # a unit's code; empty for a person
    unit_id: int | None  # a person's unit of the year; a unit's parent
    unit_name: str
    ctx: Ctx
    verdicts: list[Verdict]

    @property
    def key(self) -> str:
        return f"{'person' if self.subject is Subject.INDIVIDUAL else 'unit'}:{self.id}"


@dataclass(frozen=True, slots=True)
class DueItem:
    outcome: Outcome
    award: Award
    gap: Gap


@dataclass
class ScanResult:
    year: int
    as_of: dt.date
    start: dt.date
    end: dt.date
    regime: Regime
    unit: UnitInfo | None
    people: list[Outcome]
    units: list[Outcome]
    caps: list[CapReport]
    facts: SectorFacts
    timing: dict[str, float] = field(default_factory=dict)

    def outcomes(self) -> Iterator[Outcome]:
        yield from self.people
        yield from self.units

    def unit_name(self, unit_id: int | None) -> str:
        info = self.facts.unit_info.get(unit_id) if unit_id is not None else None
        return info.name if info else ""

    def unit_code(self, unit_id: int | None) -> str:
        info = self.facts.unit_info.get(unit_id) if unit_id is not None else None
        return info.code if info else ""

    def totals(self) -> dict[str, Any]:
        by_award: dict[str, Counter[str]] = {}
        by_status: Counter[str] = Counter()
        for o in self.outcomes():
            for v in o.verdicts:
                by_award.setdefault(str(v.award), Counter())[str(v.status)] += 1
                by_status[str(v.status)] += 1
        return {
            "people": len(self.people),
            "units": len(self.units),
            "verdicts": sum(by_status.values()),
            "by_status": {str(s): by_status[str(s)] for s in STATUSES},
            "by_award": {
                award: {str(s): counts[str(s)] for s in STATUSES}
                for award, counts in by_award.items()
            },
        }

    def due(self) -> list[DueItem]:
        """The due list: every award not yet reached for which exactly one step is missing."""
        items = []
        for o in self.outcomes():
            for v in o.verdicts:
                gap = single_gap(v)
                if gap is not None:
                    items.append(DueItem(o, v.award, gap))
        return items


def check_dates(engine: Engine, year: int, as_of: dt.date) -> None:
    """The year and the day of evaluation must be within the regimes the engine knows."""
    first = engine.regimes.first_day
    if as_of < first:
        raise InvalidData(
            _("Ngày xét %(d)s trước ngày bắt đầu của dữ liệu chế độ pháp lý (%(f)s).")
            % {"d": as_of.strftime("%d/%m/%Y"), "f": first.strftime("%d/%m/%Y")}
        )
    if year < 1945 or as_of < dt.date(year, 1, 1):
        raise InvalidData(
            _("Ngày xét %(d)s phải từ năm xét %(y)s trở đi.")
            % {"d": as_of.strftime("%d/%m/%Y"), "y": year}
        )


def run_scan(
    *,
    year: int,
    as_of: dt.date,
    unit_id: int | None = None,
    subtree: bool = True,
    person_ids: Iterable[int] | None = None,
    awards: Iterable[Award | str] | None = None,
    engine: Engine | None = None,
    pause_collector: bool = False,
) -> ScanResult:
    """Every candidate of the scope (see `load_facts`) on every award asked (default: every
    encoded award of the candidate's kind), for achievement year `year`, evaluated on `as_of`.

    `pause_collector` is for a one-off process only (`tdkt eligibility scan`): the facts and
    verdicts are millions of small objects without cycles, and the cyclic collector's passes over
    them cost more than the scan itself (bench/bench_scan.py). Never from a request: a worker
    that switches its collector off, even for a while, serves every other request without it."""
    engine = engine or current_engine()
    check_dates(engine, year, as_of)
    asked = None if awards is None else tuple(Award(a) for a in awards)
    start, end = emulation_period(engine, year, as_of)
    regime, _legal = engine.choose(as_of)

    with _collector_paused() if pause_collector else nullcontext():
        t0 = time.perf_counter()
        facts = load_facts(
            year=year,
            start=start,
            end=end,
            unit_id=unit_id,
            subtree=subtree,
            person_ids=person_ids,
        )
        t1 = time.perf_counter()
        person_rows = engine.scan(facts.people.items(), year, as_of, asked)
        ldtt, cstdcs = _holders(facts, person_rows) if facts.units else ({}, {})
        unit_facts = [
            (uid, _with_titles_of_the_year(f, facts.members.get(uid, ()), ldtt, cstdcs))
            for uid, f in facts.units.items()
        ]
        unit_rows = engine.scan(unit_facts, year, as_of, asked)
        t2 = time.perf_counter()
        ctxs = [r.ctx for r in person_rows] + [r.ctx for r in unit_rows]
        verdicts = [r.verdicts for r in person_rows] + [r.verdicts for r in unit_rows]
        requested = set(asked) if asked is not None else _default_awards(person_rows, unit_rows)
        caps = apply_caps(ctxs, verdicts, requested)
        t3 = time.perf_counter()

    person_info, unit_info = facts.person_info, facts.unit_info
    names = {uid: info.name for uid, info in unit_info.items()}
    people = []
    for row in person_rows:
        person = person_info[row.key]
        unit_of_year = person.unit_id
        people.append(
            Outcome(
                Subject.INDIVIDUAL,
                row.key,
                person.full_name,
                "",
                unit_of_year,
                names.get(unit_of_year, "") if unit_of_year is not None else "",
                row.ctx,
                row.verdicts,
            )
        )
    units = []
    for row in unit_rows:
        unit = unit_info[row.key]
        parent = unit.parent_id
        units.append(
            Outcome(
                Subject.COLLECTIVE,
                row.key,
                unit.name,
                unit.code,
                parent,
                names.get(parent, "") if parent is not None else "",
                row.ctx,
                row.verdicts,
            )
        )
    return ScanResult(
        year=year,
        as_of=as_of,
        start=start,
        end=end,
        regime=regime,
        unit=facts.unit_info.get(unit_id) if unit_id is not None else None,
        people=people,
        units=units,
        caps=caps,
        facts=facts,
        timing={"load": t1 - t0, "evaluate": t2 - t1, "caps": t3 - t2, "total": t3 - t0},
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic collector off while the scan runs and on again afterwards; nothing is frozen,
    so whatever the scan leaves behind is the collector's again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _default_awards(people: list[Any], units: list[Any]) -> set[Award]:
    """The awards a scan without a list of awards evaluated: every encoded one of each kind."""
    found: set[Award] = set()
    if people:
        found.update(default_awards(Subject.INDIVIDUAL))
    if units:
        found.update(default_awards(Subject.COLLECTIVE))
    return found


def _holders(
    loaded: SectorFacts, rows: list[ScanRow[int]]
) -> tuple[dict[int, bool | None], dict[int, bool | None]]:
    """Who holds LĐTT and who holds CSTĐCS for the year: recorded, or found eligible by this scan
    (None: the verdict needs review). People loaded but not evaluated count with their recorded
    titles only."""
    ldtt_code, cstdcs_code = Award.LDTT, Award.CSTDCS
    eligible, review = Status.ELIGIBLE, Status.NEEDS_REVIEW
    ldtt: dict[int, bool | None] = {}
    cstdcs: dict[int, bool | None] = {}
    for pid, titles in loaded.year_titles.items():
        ldtt[pid] = ldtt_code in titles
        cstdcs[pid] = cstdcs_code in titles
    both = ((ldtt_code, ldtt), (cstdcs_code, cstdcs))
    for row in rows:
        key = row.key
        verdict = row.ctx.verdict
        for award, held in both:
            if not held.get(key):
                status = verdict(award).status
                held[key] = True if status is eligible else None if status is review else False
    return ldtt, cstdcs


def _with_titles_of_the_year(
    facts: UnitFacts,
    members: tuple[int, ...],
    ldtt: dict[int, bool | None],
    cstdcs: dict[int, bool | None],
) -> UnitFacts:
    m = facts.members
    if m is None or not members:
        return facts
    return dataclasses.replace(
        facts,
        members=dataclasses.replace(m, ldtt=_count(members, ldtt), cstdcs=_count(members, cstdcs)),
    )


def _count(members: tuple[int, ...], held: dict[int, bool | None]) -> int | None:
    """How many members hold the title; None when one of them needs review."""
    count = 0
    for pid in members:
        v = held.get(pid, False)
        if v:
            count += 1
        elif v is None:
            return None
    return count


def failed(verdict: Verdict) -> list[Reason]:
    return [r for r in verdict.reasons if r.passed is False]


def undecided(verdict: Verdict) -> list[Reason]:
    return [r for r in verdict.reasons if r.passed is None]


def default_as_of(year: int, today: dt.date | None = None) -> dt.date:
    """Today, or the last day of `year` once that year is over (a past year is shown as it stood
    under the rules of its own end)."""
    today = today or dt.date.today()
    return min(today, dt.date(year, 12, 31))
