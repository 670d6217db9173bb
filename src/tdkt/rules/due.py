"""The due list: for a person or a unit and a year, the single step still missing for an award.

Built from the same rules as the verdicts (no second copy of the logic): every rule that knows a
shortfall attaches a `Gap` ("Cần thêm 1 năm Chiến sĩ thi đua cơ sở"). An award is due when it is not
yet eligible, nothing blocks it except gaps (a failure without a gap, such as a discipline, rules it
out), and exactly one gap remains. Facts not known yet (this year's rating before year end) do not
block: they count as not yet achieved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tdkt.rules.catalogue import default_awards
from tdkt.rules.codes import Award
from tdkt.rules.engine import engine_for
from tdkt.rules.facts import Facts
from tdkt.rules.params import ParameterSet
from tdkt.rules.verdict import Gap, Status, Verdict


@dataclass(frozen=True, slots=True)
class DueStep:
    award: Award
    step: str
    text: str
    quantity: int

    def to_json(self) -> dict[str, Any]:
        return {
            "award": str(self.award),
            "step": self.step,
            "text": self.text,
            "quantity": self.quantity,
        }


def single_gap(verdict: Verdict) -> Gap | None:
    """The one missing step of a verdict, if it has exactly one and nothing else blocks it."""
    if verdict.status is Status.ELIGIBLE:
        return None
    gaps: list[Gap] = []
    for reason in verdict.reasons:
        if reason.passed is True:
            continue
        if reason.passed is False and not reason.gaps:
            return None
        gaps.extend(reason.gaps)
    return gaps[0] if len(gaps) == 1 else None


def due_steps(
    facts: Facts,
    year: int,
    as_of: date,
    params: ParameterSet | None = None,
    awards: Iterable[Award | str] | None = None,
) -> list[DueStep]:
    engine = engine_for(params)
    ctx = engine.context(facts, year, as_of)
    wanted = default_awards(facts.subject) if awards is None else [Award(a) for a in awards]
    steps = []
    for award in wanted:
        gap = single_gap(ctx.verdict(award))
        if gap is not None:
            steps.append(DueStep(award, gap.step, gap.text, gap.quantity))
    return steps
