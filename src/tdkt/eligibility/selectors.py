"""Reads for the screens, the API and the reports: scans scoped to what the user may see, grouped
the way a council reads them (by award, then who is eligible, who needs review and why)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Max, QuerySet

from tdkt.eligibility.models import Parameter, ScanSnapshot, StoredVerdict
from tdkt.eligibility.parameters import current_regimes
from tdkt.eligibility.present import AWARD_NAMES, show_value
from tdkt.eligibility.scan import DueItem, Outcome, ScanResult, run_scan
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.records.models import Rating
from tdkt.rules.catalogue import COLLECTIVE_AWARDS, INDIVIDUAL_AWARDS
from tdkt.rules.codes import Award
from tdkt.rules.params import default_parameters
from tdkt.rules.regimes import Regime as RegimeRecord
from tdkt.rules.verdict import Status
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


# --- the due list and the caps (the API) --------------------------------------------------------


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


# --- the unit screen, from stored verdicts (issue 16) --------------------------------------------

PAGE_SIZE = 50
# The lists of the unit screen, as the `loai` parameter names them.
ELIGIBLE, REVIEW, COLLECTIVE, DUE = "du", "xem", "tap-the", "sap-du"
PERSON_LISTS = {ELIGIBLE: Status.ELIGIBLE, REVIEW: Status.NEEDS_REVIEW}


class KnownCount:
    """A queryset whose length is already known (the snapshot's totals): the paginator asks no
    COUNT of the database."""

    def __init__(self, qs: QuerySet[StoredVerdict], count: int) -> None:
        self.qs, self.n = qs, count

    def count(self) -> int:
        return self.n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, index: slice) -> list[StoredVerdict]:
        return list(self.qs[index])


@dataclass
class StoredList:
    """One page of one list of the unit screen."""

    kind: str  # ELIGIBLE, REVIEW, COLLECTIVE or DUE
    award: str  # "" for the collective table and the due list
    page: Page
    rows: list[Any] = field(default_factory=list)  # the collective table's rows

    @property
    def dom_id(self) -> str:
        return f"ds-{self.kind}-{self.award.lower()}" if self.award else f"ds-{self.kind}"


@dataclass
class StoredGroup:
    award: str
    name: Any
    eligible_total: int
    review_total: int
    ineligible: int
    eligible: StoredList | None = None
    review: StoredList | None = None


def _counts(snapshot: ScanSnapshot, award: str) -> dict[str, int]:
    found = snapshot.totals.get("by_award", {}).get(award, {})
    return {
        str(s): int(found.get(str(s), 0))
        for s in (Status.ELIGIBLE, Status.NEEDS_REVIEW, Status.INELIGIBLE)
    }


def _page(items: Any, number: Any) -> Page:
    """The page asked (`trang`): a number out of range or not a number gives the nearest page."""
    return Paginator(items, PAGE_SIZE).get_page(number)


def person_list(snapshot: ScanSnapshot, award: str, kind: str, number: Any = 1) -> StoredList:
    status = PERSON_LISTS[kind]
    qs = StoredVerdict.objects.filter(
        snapshot=snapshot, kind="person", award=award, status=str(status)
    ).order_by("sort_key", "subject_id")
    total = _counts(snapshot, award)[str(status)]
    page = _page(KnownCount(qs, total), number)
    if status is Status.NEEDS_REVIEW:
        texts = snapshot.texts  # deferred by `snapshots.lookup`: read only for this list
        for v in page:
            v.reasons = [texts[i] for i in v.reasons if 0 <= i < len(texts)]
    return StoredList(kind, award, page)


@dataclass
class StoredUnitRow:
    id: int
    name: str
    cells: list[StoredVerdict | None]


def collective_awards(snapshot: ScanSnapshot) -> list[tuple[str, Any]]:
    by_award = snapshot.totals.get("by_award", {})
    return [
        (str(a), AWARD_NAMES[str(a)])
        for a in COLLECTIVE_AWARDS
        if any(by_award.get(str(a), {}).values())
    ]


def collective_list(snapshot: ScanSnapshot, number: Any = 1) -> StoredList:
    """A page of the collective table: units by their place in the scan, a cell per award."""
    page = _page(range(int(snapshot.totals.get("units", 0))), number)
    positions = list(page.object_list)
    awards = [code for code, _name in collective_awards(snapshot)]
    rows: dict[int, StoredUnitRow] = {}
    if positions:
        found = StoredVerdict.objects.filter(
            snapshot=snapshot, kind="unit", position__gte=positions[0], position__lte=positions[-1]
        ).order_by("position")
        for v in found:
            row = rows.get(v.position)
            if row is None:
                row = rows[v.position] = StoredUnitRow(v.subject_id, v.name, [None] * len(awards))
            if v.award in awards:
                row.cells[awards.index(v.award)] = v
    return StoredList(COLLECTIVE, "", page, list(rows.values()))


def due_list(snapshot: ScanSnapshot, number: Any = 1) -> StoredList:
    """The due list: individuals first, by award then name, then units."""
    qs = (
        StoredVerdict.objects.filter(snapshot=snapshot)
        .exclude(due="")
        .order_by("kind", "award_order", "sort_key", "subject_id")
    )
    return StoredList(DUE, "", _page(KnownCount(qs, int(snapshot.totals.get("due", 0))), number))


def stored_list(snapshot: ScanSnapshot, kind: str, award: str, number: Any) -> StoredList | None:
    """The list a `loai`/`giai` pair names; None if it names none."""
    if kind in PERSON_LISTS:
        if award not in {str(a) for a in INDIVIDUAL_AWARDS}:
            return None
        return person_list(snapshot, award, kind, number)
    if kind == COLLECTIVE:
        return collective_list(snapshot, number)
    if kind == DUE:
        return due_list(snapshot, number)
    return None


def stored_overview(snapshot: ScanSnapshot) -> dict[str, Any]:
    """What the unit screen shows of a snapshot: the counts, the caps, and the first page of
    every list."""
    groups = []
    for a in INDIVIDUAL_AWARDS:
        code = str(a)
        counts = _counts(snapshot, code)
        group = StoredGroup(
            code,
            AWARD_NAMES[code],
            counts[str(Status.ELIGIBLE)],
            counts[str(Status.NEEDS_REVIEW)],
            counts[str(Status.INELIGIBLE)],
        )
        # A list that fits on one page comes with the screen; a longer one is fetched page by
        # page when its award is opened (the sector's LĐTT alone names 12,000 people).
        if 0 < group.eligible_total <= PAGE_SIZE:
            group.eligible = person_list(snapshot, code, ELIGIBLE)
        if 0 < group.review_total <= PAGE_SIZE:
            group.review = person_list(snapshot, code, REVIEW)
        groups.append(group)
    caps = [
        CapLine(
            Award(c["award"]),
            AWARD_NAMES[c["award"]],
            c["limit"],
            c["basis"],
            c["eligible_before_cap"],
            c["citation"],
        )
        for c in snapshot.caps
    ]
    return {
        "individual": groups,
        "collective_awards": collective_awards(snapshot),
        "collective": collective_list(snapshot),
        "due": due_list(snapshot),
        "caps": caps,
        "totals": snapshot.totals,
    }
