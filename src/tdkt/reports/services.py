"""The life of a background report: asked for, made by the worker with its progress written as
it goes, then done with its file stored privately, or failed with a Vietnamese message.

`transition` is the only function that changes a job's status; it moves the job through
REPORT_MACHINE (the kernel's `move`). Asking for a report and downloading it check the actor's
right to export for the job's unit."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import InvalidData
from tdkt.reports.documents.base import ReportRequest
from tdkt.reports.documents.catalogue import REPORTS, make
from tdkt.reports.models import REPORT_MACHINE, ReportJob, ReportStatus
from tdkt.workflow.access import ensure_can
from tdkt.workflow.machine import move

logger = logging.getLogger(__name__)


def request_report(*, actor: Any, request: ReportRequest) -> ReportJob:
    """Queue a report for the background worker. The job and its task are written together."""
    if request.kind not in REPORTS or request.fmt not in REPORTS[request.kind].formats:
        raise InvalidData(_("Báo cáo hoặc định dạng không hợp lệ."))
    ensure_can(
        actor, "export", request.unit.pk, _("Bạn không có quyền lập báo cáo cho đơn vị này.")
    )
    with transaction.atomic():
        job = ReportJob.objects.create(
            kind=request.kind,
            fmt=request.fmt,
            unit=request.unit,
            params=request.params(),
            title=request.title()[:300],
            created_by=actor,
            stage=_("Đang chờ đến lượt"),
        )
        record(
            actor=actor,
            action="report.requested",
            obj=job,
            after={"kind": job.kind, "format": job.fmt, "params": job.params},
            unit_id=job.unit_id,
        )
        from tdkt.reports.tasks import run_report

        run_report.enqueue(job.pk)
    return job


@transaction.atomic
def transition(job: ReportJob, to: str, **fields: Any) -> ReportJob:
    """Move `job` to status `to` (and set `fields`) through REPORT_MACHINE, or raise
    TransitionNotAllowed. Only the background worker moves a report (actor None)."""
    move(REPORT_MACHINE, job, to, actor=None, fields=fields)
    return job


def report_file(*, actor: Any, job: ReportJob) -> bytes:
    """The stored file of a finished report, for whoever may export for its unit."""
    ensure_can(actor, "export", job.unit_id, _("Bạn không có quyền tải báo cáo của đơn vị này."))
    if job.status != ReportStatus.DONE or not job.file:
        raise InvalidData(_("Báo cáo chưa lập xong, chưa có tệp để tải về."), code="not_ready")
    with job.file.open("rb") as stored:
        return stored.read()


def set_progress(job: ReportJob, percent: int, stage: str) -> None:
    """A short write of its own, so that the list the user watches shows it at once."""
    percent = max(0, min(int(percent), 99))  # 100 only with the file, when done
    fields: dict[str, Any] = {"progress": percent}
    if stage:
        fields["stage"] = stage[:200]
    ReportJob.objects.filter(pk=job.pk, status=ReportStatus.RUNNING).update(**fields)


def run_job(job_id: int) -> str:
    """Make the report of a queued job and store its file. Returns the final status."""
    job = ReportJob.objects.select_related("unit", "created_by").get(pk=job_id)
    if job.status != ReportStatus.QUEUED:
        return job.status  # delivered twice
    transition(
        job,
        ReportStatus.RUNNING,
        started_at=timezone.now(),
        progress=0,
        stage=_("Đang bắt đầu"),
    )
    try:
        request = ReportRequest.from_params(job.kind, job.fmt, job.unit, job.params)
        made = make(request, lambda percent, stage: set_progress(job, percent, stage))
    except Exception:
        logger.exception("Report job %s failed", job.pk)
        transition(
            job,
            ReportStatus.FAILED,
            error=_(
                "Lỗi hệ thống khi lập báo cáo; không có tệp nào được tạo. Hãy thử lại, nếu vẫn "
                "lỗi hãy báo quản trị hệ thống."
            ),
            stage="",
        )
        return job.status
    path = timezone.localdate().strftime(f"reports/%Y/%m/{uuid.uuid4().hex}.{job.fmt}")
    stored = default_storage.save(path, ContentFile(made.content))
    try:
        transition(
            job,
            ReportStatus.DONE,
            file=stored,
            filename=made.filename,
            progress=100,
            stage=_("Đã xong"),
        )
    except BaseException:
        default_storage.delete(stored)
        raise
    return job.status
