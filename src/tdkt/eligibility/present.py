"""Verdicts shaped for templates and JSON: names, labels and badges looked up once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from tdkt.eligibility.scan import Outcome
from tdkt.records.models import AWARD_CHOICES
from tdkt.rules.due import single_gap
from tdkt.rules.verdict import Reason, Status, Verdict

AWARD_NAMES: dict[str, Any] = dict(AWARD_CHOICES)
STATUS_LABELS: dict[str, Any] = {
    Status.ELIGIBLE: _("Đủ điều kiện"),
    Status.NEEDS_REVIEW: _("Cần xem xét"),
    Status.INELIGIBLE: _("Chưa đủ điều kiện"),
}
STATUS_BADGES = {
    Status.ELIGIBLE: "badge-ok",
    Status.NEEDS_REVIEW: "badge-warn",
    Status.INELIGIBLE: "badge-err",
}

PASSED_LABELS: dict[bool | None, tuple[Any, str]] = {
    True: (_("Đạt"), "badge-ok"),
    False: (_("Không đạt"), "badge-err"),
    None: (_("Cần xem xét"), "badge-warn"),
}


def show_value(value: Any) -> str:
    """A parameter value as an administrator types it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class ReasonView:
    rule: str
    message: str
    citation: str
    label: Any
    badge: str
    judgment: bool


@dataclass(frozen=True)
class VerdictView:
    award: str
    name: Any
    status: str
    label: Any
    badge: str
    regime: str
    reasons: list[ReasonView]
    due: str  # the single step still missing, if any


@dataclass(frozen=True)
class OutcomeView:
    outcome: Outcome
    verdicts: list[VerdictView]


def present_reason(r: Reason) -> ReasonView:
    label, badge = PASSED_LABELS[r.passed]
    return ReasonView(r.rule, r.message, r.citation, label, badge, r.kind == "judgment")


def present_verdict(v: Verdict) -> VerdictView:
    gap = single_gap(v)
    return VerdictView(
        award=str(v.award),
        name=AWARD_NAMES[str(v.award)],
        status=str(v.status),
        label=STATUS_LABELS[v.status],
        badge=STATUS_BADGES[v.status],
        regime=v.regime,
        reasons=[present_reason(r) for r in v.reasons],
        due=gap.text if gap else "",
    )


def present_outcome(o: Outcome) -> OutcomeView:
    return OutcomeView(o, [present_verdict(v) for v in o.verdicts])
