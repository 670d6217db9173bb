from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.documents.xlsx import xlsx_response
from tdkt.org.models import Unit
from tdkt.people import selectors, services
from tdkt.people.forms import (
    EndPositionForm,
    IdentityForm,
    LeavingForm,
    PositionForm,
    RecruitForm,
    RemovalForm,
    ServicePeriodCorrectionForm,
    ServicePeriodForm,
    TransferForm,
)
from tdkt.people.models import Gender, Person, ServiceKind, ServicePeriod
from tdkt.web.actions import submit_form
from tdkt.web.http import HtmxHttpRequest
from tdkt.web.pagination import paginate
from tdkt.workflow.access import (
    access_for,
    get_person_for_user,
    get_unit_for_user,
    require,
    restrict_units,
)


@login_required
def person_list(request: HtmxHttpRequest) -> HttpResponse:
    require(request.user, "view")
    unit_id = request.GET.get("don_vi", "")
    unit = get_unit_for_user(request.user, unit_id) if unit_id else None
    query = request.GET.get("q", "")
    gender = request.GET.get("gioi_tinh", "")
    include_left = request.GET.get("ca_da_nghi") == "1"
    people = selectors.search_people(
        request.user, query=query, unit=unit, gender=gender, include_left=include_left
    )
    if request.GET.get("xuat") == "xlsx":
        require(request.user, "export")
        return xlsx_response(
            "danh-sach-can-bo.xlsx",
            "Cán bộ",
            [
                "Họ và tên",
                "Giới tính",
                "Ngày sinh",
                "Số CCCD",
                "Đơn vị",
                "Chức vụ",
                "Ngày tuyển dụng",
            ],
            (
                [
                    p.full_name,
                    p.get_gender_display(),
                    p.birth_date,
                    p.citizen_id or "",
                    p.unit.name if p.unit else "",
                    p.post,
                    p.recruited_on,
                ]
                for p in people.iterator(chunk_size=2000)
            ),
        )
    context = {
        "page": paginate(request, people),
        "query": query,
        "unit": unit,
        "gender": gender,
        "genders": Gender.choices,
        "include_left": include_left,
        "can_export": access_for(request.user).can("export"),
    }
    template = "people/_person_table.html" if request.htmx else "people/person_list.html"
    return render(request, template, context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    access = access_for(request.user)
    context = {
        "person": person,
        "timeline": selectors.person_timeline(person),
        "positions": person.positions.select_related("unit").order_by("-valid_from"),
        "service_periods": person.service_periods.order_by("valid_from"),
        "can_edit": access.can("edit", person.unit_id),
        "can_undo_leaving": person.left_on is not None and access.can("admin", person.unit_id),
    }
    return render(request, "people/person_detail.html", context)


# --- Careers kept by the units: one form, one service call each -----------------------------
# Whoever may not edit the person's unit gets 404 (the person is looked up with action "edit");
# the services check the right again.

# A domain error that concerns one field is shown under that field.
ERROR_FIELDS = {"citizen_id_taken": "citizen_id"}


def _units_to_edit(user: Any) -> QuerySet[Unit]:
    """Active units the user may edit: what the unit picker accepts."""
    return (
        restrict_units(user, action="edit")
        .filter(dissolved_on__isnull=True)
        .order_by("sort_key", "id")
    )


def _submit(
    request: HttpRequest, form: forms.Form, call: Callable[[dict[str, Any]], Any], success: str
) -> bool:
    return submit_form(request, form, call, success, error_fields=ERROR_FIELDS)


def _page(
    request: HttpRequest,
    person: Person | None,
    form: forms.Form,
    title: str,
    submit: str,
    intro: str = "",
    **extra: Any,
) -> HttpResponse:
    context = {"person": person, "form": form, "title": title, "submit": submit, "intro": intro}
    return render(request, "people/person_form.html", context | extra)


def _done(person: Person) -> HttpResponse:
    return redirect("people:person_detail", pk=person.pk)


@login_required
def person_recruit(request: HttpRequest) -> HttpResponse:
    require(request.user, "edit")
    unit_id = request.GET.get("don_vi", "")
    unit = get_unit_for_user(request.user, unit_id, action="edit") if unit_id else None
    form = RecruitForm(
        request.POST or None,
        units=_units_to_edit(request.user),
        initial={"unit": unit.pk if unit else None},
    )
    created: list[Person] = []

    def call(d: dict[str, Any]) -> None:
        created.append(
            services.recruit_person(
                actor=request.user,
                unit=d["unit"],
                full_name=d["full_name"],
                gender=d["gender"],
                birth_date=d["birth_date"],
                citizen_id=d["citizen_id"],
                post_kind=d["post_kind"],
                post=d["post"],
                is_unit_head=form.is_unit_head(),
                position_from=d["position_from"],
                recruited_on=d["recruited_on"],
            )
        )

    if _submit(request, form, call, _("Đã tiếp nhận cán bộ.")):
        return _done(created[0])
    return _page(
        request,
        None,
        form,
        _("Tiếp nhận cán bộ"),
        _("Tiếp nhận"),
        _("Cán bộ mới tuyển dụng hoặc chuyển đến từ ngoài hệ thống."),
        back_unit=unit,
    )


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, action="edit")
    initial = {
        "version": person.version,
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "citizen_id": person.citizen_id or "",
        "recruited_on": person.recruited_on,
    }
    form = IdentityForm(request.POST or None, initial=initial)

    def call(d: dict[str, Any]) -> None:
        services.correct_identity(
            actor=request.user,
            person=person,
            version=d["version"],
            reason=d["reason"],
            full_name=d["full_name"],
            gender=d["gender"],
            birth_date=d["birth_date"],
            citizen_id=d["citizen_id"],
            recruited_on=d["recruited_on"],
        )

    if _submit(request, form, call, _("Đã sửa thông tin cá nhân.")):
        return _done(person)
    return _page(
        request,
        person,
        form,
        _("Sửa thông tin cá nhân"),
        _("Lưu"),
        _("Chỉ để sửa thông tin nhập sai; lý do sửa được lưu vào nhật ký thay đổi."),
    )


@login_required
def position_start(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, action="edit")
    form = PositionForm(request.POST or None, initial={"version": person.version})

    def call(d: dict[str, Any]) -> None:
        services.start_position(
            actor=request.user,
            person=person,
            version=d["version"],
            post_kind=d["post_kind"],
            post=d["post"],
            is_unit_head=form.is_unit_head(),
            valid_from=d["valid_from"],
        )

    if _submit(request, form, call, _("Đã ghi chức vụ mới.")):
        return _done(person)
    return _page(
        request,
        person,
        form,
        _("Bổ nhiệm, thay đổi chức vụ"),
        _("Ghi chức vụ mới"),
        _("Chức vụ mới trong cùng đơn vị; chức vụ hiện tại kết thúc vào hôm trước ngày bắt đầu."),
    )


@login_required
def position_end(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, action="edit")
    form = EndPositionForm(request.POST or None, initial={"version": person.version})

    def call(d: dict[str, Any]) -> None:
        services.end_position(
            actor=request.user, person=person, version=d["version"], valid_to=d["valid_to"]
        )

    if _submit(request, form, call, _("Đã kết thúc chức vụ.")):
        return _done(person)
    return _page(
        request,
        person,
        form,
        _("Kết thúc chức vụ"),
        _("Kết thúc chức vụ"),
        _("Miễn nhiệm, hết thời hạn giữ chức vụ mà chưa có chức vụ mới."),
    )


@login_required
def person_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, action="edit")
    form = TransferForm(
        request.POST or None,
        units=_units_to_edit(request.user),
        initial={"version": person.version},
    )

    def call(d: dict[str, Any]) -> None:
        services.transfer_person(
            actor=request.user,
            person=person,
            version=d["version"],
            unit=d["unit"],
            post_kind=d["post_kind"],
            post=d["post"],
            is_unit_head=form.is_unit_head(),
            valid_from=d["valid_from"],
        )

    if _submit(request, form, call, _("Đã điều động cán bộ.")):
        return _done(person)
    return _page(
        request,
        person,
        form,
        _("Điều động, luân chuyển"),
        _("Điều động"),
        _("Chuyển cán bộ sang đơn vị khác trong phạm vi bạn quản lý; quá trình công tác được giữ."),
    )


@login_required
def service_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, action="edit")
    form = ServicePeriodForm(
        request.POST or None,
        initial={"version": person.version, "kind": ServiceKind.OTHER_LEGAL},
    )

    def call(d: dict[str, Any]) -> None:
        services.record_service_period(
            actor=request.user,
            person=person,
            version=d["version"],
            kind=d["kind"],
            organisation=d["organisation"],
            valid_from=d["valid_from"],
            valid_to=d["valid_to"],
        )

    if _submit(request, form, call, _("Đã ghi thời gian công tác.")):
        return _done(person)
    return _page(
        request,
        person,
        form,
        _("Ghi thời gian công tác"),
        _("Ghi"),
        _("Thời gian công tác ở cơ quan tư pháp, pháp luật khác (tính thâm niên)."),
    )


def _period(person: Person, period_pk: int) -> ServicePeriod:
    found = person.service_periods.filter(pk=period_pk).first()
    if found is None:
        raise Http404
    return found


@login_required
def service_edit(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, action="edit")
    period = _period(person, period_pk)
    initial = {
        "version": person.version,
        "kind": period.kind,
        "organisation": period.organisation,
        "valid_from": period.valid_from,
        "valid_to": period.valid_to,
    }
    form = ServicePeriodCorrectionForm(request.POST or None, initial=initial)

    def call(d: dict[str, Any]) -> None:
        services.correct_service_period(
            actor=request.user,
            period=period,
            version=d["version"],
            reason=d["reason"],
            kind=d["kind"],
            organisation=d["organisation"],
            valid_from=d["valid_from"],
            valid_to=d["valid_to"],
        )

    if _submit(request, form, call, _("Đã sửa thời gian công tác.")):
        return _done(person)
    return _page(request, person, form, _("Sửa thời gian công tác"), _("Lưu"))


@login_required
def service_remove(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, action="edit")
    period = _period(person, period_pk)
    form = RemovalForm(request.POST or None, initial={"version": person.version})

    def call(d: dict[str, Any]) -> None:
        services.remove_service_period(
            actor=request.user, period=period, version=d["version"], reason=d["reason"]
        )

    if _submit(request, form, call, _("Đã xóa thời gian công tác ghi nhầm.")):
        return _done(person)
    return _page(
        request,
        person,
        form,
        _("Xóa thời gian công tác ghi nhầm"),
        _("Xóa"),
        _("Sẽ xóa: %(p)s") % {"p": _describe(period)},
    )


def _describe(period: ServicePeriod) -> str:
    text = f"{period.get_kind_display()} {services.period_text(period)}"
    return f"{text}{' · ' + period.organisation if period.organisation else ''}"


@login_required
def person_leave(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, action="edit")
    form = LeavingForm(request.POST or None, initial={"version": person.version})

    def call(d: dict[str, Any]) -> None:
        services.record_leaving(
            actor=request.user,
            person=person,
            version=d["version"],
            left_on=d["left_on"],
            kind=d["kind"],
        )

    if _submit(request, form, call, _("Đã ghi nhận cán bộ thôi công tác.")):
        return _done(person)
    return _page(
        request,
        person,
        form,
        _("Ghi nhận thôi công tác"),
        _("Ghi nhận"),
        _(
            "Nghỉ hưu, chuyển công tác ra ngoài ngành hoặc thôi việc: chức vụ đang giữ kết thúc "
            "vào ngày này và cán bộ không còn được tính vào biên chế của đơn vị."
        ),
    )


@login_required
def person_leave_undo(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, action="admin")
    form = RemovalForm(request.POST or None, initial={"version": person.version})

    def call(d: dict[str, Any]) -> None:
        services.undo_leaving(
            actor=request.user, person=person, version=d["version"], reason=d["reason"]
        )

    if _submit(request, form, call, _("Đã hủy ghi nhận thôi công tác.")):
        return _done(person)
    intro = (
        _("Cán bộ được ghi thôi công tác từ ngày %(d)s. Hủy khi việc ghi nhận này là nhầm.")
        % {"d": f"{person.left_on:%d/%m/%Y}"}
        if person.left_on
        else _("Cán bộ đang công tác; không có gì để hủy.")
    )
    return _page(
        request,
        person,
        form,
        _("Hủy ghi nhận thôi công tác"),
        _("Hủy ghi nhận"),
        intro,
        closed=person.left_on is None,
    )
