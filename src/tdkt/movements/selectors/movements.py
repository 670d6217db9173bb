"""Reads of movements and their answers: what the user sees, the unit's inbox, the tracker of
targets against results."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from tdkt.movements.models import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    OPEN_STATUSES,
    Answer,
    AnswerStatus,
    Indicator,
    IndicatorValue,
    Movement,
    MovementStatus,
    Registration,
    RegistrationLine,
)
from tdkt.movements.selectors.base import get_or_404
from tdkt.org.models import (
    Unit,
    UnitScope,
)
from tdkt.rules.codes import award_name
from tdkt.workflow.access import access_for, restrict_units


def movements_for(user: Any) -> QuerySet[Movement]:
    """Movements the user's units issued (drafts included), and those launched to them."""
    access = access_for(user)
    issued = access.unit_filter("view", "issuer")
    received = Answer.objects.filter(access.unit_filter("view", "unit"), movement=OuterRef("pk"))
    return (
        Movement.objects.filter(issued | (Q(Exists(received)) & ~Q(status=MovementStatus.DRAFT)))
        .select_related("issuer", "parent")
        .order_by("-start_year", "-starts_on", "-id")
    )


def get_movement_for_user(user: Any, pk: Any, action: str = "view") -> Movement:
    """`view`: as in `movements_for`; `launch`: the issuer must be in the user's launch scope."""
    if action == "view":
        return get_or_404(movements_for(user), pk)
    qs = Movement.objects.filter(access_for(user).unit_filter(action, "issuer"))
    return get_or_404(qs.select_related("issuer", "parent"), pk)


def get_answer_for_user(user: Any, pk: Any, action: str = "view") -> Answer:
    """The answering unit's people act on an answer; the launcher's also read it."""
    access = access_for(user)
    condition = access.unit_filter(action, "unit")
    if action == "view":
        condition |= access.unit_filter("view", "movement__issuer")
    qs = Answer.objects.filter(condition).select_related("movement__issuer", "unit")
    return get_or_404(qs, pk)


def inbox(user: Any) -> QuerySet[Answer]:
    """Movements launched to the user's units and still to answer (or to report on)."""
    return (
        Answer.objects.filter(
            access_for(user).unit_filter("edit", "unit"), movement__status__in=OPEN_STATUSES
        )
        .select_related("movement__issuer", "unit")
        .order_by("status", "-movement__launched_at", "unit__sort_key", "id")
    )


def launchable_units(user: Any) -> QuerySet[Unit]:
    return restrict_units(user, action="launch").filter(dissolved_on__isnull=True)


def widest_unit(user: Any, action: str) -> int | None:
    """The granted unit with the largest subtree: where an officer usually acts for."""
    roots = access_for(user).units_for(action)
    sizes = Counter(
        UnitScope.objects.filter(
            ancestor_id__in=roots, ancestor__dissolved_on__isnull=True
        ).values_list("ancestor_id", flat=True)
    )
    return max(sorted(sizes), key=lambda u: sizes[u]) if sizes else None


@dataclass
class Cell:
    goal: Decimal | None
    actual: Decimal | None
    met: bool | None


@dataclass
class UnitResults:
    answer: Answer
    cells: list[Cell]


@dataclass
class IndicatorTotals:
    indicator: Indicator
    units: int
    reported: int
    met: int
    total_goal: Decimal | None
    total_actual: Decimal | None


def results_matrix(
    movement: Movement, answers: Iterable[Answer] | None = None
) -> tuple[list[Indicator], list[UnitResults], list[IndicatorTotals]]:
    """Per receiving unit, each indicator's target against the reported result; and per
    indicator, how many units reported and met it (with sums where the indicator adds up)."""
    indicators = list(movement.indicators.all())
    answers = list(
        answers
        if answers is not None
        else movement.answers.select_related("unit").order_by("unit__sort_key", "id")
    )
    values: dict[tuple[int, int], IndicatorValue] = {
        (v.answer_id, v.indicator_id): v
        for v in IndicatorValue.objects.filter(answer__in=[a.pk for a in answers])
    }
    rows = []
    for answer in answers:
        cells = []
        for ind in indicators:
            v = values.get((answer.pk, ind.pk))
            goal = v.target if v is not None and v.target is not None else ind.target
            actual = v.actual if v is not None else None
            cells.append(Cell(goal, actual, ind.met(actual, goal)))
        rows.append(UnitResults(answer, cells))
    totals = []
    for i, ind in enumerate(indicators):
        cells = [r.cells[i] for r in rows]
        reported = [c for c in cells if c.actual is not None]
        totals.append(
            IndicatorTotals(
                ind,
                len(cells),
                len(reported),
                sum(1 for c in reported if c.met),
                sum((c.goal for c in cells if c.goal is not None), Decimal(0))
                if ind.summable
                else None,
                sum((c.actual for c in reported if c.actual is not None), Decimal(0))
                if ind.summable
                else None,
            )
        )
    return indicators, rows, totals


def indicator_results_json(movement: Movement) -> list[dict[str, Any]]:
    """The results table as a review keeps it (a snapshot of that day)."""
    indicators, rows, totals = results_matrix(movement)
    out = []
    for i, (ind, tot) in enumerate(zip(indicators, totals, strict=True)):
        out.append(
            {
                "name": ind.name,
                "unit_of_measure": ind.unit_of_measure,
                "target": _num(ind.target),
                "direction": ind.direction,
                "units": tot.units,
                "reported": tot.reported,
                "met": tot.met,
                "total_goal": _num(tot.total_goal),
                "total_actual": _num(tot.total_actual),
                "rows": [
                    {
                        "unit": r.answer.unit.name,
                        "goal": _num(r.cells[i].goal),
                        "actual": _num(r.cells[i].actual),
                        "met": r.cells[i].met,
                    }
                    for r in rows
                ],
            }
        )
    return out


def registration_totals_json(movement: Movement) -> dict[str, Any]:
    lines = RegistrationLine.objects.filter(movement=movement).values_list(
        "award", "registration__status", "check_status"
    )
    by_award: dict[str, Counter[str]] = defaultdict(Counter)
    for award, status, check in lines:
        by_award[award]["total"] += 1
        by_award[award][status] += 1
        if check == "ineligible":
            by_award[award]["flagged"] += 1
    order = INDIVIDUAL_TITLES + COLLECTIVE_TITLES
    return {
        "by_award": [
            {"award": a, "name": award_name(a), **dict(by_award[a])} for a in order if a in by_award
        ],
        "registers": dict(
            Counter(Registration.objects.filter(movement=movement).values_list("status", flat=True))
        ),
    }


def answer_counts(movement: Movement) -> dict[str, int]:
    counts = Counter(movement.answers.values_list("status", flat=True))
    return {s: counts.get(s, 0) for s in AnswerStatus.values}


def _num(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)
