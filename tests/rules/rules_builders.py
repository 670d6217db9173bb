"""Builders for the rule-engine tests: a clean person and a clean unit, changed per test."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from tdkt.rules.codes import Award, Discipline, InitiativeScope, LeaveKind, Rating
from tdkt.rules.engine import evaluate
from tdkt.rules.facts import (
    AwardRecord,
    Cluster,
    DisciplineRecord,
    Initiative,
    Leave,
    Members,
    Period,
    PersonFacts,
    TitleRecord,
    UnitFacts,
)
from tdkt.rules.params import ParameterSet
from tdkt.rules.verdict import Reason, Verdict

YEAR = 2025
AS_OF = date(2025, 12, 15)  # the 2025-07 regime


def d(text: str) -> date:
    return date.fromisoformat(text)


def person(**changes: Any) -> PersonFacts:
    """A procurator recruited in 2010, rated HTT every year, no titles, no trouble."""
    base = PersonFacts(
        gender="female",
        birth_date=date(1984, 3, 2),
        recruited_on=date(2010, 9, 1),
        procuracy_service=(Period(date(2010, 9, 1)),),
        other_legal_service=(),
        is_unit_head=False,
        ratings={y: Rating.HTT for y in range(2010, 2027)},
        titles=(),
        awards=(),
        initiatives=(),
        disciplines=(),
        leaves=(),
        unit_violation_years=frozenset(),
        head_unit_ratings={},
    )
    return dataclasses.replace(base, **changes)


def unit(**changes: Any) -> UnitFacts:
    """A unit of 20 members rated HTXS every year, meeting TTLĐXS and leading its cluster."""
    base = UnitFacts(
        ratings={y: Rating.HTXS for y in range(2015, 2027)},
        titles=(),
        awards=(),
        unit_violation_years=frozenset(),
        members=Members(total=20, completed_tasks=20, ldtt=16, cstdcs=2, disciplined=()),
        cluster=Cluster(rank=1, size=6, approval_votes=6),
    )
    return dataclasses.replace(base, **changes)


def ratings(default: Rating = Rating.HTT, **by_year: Rating) -> dict[int, Rating]:
    """ratings(HTT, y2024=HTXS): every year 2010–2026 `default`, except those named."""
    out = {y: default for y in range(2010, 2027)}
    out.update({int(k[1:]): v for k, v in by_year.items()})
    return out


def titles(code: Award, *years: int) -> tuple[TitleRecord, ...]:
    return tuple(TitleRecord(code, y) for y in years)


def award(code: Award, year: int, decided_on: str | None = None) -> AwardRecord:
    return AwardRecord(code, year, d(decided_on) if decided_on else None)


def initiative(
    ident: str, recognized_on: str, scope: InitiativeScope = InitiativeScope.CO_SO, used_for=None
) -> Initiative:
    return Initiative(ident, scope, d(recognized_on), used_for)


def discipline(level: Discipline, decided_on: str, ends_on: str | None = None) -> DisciplineRecord:
    return DisciplineRecord(level, d(decided_on), d(ends_on) if ends_on else None)


def leave(kind: LeaveKind, start: str, end: str | None) -> Leave:
    return Leave(kind, d(start), d(end) if end else None)


def verdict(
    facts: PersonFacts | UnitFacts,
    code: Award,
    year: int = YEAR,
    as_of: date | str = AS_OF,
    params: ParameterSet | None = None,
    dossier_received_on: date | None = None,
) -> Verdict:
    when = d(as_of) if isinstance(as_of, str) else as_of
    return evaluate(facts, [code], year, when, params, dossier_received_on=dossier_received_on)[0]


def reason(v: Verdict, rule: str) -> Reason:
    found = v.reason(rule)
    assert found is not None, f"{rule} not in {[r.rule for r in v.reasons]}"
    return found
