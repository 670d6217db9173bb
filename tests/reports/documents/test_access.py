"""The report services check the actor's right themselves, whoever calls them: asking for a
report and downloading its file need the right to export for its unit; the worker alone moves a
job, through the kernel's state machine."""

from __future__ import annotations

from typing import Any

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.reports import services
from tdkt.reports.documents.base import ReportRequest
from tdkt.reports.models import ReportJob, ReportStatus
from tests.conftest import Sector, make_user

pytestmark = pytest.mark.django_db


def _queued(sector: Sector, officer: Any) -> ReportJob:
    request = ReportRequest("tong_ket", "docx", sector.quang_tri, year=2023)
    return services.request_report(actor=officer, request=request)


def test_an_outsider_may_not_ask_for_another_provinces_report(
    sector: Sector, outsider: Any
) -> None:
    request = ReportRequest("tong_ket", "docx", sector.quang_tri, year=2023)
    with pytest.raises(NotAllowed, match="không có quyền lập báo cáo cho đơn vị này"):
        services.request_report(actor=outsider, request=request)
    assert not ReportJob.objects.exists()
    assert not AuditEntry.objects.filter(action="report.requested").exists()


def test_a_staff_member_may_not_ask_for_his_units_report(sector: Sector) -> None:
    staff = make_user("canbo.kv1", "staff", sector.kv1)
    request = ReportRequest("tong_ket", "docx", sector.kv1, year=2023)
    with pytest.raises(NotAllowed):
        services.request_report(actor=staff, request=request)
    assert not ReportJob.objects.exists()


def test_only_who_may_export_for_the_unit_gets_the_finished_file(
    sector: Sector, officer: Any, outsider: Any
) -> None:
    job = _queued(sector, officer)
    with pytest.raises(InvalidData, match="chưa lập xong"):
        services.report_file(actor=officer, job=job)
    assert services.run_job(job.pk) == ReportStatus.DONE
    job.refresh_from_db()
    assert services.report_file(actor=officer, job=job).startswith(b"PK")  # a .docx is a zip
    with pytest.raises(NotAllowed, match="không có quyền tải báo cáo"):
        services.report_file(actor=outsider, job=job)


def test_a_finished_report_moves_no_more(sector: Sector, officer: Any) -> None:
    job = _queued(sector, officer)
    services.run_job(job.pk)
    job.refresh_from_db()
    finished = job.finished_at
    with pytest.raises(TransitionNotAllowed) as refused:
        services.transition(job, ReportStatus.FAILED, error="x")
    assert refused.value.code == "final_state"
    assert refused.value.message == "Báo cáo đang ở trạng thái cuối «Đã xong»: không thể thay đổi."
    job.refresh_from_db()
    assert (job.status, job.error, job.finished_at) == (ReportStatus.DONE, "", finished)


def test_a_queued_report_may_not_skip_to_done(sector: Sector, officer: Any) -> None:
    job = _queued(sector, officer)
    with pytest.raises(TransitionNotAllowed) as refused:
        services.transition(job, ReportStatus.DONE, file="x.docx", progress=100)
    assert refused.value.code == "invalid_transition"
    job.refresh_from_db()
    assert (job.status, job.finished_at) == (ReportStatus.QUEUED, None)
