"""What the eligibility engine sees of a registration at the moment it is made.

A registration is early in the year: the year's rating does not exist yet, so most lines come back
"needs review". The ones the engine already sees as out of reach (a discipline of the year, too
short a service, a chain of titles that cannot be complete) come back "ineligible": the line is
flagged with the failing reasons. The verdict is stored on the line with its regime and day: a
snapshot, not recomputed when the rules or the records change later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tdkt.eligibility.scan import Outcome, run_scan
from tdkt.errors import DomainError
from tdkt.movements.models import CheckStatus
from tdkt.rules.codes import Subject
from tdkt.rules.verdict import Verdict


@dataclass(frozen=True)
class Check:
    status: str
    regime: str = ""
    as_of: dt.date | None = None
    reasons: tuple[dict[str, Any], ...] = field(default_factory=tuple)


# ("person" | "unit", id, award code) → what the engine said
Checks = dict[tuple[str, int, str], Check]


def check_day(year: int, today: dt.date) -> dt.date:
    """The day of evaluation: today, brought inside the registered year (a registration for next
    year made in December is evaluated on 1 January)."""
    return min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))


def from_outcomes(outcomes: Iterable[Outcome], as_of: dt.date) -> Checks:
    checks: Checks = {}
    for o in outcomes:
        kind = "person" if o.subject is Subject.INDIVIDUAL else "unit"
        add_verdicts(checks, kind, o.id, o.verdicts, as_of)
    return checks


def add_verdicts(
    checks: Checks, kind: str, subject_id: int, verdicts: Iterable[Verdict], as_of: dt.date
) -> None:
    """Keep what the engine said of one subject, award by award."""
    for v in verdicts:
        reasons = tuple(r.to_json() for r in v.reasons)
        checks[(kind, subject_id, str(v.award))] = Check(str(v.status), v.regime, as_of, reasons)


def run_checks(
    *,
    year: int,
    today: dt.date,
    people: Iterable[tuple[int, str]] = (),
    units: Iterable[tuple[int, str]] = (),
) -> Checks:
    """One scan for the people asked (with only the titles asked), one per unit asked."""
    as_of = check_day(year, today)
    people, units = list(people), list(units)
    checks: Checks = {}
    try:
        if people:
            result = run_scan(
                year=year,
                as_of=as_of,
                person_ids=sorted({p for p, _a in people}),
                awards=sorted({a for _p, a in people}),
            )
            checks.update(from_outcomes(result.people, as_of))
        for unit_id in sorted({u for u, _a in units}):
            awards = sorted({a for u, a in units if u == unit_id})
            result = run_scan(year=year, as_of=as_of, unit_id=unit_id, subtree=False, awards=awards)
            checks.update(from_outcomes(result.units, as_of))
    except DomainError as exc:
        return {key: unchecked(exc.message, as_of) for key in _keys(people, units)}
    return checks


def unchecked(message: str, as_of: dt.date | None = None) -> Check:
    reason = {"rule": "", "passed": None, "message": message, "citation": ""}
    return Check(CheckStatus.UNCHECKED, "", as_of, (reason,))


def check_for(checks: Checks, kind: str, subject_id: int, award: str, as_of: dt.date) -> Check:
    found = checks.get((kind, subject_id, award))
    if found is not None:
        return found
    return unchecked(
        _("Chưa đủ dữ liệu để hệ thống kiểm tra điều kiện của đối tượng này trong năm."), as_of
    )


def _keys(
    people: list[tuple[int, str]], units: list[tuple[int, str]]
) -> list[tuple[str, int, str]]:
    return [("person", p, a) for p, a in people] + [("unit", u, a) for u, a in units]
