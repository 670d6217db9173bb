"""Periodic reports generated as .docx and .xlsx: the screen that asks for them, the list of
those made in the background (polled by HTMX while they run), their download, and the printed
records (hồ sơ thành tích) of a person and of a unit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from tdkt.errors import DomainError
from tdkt.reports import services
from tdkt.reports.documents.base import CONTENT_TYPES, ReportRequest, sector_root
from tdkt.reports.documents.catalogue import in_background, make
from tdkt.reports.models import ReportFormat, ReportJob, ReportKind
from tdkt.reports.views.document_forms import FORMS, ReportForm, sees_sector
from tdkt.web.actions import file_response
from tdkt.workflow.access import (
    get_person_for_user,
    get_unit_for_user,
    require,
    restrict_by_unit,
)

JOBS_SHOWN = 20


@login_required
def report_index(request: HttpRequest) -> HttpResponse:
    """The reports a unit writes: pick one, its unit and period, and get the file (or, for the
    sector, a job in the list below)."""
    require(request.user, "export")
    posted = request.POST.get("bao_cao", "") if request.method == "POST" else ""
    if posted and (posted not in FORMS or (posted == ReportKind.SUMMARY and not _sector(request))):
        raise Http404
    unit_id = request.POST.get(f"{posted}-don_vi", "")
    if unit_id:
        get_unit_for_user(request.user, unit_id, action="export")  # 404 outside the scope
    forms: dict[str, ReportForm] = {
        kind: form_class(request.POST if kind == posted else None, user=request.user)
        for kind, form_class in FORMS.items()
        if kind != ReportKind.SUMMARY or _sector(request)
    }
    form = forms.get(posted)
    if form is not None and form.is_valid():
        report = form.report_request()
        if not in_background(report):
            made = make(report)
            return file_response(made.content, made.filename, made.content_type)
        try:
            services.request_report(actor=request.user, request=report)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Đã nhận yêu cầu «%(title)s». Báo cáo đang được lập; tệp sẽ có trong danh "
                    "sách «Báo cáo đã yêu cầu» khi xong."
                )
                % {"title": report.title()},
            )
            return redirect(f"{reverse('reports:documents')}#bao-cao-da-yeu-cau")
    context = {"forms": forms, "posted": posted, **_jobs_context(request)}
    return render(request, "reports/documents/index.html", context)


@login_required
def report_jobs(request: HttpRequest) -> HttpResponse:
    """The list of the user's reports, which HTMX polls while one of them is being made."""
    require(request.user, "export")
    return render(request, "reports/documents/_jobs.html", _jobs_context(request))


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get_job(request.user, pk)
    try:
        content = services.report_file(actor=request.user, job=job)
    except DomainError as exc:
        raise Http404 from exc
    return file_response(content, job.filename, CONTENT_TYPES[ReportFormat(job.fmt)])


@login_required
def person_record(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's hồ sơ thành tích (.docx): whoever may open the person's page may print it."""
    person = get_person_for_user(request.user, pk)
    unit = person.unit or sector_root()
    if unit is None:
        raise Http404
    made = make(
        ReportRequest(
            kind=ReportKind.PERSON_RECORD, fmt=ReportFormat.DOCX, unit=unit, person=person
        )
    )
    return file_response(made.content, made.filename, made.content_type)


@login_required
def unit_record(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    made = make(ReportRequest(kind=ReportKind.UNIT_RECORD, fmt=ReportFormat.DOCX, unit=unit))
    return file_response(made.content, made.filename, made.content_type)


# --- helpers -------------------------------------------------------------------------------------


def jobs_for_user(user: Any) -> QuerySet[ReportJob]:
    """Jobs of the units the user may export for."""
    jobs = ReportJob.objects.select_related("unit", "created_by")
    return restrict_by_unit(user, jobs, "unit", action="export").order_by("-created_at", "-id")


def _get_job(user: Any, pk: Any) -> ReportJob:
    try:
        return jobs_for_user(user).get(pk=pk)
    except (ReportJob.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def _jobs_context(request: HttpRequest) -> dict[str, Any]:
    jobs = list(jobs_for_user(request.user).filter(created_by_id=request.user.pk)[:JOBS_SHOWN])
    return {"jobs": jobs, "jobs_running": any(j.is_running for j in jobs)}


def _sector(request: HttpRequest) -> bool:
    cached = getattr(request, "_tdkt_sees_sector", None)
    if cached is None:
        cached = sees_sector(request.user)
        request._tdkt_sees_sector = cached  # type: ignore[attr-defined]
    return cached


urlpatterns: list[URLPattern] = [
    path("bao-cao-dinh-ky/", report_index, name="documents"),
    path("bao-cao-dinh-ky/da-yeu-cau/", report_jobs, name="report_jobs"),
    path("bao-cao-dinh-ky/<int:pk>/tai-ve/", report_download, name="report_download"),
    path("ho-so-thanh-tich/can-bo/<int:pk>/", person_record, name="person_record"),
    path("ho-so-thanh-tich/don-vi/<int:pk>/", unit_record, name="unit_record"),
]
