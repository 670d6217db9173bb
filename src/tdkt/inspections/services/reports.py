"""The inspected unit's side: its self-report (báo cáo tự kiểm tra), a text per section beside
the figures the system computes for the period, and the evidence files it sends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import InvalidData
from tdkt.inspections import selectors
from tdkt.inspections.checklist import SECTION_KEYS, SECTION_MAX
from tdkt.inspections.models import Evidence, InspectionStatus, Target
from tdkt.inspections.services.common import ensure_report, require_status
from tdkt.nominations import uploads
from tdkt.text import clean
from tdkt.workflow import clock
from tdkt.workflow.locking import bump_version
from tdkt.workflow.machine import user_or_none
from tdkt.workflow.reasons import clean_text

S = InspectionStatus
REPORTING = (S.APPROVED, S.INSPECTING)
NOT_REPORTING = "Chỉ gửi báo cáo tự kiểm tra khi kế hoạch đã duyệt và chưa có kết luận."


@transaction.atomic
def save_self_report(
    *,
    actor: Any,
    target: Target,
    texts: Mapping[str, str],
    version: int | None,
    submit: bool = False,
    now: dt.datetime | None = None,
) -> Target:
    """Save the unit's texts; `submit` also sends the report, freezing the figures it showed."""
    ensure_report(actor, target.unit)
    inspection = target.inspection
    require_status(inspection, *REPORTING, message=_(NOT_REPORTING))
    report = {}
    for key in SECTION_KEYS:
        text = clean_text(texts.get(key, ""))
        if len(text) > SECTION_MAX:
            raise InvalidData(
                _("Mỗi phần của báo cáo dài tối đa %(n)s ký tự.") % {"n": SECTION_MAX},
                code="too_long",
            )
        report[key] = text
    if submit and not any(report.values()):
        raise InvalidData(
            _("Báo cáo tự kiểm tra chưa có nội dung nào; hãy viết trước khi gửi."),
            code="report_empty",
        )
    bump_version(target, version)
    now = clock.now(now)
    target.self_report = report
    target.self_report_saved_at = now
    fields = ["self_report", "self_report_saved_at"]
    if submit:
        target.self_report_submitted_at = now
        target.self_report_figures = selectors.self_report_figures(
            target.unit_id, inspection.starts_on, inspection.ends_on
        )
        fields += ["self_report_submitted_at", "self_report_figures"]
    target.save(update_fields=fields)
    record(
        actor=actor,
        action="inspection.self_report_submitted" if submit else "inspection.self_report_saved",
        obj=target,
        after={"sections": [k for k, v in report.items() if v], "submitted": submit},
        unit_id=target.unit_id,
    )
    return target


@transaction.atomic
def add_evidence(
    *,
    actor: Any,
    target: Target,
    upload: Any,
    note: str = "",
    now: dt.datetime | None = None,
) -> Evidence:
    """A file of the accepted types (checked from its first bytes) within the size limit."""
    ensure_report(actor, target.unit)
    require_status(target.inspection, *REPORTING, message=_(NOT_REPORTING))
    checked = uploads.check_upload(upload)
    note = clean(note)
    if len(note) > 300:
        raise InvalidData(_("Ghi chú dài quá 300 ký tự."), code="too_long")
    stored = uploads.store(upload, checked, f"kiem-tra/{target.inspection_id}")
    evidence = Evidence.objects.create(
        target=target,
        file=stored,
        original_name=checked.name,
        content_type=checked.file_type.content_type,
        size=checked.size,
        sha256=checked.sha256,
        note=note,
        uploaded_by=user_or_none(actor),
        uploaded_at=clock.now(now),
    )
    record(
        actor=actor,
        action="inspection.evidence_added",
        obj=evidence,
        after={"name": checked.name, "size": checked.size, "sha256": checked.sha256},
        unit_id=target.unit_id,
    )
    return evidence


@transaction.atomic
def withdraw_evidence(
    *, actor: Any, evidence: Evidence, now: dt.datetime | None = None
) -> Evidence:
    """Mark a file sent by mistake as withdrawn; the file itself stays."""
    target = evidence.target
    ensure_report(actor, target.unit)
    require_status(target.inspection, *REPORTING, message=_(NOT_REPORTING))
    if evidence.withdrawn:
        raise InvalidData(_("Tài liệu này đã được rút."), code="already_withdrawn")
    evidence.withdrawn = True
    evidence.withdrawn_at = clock.now(now)
    evidence.save(update_fields=["withdrawn", "withdrawn_at"])
    record(
        actor=actor,
        action="inspection.evidence_withdrawn",
        obj=evidence,
        after={"withdrawn": True},
        unit_id=target.unit_id,
    )
    return evidence
