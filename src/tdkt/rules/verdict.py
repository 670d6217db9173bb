"""What the engine answers: reasons (one per rule), verdicts (one per award) and gaps.

A reason's `passed` is True, False, or None when the rule could not be decided: a fact is missing
(`kind` "fact") or the only open path needs a person's judgment (`kind` "judgment"). Each `Gap` says
what single thing is still short ("1 năm Chiến sĩ thi đua cơ sở"); the due list is built from gaps.
Only `rule`, `passed`, `message` and `citation` go into the contract's JSON.

A reason's message is written when it is first read, not when the rule decides: a check hands over a
template and its arguments (`"Xếp loại {} năm {}", name, year`) or a function and its arguments,
so that a scan which only counts statuses (a whole sector is ~400,000 reasons) writes no text. The
arguments are values (facts, numbers, parameter bundles), never the case context: a verdict is kept
by its context, and a reason holding the context back would make a reference cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from tdkt.rules.codes import Award

# A message: the text itself, a `str.format` template, or a function writing it from its arguments.
Text = str | Callable[..., str]


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


class Gap:
    """One missing step: `step` is a stable code, `quantity` counts in the step's unit. `text` is
    written when read, as a reason's message is (the text, or a function and its arguments)."""

    __slots__ = ("_args", "_text", "quantity", "step")

    def __init__(self, step: str, text: Text, quantity: int, *args: Any) -> None:
        self.step = step
        self._text = text
        self._args = args
        self.quantity = quantity

    @property
    def text(self) -> str:
        text = self._text
        if not self._args:
            return text  # type: ignore[return-value]
        written = text(*self._args) if callable(text) else text.format(*self._args)
        self._text, self._args = written, ()
        return written

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Gap):
            return NotImplemented
        return (self.step, self.text, self.quantity) == (other.step, other.text, other.quantity)

    def __hash__(self) -> int:
        return hash((self.step, self.text, self.quantity))

    def __repr__(self) -> str:
        return f"Gap({self.step!r}, {self.text!r}, {self.quantity!r})"


class Reason:
    __slots__ = ("_args", "_text", "citation", "gaps", "kind", "passed", "rule")

    def __init__(
        self,
        rule: str,
        passed: bool | None,
        message: Text,
        citation: str,
        gaps: tuple[Gap, ...] = (),
        kind: str | None = None,
        args: tuple[Any, ...] | None = None,
    ) -> None:
        self.rule = rule
        self.passed = passed
        self._text = message
        self._args = args  # None: `message` is the text itself
        self.citation = citation
        self.gaps = gaps
        self.kind = kind

    @property
    def message(self) -> str:
        args = self._args
        text = self._text
        if args is None:
            return text  # type: ignore[return-value]
        written = text(*args) if callable(text) else text.format(*args)
        self._text, self._args = written, None
        return written

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


_new = object.__new__


def new_reason(
    rule: str,
    passed: bool | None,
    message: Text,
    citation: str,
    gaps: tuple[Gap, ...],
    kind: str | None,
    args: tuple[Any, ...] | None,
) -> Reason:
    """`Reason(...)` for the engine's loop: the same object, without the cost of a class call
    (a sector scan builds ~400,000 reasons and ~140,000 verdicts)."""
    r = _new(Reason)
    r.rule = rule
    r.passed = passed
    r._text = message
    r._args = args
    r.citation = citation
    r.gaps = gaps
    r.kind = kind
    return r


def new_verdict(award: Award, regime: str, reasons: tuple[Reason, ...], status: Status) -> Verdict:
    """`Verdict(...)` for the engine's loop, its status already known (see `new_reason`)."""
    v = _new(Verdict)
    v.award = award
    v.regime = regime
    v.reasons = reasons
    v.status = status
    return v


def status_of(reasons: tuple[Reason, ...]) -> Status:
    """Any failure ⇒ ineligible; otherwise anything undecided ⇒ needs_review; otherwise eligible."""
    undecided = False
    for r in reasons:
        if r.passed is False:
            return Status.INELIGIBLE
        if r.passed is None:
            undecided = True
    return Status.NEEDS_REVIEW if undecided else Status.ELIGIBLE
