"""Staff screens of exemplary models: thin views over `publicity.services`; whatever the user may
not see or do answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tdkt.errors import DomainError
from tdkt.movements.models import Movement, MovementStatus
from tdkt.org.models import Unit, UnitLevel, UnitScope
from tdkt.people.models import Person
from tdkt.publicity import selectors
from tdkt.publicity.forms import ExampleForm, PhotoForm, ReasonForm, SpreadForm
from tdkt.publicity.models import (
    Example,
    ExampleKind,
    ExampleStatus,
    ExampleTransition,
    PublicityReason,
)
from tdkt.publicity.photos import photo_response
from tdkt.publicity.public import FILTER_LEVELS
from tdkt.publicity.services import examples as services
from tdkt.publicity.services import moves
from tdkt.publicity.services.examples import ExampleData
from tdkt.records.models import AwardEntry
from tdkt.web.actions import posted_version, refuse, run, run_form, submit_form
from tdkt.web.http import HtmxHttpRequest
from tdkt.web.pagination import paginate
from tdkt.workflow.access import can, get_unit_for_user, require, restrict_units
from tdkt.workflow.clock import review_year

S = ExampleStatus
DETAIL = "publicity:example_detail"


@login_required
def example_list(request: HtmxHttpRequest) -> HttpResponse:
    access = require(request.user, "view")
    filters = selectors.filters_from(request.GET)
    waiting = request.GET.get("cho_duyet") == "1"
    qs = (
        selectors.filtered(selectors.awaiting_decision(request.user), filters)
        if waiting
        else selectors.examples_for(request.user, filters)
    )
    context = {
        "page": paginate(request, selectors.with_cover(qs), per_page=25),
        "filters": filters,
        "waiting": waiting,
        "statuses": S.choices,
        "kinds": ExampleKind.choices,
        "status_labels": dict(S.choices),
        "can_create": access.can("edit"),
        "waiting_count": selectors.awaiting_decision(request.user).count(),
    }
    if request.htmx:
        return render(request, "publicity/_example_table.html", context)
    mine = selectors.examples_for(request.user).order_by()
    context |= {
        # The unit filter is searched for (org's unit picker), never a list of the sector's units.
        "filter_unit": restrict_units(request.user).filter(pk=filters.unit_id).first()
        if filters.unit_id
        else None,
        "years": sorted(set(mine.values_list("year", flat=True).distinct()), reverse=True),
        "movements": Movement.objects.filter(
            pk__in=Example.movements.through.objects.filter(example__in=mine).values("movement_id")
        ).order_by("-start_year", "name"),
    }
    return render(request, "publicity/example_list.html", context)


# -- drafting -------------------------------------------------------------------------------------


def _own_people(unit: Unit) -> QuerySet[Person]:
    """People working now in the unit or its departments (lower procuracies draft their own)."""
    own = UnitScope.objects.filter(ancestor=unit).filter(
        Q(descendant=unit) | Q(descendant__level=UnitLevel.PHONG)
    )
    return Person.objects.filter(
        unit__in=own.values("descendant_id"), left_on__isnull=True
    ).order_by("sort_key")


def _collectives(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(Q(pk=unit.pk) | Q(parent=unit), dissolved_on__isnull=True).order_by(
        "sort_key"
    )


def _movements(unit: Unit) -> QuerySet[Movement]:
    """Movements launched by the unit or a unit above it."""
    above = UnitScope.objects.filter(descendant=unit).values("ancestor_id")
    return (
        Movement.objects.filter(issuer__in=above)
        .select_related("issuer")
        .exclude(status__in=[MovementStatus.DRAFT, MovementStatus.CANCELLED])
        .order_by("-start_year", "name")
    )


def _awards(example: Example | None) -> QuerySet[AwardEntry]:
    if example is None:
        return AwardEntry.objects.none()
    qs = AwardEntry.objects.filter(revoked_on__isnull=True).select_related("decision")
    if example.kind == ExampleKind.PERSON:
        qs = qs.filter(person_id=example.person_id or 0)
    elif example.kind == ExampleKind.COLLECTIVE:
        qs = qs.filter(unit_id=example.collective_id or 0)
    else:
        qs = qs.filter(unit_id=example.unit_id)
    return qs.order_by("-year", "award")


def _form(request: HttpRequest, units: Any, unit: Unit, example: Example | None) -> ExampleForm:
    kwargs = {
        "units": units,
        "people": _own_people(unit),
        "collectives": _collectives(unit),
        "movements": _movements(unit),
        "awards": _awards(example),
        "within": unit.pk,
    }
    if request.method == "POST":
        return ExampleForm(request.POST, **kwargs)
    # A GET carrying the form's fields is the HTMX refresh after the unit changed: keep what
    # was typed, offer the new unit's people and collectives.
    initial: dict[str, Any] = {k: v for k, v in request.GET.items() if k != "movements"}
    if "movements" in request.GET:
        initial["movements"] = request.GET.getlist("movements")
    if not request.GET and example is not None:
        initial = _initial(example)
    initial.setdefault("unit", unit.pk)
    initial.setdefault("year", review_year())
    initial.setdefault("kind", ExampleKind.PERSON)
    return ExampleForm(initial=initial, **kwargs)


def _initial(example: Example) -> dict[str, Any]:
    return {
        "version": example.version,
        "unit": example.unit_id,
        "kind": example.kind,
        "person": example.person_id,
        "collective": example.collective_id,
        "model_name": example.model_name,
        "title": example.title,
        "year": example.year,
        "summary": example.summary,
        "story": example.story,
        "movements": list(example.movements.values_list("pk", flat=True)),
        "awards": list(example.awards.values_list("pk", flat=True)),
    }


def _data(form: ExampleForm) -> ExampleData:
    d = form.cleaned_data
    return ExampleData(
        kind=d["kind"],
        title=d["title"],
        summary=d["summary"],
        story=d["story"],
        year=d["year"],
        person=d["person"],
        collective=d["collective"],
        model_name=d["model_name"],
        movements=list(d["movements"]),
        awards=list(d.get("awards") or []),
    )


def _chosen_unit(request: HttpRequest, units: QuerySet[Unit], default: Unit | None) -> Unit:
    raw = request.POST.get("unit") or request.GET.get("unit")
    if raw:
        return get_unit_for_user(request.user, raw, action="edit")
    chosen = default or units.first()
    if chosen is None:
        raise Http404
    return chosen


@login_required
@require_http_methods(["GET", "POST"])
def example_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "edit")
    units = restrict_units(request.user, action="edit").filter(dissolved_on__isnull=True)
    unit = _chosen_unit(request, units.order_by("sort_key"), None)
    form = _form(request, units.order_by("sort_key"), unit, None)
    if request.method == "POST" and form.is_valid():
        try:
            example = services.create_example(actor=request.user, unit=unit, data=_data(form))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lập điển hình; hãy thêm ảnh rồi gửi lên cấp trên."))
            return redirect(DETAIL, example.pk)
    return render(request, "publicity/example_form.html", {"form": form, "example": None})


@login_required
@require_http_methods(["GET", "POST"])
def example_edit(request: HttpRequest, pk: int) -> HttpResponse:
    example = selectors.get_example_for_user(request.user, pk)
    if not can(request.user, "edit", example.unit_id) or not example.is_editable:
        raise Http404
    units = Unit.objects.filter(pk=example.unit_id)  # the owner does not change
    form = _form(request, units, example.unit, example)
    if submit_form(
        request,
        form,
        lambda d: services.update_example(
            actor=request.user, example=example, data=_data(form), version=d["version"]
        ),
        _("Đã lưu."),
    ):
        return redirect(DETAIL, example.pk)
    return render(request, "publicity/example_form.html", {"form": form, "example": example})


@login_required
def example_detail(request: HttpRequest, pk: int) -> HttpResponse:
    example = selectors.get_example_for_user(request.user, pk)
    user = request.user
    owner = can(user, "edit", example.unit_id)
    above = moves.may_decide(user, example)
    status = example.status
    last_reason = (
        ExampleTransition.objects.filter(example=example, to_status=status)
        .exclude(reason="")
        .order_by("-at", "-id")
        .first()
        if status in (S.RETURNED, S.UNPUBLISHED)
        else None
    )
    context: dict[str, Any] = {
        "example": example,
        "photos": example.photos.all(),
        "movements": example.movements.order_by("-start_year", "name"),
        "awards": example.awards.select_related("decision").order_by("-year", "award"),
        "spreads": example.spreads.select_related("unit"),
        "transitions": example.transitions.all(),
        "status_labels": dict(S.choices),
        "reason_labels": dict(PublicityReason.choices),
        "last_reason": last_reason,
        "can_edit": owner and example.is_editable,
        "can_submit": owner and status in (S.DRAFT, S.RETURNED),
        "can_approve": above and status == S.SUBMITTED,
        "can_return": above and status in (S.SUBMITTED, S.APPROVED, S.UNPUBLISHED),
        "can_publish": above and status in (S.APPROVED, S.UNPUBLISHED),
        "can_unpublish": moves.may_withdraw(user, example) and status == S.PUBLISHED,
        "can_spread": services.may_record_spread(user, example),
        "photo_form": PhotoForm(initial={"version": example.version}),
        "spread_form": SpreadForm(
            units=Unit.objects.filter(dissolved_on__isnull=True, level__in=FILTER_LEVELS).order_by(
                "sort_key"
            ),
            initial={"version": example.version, "on": timezone.localdate()},
        ),
        "reason_form": ReasonForm(initial={"version": example.version}),
    }
    return render(request, "publicity/example_detail.html", context)


# -- photos and spreading ---------------------------------------------------------------------


@login_required
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    example = selectors.get_example_for_user(request.user, pk)
    if (refused := refuse(request, can(request.user, "edit", example.unit_id))) is not None:
        return refused
    return run_form(
        request,
        PhotoForm(request.POST, request.FILES),
        lambda data: services.add_photo(
            actor=request.user,
            example=example,
            upload=data["file"],
            alt_text=data["alt_text"],
            caption=data["caption"],
            order=data["order"],
            version=data["version"],
        ),
        _("Đã thêm ảnh."),
        DETAIL,
        pk,
    )


@login_required
def photo_remove(request: HttpRequest, pk: int) -> HttpResponse:
    photo = selectors.get_photo_for_user(request.user, pk)
    if (refused := refuse(request, can(request.user, "edit", photo.example.unit_id))) is not None:
        return refused
    return run(
        request,
        lambda: services.remove_photo(
            actor=request.user, photo=photo, version=posted_version(request)
        ),
        _("Đã bỏ ảnh."),
        DETAIL,
        photo.example_id,
    )


@login_required
def photo_view(request: HttpRequest, pk: int) -> HttpResponse:
    return photo_response(request, selectors.get_photo_for_user(request.user, pk), public=False)


@login_required
def photo_thumb(request: HttpRequest, pk: int) -> HttpResponse:
    photo = selectors.get_photo_for_user(request.user, pk)
    return photo_response(request, photo, public=False, thumbnail=True)


@login_required
def spread_add(request: HttpRequest, pk: int) -> HttpResponse:
    example = selectors.get_example_for_user(request.user, pk)
    if (refused := refuse(request, services.may_record_spread(request.user, example))) is not None:
        return refused
    return run_form(
        request,
        SpreadForm(request.POST, units=Unit.objects.all()),
        lambda data: services.record_spread(
            actor=request.user,
            example=example,
            unit=data["unit"],
            on=data["on"],
            method=data["method"],
            note=data["note"],
            result=data["result"],
            version=data["version"],
        ),
        _("Đã ghi nhận việc nhân rộng."),
        DETAIL,
        pk,
    )


# -- the way to the public site -------------------------------------------------------------------


def _move(
    request: HttpRequest,
    pk: int,
    allowed: Any,
    move: Any,
    success: str,
    *,
    reasoned: bool = False,
) -> HttpResponse:
    """One step of the example's way, with the posted version (and reason, for a step back)."""
    example = selectors.get_example_for_user(request.user, pk)
    if (refused := refuse(request, allowed(request.user, example))) is not None:
        return refused
    posted = request.POST
    reason = (
        {"reason_code": posted.get("reason_code", ""), "reason": posted.get("reason", "")}
        if reasoned
        else {}
    )
    version = posted_version(request)
    return run(
        request,
        lambda: move(actor=request.user, example=example, version=version, **reason),
        success,
        DETAIL,
        pk,
    )


def _owner(user: Any, example: Example) -> bool:
    return can(user, "edit", example.unit_id)


@login_required
def example_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, _owner, moves.submit_example, _("Đã gửi điển hình lên cấp trên."))


@login_required
def example_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, moves.may_decide, moves.approve_example, _("Đã duyệt điển hình."))


@login_required
def example_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        moves.may_decide,
        moves.return_example,
        _("Đã trả lại điển hình cho đơn vị."),
        reasoned=True,
    )


@login_required
def example_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        moves.may_decide,
        moves.publish_example,
        _("Đã công bố điển hình trên trang công khai."),
    )


@login_required
def example_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        moves.may_withdraw,
        moves.unpublish_example,
        _("Đã gỡ điển hình khỏi trang công khai."),
        reasoned=True,
    )
