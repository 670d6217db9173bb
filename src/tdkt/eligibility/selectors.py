"""Reads for the screens, the API and the reports: scans scoped to what the user may see, grouped
the way a council reads them (by award, then who is eligible, who needs review and why)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max

from tdkt.eligibility.models import Parameter
from tdkt.eligibility.parameters import current_regimes
from tdkt.eligibility.present import AWARD_NAMES, show_value
from tdkt.eligibility.scan import DueItem, Outcome, ScanResult, run_scan, undecided
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.records.models import Rating
from tdkt.rules.catalogue import COLLECTIVE_AWARDS, INDIVIDUAL_AWARDS
from tdkt.rules.codes import Award
from tdkt.rules.params import default_parameters
from tdkt.rules.regimes import Regime as RegimeRecord
from tdkt.rules.verdict import Reason, Status, Verdict
from tdkt.workflow.clock import review_year


def latest_year() -> int:
    """The year a screen opens on: the year under review (`review_year`), or the last year any
    rating was recorded for if that is earlier (a database whose records stop sooner)."""
    year = review_year()
    recorded = Rating.objects.aggregate(last=Max("year"))["last"]
    return min(year, recorded) if recorded else year


def scan_unit(unit: Unit, year: int, as_of: dt.date) -> ScanResult:
    return run_scan(year=year, as_of=as_of, unit_id=unit.pk)


def scan_collective(unit: Unit, year: int, as_of: dt.date) -> ScanResult:
    """The unit alone (with its members, whose titles of the year its verdict needs)."""
    return run_scan(year=year, as_of=as_of, unit_id=unit.pk, subtree=False)


def scan_person(person: Person, year: int, as_of: dt.date) -> ScanResult:
    return run_scan(year=year, as_of=as_of, person_ids=[person.pk])


# --- grouping for the unit screen ---------------------------------------------------------------


@dataclass
class ReviewItem:
    outcome: Outcome
    reasons: list[Reason]


# A screen lists at most this many names per list; the .xlsx export has them all.
LIST_LIMIT = 300


@dataclass
class AwardGroup:
    award: Award
    name: Any
    eligible: list[Outcome] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    ineligible: int = 0
    eligible_total: int = 0
    review_total: int = 0

    @property
    def truncated(self) -> bool:
        return self.eligible_total > len(self.eligible) or self.review_total > len(self.review)


def verdict_of(outcome: Outcome, award: Award) -> Verdict | None:
    return next((v for v in outcome.verdicts if v.award is award), None)


def group_by_award(
    outcomes: Iterable[Outcome], awards: Iterable[Award], limit: int = LIST_LIMIT
) -> list[AwardGroup]:
    groups = {a: AwardGroup(a, AWARD_NAMES[str(a)]) for a in awards}
    for o in outcomes:
        for v in o.verdicts:
            group = groups.get(v.award)
            if group is None:
                continue
            if v.status is Status.ELIGIBLE:
                group.eligible_total += 1
                if len(group.eligible) < limit:
                    group.eligible.append(o)
            elif v.status is Status.NEEDS_REVIEW:
                group.review_total += 1
                if len(group.review) < limit:
                    group.review.append(ReviewItem(o, undecided(v)))
            else:
                group.ineligible += 1
    return list(groups.values())


@dataclass
class UnitRow:
    outcome: Outcome
    cells: list[Verdict | None]


def collective_table(result: ScanResult) -> dict[str, Any]:
    awards = [a for a in COLLECTIVE_AWARDS if any(verdict_of(o, a) for o in result.units)]
    return {
        "awards": [(a, AWARD_NAMES[str(a)]) for a in awards],
        "rows": [UnitRow(o, [verdict_of(o, a) for a in awards]) for o in result.units],
    }


@dataclass(frozen=True)
class DueLine:
    outcome: Outcome
    award: Award
    name: Any
    step: str
    text: str
    quantity: int


@dataclass(frozen=True)
class CapLine:
    award: Award
    name: Any
    limit: int
    basis: int
    eligible: int
    citation: str

    @property
    def exceeded(self) -> bool:
        return self.eligible > self.limit


_ORDER = {a: i for i, a in enumerate((*INDIVIDUAL_AWARDS, *COLLECTIVE_AWARDS))}


def due_lines(result: ScanResult) -> list[DueLine]:
    """The due list: individuals first, by award then name, then units."""
    items = sorted(result.due(), key=_due_order)
    return [
        DueLine(
            i.outcome,
            i.award,
            AWARD_NAMES[str(i.award)],
            i.gap.step,
            i.gap.text,
            i.gap.quantity,
        )
        for i in items
    ]


def cap_lines(result: ScanResult) -> list[CapLine]:
    return [
        CapLine(
            c.award, AWARD_NAMES[str(c.award)], c.limit, c.basis, c.eligible_before_cap, c.citation
        )
        for c in result.caps
    ]


def unit_overview(result: ScanResult) -> dict[str, Any]:
    due = due_lines(result)
    return {
        "individual": group_by_award(result.people, INDIVIDUAL_AWARDS),
        "collective": collective_table(result),
        "due": due[:LIST_LIMIT],
        "due_total": len(due),
        "list_limit": LIST_LIMIT,
        "caps": cap_lines(result),
        "totals": result.totals(),
    }


def _due_order(item: DueItem) -> tuple[bool, int, str]:
    return (item.outcome.subject != "individual", _ORDER.get(item.award, 99), item.outcome.name)


# --- parameters ----------------------------------------------------------------------------------


@dataclass
class ParameterLine:
    key: str
    value: Any
    valid_from: dt.date
    valid_to: dt.date | None
    citation: str
    confidence: str
    note: str
    pk: int | None  # None: a shipped default the table does not hold yet
    current: bool = False  # in force today

    @property
    def shown(self) -> str:
        return show_value(self.value)

    @classmethod
    def of(cls, p: Parameter) -> ParameterLine:
        return cls(p.key, p.value, p.valid_from, p.valid_to, p.citation, p.confidence, p.note, p.pk)


def parameter_lines() -> list[ParameterLine]:
    """Every record the engine reads, the table's first and the shipped defaults of the keys it
    does not hold; ordered by key then date."""
    stored = [ParameterLine.of(p) for p in Parameter.objects.order_by("key", "valid_from")]
    keys = {line.key for line in stored}
    defaults = [
        ParameterLine(
            p.key, p.value, p.valid_from, p.valid_to, p.citation, p.confidence, p.note, None
        )
        for p in default_parameters().records()
        if p.key not in keys
    ]
    lines = sorted(stored + defaults, key=lambda line: (line.key, line.valid_from))
    today = dt.date.today()
    for line in lines:
        line.current = line.valid_from <= today and (
            line.valid_to is None or today <= line.valid_to
        )
    return lines


@dataclass(frozen=True)
class RegimeLine:
    regime: RegimeRecord
    last_day: dt.date | None  # its own end, or the day before the next starts; None: open-ended

    @property
    def can_close(self) -> bool:
        """Only the regime still open-ended is closed from the screen (a closed one is final)."""
        return self.last_day is None


def regime_lines() -> list[RegimeLine]:
    """The legal regimes the engine reads, oldest first, with the last day each applies."""
    table = current_regimes()
    return [RegimeLine(r, table.last_day(r)) for r in table.regimes]


def regime_by_code(code: str) -> RegimeRecord | None:
    return current_regimes().get(code) if len(code) <= 20 else None
