"""Import screens: thin views over `imports.services`; anything not allowed answers 404."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.documents.xlsx import XLSX_CONTENT_TYPE, content_disposition, xlsx_response
from tdkt.errors import DomainError
from tdkt.imports import selectors, services
from tdkt.imports.forms import UploadForm
from tdkt.imports.models import IMPORT_MACHINE, ImportJob, ImportKind, ImportStatus
from tdkt.web.pagination import paginate
from tdkt.workflow.access import get_unit_for_user, require

RUNNING = frozenset({ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.APPLYING})
ERRORS_SHOWN = 500


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "import")
    page = paginate(request, selectors.jobs_for_user(request.user))
    return render(request, "imports/job_list.html", {"page": page})


@login_required
def job_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "import")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        if request.POST.get("unit"):
            get_unit_for_user(request.user, request.POST["unit"], action="import")
        if form.is_valid():
            try:
                job = services.submit_import(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    unit=form.cleaned_data["unit"],
                    upload=form.cleaned_data["file"],
                    year=form.cleaned_data.get("year"),
                )
            except DomainError as exc:
                form.add_error("file", exc.message)
            else:
                messages.success(request, _("Đã nhận tệp; hệ thống đang kiểm tra."))
                return redirect("imports:job_detail", pk=job.pk)
    context = {
        "form": form,
        "kinds": ImportKind.choices,
        "max_mb": settings.TDKT_MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "imports/job_form.html", context)


@login_required
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    require(request.user, "import")
    if kind not in ImportKind.values:
        raise Http404
    filename, content = services.template_file(kind)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.get_job_for_user(request.user, pk)
    return render(request, "imports/job_detail.html", _panel_context(job))


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The part of the job page that HTMX polls every second while the job runs."""
    job = selectors.get_job_for_user(request.user, pk)
    return render(request, "imports/_job_panel.html", _panel_context(job))


@login_required
def job_errors(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.get_job_for_user(request.user, pk)
    rows = ([e.get("row") or "", e.get("column") or "", e["message"]] for e in job.errors)
    return xlsx_response(
        f"loi-nhap-du-lieu-{job.pk}.xlsx",
        _("Lỗi"),
        [_("Dòng"), _("Cột"), _("Nội dung lỗi")],
        rows,
        title=_("Lỗi của tệp «%(name)s»") % {"name": job.original_name},
    )


@login_required
def job_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.get_job_for_user(request.user, pk)  # 404 before 405: nothing to probe
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    choices = {
        key.removeprefix("dong_"): request.POST.get(key, "")
        for key in request.POST
        if key.startswith("dong_")
    }
    try:
        services.resolve_ambiguities(actor=request.user, job=job, choices=choices)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi nhận lựa chọn; hệ thống đang kiểm tra lại tệp."))
    return redirect("imports:job_detail", pk=job.pk)


@login_required
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.get_job_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.cancel_import(actor=request.user, job=job)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã hủy lần nhập dữ liệu."))
    return redirect("imports:job_detail", pk=job.pk)


def _panel_context(job: ImportJob) -> dict[str, object]:
    return {
        "job": job,
        "running": job.status in RUNNING,
        "errors": job.errors[:ERRORS_SHOWN],
        "errors_hidden": max(len(job.errors) - ERRORS_SHOWN, 0),
        "summary": job.summary,
        "can_cancel": IMPORT_MACHINE.allows(job.status, ImportStatus.CANCELLED),
    }
