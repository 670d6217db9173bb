"""What the engine answers: reasons (one per rule), verdicts (one per award) and gaps.

A reason's `passed` is True, False, or None when the rule could not be decided: a fact is missing
(`kind` "fact") or the only open path needs a person's judgment (`kind` "judgment"). Each `Gap` says
what single thing is still short ("1 năm Chiến sĩ thi đua cơ sở"); the due list is built from gaps.
Only `rule`, `passed`, `message` and `citation` go into the contract's JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tdkt.rules.codes import Award


class Status(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    NEEDS_REVIEW = "needs_review"


STATUS_NAMES: dict[Status, str] = {
    Status.ELIGIBLE: "Đủ điều kiện",
    Status.INELIGIBLE: "Không đủ điều kiện",
    Status.NEEDS_REVIEW: "Cần xem xét",
}

FACT = "fact"
JUDGMENT = "judgment"


@dataclass(frozen=True, slots=True)
class Gap:
    """One missing step: `step` is a stable code, `quantity` counts in the step's unit."""

    step: str
    text: str
    quantity: int


class Reason:
    __slots__ = ("citation", "gaps", "kind", "message", "passed", "rule")

    def __init__(
        self,
        rule: str,
        passed: bool | None,
        message: str,
        citation: str,
        gaps: tuple[Gap, ...] = (),
        kind: str | None = None,
    ) -> None:
        self.rule = rule
        self.passed = passed
        self.message = message
        self.citation = citation
        self.gaps = gaps
        self.kind = kind

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "passed": self.passed,
            "message": self.message,
            "citation": self.citation,
        }

    def __repr__(self) -> str:
        return f"Reason({self.rule!r}, {self.passed!r}, {self.message!r})"


class Verdict:
    __slots__ = ("award", "reasons", "regime", "status")

    def __init__(self, award: Award, regime: str, reasons: tuple[Reason, ...]) -> None:
        self.award = award
        self.regime = regime
        self.reasons = reasons
        self.status = status_of(reasons)

    def to_json(self) -> dict[str, Any]:
        return {
            "award": str(self.award),
            "status": str(self.status),
            "regime": self.regime,
            "reasons": [r.to_json() for r in self.reasons],
        }

    def reason(self, rule: str) -> Reason | None:
        return next((r for r in self.reasons if r.rule == rule), None)

    def __repr__(self) -> str:
        return f"Verdict({self.award!s}, {self.status!s}, {self.regime!r}, {list(self.reasons)!r})"


def status_of(reasons: tuple[Reason, ...]) -> Status:
    """Any failure ⇒ ineligible; otherwise anything undecided ⇒ needs_review; otherwise eligible."""
    undecided = False
    for r in reasons:
        if r.passed is False:
            return Status.INELIGIBLE
        if r.passed is None:
            undecided = True
    return Status.NEEDS_REVIEW if undecided else Status.ELIGIBLE
