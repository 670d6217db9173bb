"""The inspecting side's findings per checklist item, the conclusion (kết luận kiểm tra) with its
recommendations (kiến nghị), the follow-up of each recommendation, the close of the inspection,
and the explicit step that turns a violation found into a violation counted against the unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record, record_move
from tdkt.errors import InvalidData
from tdkt.inspections.models import (
    RECOMMENDATION_MACHINE,
    Finding,
    Inspection,
    InspectionStatus,
    Recommendation,
    RecommendationStatus,
    Target,
    Verdict,
)
from tdkt.inspections.services.common import (
    ensure_approve,
    ensure_plan,
    ensure_report,
    move_inspection,
    require_status,
)
from tdkt.org.models import Unit, UnitScope
from tdkt.records import services as records
from tdkt.records.models import UnitViolation, ViolationBasis, ViolationKind
from tdkt.text import clean
from tdkt.workflow import clock
from tdkt.workflow.locking import bump_version
from tdkt.workflow.reasons import ReasonCode, checked_reason, clean_text

S = InspectionStatus
R = RecommendationStatus
TEXT_MAX = 5000


@transaction.atomic
def record_findings(
    *,
    actor: Any,
    target: Target,
    findings: Mapping[int, tuple[str, str]],
    version: int | None,
    now: dt.datetime | None = None,
) -> list[Finding]:
    """The verdicts (đạt, có hạn chế, vi phạm) and remarks on checklist items (by id) at one
    inspected unit; a limitation or a violation needs its remark."""
    inspection = target.inspection
    ensure_plan(actor, inspection)
    require_status(
        inspection, S.INSPECTING, message=_("Chỉ ghi kết quả kiểm tra khi đang kiểm tra.")
    )
    items = {i.pk: i for i in inspection.items.all()}
    cleaned: dict[int, tuple[str, str]] = {}
    for item_id, (verdict, text) in findings.items():
        if item_id not in items:
            raise InvalidData(_("Nội dung kiểm tra không thuộc kế hoạch này."), code="bad_item")
        if not verdict:
            continue
        if verdict not in Verdict.values:
            raise InvalidData(_("Kết quả kiểm tra không hợp lệ."), code="bad_verdict")
        text = clean_text(text)
        if len(text) > TEXT_MAX:
            raise InvalidData(_("Nhận xét dài quá %(n)s ký tự.") % {"n": TEXT_MAX})
        if verdict != Verdict.PASSED and len(text) < 10:
            raise InvalidData(
                _("%(c)s: hãy ghi rõ hạn chế, vi phạm (ít nhất 10 ký tự).")
                % {"c": items[item_id].code},
                code="remark_required",
            )
        cleaned[item_id] = (verdict, text)
    bump_version(target, version)
    saved = []
    for item_id, (verdict, text) in cleaned.items():
        finding, _created = Finding.objects.update_or_create(
            target=target,
            item=items[item_id],
            defaults={"verdict": verdict, "text": text, "recorded_at": clock.now(now)},
        )
        saved.append(finding)
    record(
        actor=actor,
        action="inspection.findings_recorded",
        obj=target,
        after={items[i].code: v for i, (v, _t) in cleaned.items()},
        unit_id=inspection.inspector_id,
    )
    return saved


@transaction.atomic
def add_recommendation(
    *,
    actor: Any,
    target: Target,
    text: str,
    deadline: dt.date,
    responsible: Unit | None = None,
    finding: Finding | None = None,
    now: dt.datetime | None = None,
) -> Recommendation:
    """A kiến nghị for the inspected unit (or a unit under it), with its deadline."""
    inspection = target.inspection
    ensure_plan(actor, inspection)
    require_status(
        inspection, S.INSPECTING, message=_("Chỉ thêm kiến nghị trước khi ban hành kết luận.")
    )
    text = clean_text(text)
    if not 10 <= len(text) <= TEXT_MAX:
        raise InvalidData(_("Nội dung kiến nghị: từ 10 ký tự trở lên."), code="bad_text")
    if deadline is None or not dt.date(1945, 1, 1) <= deadline <= dt.date(2100, 12, 31):
        raise InvalidData(_("Hãy nhập thời hạn khắc phục."), code="bad_deadline")
    if deadline < clock.today(now):
        raise InvalidData(_("Thời hạn khắc phục đã qua."), code="bad_deadline")
    unit = responsible or target.unit
    if not UnitScope.objects.filter(ancestor_id=target.unit_id, descendant_id=unit.pk).exists():
        raise InvalidData(
            _("Đơn vị chịu trách nhiệm phải là đơn vị được kiểm tra hoặc đơn vị trực thuộc."),
            code="bad_responsible",
        )
    if finding is not None and finding.target_id != target.pk:
        raise InvalidData(_("Kết quả kiểm tra không thuộc đơn vị này."), code="bad_finding")
    rec = Recommendation.objects.create(
        target=target,
        finding=finding,
        text=text,
        deadline=deadline,
        responsible=unit,
        created_at=clock.now(now),
    )
    record(
        actor=actor,
        action="inspection.recommendation_added",
        obj=rec,
        after={"text": text, "deadline": deadline, "responsible": unit.pk},
        unit_id=inspection.inspector_id,
    )
    return rec


@transaction.atomic
def conclude(
    *,
    actor: Any,
    inspection: Inspection,
    conclusion: str,
    number: str,
    version: int | None,
    now: dt.datetime | None = None,
) -> Inspection:
    """The leaders sign the conclusion once every content has a verdict at every unit."""
    ensure_approve(actor, inspection)
    conclusion, number = clean_text(conclusion), clean(number)
    if inspection.status == S.INSPECTING:
        items = inspection.items.count()
        for target in inspection.targets.select_related("unit"):
            if target.findings.count() < items:
                raise InvalidData(
                    _("Chưa có kết quả kiểm tra cho mọi nội dung tại %(u)s.")
                    % {"u": target.unit.name},
                    code="findings_missing",
                )
        if len(conclusion) < 20:
            raise InvalidData(
                _("Hãy viết kết luận chung (ít nhất 20 ký tự)."), code="conclusion_required"
            )
        if not number or len(number) > 20:
            raise InvalidData(_("Hãy nhập số kết luận (tối đa 20 ký tự)."), code="number_required")
    return move_inspection(
        actor,
        inspection,
        S.CONCLUDED,
        "inspection.concluded",
        version,
        now,
        fields={
            "conclusion": conclusion,
            "conclusion_number": number,
            "concluded_on": clock.today(now),
        },
    )


@transaction.atomic
def close_inspection(
    *, actor: Any, inspection: Inspection, version: int | None, now: dt.datetime | None = None
) -> Inspection:
    """The follow-up ends when every recommendation was fixed and accepted."""
    ensure_approve(actor, inspection)
    if inspection.status == S.CONCLUDED:
        pending = Recommendation.objects.filter(target__inspection=inspection).exclude(
            status=R.ACCEPTED
        )
        if pending.exists():
            raise InvalidData(
                _("Còn %(n)s kiến nghị chưa được chấp nhận kết quả khắc phục.")
                % {"n": pending.count()},
                code="recommendations_open",
            )
    return move_inspection(actor, inspection, S.CLOSED, "inspection.closed", version, now)


# --- follow-up of a recommendation ---------------------------------------------------------------


def _following(rec: Recommendation) -> None:
    require_status(
        rec.target.inspection,
        S.CONCLUDED,
        message=_("Chỉ theo dõi khắc phục sau khi có kết luận và trước khi kết thúc."),
    )


@transaction.atomic
def report_fix(
    *,
    actor: Any,
    recommendation: Recommendation,
    report: str,
    fixed_on: dt.date,
    version: int | None,
    now: dt.datetime | None = None,
) -> Recommendation:
    """The responsible unit reports what it fixed and when."""
    ensure_report(actor, recommendation.responsible)
    _following(recommendation)
    report = clean_text(report)
    if not 20 <= len(report) <= TEXT_MAX:
        raise InvalidData(
            _("Hãy báo cáo cụ thể kết quả khắc phục (ít nhất 20 ký tự)."), code="report_required"
        )
    if fixed_on is None or fixed_on > clock.today(now) or fixed_on.year < 1945:
        raise InvalidData(_("Ngày khắc phục xong không hợp lệ."), code="bad_date")
    return _move_rec(
        actor,
        recommendation,
        R.REPORTED,
        "inspection.recommendation_reported",
        version,
        now,
        fields={"fix_report": report, "fixed_on": fixed_on},
    )


@transaction.atomic
def accept_fix(
    *,
    actor: Any,
    recommendation: Recommendation,
    version: int | None,
    now: dt.datetime | None = None,
) -> Recommendation:
    ensure_plan(actor, recommendation.target.inspection)
    _following(recommendation)
    return _move_rec(
        actor, recommendation, R.ACCEPTED, "inspection.recommendation_accepted", version, now
    )


@transaction.atomic
def reopen_fix(
    *,
    actor: Any,
    recommendation: Recommendation,
    reason_code: str,
    reason: str,
    version: int | None,
    now: dt.datetime | None = None,
) -> Recommendation:
    """Not fixed enough: back to the unit, with the reason."""
    ensure_plan(actor, recommendation.target.inspection)
    _following(recommendation)
    return _move_rec(
        actor,
        recommendation,
        R.OPEN,
        "inspection.recommendation_reopened",
        version,
        now,
        reason_code,
        reason,
    )


def _move_rec(
    actor: Any,
    rec: Recommendation,
    to: str,
    action: str,
    version: int | None,
    now: dt.datetime | None,
    reason_code: str = "",
    reason: str = "",
    fields: dict[str, Any] | None = None,
) -> Recommendation:
    record_move(
        RECOMMENDATION_MACHINE,
        rec,
        to,
        actor=actor,
        action=action,
        unit_id=rec.target.inspection.inspector_id,
        now=clock.now(now),
        version=version,
        reason_code=reason_code,
        reason=reason,
        fields=fields,
        after=fields,
    )
    return rec


# --- a violation found → a violation of the unit -------------------------------------------------


@transaction.atomic
def record_violation(
    *,
    actor: Any,
    finding: Finding,
    kind: str,
    reason: str,
    now: dt.datetime | None = None,
) -> UnitViolation:
    """Count a violation found by the inspection against the unit for the inspection's year
    (the eligibility engine then bars the unit's collective titles and its head's), on the
    basis of the signed conclusion; an explicit act of the inspecting unit's officers, with its
    reason. The records' own service writes the violation (and checks the actor's right to edit
    the unit's records)."""
    target = finding.target
    inspection = target.inspection
    ensure_plan(actor, inspection)
    require_status(
        inspection,
        S.CONCLUDED,
        S.CLOSED,
        message=_("Chỉ ghi nhận vi phạm của đơn vị sau khi có kết luận kiểm tra."),
    )
    _code, reason = checked_reason(ReasonCode.OTHER, reason)
    if finding.verdict != Verdict.VIOLATION:
        raise InvalidData(
            _("Chỉ kết quả «Vi phạm» mới được ghi nhận là vi phạm của đơn vị."),
            code="not_a_violation",
        )
    if finding.violation_id is not None:
        raise InvalidData(_("Vi phạm này đã được ghi nhận."), code="already_recorded")
    if kind not in ViolationKind.values:
        raise InvalidData(_("Hãy chọn loại vi phạm."), code="bad_kind")
    violation = records.record_unit_violation(
        actor=actor,
        unit=target.unit,
        year=inspection.year,
        kind=kind,
        basis_kind=ViolationBasis.INSPECTION,
        basis_number=inspection.conclusion_number_symbol,
        basis_date=inspection.concluded_on,
        basis_issuer=inspection.inspector.name,
        note=f"{finding.item.code}. {finding.item.text}: {finding.text}"[:2000],
    )
    finding.violation = violation
    finding.save(update_fields=["violation"])
    record(
        actor=actor,
        action="inspection.violation_recorded",
        obj=finding,
        after={"violation_id": violation.pk, "unit_id": target.unit_id, "kind": kind},
        reason=reason,
        unit_id=target.unit_id,
    )
    return violation
