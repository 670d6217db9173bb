"""The receiving unit's side of a movement: its inbox, its answer (the implementing plan and its
own targets), its results against the indicators, and the plan as .docx."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.errors import DomainError
from tdkt.movements import documents, selectors
from tdkt.movements.forms import (
    PlanForm,
    ResultsForm,
)
from tdkt.movements.models import (
    OPEN_STATUSES,
    Answer,
    AnswerStatus,
    MovementStatus,
)
from tdkt.movements.services import answers as answer_services
from tdkt.movements.services import movements as services
from tdkt.web.actions import docx_response, post_only, run
from tdkt.workflow.access import access_for, require


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    require(request.user, "edit")
    answers = selectors.inbox(request.user)
    return render(
        request,
        "movements/inbox.html",
        {
            "waiting": [a for a in answers if a.status != AnswerStatus.PLANNED],
            "planned": [a for a in answers if a.status == AnswerStatus.PLANNED],
        },
    )


@login_required
def answer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.get_answer_for_user(request.user, pk)
    access = access_for(request.user)
    can_edit = access.can("edit", answer.unit_id)
    movement = answer.movement
    indicators = list(movement.indicators.all())
    form = None
    if can_edit:
        form = PlanForm(
            request.POST or None, indicators=indicators, initial=_plan_initial(answer, indicators)
        )
        if request.method == "POST" and form.is_valid():
            try:
                answer_services.answer_with_plan(
                    actor=request.user,
                    answer=answer,
                    plan=answer_services.PlanData.of(form.cleaned_data),
                    targets=form.targets(),
                    version=form.cleaned_data.get("version"),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã ban hành kế hoạch triển khai của đơn vị."))
                return redirect("movements:answer_detail", pk=answer.pk)
    elif request.method == "POST":
        raise Http404
    _i, rows, _t = selectors.results_matrix(movement, [answer])
    child = (
        movement.children.filter(issuer_id=answer.unit_id)
        .exclude(status=MovementStatus.CANCELLED)
        .first()
    )
    context = {
        "answer": answer,
        "movement": movement,
        "form": form,
        "can_edit": can_edit and movement.status in OPEN_STATUSES,
        "results": list(zip(indicators, rows[0].cells, strict=True)),
        "child": child,
        "transitions": answer.transitions.order_by("at", "id"),
        "status_labels": dict(AnswerStatus.choices),
        "can_report": can_edit
        and movement.status in (MovementStatus.RUNNING, MovementStatus.REVIEWED)
        and bool(indicators),
    }
    return render(request, "movements/answer_detail.html", context)


@login_required
def answer_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.get_answer_for_user(request.user, pk, action="edit")
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request,
        lambda: answer_services.acknowledge_answer(actor=request.user, answer=answer),
        _("Đã tiếp nhận phong trào."),
        "movements:answer_detail",
        answer.pk,
    )


@login_required
def answer_child(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.get_answer_for_user(request.user, pk, action="launch")
    if (refused := post_only(request)) is not None:
        return refused
    try:
        child = answer_services.launch_child_movement(actor=request.user, answer=answer)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("movements:answer_detail", pk=answer.pk)
    messages.success(
        request,
        _(
            "Đã lập dự thảo phong trào của đơn vị; hoàn thiện rồi phát động tới các đơn vị trực "
            "thuộc."
        ),
    )
    return redirect("movements:movement_edit", pk=child.pk)


@login_required
def answer_results(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.get_answer_for_user(request.user, pk, action="edit")
    indicators = list(answer.movement.indicators.all())
    values = {v.indicator_id: v for v in answer.values.all()}
    initial: dict[str, Any] = {}
    for ind in indicators:
        v = values.get(ind.pk)
        if v is not None:
            initial[f"actual_{ind.pk}"] = v.actual
            initial[f"note_{ind.pk}"] = v.note
    form = ResultsForm(request.POST or None, indicators=indicators, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            answer_services.report_results(
                actor=request.user, answer=answer, results=form.results()
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi kết quả thực hiện chỉ tiêu."))
            return redirect("movements:answer_detail", pk=answer.pk)
    goals = {
        ind.pk: (
            values[ind.pk].target
            if ind.pk in values and values[ind.pk].target is not None
            else ind.target
        )
        for ind in indicators
    }
    return render(
        request,
        "movements/answer_results.html",
        {"answer": answer, "form": form, "goals": goals},
    )


@login_required
def answer_docx(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.get_answer_for_user(request.user, pk)
    if answer.status != AnswerStatus.PLANNED:
        raise Http404
    return docx_response(documents.answer_document(answer), documents.filename("ke-hoach", answer))


def _plan_initial(answer: Answer, indicators: list[Any]) -> dict[str, Any]:
    fields = answer_services.PlanData.__dataclass_fields__
    initial = {f: getattr(answer, f) for f in fields}
    initial["version"] = answer.version
    if not answer.title:
        initial["title"] = _("Thực hiện %(name)s") % {
            "name": services.lower_first(answer.movement.name)
        }
    if not answer.place:
        initial["place"] = services.default_place(answer.unit)
    if not answer.signed_on:
        initial["signed_on"] = timezone.localdate()
    if not answer.symbol:
        initial["symbol"] = services.default_symbol(answer.unit, "KH")
    for name in ("purpose", "contents", "solutions", "organisation"):
        if not initial[name]:
            initial[name] = getattr(answer.movement, name, "")
    values = {v.indicator_id: v.target for v in answer.values.all()}
    for ind in indicators:
        initial[f"target_{ind.pk}"] = values.get(ind.pk)
    return initial
