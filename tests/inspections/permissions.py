"""The inspection views for the project's permission registry (tests/test_permissions.py).

Every object is on the insiders' side: plans of the new VKSND tỉnh Quảng Trị inspecting its
Khu vực 1 (a draft, one being carried out, one concluded), and a plan of VKSND tối cao inspecting
Quảng Trị (approved, with a piece of evidence), whose self-report Quảng Trị's officer writes.
Builders find what an earlier one made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _plan(s: Any, inspector: Any, unit: Any, title: str, stage: str) -> Any:
    from tdkt.inspections.models import Inspection
    from tdkt.inspections.services import findings, plans

    found = Inspection.objects.filter(title=title).first()
    if found:
        return found
    inspection = plans.create_plan(
        actor=None,
        inspector=inspector,
        data=plans.PlanData(title, 2025, dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    )
    target = plans.add_target(
        actor=None, inspection=inspection, unit=unit, scheduled_on=None, version=None
    )
    plans.add_member(
        actor=None, inspection=inspection, person=s.an, role="truong_doan", version=None
    )
    if stage == "draft":
        return inspection
    plans.approve_plan(actor=None, inspection=inspection, version=None)
    if stage == "approved":
        return inspection
    plans.start_inspection(actor=None, inspection=inspection, version=None)
    if stage == "inspecting":
        return inspection
    verdicts = {i.pk: ("dat", "") for i in inspection.items.all()}
    findings.record_findings(actor=None, target=target, findings=verdicts, version=None)
    findings.conclude(
        actor=None,
        inspection=inspection,
        conclusion="Đơn vị thực hiện đúng quy định về thi đua, khen thưởng.",
        number="7",
        version=None,
    )
    return inspection


def qt_draft(s: Any) -> Any:
    return _plan(s, s.quang_tri, s.kv1, "Kiểm tra quyền truy cập: dự thảo", "draft")


def qt_inspecting(s: Any) -> Any:
    return _plan(s, s.quang_tri, s.kv1, "Kiểm tra quyền truy cập: đang kiểm tra", "inspecting")


def qt_concluded(s: Any) -> Any:
    return _plan(s, s.quang_tri, s.kv1, "Kiểm tra quyền truy cập: đã kết luận", "concluded")


def vkstc_approved(s: Any) -> Any:
    return _plan(s, s.vkstc, s.quang_tri, "Kiểm tra quyền truy cập: cấp trên", "approved")


def qt_evidence(s: Any) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tdkt.inspections.models import Evidence
    from tdkt.inspections.services import reports

    target = vkstc_approved(s).targets.get()
    found = Evidence.objects.filter(target=target).first()
    if found:
        return found
    upload = SimpleUploadedFile("minh-chung.pdf", PDF, "application/pdf")
    return reports.add_evidence(actor=None, target=target, upload=upload)


INSPECTION_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "inspections:inspection_list": lambda s: {},
    "inspections:inspection_create": lambda s: {},
    "inspections:inspection_detail": lambda s: {"pk": qt_draft(s).pk},
    "inspections:inspection_edit": lambda s: {"pk": qt_draft(s).pk},
    "inspections:plan_docx": lambda s: {"pk": qt_draft(s).pk},
    "inspections:conclusion_docx": lambda s: {"pk": qt_concluded(s).pk},
    "inspections:self_report": lambda s: {"pk": vkstc_approved(s).targets.get().pk},
    "inspections:findings_form": lambda s: {"pk": qt_inspecting(s).targets.get().pk},
    "inspections:evidence_download": lambda s: {"pk": qt_evidence(s).pk},
}
# Lists an outsider opens with his own rows only (and the form to plan for his own unit).
INSPECTION_LISTS = {"inspections:inspection_list", "inspections:inspection_create"}
# Actions: POST only (tests/inspections/test_views.py: 405 to whoever may act, 404 otherwise).
INSPECTION_POST_ONLY = {
    "inspections:target_add",
    "inspections:member_add",
    "inspections:item_add",
    "inspections:inspection_approve",
    "inspections:inspection_return",
    "inspections:inspection_start",
    "inspections:inspection_conclude",
    "inspections:inspection_close",
    "inspections:target_remove",
    "inspections:evidence_add",
    "inspections:recommendation_add",
    "inspections:member_remove",
    "inspections:item_remove",
    "inspections:evidence_withdraw",
    "inspections:fix_report",
    "inspections:fix_accept",
    "inspections:fix_reopen",
    "inspections:violation_record",
}
