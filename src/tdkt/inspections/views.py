"""Screens of the inspection of emulation work: thin views over `inspections.services`; whatever
the user may not see or do answers 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tdkt.errors import DomainError
from tdkt.inspections import selectors
from tdkt.inspections.checklist import HOLD_CITATION, SELF_REPORT_SECTIONS
from tdkt.inspections.documents import conclusion_document, plan_document
from tdkt.inspections.forms import (
    ConclusionForm,
    EvidenceForm,
    FindingsForm,
    FixForm,
    ItemForm,
    MemberForm,
    PlanForm,
    ReasonForm,
    RecommendationForm,
    SelfReportForm,
    TargetForm,
    ViolationForm,
)
from tdkt.inspections.models import (
    ChecklistItem,
    Finding,
    Inspection,
    InspectionStatus,
    Recommendation,
    RecommendationStatus,
    RecommendationTransition,
    TeamMember,
    Verdict,
)
from tdkt.inspections.services import findings as finding_services
from tdkt.inspections.services import plans, reports
from tdkt.inspections.services.common import may_approve, may_plan, may_report
from tdkt.org.models import Cluster, ClusterRole, Unit, UnitLevel, UnitScope
from tdkt.people.picker import set_people
from tdkt.records.models import ViolationKind
from tdkt.web.actions import (
    docx_response,
    file_response,
    posted_version,
    refuse,
    run,
    run_form,
    submit_form,
)
from tdkt.web.http import HtmxHttpRequest, bounded_int
from tdkt.web.pagination import paginate
from tdkt.workflow import clock
from tdkt.workflow.access import require, restrict_people, restrict_units
from tdkt.workflow.clock import review_year
from tdkt.workflow.reasons import ReasonCode

S = InspectionStatus
R = RecommendationStatus
DETAIL = "inspections:inspection_detail"
TABS = (
    ("ke-hoach", gettext_lazy("Kế hoạch")),
    ("doan", gettext_lazy("Đoàn kiểm tra")),
    ("tu-kiem-tra", gettext_lazy("Báo cáo tự kiểm tra")),
    ("ket-qua", gettext_lazy("Kết quả kiểm tra")),
    ("kien-nghi", gettext_lazy("Kiến nghị")),
    ("lich-su", gettext_lazy("Lịch sử")),
)
PLANNING_LEVELS = (
    UnitLevel.TOI_CAO,
    UnitLevel.DON_VI_TRUC_THUOC,
    UnitLevel.CAP_CAO,
    UnitLevel.TINH,
)


def _back(pk: int, tab: str) -> HttpResponse:
    return redirect(f"{_url(pk)}?tab={tab}")


def _tab_url(pk: int, tab: str) -> str:
    return f"{_url(pk)}?tab={tab}"


def _url(pk: int) -> str:
    from django.urls import reverse

    return reverse(DETAIL, args=[pk])


# --- list ----------------------------------------------------------------------------------------


@login_required
def inspection_list(request: HtmxHttpRequest) -> HttpResponse:
    access = require(request.user, "view")
    filters = selectors.filters_from(request.GET)
    qs = selectors.inspections_for(request.user, filters)
    overdue = selectors.overdue_recommendations(request.user)
    context = {
        "page": paginate(request, qs, per_page=25),
        "filters": filters,
        "statuses": S.choices,
        "searching": bool(filters.query or filters.year or filters.status),
        "overdue": overdue[:20],
        "overdue_count": overdue.count(),
        "can_create": bool(access.units_for("inspection.plan")),
    }
    if request.htmx:
        return render(request, "inspections/_inspection_table.html", context)
    years = selectors.inspections_for(request.user).order_by().values_list("year", flat=True)
    context["years"] = sorted(set(years), reverse=True)
    return render(request, "inspections/inspection_list.html", context)


# --- the plan ------------------------------------------------------------------------------------


def _inspectors(user: Any) -> QuerySet[Unit]:
    """The units the user plans inspections for (the unit picker searches them)."""
    units = restrict_units(user, action="inspection.plan").filter(
        dissolved_on__isnull=True, level__in=PLANNING_LEVELS
    )
    return units.order_by("sort_key")


def _clusters(user: Any) -> list[tuple[int, str]]:
    """Clusters and blocks whose leading unit the user plans for."""
    units = restrict_units(user, action="inspection.plan").values("pk")
    clusters = Cluster.objects.filter(
        memberships__role=ClusterRole.HEAD, memberships__unit__in=units
    ).order_by("-year", "name")
    return [(c.pk, f"{c.name} ({c.year})") for c in clusters[:200]]


def _plan_data(d: dict[str, Any]) -> plans.PlanData:
    return plans.PlanData(
        title=d["title"],
        year=d["year"],
        starts_on=d["starts_on"],
        ends_on=d["ends_on"],
        basis=d["basis"],
        purpose=d["purpose"],
        method=d["method"],
        number=d["number"],
        symbol=d["symbol"] or "KH-VKS",
        place=d["place"],
        signed_on=d["signed_on"],
        signer_title=d["signer_title"],
        signer_name=d["signer_name"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request: HttpRequest) -> HttpResponse:
    inspectors, clusters = _inspectors(request.user), _clusters(request.user)
    if not inspectors.exists() and not clusters:
        raise Http404
    year = review_year()
    kwargs: dict[str, Any] = {"inspectors": inspectors, "clusters": clusters}
    if request.method == "POST":
        form = PlanForm(request.POST, **kwargs)
    else:
        form = PlanForm(
            initial={
                "year": year,
                "title": _("Kiểm tra công tác thi đua, khen thưởng năm %(y)s") % {"y": year},
                "symbol": "KH-VKS",
                "inspector": only[0].pk if len(only := inspectors[:2]) == 1 else None,
            },
            **kwargs,
        )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        cluster = Cluster.objects.filter(pk=d["cluster"]).first() if d["cluster"] else None
        inspector = d["inspector"]  # a Unit of `inspectors`, or None
        try:
            inspection = plans.create_plan(
                actor=request.user, inspector=inspector, cluster=cluster, data=_plan_data(d)
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Đã lập kế hoạch; hãy thêm đơn vị được kiểm tra và đoàn kiểm tra.")
            )
            return redirect(DETAIL, inspection.pk)
    return render(request, "inspections/plan_form.html", {"form": form, "inspection": None})


@login_required
@require_http_methods(["GET", "POST"])
def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, pk)
    if not may_plan(request.user, inspection) or inspection.status != S.DRAFT:
        raise Http404
    kwargs: dict[str, Any] = {"inspectors": [], "clusters": [], "editing": True}
    if request.method == "POST":
        form = PlanForm(request.POST, **kwargs)
    else:
        initial = {f: getattr(inspection, f) for f in PlanForm.base_fields if f != "version"}
        form = PlanForm(initial={**initial, "version": inspection.version}, **kwargs)
    if submit_form(
        request,
        form,
        lambda d: plans.update_plan(
            actor=request.user, inspection=inspection, data=_plan_data(d), version=d["version"]
        ),
        _("Đã lưu."),
    ):
        return redirect(DETAIL, inspection.pk)
    return render(request, "inspections/plan_form.html", {"form": form, "inspection": inspection})


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, pk)
    tab = request.GET.get("tab", "ke-hoach")
    if tab not in dict(TABS):
        tab = "ke-hoach"
    user = request.user
    status = inspection.status
    planner = may_plan(user, inspection)
    leader = may_approve(user, inspection)
    draft = status == S.DRAFT
    today = clock.today()
    targets = list(inspection.targets.select_related("unit").order_by("scheduled_on", "id"))
    recs = list(
        Recommendation.objects.filter(target__inspection=inspection)
        .select_related("target__unit", "target__inspection", "responsible", "finding__item")
        .order_by("deadline", "id")
    )
    overdue = 0
    for r in recs:
        late = selectors.is_overdue(r, today)
        overdue += late
        r.overdue = late  # type: ignore[attr-defined]
        following = status == S.CONCLUDED
        r.may_report = following and r.status == R.OPEN and may_report(user, r.responsible_id)  # type: ignore[attr-defined]
        r.may_decide = following and r.status == R.REPORTED and planner  # type: ignore[attr-defined]
    reporting = [t for t in targets if may_report(user, t.unit_id)]
    context: dict[str, Any] = {
        "inspection": inspection,
        "tab": tab,
        "tabs": TABS,
        "targets": targets,
        "items": inspection.items.all(),
        "team": inspection.team.select_related("person", "person__unit"),
        "recommendations": recs,
        "overdue_count": overdue,
        "status_labels": dict(S.choices),
        "rec_labels": dict(R.choices),
        "reason_labels": dict(ReasonCode.choices),
        "transitions": inspection.transitions.all(),
        "rec_transitions": RecommendationTransition.objects.filter(
            recommendation__target__inspection=inspection
        ).select_related("recommendation"),
        "can_edit": planner and draft,
        "can_approve": leader and draft,
        "can_return": leader and status == S.APPROVED,
        "can_start": planner and status == S.APPROVED,
        "can_find": planner and status == S.INSPECTING,
        "can_conclude": leader and status == S.INSPECTING,
        "can_close": leader and status == S.CONCLUDED and all(r.status == R.ACCEPTED for r in recs),
        "can_convert": planner and status in (S.CONCLUDED, S.CLOSED),
        "reporting_ids": {t.pk for t in reporting},
        "may_self_report": status in (S.APPROVED, S.INSPECTING),
        "version": inspection.version,
        "reason_form": ReasonForm(initial={"version": inspection.version}),
        "conclusion_form": ConclusionForm(
            initial={"version": inspection.version, "conclusion": inspection.conclusion}
        ),
        "fix_form": FixForm(initial={"fixed_on": today}),
        "violation_kinds": ViolationKind.choices,
        "hold_citation": HOLD_CITATION,
        "sections": SELF_REPORT_SECTIONS,
        "today": today,
    }
    if tab == "ke-hoach" and planner and draft:
        candidates = plans.candidate_units(inspection)
        taken = {t.unit_id for t in targets}
        context["target_form"] = TargetForm(
            initial={"version": inspection.version},
            units=[(u.pk, u.name) for u in candidates if u.pk not in taken],
        )
        context["item_form"] = ItemForm(initial={"version": inspection.version})
    if tab == "doan" and planner and draft:
        form = MemberForm(initial={"version": inspection.version})
        set_people(form, restrict_people(user))
        context["member_form"] = form
    if tab == "tu-kiem-tra":
        context["reports"] = [
            {
                "target": t,
                "figures": t.self_report_figures
                or selectors.self_report_figures(
                    t.unit_id, inspection.starts_on, inspection.ends_on
                ),
                "frozen": t.self_report_figures is not None,
                "texts": [(h, (t.self_report or {}).get(k, "")) for k, h in SELF_REPORT_SECTIONS],
                "evidence": list(t.evidence.all()),
            }
            for t in targets
        ]
    if tab == "ket-qua":
        context["findings"] = [
            {
                "target": t,
                "rows": list(
                    t.findings.select_related("item", "violation").order_by("item__order")
                ),
                "held": list(selectors.held_dossiers(t.unit_id, inspection.year))
                if t.findings.filter(verdict=Verdict.VIOLATION).exists()
                else [],
            }
            for t in targets
        ]
    if tab == "kien-nghi" and planner and status == S.INSPECTING:
        context["rec_forms"] = [
            (
                t,
                RecommendationForm(
                    units=[
                        (u.pk, u.name)
                        for u in Unit.objects.filter(
                            pk__in=UnitScope.objects.filter(ancestor=t.unit).values(
                                "descendant_id"
                            ),
                            dissolved_on__isnull=True,
                        )
                        .exclude(pk=t.unit_id)
                        .order_by("sort_key")[:200]
                    ],
                    prefix=f"t{t.pk}",
                ),
            )
            for t in targets
        ]
    return render(request, "inspections/inspection_detail.html", context)


@login_required
def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, pk)
    return docx_response(plan_document(inspection), f"ke-hoach-kiem-tra-{inspection.year}.docx")


@login_required
def conclusion_docx(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, pk)
    if inspection.status not in (S.CONCLUDED, S.CLOSED):
        raise Http404
    return docx_response(
        conclusion_document(inspection), f"ket-luan-kiem-tra-{inspection.year}.docx"
    )


# --- actions (POST) ------------------------------------------------------------------------------


def _with_form(
    request: HttpRequest,
    pk: int,
    tab: str,
    form: forms.Form,
    action: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    return run_form(request, form, action, success, _tab_url(pk, tab))


@login_required
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, pk)
    if (refused := refuse(request, may_plan(request.user, inspection))) is not None:
        return refused
    units = [(u.pk, u.name) for u in plans.candidate_units(inspection)]
    return _with_form(
        request,
        pk,
        "ke-hoach",
        TargetForm(request.POST, units=units),
        lambda d: plans.add_target(
            actor=request.user,
            inspection=inspection,
            unit=Unit.objects.get(pk=d["unit"]),
            scheduled_on=d["scheduled_on"],
            version=d["version"],
        ),
        _("Đã thêm đơn vị được kiểm tra."),
    )


@login_required
def target_remove(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.get_target_for_user(request.user, pk)
    inspection = target.inspection
    if (refused := refuse(request, may_plan(request.user, inspection))) is not None:
        return refused
    version = posted_version(request)
    return _run(
        request,
        lambda: plans.remove_target(actor=request.user, target=target, version=version),
        _("Đã bỏ đơn vị khỏi kế hoạch."),
        inspection.pk,
        "ke-hoach",
    )


@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, pk)
    if (refused := refuse(request, may_plan(request.user, inspection))) is not None:
        return refused
    form = MemberForm(request.POST)
    set_people(form, restrict_people(request.user))
    return _with_form(
        request,
        pk,
        "doan",
        form,
        lambda d: plans.add_member(
            actor=request.user,
            inspection=inspection,
            person=d["person"],
            role=d["role"],
            version=d["version"],
        ),
        _("Đã thêm thành viên đoàn kiểm tra."),
    )


@login_required
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _remove_part(
        request,
        TeamMember,
        pk,
        lambda member, version: plans.remove_member(
            actor=request.user, member=member, version=version
        ),
        _("Đã bỏ thành viên khỏi đoàn."),
        "doan",
    )


@login_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, pk)
    if (refused := refuse(request, may_plan(request.user, inspection))) is not None:
        return refused
    return _with_form(
        request,
        pk,
        "ke-hoach",
        ItemForm(request.POST),
        lambda d: plans.add_item(
            actor=request.user,
            inspection=inspection,
            code=d["code"],
            text=d["text"],
            citation=d["citation"],
            version=d["version"],
        ),
        _("Đã thêm nội dung kiểm tra."),
    )


@login_required
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _remove_part(
        request,
        ChecklistItem,
        pk,
        lambda item, version: plans.remove_item(actor=request.user, item=item, version=version),
        _("Đã bỏ nội dung kiểm tra."),
        "ke-hoach",
    )


def _remove_part(
    request: HttpRequest,
    model: type[TeamMember] | type[ChecklistItem],
    pk: int,
    call: Callable[[Any, int | None], Any],
    success: str,
    tab: str,
) -> HttpResponse:
    """Remove a part of the plan (a team member, a checklist item): 404 unless it exists and the
    user may see its inspection, then only its planners, by POST, with the version shown."""
    part = model.objects.filter(pk=bounded_int(pk, 0) or 0).first()
    if part is None:
        raise Http404
    inspection = selectors.get_inspection_for_user(request.user, part.inspection_id)
    if (refused := refuse(request, may_plan(request.user, inspection))) is not None:
        return refused
    version = posted_version(request)
    return _run(request, lambda: call(part, version), success, inspection.pk, tab)


def _run(
    request: HttpRequest, action: Callable[[], Any], success: str, pk: int, tab: str
) -> HttpResponse:
    return run(request, action, success, _tab_url(pk, tab))


def _move(
    request: HttpRequest,
    pk: int,
    allowed: Callable[[Any, Inspection], bool],
    call: Callable[..., Any],
    success: str,
    tab: str = "ke-hoach",
    **extra: Any,
) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, pk)
    if (refused := refuse(request, allowed(request.user, inspection))) is not None:
        return refused
    version = posted_version(request)
    return _run(
        request,
        lambda: call(actor=request.user, inspection=inspection, version=version, **extra),
        success,
        pk,
        tab,
    )


@login_required
def inspection_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, may_approve, plans.approve_plan, _("Đã duyệt kế hoạch kiểm tra."))


@login_required
def inspection_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        may_approve,
        plans.return_plan,
        _("Đã trả lại kế hoạch để sửa."),
        reason_code=request.POST.get("reason_code", ""),
        reason=request.POST.get("reason", ""),
    )


@login_required
def inspection_start(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, may_plan, plans.start_inspection, _("Đã bắt đầu kiểm tra."))


@login_required
def inspection_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        may_approve,
        finding_services.conclude,
        _("Đã ban hành kết luận kiểm tra."),
        "kien-nghi",
        conclusion=request.POST.get("conclusion", ""),
        number=request.POST.get("number", ""),
    )


@login_required
def inspection_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        may_approve,
        finding_services.close_inspection,
        _("Đã kết thúc theo dõi thực hiện kết luận."),
        "kien-nghi",
    )


# --- the inspected unit --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def self_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The inspected unit's self-report: the figures the system computed beside its texts."""
    target = selectors.get_target_for_user(request.user, pk)
    inspection = target.inspection
    if not may_report(request.user, target.unit_id) or inspection.status not in (
        S.APPROVED,
        S.INSPECTING,
    ):
        raise Http404
    if request.method == "POST":
        form = SelfReportForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            submit = request.POST.get("gui") == "1"
            try:
                reports.save_self_report(
                    actor=request.user,
                    target=target,
                    texts={k: d[k] for k, _h in SELF_REPORT_SECTIONS},
                    version=d["version"],
                    submit=submit,
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("Đã gửi báo cáo tự kiểm tra.")
                    if submit
                    else _("Đã lưu báo cáo tự kiểm tra."),
                )
                return _back(inspection.pk, "tu-kiem-tra")
    else:
        form = SelfReportForm(initial={"version": target.version, **(target.self_report or {})})
    figures = selectors.self_report_figures(
        target.unit_id, inspection.starts_on, inspection.ends_on
    )
    return render(
        request,
        "inspections/self_report_form.html",
        {
            "form": form,
            "target": target,
            "inspection": inspection,
            "figures": figures,
            "evidence_form": EvidenceForm(),
            "evidence": target.evidence.all(),
        },
    )


@login_required
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.get_target_for_user(request.user, pk)
    if (refused := refuse(request, may_report(request.user, target.unit_id))) is not None:
        return refused
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp minh chứng."))
        return redirect("inspections:self_report", target.pk)
    d = form.cleaned_data
    try:
        reports.add_evidence(actor=request.user, target=target, upload=d["file"], note=d["note"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã tải lên tài liệu minh chứng."))
    return redirect("inspections:self_report", target.pk)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = selectors.get_evidence_for_user(request.user, pk)
    with default_storage.open(evidence.file.name, "rb") as handle:
        content = handle.read()
    response = file_response(content, evidence.original_name, evidence.content_type)
    response["X-Checksum-SHA256"] = evidence.sha256
    return response


@login_required
def evidence_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = selectors.get_evidence_for_user(request.user, pk)
    target = evidence.target
    if (refused := refuse(request, may_report(request.user, target.unit_id))) is not None:
        return refused
    try:
        reports.withdraw_evidence(actor=request.user, evidence=evidence)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã rút tài liệu minh chứng (tệp vẫn được lưu)."))
    return redirect("inspections:self_report", target.pk)


# --- the inspecting side -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def findings_form(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.get_target_for_user(request.user, pk)
    inspection = target.inspection
    if not may_plan(request.user, inspection) or inspection.status != S.INSPECTING:
        raise Http404
    items = list(inspection.items.all())
    if request.method == "POST":
        form = FindingsForm(request.POST, items=items)
        if submit_form(
            request,
            form,
            lambda d: finding_services.record_findings(
                actor=request.user, target=target, findings=form.findings(), version=d["version"]
            ),
            _("Đã lưu kết quả kiểm tra."),
        ):
            return _back(inspection.pk, "ket-qua")
    else:
        initial: dict[str, Any] = {"version": target.version}
        for f in target.findings.all():
            initial[f"verdict_{f.item_id}"] = f.verdict
            initial[f"text_{f.item_id}"] = f.text
        form = FindingsForm(initial=initial, items=items)
    figures = target.self_report_figures or selectors.self_report_figures(
        target.unit_id, inspection.starts_on, inspection.ends_on
    )
    return render(
        request,
        "inspections/findings_form.html",
        {
            "form": form,
            "target": target,
            "inspection": inspection,
            "figures": figures,
            "texts": [(h, (target.self_report or {}).get(k, "")) for k, h in SELF_REPORT_SECTIONS],
        },
    )


@login_required
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.get_target_for_user(request.user, pk)
    inspection = target.inspection
    if (refused := refuse(request, may_plan(request.user, inspection))) is not None:
        return refused
    units = [
        (u.pk, u.name)
        for u in Unit.objects.filter(
            pk__in=UnitScope.objects.filter(ancestor=target.unit).values("descendant_id")
        )
    ]
    form = RecommendationForm(request.POST, units=units, prefix=f"t{target.pk}")
    return _with_form(
        request,
        inspection.pk,
        "kien-nghi",
        form,
        lambda d: finding_services.add_recommendation(
            actor=request.user,
            target=target,
            text=d["text"],
            deadline=d["deadline"],
            responsible=Unit.objects.filter(pk=d["responsible"]).first()
            if d["responsible"]
            else None,
        ),
        _("Đã thêm kiến nghị."),
    )


@login_required
def fix_report(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.get_recommendation_for_user(request.user, pk)
    if (refused := refuse(request, may_report(request.user, rec.responsible_id))) is not None:
        return refused
    return _with_form(
        request,
        rec.target.inspection_id,
        "kien-nghi",
        FixForm(request.POST),
        lambda d: finding_services.report_fix(
            actor=request.user,
            recommendation=rec,
            report=d["report"],
            fixed_on=d["fixed_on"],
            version=d["version"],
        ),
        _("Đã báo cáo kết quả khắc phục."),
    )


@login_required
def fix_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _follow_up(
        request,
        pk,
        lambda rec, version: finding_services.accept_fix(
            actor=request.user, recommendation=rec, version=version
        ),
        _("Đã chấp nhận kết quả khắc phục."),
    )


@login_required
def fix_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _follow_up(
        request,
        pk,
        lambda rec, version: finding_services.reopen_fix(
            actor=request.user,
            recommendation=rec,
            reason_code=request.POST.get("reason_code", ""),
            reason=request.POST.get("reason", ""),
            version=version,
        ),
        _("Đã yêu cầu đơn vị tiếp tục khắc phục."),
    )


def _follow_up(
    request: HttpRequest, pk: int, call: Callable[[Any, int | None], Any], success: str
) -> HttpResponse:
    """Accepting or reopening a reported fix: the inspecting unit's planners, by POST, on the
    version the page showed."""
    rec = selectors.get_recommendation_for_user(request.user, pk)
    inspection = rec.target.inspection
    if (refused := refuse(request, may_plan(request.user, inspection))) is not None:
        return refused
    version = posted_version(request)
    return _run(request, lambda: call(rec, version), success, inspection.pk, "kien-nghi")


@login_required
def violation_record(request: HttpRequest, pk: int) -> HttpResponse:
    finding = Finding.objects.filter(pk=bounded_int(pk, 0) or 0).select_related("target").first()
    if finding is None:
        raise Http404
    inspection = selectors.get_inspection_for_user(request.user, finding.target.inspection_id)
    if (refused := refuse(request, may_plan(request.user, inspection))) is not None:
        return refused
    return _with_form(
        request,
        inspection.pk,
        "ket-qua",
        ViolationForm(request.POST),
        lambda d: finding_services.record_violation(
            actor=request.user, finding=finding, kind=d["kind"], reason=d["reason"]
        ),
        _("Đã ghi nhận vi phạm của đơn vị; điều kiện thi đua của đơn vị năm này bị ảnh hưởng."),
    )
