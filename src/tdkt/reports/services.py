"""The life of a background report: asked for, made by the worker with its progress written as
it goes, then done with its file stored privately, or failed with a Vietnamese message.

`transition` is the only function that changes a job's status; it follows REPORT_TRANSITIONS."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import access_for
from tdkt.audit.services import record
from tdkt.errors import InvalidData, TransitionNotAllowed
from tdkt.reports.documents.base import ReportRequest
from tdkt.reports.documents.catalogue import REPORTS, make
from tdkt.reports.models import REPORT_TRANSITIONS, ReportJob, ReportStatus

logger = logging.getLogger(__name__)


def request_report(*, actor: Any, request: ReportRequest) -> ReportJob:
    """Queue a report for the background worker. The job and its task are written together."""
    if request.kind not in REPORTS or request.fmt not in REPORTS[request.kind].formats:
        raise InvalidData(_("Báo cáo hoặc định dạng không hợp lệ."))
    if not access_for(actor).can("export", request.unit.pk):
        raise InvalidData(_("Bạn không có quyền lập báo cáo cho đơn vị này."))
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
    """Move `job` to status `to` (and set `fields`), or raise TransitionNotAllowed."""
    current = ReportJob.objects.select_for_update().only("status").get(pk=job.pk).status
    if to not in REPORT_TRANSITIONS[current]:
        raise TransitionNotAllowed(
            _("Không thể chuyển báo cáo từ «%(a)s» sang «%(b)s».")
            % {"a": ReportStatus(current).label, "b": ReportStatus(to).label}
        )
    changes: dict[str, Any] = {"status": to, **fields}
    if not REPORT_TRANSITIONS[to]:
        changes["finished_at"] = timezone.now()
    for name, value in changes.items():
        setattr(job, name, value)
    job.save(update_fields=list(changes))
    return job


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
