"""Verdicts shaped for templates and JSON: names, labels and badges looked up once.

What an officer reads carries no internal key: a regime by its label (its code stays in the JSON),
a citation not yet checked against the official gazette (confidence P or M) with a discreet badge
and why, and a verdict that needs review with the facts still missing named."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from tdkt.eligibility.scan import Outcome
from tdkt.records.models import AWARD_CHOICES
from tdkt.rules.due import single_gap
from tdkt.rules.verdict import FACT, Reason, Status, Verdict

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


# Why a citation is marked "chưa đối chiếu Công báo", by its confidence (C needs no mark).
UNCHECKED: dict[str, Any] = {
    "P": _(
        "Căn cứ này mới được đối chiếu một phần, qua nguồn trích dẫn lại; chưa đối chiếu với văn "
        "bản đăng Công báo."
    ),
    "M": _(
        "Căn cứ này theo suy luận hoặc thực tiễn áp dụng, chưa tìm thấy văn bản gốc; chưa đối "
        "chiếu với văn bản đăng Công báo."
    ),
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
    unchecked: str = ""  # why the citation is not yet checked against the gazette; "" if it is


@dataclass(frozen=True)
class VerdictView:
    award: str
    name: Any
    status: str
    label: Any
    badge: str
    regime: str  # the regime's code, as the JSON contract has it
    reasons: list[ReasonView]
    due: str  # the single step still missing, if any
    regime_label: str = ""  # what an officer reads
    missing: str = ""  # the facts still missing ("Chưa đủ dữ liệu để kết luận: …"), if any


@dataclass(frozen=True)
class OutcomeView:
    outcome: Outcome
    verdicts: list[VerdictView]


_NOTHING: Mapping[str, str] = {}


def present_reason(r: Reason, confidence: Mapping[str, str] = _NOTHING) -> ReasonView:
    """`confidence` maps a citation to its weakest confidence (`Engine.citations`)."""
    label, badge = PASSED_LABELS[r.passed]
    unchecked = UNCHECKED.get(confidence.get(r.citation, "C"))
    return ReasonView(
        r.rule,
        r.message,
        r.citation,
        label,
        badge,
        r.kind == "judgment",
        str(unchecked) if unchecked else "",
    )


def present_verdict(
    v: Verdict, regime_label: str = "", confidence: Mapping[str, str] = _NOTHING
) -> VerdictView:
    gap = single_gap(v)
    missing = [_fact(r.message) for r in v.reasons if r.passed is None and r.kind == FACT]
    return VerdictView(
        award=str(v.award),
        name=AWARD_NAMES[str(v.award)],
        status=str(v.status),
        label=STATUS_LABELS[v.status],
        badge=STATUS_BADGES[v.status],
        regime=v.regime,
        reasons=[present_reason(r, confidence) for r in v.reasons],
        due=gap.text if gap else "",
        regime_label=regime_label,
        missing="; ".join(missing),
    )


NOT_ENOUGH = "Chưa đủ dữ liệu để kết luận: "


def _fact(message: str) -> str:
    """A missing fact as the summary after "Chưa đủ dữ liệu để kết luận:" lists it."""
    text = message.removeprefix(NOT_ENOUGH)
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def present_outcome(o: Outcome) -> OutcomeView:
    ctx = o.ctx
    regime = ctx.regime
    confidence = ctx.engine.citations(regime.id, ctx.legal_date)
    return OutcomeView(o, [present_verdict(v, regime.label, confidence) for v in o.verdicts])


def regime_label(code: str) -> str:
    """A regime's label from its code (as verdicts stored with a dossier or a registration keep
    it); the code itself if no regime has it, "" for none."""
    if not code:
        return ""
    from tdkt.eligibility.parameters import regime_labels

    return regime_labels(code).get(code, code)
