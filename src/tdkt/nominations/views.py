"""Dossier screens: thin views over `nominations.services`; whatever is not allowed answers 404.
The two public pages (the published candidate lists and their comment form) need no login."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tdkt.errors import DomainError, InvalidData
from tdkt.movements.models import Movement, MovementStatus
from tdkt.nominations import documents, selectors
from tdkt.nominations.forms import (
    CandidateAddForm,
    CandidateForm,
    DossierCreateForm,
    DossierHeaderForm,
    PublishForm,
    ReasonForm,
    StateSendForm,
    UploadForm,
)
from tdkt.nominations.models import (
    EDITABLE,
    DossierKind,
    DossierStatus,
    DossierTransition,
    PublicComment,
)
from tdkt.nominations.services import components, dossiers, moves, publicity, state, sudden
from tdkt.org.models import UnitLevel, UnitScope
from tdkt.people.models import Person
from tdkt.records.models import Initiative
from tdkt.web.actions import file_response, post_only, posted_version, run
from tdkt.web.http import bounded_int
from tdkt.web.pagination import paginate
from tdkt.workflow.access import can, get_unit_for_user, require, restrict_units
from tdkt.workflow.clock import review_year
from tdkt.workflow.reasons import ReasonCode

S = DossierStatus
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _int(value: str | None) -> int | None:
    return bounded_int(value)


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    access = require(request.user, "view")
    filters = selectors.DossierFilters(
        status=request.GET.get("trang_thai", ""),
        year=_int(request.GET.get("nam")),
        waiting_for=_int(request.GET.get("cho_xu_ly")),
    )
    context = {
        "page": paginate(request, selectors.dossiers_for(request.user, filters)),
        "statuses": S.choices,
        "filters": filters,
        "my_units": restrict_units(request.user).filter(pk__in=access.units_for("receive")),
        "can_create": access.can("nominate"),
    }
    return render(request, "nominations/dossier_list.html", context)


@login_required
def dossier_create(request: HttpRequest) -> HttpResponse:
    access = require(request.user, "nominate")
    units = restrict_units(request.user, action="nominate").filter(dissolved_on__isnull=True)
    # A level above receives its units' dossiers: it proposes only in its own name.
    own = units.filter(Q(pk__in=access.units_for("nominate")) | Q(level=UnitLevel.PHONG))
    units = units.filter(pk__in=[u.pk for u in own if can(request.user, "nominate", u.pk)])
    above = UnitScope.objects.filter(descendant__in=units).values("ancestor_id")
    movements = (
        Movement.objects.filter(issuer__in=above)
        .exclude(status__in=[MovementStatus.DRAFT, MovementStatus.CANCELLED])
        .order_by("-start_year", "name")
    )
    form = DossierCreateForm(
        request.POST or None, units=units.order_by("sort_key"), movements=movements
    )
    if request.method == "POST":
        if request.POST.get("unit"):
            get_unit_for_user(request.user, request.POST["unit"], action="nominate")
        if form.is_valid():
            try:
                dossier = dossiers.create_dossier(
                    actor=request.user,
                    unit=form.cleaned_data["unit"],
                    kind=form.cleaned_data["kind"],
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                    movement=form.cleaned_data["movement"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã lập hồ sơ; hãy thêm người, tập thể được đề nghị."))
                return redirect("nominations:dossier_detail", dossier.pk)
    else:
        form.initial = {"year": review_year(), "unit": units.first()}
    return render(request, "nominations/dossier_form.html", {"form": form})


@login_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.get_dossier_for_user(request.user, pk)
    user = request.user
    author = can(user, "nominate", dossier.unit_id)
    holder = dossier.receiver_id is not None and can(user, "receive", dossier.receiver_id)
    status = dossier.status
    today = timezone.localdate()
    candidates = list(
        dossier.candidates.select_related("person", "unit").prefetch_related("initiatives")
    )
    state = publicity.comment_state(dossier, today)
    returned = (
        DossierTransition.objects.filter(dossier=dossier, to_status=S.RETURNED)
        .order_by("-at", "-id")
        .first()
        if status == S.RETURNED
        else None
    )
    upper = dossier.receiver.reports_to() if dossier.receiver else None
    is_sudden = dossier.kind == DossierKind.SUDDEN
    context: dict[str, Any] = {
        "dossier": dossier,
        "candidates": candidates,
        "checklist": components.checklist(dossier),
        "components": dossier.components.select_related("candidate", "uploaded_by"),
        "transitions": dossier.transitions.all(),
        "hops": dossier.hops.select_related("sender", "receiver"),
        "status_labels": dict(S.choices),
        "reason_labels": dict(ReasonCode.choices),
        "returned": returned,
        "comment_state": state,
        "periods": dossier.comment_periods.all(),
        "comments": PublicComment.objects.filter(period__dossier=dossier).select_related(
            "candidate"
        ),
        "can_edit": author and status in EDITABLE,
        "can_submit": author and status in (S.DRAFT, S.RETURNED),
        "can_withdraw": author and status in (S.DRAFT, S.SUBMITTED, S.RETURNED),
        "can_receive": holder and status == S.SUBMITTED,
        "can_return": holder and status in (S.SUBMITTED, S.RECEIVED, S.COUNCIL_REVIEW),
        "can_forward": holder and status in (S.RECEIVED, S.COUNCIL_REVIEW) and upper is not None,
        "upper": upper,
        "can_publish": holder and status == S.RECEIVED and not state.open,
        "can_council": holder and status == S.RECEIVED,
        "can_upload": components.may_upload(user, dossier),
        "header_form": DossierHeaderForm(
            initial={
                **{
                    f: getattr(dossier, f)
                    for f in ("title", "number", "symbol", "signer_name", "signer_title", "summary")
                },
                "version": dossier.version,
            }
        ),
        "reason_form": ReasonForm(initial={"version": dossier.version}),
        "publish_form": PublishForm(
            initial={"version": dossier.version, "working_days": publicity.minimum_days(dossier)}
        ),
        "upload_form": UploadForm(candidates=candidates),
        "today": today,
        "is_sudden": is_sudden,
        "procedure": sudden.procedure_lines(dossier.submitted_on or today) if is_sudden else [],
        **_state_context(request, dossier, holder and upper is None, today),
    }
    if context["can_edit"]:
        context["add_form"] = _add_form(dossier, None)
    return render(request, "nominations/dossier_detail.html", context)


def _state_context(request: HttpRequest, dossier: Any, at_top: bool, today: Any) -> dict[str, Any]:
    """The State's part of the dossier page: who was (or may be) sent up, since when it waits,
    whether this user may send it or record the State's decision."""
    sent = list(state.state_candidates(dossier)) if dossier.status != S.DRAFT else []
    waiting = dossier.status == S.AT_STATE and dossier.state_sent_on is not None
    return {
        "state_candidates": sent,
        "state_waited": (today - dossier.state_sent_on).days if waiting else None,
        "can_send_to_state": at_top and dossier.status == S.COUNCIL_REVIEW and bool(sent),
        "can_record_state": waiting and can(request.user, "decide", dossier.receiver_id),
        "state_form": StateSendForm(initial={"version": dossier.version, "sent_on": today}),
    }


def _add_form(dossier: Any, data: Any) -> CandidateAddForm:
    reach = UnitScope.objects.filter(ancestor=dossier.unit).values("descendant_id")
    people = Person.objects.filter(unit__in=reach, left_on__isnull=True).order_by("sort_key")
    units = dossier.unit.__class__.objects.filter(pk__in=reach, dissolved_on__isnull=True)
    return CandidateAddForm(
        data,
        people=people,
        units=units.order_by("sort_key"),
        sudden=dossier.kind == DossierKind.SUDDEN,
        within=dossier.unit_id,
        initial={"version": dossier.version},
    )


@login_required
def dossier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.get_dossier_for_user(request.user, pk)
    if not can(request.user, "nominate", dossier.unit_id):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    form = DossierHeaderForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thông tin tờ trình chưa hợp lệ."))
        return redirect("nominations:dossier_detail", pk)
    data = {k: v or "" for k, v in form.cleaned_data.items() if k != "version"}
    return run(
        request,
        lambda: dossiers.update_dossier(
            actor=request.user, dossier=dossier, version=form.cleaned_data["version"], **data
        ),
        _("Đã lưu thông tin tờ trình."),
        "nominations:dossier_detail",
        pk,
    )


@login_required
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.get_dossier_for_user(request.user, pk)
    if not can(request.user, "nominate", dossier.unit_id):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    form = _add_form(dossier, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("nominations:dossier_detail", pk)
    data = form.cleaned_data
    return run(
        request,
        lambda: dossiers.add_candidate(
            actor=request.user,
            dossier=dossier,
            version=data["version"],
            award=data["award"],
            person=data["person"],
            unit=data["unit"],
            achievement=data["achievement"],
            act_on=data.get("act_on"),
        ),
        _("Đã thêm vào hồ sơ; xem kết quả xét điều kiện bên dưới."),
        "nominations:dossier_detail",
        pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = selectors.get_candidate_for_user(request.user, pk)
    dossier = candidate.dossier
    editable = can(request.user, "nominate", dossier.unit_id) and dossier.status in EDITABLE
    initiatives = (
        Initiative.objects.filter(authors=candidate.person_id)
        if candidate.person_id
        else Initiative.objects.none()
    )
    form = CandidateForm(
        request.POST or None,
        initiatives=initiatives.order_by("-recognized_on"),
        sudden=dossier.kind == DossierKind.SUDDEN,
        initial={
            "version": dossier.version,
            "position": candidate.position,
            "achievement": candidate.achievement,
            "act_on": candidate.act_on,
            "justification": candidate.justification,
            "initiatives": list(candidate.initiatives.all()),
        },
    )
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                dossiers.update_candidate(
                    actor=request.user,
                    candidate=candidate,
                    version=data["version"],
                    position=data["position"],
                    achievement=data["achievement"],
                    justification=data["justification"],
                    initiatives=data["initiatives"],
                    act_on=data.get("act_on"),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("nominations:dossier_detail", dossier.pk)
    context = {"candidate": candidate, "dossier": dossier, "form": form, "editable": editable}
    return render(request, "nominations/candidate_form.html", context)


@login_required
def candidate_remove(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = selectors.get_candidate_for_user(request.user, pk)
    dossier = candidate.dossier
    if not can(request.user, "nominate", dossier.unit_id):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request,
        lambda: dossiers.remove_candidate(
            actor=request.user, candidate=candidate, version=posted_version(request)
        ),
        _("Đã bỏ khỏi hồ sơ."),
        "nominations:dossier_detail",
        dossier.pk,
    )


def _author_action(request: HttpRequest, pk: int, action: Any, success: str) -> HttpResponse:
    dossier = selectors.get_dossier_for_user(request.user, pk)
    if not can(request.user, "nominate", dossier.unit_id):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    return run(request, lambda: action(dossier), success, "nominations:dossier_detail", pk)


def _holder_action(request: HttpRequest, pk: int, action: Any, success: str) -> HttpResponse:
    dossier = selectors.get_dossier_for_user(request.user, pk)
    if dossier.receiver_id is None or not can(request.user, "receive", dossier.receiver_id):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    return run(request, lambda: action(dossier), success, "nominations:dossier_detail", pk)


@login_required
def dossier_check(request: HttpRequest, pk: int) -> HttpResponse:
    return _author_action(
        request,
        pk,
        lambda d: dossiers.refresh_verdicts(
            actor=request.user, dossier=d, version=posted_version(request)
        ),
        _("Đã xét lại điều kiện của từng người, tập thể."),
    )


@login_required
def dossier_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _author_action(
        request,
        pk,
        lambda d: moves.submit_dossier(
            actor=request.user, dossier=d, version=posted_version(request)
        ),
        _("Đã gửi hồ sơ lên cấp trên."),
    )


@login_required
def dossier_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _author_action(
        request,
        pk,
        lambda d: moves.withdraw_dossier(
            actor=request.user,
            dossier=d,
            version=posted_version(request),
            reason_code=request.POST.get("reason_code", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("Đã rút hồ sơ."),
    )


@login_required
def dossier_receive(request: HttpRequest, pk: int) -> HttpResponse:
    return _holder_action(
        request,
        pk,
        lambda d: moves.receive_dossier(
            actor=request.user, dossier=d, version=posted_version(request)
        ),
        _("Đã tiếp nhận hồ sơ."),
    )


@login_required
def dossier_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _holder_action(
        request,
        pk,
        lambda d: moves.return_dossier(
            actor=request.user,
            dossier=d,
            version=posted_version(request),
            reason_code=request.POST.get("reason_code", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("Đã trả lại hồ sơ cho đơn vị đề nghị."),
    )


@login_required
def dossier_forward(request: HttpRequest, pk: int) -> HttpResponse:
    return _holder_action(
        request,
        pk,
        lambda d: moves.forward_dossier(
            actor=request.user, dossier=d, version=posted_version(request)
        ),
        _("Đã chuyển hồ sơ lên cấp trên."),
    )


@login_required
def dossier_to_council(request: HttpRequest, pk: int) -> HttpResponse:
    return _holder_action(
        request,
        pk,
        lambda d: moves.send_to_council(
            actor=request.user, dossier=d, version=posted_version(request)
        ),
        _("Đã đưa hồ sơ ra Hội đồng Thi đua - Khen thưởng."),
    )


@login_required
def dossier_to_state(request: HttpRequest, pk: int) -> HttpResponse:
    form = StateSendForm(request.POST or None)

    def send(dossier: Any) -> Any:
        if not form.is_valid():
            raise InvalidData(_("Hãy nhập ngày trình (dd/mm/yyyy)."))
        data = form.cleaned_data
        return state.send_to_state(
            actor=request.user,
            dossier=dossier,
            version=data["version"],
            sent_on=data["sent_on"],
            number=data["number"],
            body=data["body"],
        )

    return _holder_action(
        request, pk, send, _("Đã trình cấp Nhà nước; hồ sơ chờ quyết định của cấp Nhà nước.")
    )


@login_required
def state_waiting(request: HttpRequest) -> HttpResponse:
    """Đang chờ quyết định của cấp Nhà nước: the dossiers sent up, the longest wait first."""
    require(request.user, "view")
    page = paginate(request, selectors.waiting_at_state(request.user))
    today = timezone.localdate()
    for dossier in page:
        dossier.waited = (today - dossier.state_sent_on).days  # type: ignore[attr-defined,operator]
    return render(request, "nominations/state_waiting.html", {"page": page, "today": today})


@login_required
def dossier_publish(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.get_dossier_for_user(request.user, pk)
    if dossier.receiver_id is None or not can(request.user, "receive", dossier.receiver_id):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Số ngày lấy ý kiến không hợp lệ."))
        return redirect("nominations:dossier_detail", pk)
    return run(
        request,
        lambda: publicity.publish_for_comment(
            actor=request.user,
            dossier=dossier,
            version=form.cleaned_data["version"],
            working_days=form.cleaned_data["working_days"],
            channels=form.cleaned_data["channels"],
        ),
        _("Đã công khai danh sách để lấy ý kiến."),
        "nominations:dossier_detail",
        pk,
    )


@login_required
def component_upload(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.get_dossier_for_user(request.user, pk)
    if (refused := post_only(request)) is not None:
        return refused
    candidates = list(dossier.candidates.all())
    form = UploadForm(request.POST, request.FILES, candidates=candidates)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn thành phần và tệp."))
        return redirect("nominations:dossier_detail", pk)
    data = form.cleaned_data
    candidate = next((c for c in candidates if c.pk == data["candidate"]), None)
    return run(
        request,
        lambda: components.upload_component(
            actor=request.user,
            dossier=dossier,
            kind=data["kind"],
            upload=data["file"],
            candidate=candidate,
            note=data["note"],
        ),
        _("Đã tải tệp lên; mã kiểm tra SHA-256 đã được ghi lại."),
        "nominations:dossier_detail",
        pk,
    )


@login_required
def component_download(request: HttpRequest, pk: int) -> HttpResponse:
    component = selectors.get_component_for_user(request.user, pk)
    with default_storage.open(component.file.name, "rb") as handle:
        content = handle.read()
    response = file_response(content, component.original_name, component.content_type)
    response["X-Checksum-SHA256"] = component.sha256
    return response


@login_required
def proposal_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The tờ trình: the signed copy if one was uploaded, else generated from the data."""
    dossier = selectors.get_dossier_for_user(request.user, pk)
    signed = components.latest(dossier, "to_trinh")
    if signed is not None and request.GET.get("ban") != "tu-dong":
        return component_download(request, signed.pk)
    content = documents.proposal_docx(dossier)
    return file_response(content, documents.filename("to-trinh", dossier.title), DOCX)


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = selectors.get_candidate_for_user(request.user, pk)
    signed = components.latest(candidate.dossier, "bao_cao", candidate)
    if signed is not None and request.GET.get("ban") != "tu-dong":
        return component_download(request, signed.pk)
    content = documents.report_docx(candidate)
    return file_response(content, documents.filename("bao-cao-thanh-tich", candidate.name), DOCX)
