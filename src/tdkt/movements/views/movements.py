"""Movement screens: list, drafting, launching, the per-unit tracker with targets against results,
the unit's inbox and its answer, reviews, and the .docx documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.errors import DomainError
from tdkt.movements import documents, selectors
from tdkt.movements.forms import (
    ExampleFormSet,
    IndicatorFormSet,
    LaunchForm,
    MovementForm,
    ReasonForm,
    ReviewForm,
    indicator_items,
)
from tdkt.movements.models import (
    OPEN_STATUSES,
    AnswerStatus,
    Movement,
    MovementKind,
    MovementStatus,
    RegistrationLine,
    Review,
    ReviewKind,
)
from tdkt.movements.services import movements as services
from tdkt.movements.services import reviews as review_services
from tdkt.org.models import Unit, UnitLevel
from tdkt.people.models import Person
from tdkt.rules.codes import award_name
from tdkt.web.actions import docx_response, post_only, posted_version, run
from tdkt.web.http import HtmxHttpRequest, bounded_int
from tdkt.web.pagination import paginate
from tdkt.web.search import matching
from tdkt.workflow.access import access_for, get_unit_for_user, require

# The tracker lists provinces first, then the supreme procuracy's units, then the levels below.
LEVEL_ORDER: dict[str, int] = {
    UnitLevel.TINH: 0,
    UnitLevel.DON_VI_TRUC_THUOC: 1,
    UnitLevel.CAP_CAO: 2,
    UnitLevel.KHU_VUC: 3,
    UnitLevel.HUYEN: 4,
    UnitLevel.PHONG: 5,
}


@login_required
def movement_list(request: HtmxHttpRequest) -> HttpResponse:
    require(request.user, "view")
    qs = selectors.movements_for(request.user)
    year, status, query = (
        request.GET.get("nam", ""),
        request.GET.get("trang_thai", ""),
        request.GET.get("q", ""),
    )
    if (chosen := bounded_int(year, None, 1945, 2100)) is not None:
        qs = qs.filter(start_year__lte=chosen, end_year__gte=chosen)
    if status in MovementStatus.values:
        qs = qs.filter(status=status)
    # Name, theme and slogan, diacritics ignored: "dong khoi" finds "Đồng khởi".
    qs = matching(qs, query, "name", "theme", "slogan")
    qs = qs.annotate(
        receivers=Count("answers", distinct=True),
        planned=Count("answers", filter=Q(answers__status=AnswerStatus.PLANNED), distinct=True),
    )
    context = {
        "page": paginate(request, qs),
        "year": year,
        "status": status,
        "query": query,
        "statuses": MovementStatus.choices,
        "can_create": selectors.launchable_units(request.user).exists(),
        "inbox_count": selectors.inbox(request.user).exclude(status=AnswerStatus.PLANNED).count(),
    }
    template = "movements/_movement_table.html" if request.htmx else "movements/movement_list.html"
    return render(request, template, context)


@login_required
def movement_create(request: HttpRequest) -> HttpResponse:
    issuers = selectors.launchable_units(request.user).order_by("sort_key")
    if not issuers.exists():
        raise Http404
    widest = selectors.widest_unit(request.user, "launch")
    issuer = (issuers.filter(pk=widest).first() if widest else None) or issuers.first()
    form = MovementForm(request.POST or None, issuers=issuers, initial=_initial(issuer))
    indicators = IndicatorFormSet(request.POST or None, prefix="ct")

    def create(data: services.MovementData, items: list[services.IndicatorData]) -> Movement:
        chosen = get_unit_for_user(request.user, form.cleaned_data["issuer"].pk, action="launch")
        return services.create_movement(
            actor=request.user, issuer=chosen, data=data, indicators=items
        )

    return _drafting(request, form, indicators, None, create)


@login_required
def movement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.get_movement_for_user(request.user, pk, action="launch")
    if movement.status != MovementStatus.DRAFT:
        messages.error(request, _("Chỉ sửa được phong trào đang là dự thảo."))
        return redirect("movements:movement_detail", pk=movement.pk)
    initial = {f: getattr(movement, f) for f in services.MovementData.__dataclass_fields__}
    initial["version"] = movement.version
    form = MovementForm(request.POST or None, initial=initial)
    rows = [
        {
            "name": i.name,
            "unit_of_measure": i.unit_of_measure,
            "target": i.target,
            "direction": i.direction,
            "summable": i.summable,
        }
        for i in movement.indicators.all()
    ]
    indicators = IndicatorFormSet(request.POST or None, prefix="ct", initial=rows)

    def update(data: services.MovementData, items: list[services.IndicatorData]) -> Movement:
        return services.update_movement(
            actor=request.user,
            movement=movement,
            data=data,
            indicators=items,
            version=form.cleaned_data.get("version"),
        )

    return _drafting(request, form, indicators, movement, update)


@login_required
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.get_movement_for_user(request.user, pk)
    access = access_for(request.user)
    launcher = access.can("launch", movement.issuer_id)
    visible = movement.answers.select_related("unit")
    if not access.can("view", movement.issuer_id):
        visible = visible.filter(access.unit_filter("view", "unit"))
    answers = sorted(visible, key=lambda a: (LEVEL_ORDER.get(a.unit.level, 9), a.unit.sort_key))
    indicators, rows, totals = selectors.results_matrix(movement, answers)
    registrations = selectors.registration_totals_json(movement)
    context = {
        "movement": movement,
        "launcher": launcher,
        "indicators": indicators,
        "rows": rows,
        "totals": totals,
        "answer_counts": selectors.answer_counts(movement),
        # The launcher follows every unit in the tracker; a receiving unit finds its own here.
        "mine": [] if launcher else [a for a in answers if access.can("edit", a.unit_id)],
        "reviews": movement.reviews.order_by("seq"),
        "children": movement.children.select_related("issuer").order_by("issuer__sort_key"),
        "transitions": movement.transitions.order_by("at", "id"),
        "status_labels": dict(MovementStatus.choices),
        "registrations": registrations["by_award"],
        "cancel_form": ReasonForm(initial={"version": movement.version}),
        "can_review": launcher
        and movement.status in (MovementStatus.RUNNING, MovementStatus.REVIEWED),
        "may_register": movement.status in OPEN_STATUSES and access.can("edit"),
    }
    return render(request, "movements/movement_detail.html", context)


@login_required
def movement_launch(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.get_movement_for_user(request.user, pk, action="launch")
    default_levels = (
        [UnitLevel.TINH, UnitLevel.DON_VI_TRUC_THUOC]
        if movement.issuer.level == UnitLevel.TOI_CAO
        else [UnitLevel.KHU_VUC, UnitLevel.PHONG]
    )
    form = LaunchForm(
        request.POST or None,
        initial={
            "target_levels": default_levels,
            "number": movement.number,
            "symbol": movement.symbol or services.default_symbol(movement.issuer, "KH"),
            "signed_on": movement.signed_on or timezone.localdate(),
            "version": movement.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.launch_movement(
                actor=request.user,
                movement=movement,
                target_levels=d["target_levels"],
                number=d["number"],
                symbol=d["symbol"],
                signed_on=d["signed_on"],
                version=d.get("version"),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Đã phát động phong trào tới %(n)s đơn vị.") % {"n": movement.answers.count()},
            )
            return redirect("movements:movement_detail", pk=movement.pk)
    today = timezone.localdate()
    preview = [
        (label, services.receiving_units(movement.issuer, [code], today).count())
        for code, label in UnitLevel.choices
        if code in services.TARGET_LEVELS
    ]
    return render(
        request,
        "movements/movement_launch.html",
        {"movement": movement, "form": form, "preview": [p for p in preview if p[1]]},
    )


@login_required
def movement_start(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.get_movement_for_user(request.user, pk, action="launch")
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request,
        lambda: services.start_movement(
            actor=request.user, movement=movement, version=posted_version(request)
        ),
        _("Phong trào đã chuyển sang đang triển khai."),
        "movements:movement_detail",
        movement.pk,
    )


@login_required
def movement_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.get_movement_for_user(request.user, pk, action="launch")
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request,
        lambda: services.cancel_movement(
            actor=request.user,
            movement=movement,
            reason_code=request.POST.get("reason_code", ""),
            reason=request.POST.get("reason", ""),
            version=posted_version(request),
        ),
        _("Đã hủy dự thảo phong trào."),
        "movements:movement_detail",
        movement.pk,
    )


@login_required
def movement_docx(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.get_movement_for_user(request.user, pk)
    return docx_response(
        documents.movement_document(movement), documents.filename("ke-hoach", movement)
    )


@login_required
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.get_movement_for_user(request.user, pk, action="launch")
    subjects = _example_subjects(movement)
    form = ReviewForm(
        request.POST or None,
        initial={
            "kind": ReviewKind.INTERIM,
            "held_on": timezone.localdate(),
            "signed_on": timezone.localdate(),
            "symbol": services.default_symbol(movement.issuer, "BC"),
            "place": movement.place or services.default_place(movement.issuer),
            "signer_authority": movement.signer_authority,
            "signer_title": movement.signer_title,
            "signer_name": movement.signer_name,
            "recipients": movement.recipients,
            "version": movement.version,
        },
    )
    examples = ExampleFormSet(request.POST or None, prefix="dh", form_kwargs={"subjects": subjects})
    if request.method == "POST" and form.is_valid() and examples.is_valid():
        try:
            review = review_services.record_review(
                actor=request.user,
                movement=movement,
                data=review_services.ReviewData.of(form.cleaned_data),
                examples=_example_items(examples),
                version=form.cleaned_data.get("version"),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Đã ghi tổng kết; phong trào kết thúc.")
                if review.kind == ReviewKind.FINAL
                else _("Đã ghi sơ kết phong trào."),
            )
            return redirect("movements:review_detail", pk=review.pk)
    return render(
        request,
        "movements/review_form.html",
        {"movement": movement, "form": form, "examples": examples},
    )


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_for_user(request, pk)
    return render(
        request,
        "movements/review_detail.html",
        {
            "review": review,
            "movement": review.movement,
            "examples": review.examples.select_related("unit", "person__unit"),
        },
    )


@login_required
def review_docx(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_for_user(request, pk)
    prefix = "tong-ket" if review.kind == ReviewKind.FINAL else "so-ket"
    return docx_response(documents.review_document(review), documents.filename(prefix, review))


# --- helpers -------------------------------------------------------------------------------------


def _drafting(
    request: HttpRequest,
    form: MovementForm,
    indicators: Any,
    movement: Movement | None,
    save: Callable[[services.MovementData, list[services.IndicatorData]], Movement],
) -> HttpResponse:
    """The drafting page of a new movement or of a draft: a valid POST is saved through `save`."""
    if request.method == "POST" and form.is_valid() and indicators.is_valid():
        try:
            saved = save(services.MovementData.of(form.cleaned_data), indicator_items(indicators))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu dự thảo phong trào."))
            return redirect("movements:movement_detail", pk=saved.pk)
    return render(
        request,
        "movements/movement_form.html",
        {"form": form, "indicators": indicators, "movement": movement},
    )


def _review_for_user(request: HttpRequest, pk: int) -> Review:
    try:
        review = Review.objects.select_related("movement__issuer").get(pk=pk)
    except Review.DoesNotExist as exc:
        raise Http404 from exc
    selectors.get_movement_for_user(request.user, review.movement_id)
    return review


def _initial(issuer: Unit | None) -> dict[str, Any]:
    today = timezone.localdate()
    year = today.year + 1 if today.month >= 10 else today.year
    initial: dict[str, Any] = {
        "kind": MovementKind.REGULAR,
        "start_year": year,
        "end_year": year,
        "starts_on": dt.date(year, 1, 1) if year > today.year else today,
        "ends_on": dt.date(year, 11, 30),
        "registration_deadline": dt.date(year, 2, 28),
        "name": _("Phong trào thi đua năm %(y)s") % {"y": year},
        "titles": ["LDTT", "CSTDCS", "CSTD_NGANH", "TTLDTT", "TTLDXS", "CO_NGANH"],
    }
    if issuer is not None:
        initial.update(
            issuer=issuer,
            symbol=services.default_symbol(issuer, "KH"),
            place=services.default_place(issuer),
            signer_title=_("Viện trưởng") if issuer.level != UnitLevel.DON_VI_TRUC_THUOC else "",
        )
    return initial


def _example_subjects(movement: Movement) -> list[tuple[str, str]]:
    """Units that received the movement and people whose registration under it was approved."""
    units = [
        (f"u{a.unit_id}", a.unit.name)
        for a in movement.answers.select_related("unit").order_by("unit__sort_key")
    ]
    people = (
        RegistrationLine.objects.filter(
            movement=movement, person__isnull=False, registration__status="approved"
        )
        .select_related("person", "registration__unit")
        .order_by("person__sort_key")[:500]
    )
    return units + [
        (
            f"p{line.person_id}",
            f"{line.person} – {line.registration.unit.name} ({award_name(line.award)})",
        )
        for line in people
    ]


def _example_items(formset: Any) -> list[review_services.ExampleData]:
    items = []
    for f in formset.forms:
        d = f.cleaned_data if f.is_valid() else {}
        subject, text = d.get("subject") or "", (d.get("achievement") or "").strip()
        if not subject or not text:
            continue
        pk = int(subject[1:])
        unit = Unit.objects.filter(pk=pk).first() if subject[0] == "u" else None
        person = Person.objects.filter(pk=pk).first() if subject[0] == "p" else None
        items.append(review_services.ExampleData(text, unit, person, d.get("proposed_award") or ""))
    return items
