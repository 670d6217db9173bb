"""Registration screens: a unit's register (pick its people with a title each, and its own titles),
sending it up, the level above's approvals, the lists and the roll-up totals (with .xlsx)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.documents.xlsx import xlsx_response
from tdkt.errors import DomainError
from tdkt.movements import selectors
from tdkt.movements.forms import LinesForm, ReasonForm, RegistrationOpenForm
from tdkt.movements.models import (
    OPEN_STATUSES,
    TITLE_CHOICES,
    CheckStatus,
    Movement,
    RegistrationLine,
    RegistrationStatus,
)
from tdkt.movements.services import registrations as services
from tdkt.org.models import UnitLevel
from tdkt.people.models import Person
from tdkt.records.models import AwardEntry, Rating
from tdkt.web.actions import post_only, posted_version, run
from tdkt.web.http import HtmxHttpRequest, bounded_int
from tdkt.web.pagination import paginate
from tdkt.workflow.access import access_for, get_unit_for_user, require, restrict_units
from tdkt.workflow.clock import review_year

CHECK_BADGES = {
    CheckStatus.ELIGIBLE: "badge-ok",
    CheckStatus.NEEDS_REVIEW: "badge-warn",
    CheckStatus.INELIGIBLE: "badge-err",
    CheckStatus.UNCHECKED: "",
}


@login_required
def registration_list(request: HtmxHttpRequest) -> HttpResponse:
    require(request.user, "view")
    filters, params = _filters(request)
    lines = selectors.lines_for(request.user, filters)
    if request.GET.get("xuat") == "xlsx":
        require(request.user, "export")
        return xlsx_response(
            "danh-sach-dang-ky-thi-dua.xlsx",
            _("Đăng ký thi đua"),
            [
                _("Năm"),
                _("Đơn vị đăng ký"),
                _("Cấp"),
                _("Cá nhân, tập thể"),
                _("Danh hiệu"),
                _("Trạng thái"),
                _("Kiểm tra điều kiện"),
                _("Lý do"),
                _("Phong trào"),
            ],
            (
                [
                    line.year,
                    line.registration.unit.name,
                    line.registration.unit.get_level_display(),
                    line.subject_name,
                    line.get_award_display(),
                    line.registration.get_status_display(),
                    line.get_check_status_display(),
                    "; ".join(str(r["message"]) for r in line.failed_reasons),
                    line.registration.movement.name,
                ]
                for line in lines.iterator(chunk_size=2000)
            ),
            title=_("Danh sách đăng ký thi đua"),
        )
    context = {
        "page": paginate(request, lines),
        "params": params,
        "titles": TITLE_CHOICES,
        "statuses": RegistrationStatus.choices,
        "levels": UnitLevel.choices,
        "movements": _movement_choices(request),
        "badges": CHECK_BADGES,
        "can_export": access_for(request.user).can("export"),
    }
    template = (
        "movements/_registration_table.html" if request.htmx else "movements/registration_list.html"
    )
    return render(request, template, context)


@login_required
def registration_rollup(request: HttpRequest) -> HttpResponse:
    access = require(request.user, "view")
    year = _int(request.GET.get("nam")) or review_year()
    root_id = _int(request.GET.get("don_vi")) or selectors.widest_unit(request.user, "view")
    root = get_unit_for_user(request.user, root_id)
    movement_id = _int(request.GET.get("phong_trao"))
    data = selectors.rollup(root, year, movement_id)
    if request.GET.get("xuat") == "xlsx":
        require(request.user, "export")
        headers = [_("Đơn vị"), *[name for _c, name in data.awards], _("Tổng"), _("Đã duyệt")]
        rows = [
            _rollup_row(_("%(u)s (đăng ký của đơn vị)") % {"u": root.name}, data.own, data.awards)
        ]
        rows += [_rollup_row(r.unit.name, r, data.awards) for r in data.rows]
        rows.append(_rollup_row(_("Tổng cộng"), data.total, data.awards))
        return xlsx_response(
            f"tong-hop-dang-ky-{year}.xlsx",
            _("Tổng hợp"),
            headers,
            rows,
            title=_("Tổng hợp đăng ký thi đua năm %(y)s – %(u)s") % {"y": year, "u": root.name},
        )
    context = {
        "data": data,
        "year": year,
        "years": _years(),
        "movements": _movement_choices(request),
        "movement_id": movement_id,
        "roots": restrict_units(request.user)
        .filter(pk__in=access.units_for("view"))
        .order_by("sort_key"),
        "can_export": access.can("export"),
        "parent_link": root.parent_id
        if root.parent_id and access.can("view", root.parent_id)
        else None,
    }
    return render(request, "movements/registration_rollup.html", context)


@login_required
def registration_open(request: HttpRequest) -> HttpResponse:
    require(request.user, "edit")
    movements = list(
        selectors.movements_for(request.user)
        .filter(status__in=OPEN_STATUSES)
        .order_by("-start_year", "-id")
    )
    units = (
        restrict_units(request.user, action="edit")
        .filter(dissolved_on__isnull=True)
        .order_by("sort_key")
    )
    initial = {
        "movement": _int(request.GET.get("phong_trao")),
        "unit": _int(request.GET.get("don_vi")) or selectors.widest_unit(request.user, "edit"),
        "year": _int(request.GET.get("nam")),
    }
    if initial["year"] is None and movements:
        first = next((m for m in movements if m.pk == initial["movement"]), movements[0])
        initial["year"] = first.start_year
    form = RegistrationOpenForm(
        request.POST or None, movements=movements, units=units, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        movement = selectors.get_movement_for_user(request.user, d["movement"])
        unit = get_unit_for_user(request.user, d["unit"].pk, action="edit")
        try:
            registration = services.open_registration(
                actor=request.user, movement=movement, unit=unit, year=d["year"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("movements:registration_detail", pk=registration.pk)
    return render(
        request, "movements/registration_open.html", {"form": form, "movements": movements}
    )


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, pk)
    access = access_for(request.user)
    can_edit = access.can("edit", registration.unit_id) and registration.is_editable
    form = None
    if can_edit:
        form = _lines_form(request, registration)
        if request.method == "POST" and form.is_valid():
            try:
                added = services.add_registration_lines(
                    actor=request.user,
                    registration=registration,
                    people=[services.PersonLine(p, award) for p, award in form.chosen_people()],
                    units=[
                        services.UnitLine(award, form.cleaned_data.get("unit_commitment") or "")
                        for award in form.cleaned_data.get("unit_titles") or []
                    ],
                    version=form.cleaned_data.get("version"),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                flagged = sum(1 for line in added if line.flagged)
                messages.success(request, _("Đã thêm %(n)s dòng đăng ký.") % {"n": len(added)})
                if flagged:
                    messages.warning(
                        request,
                        _(
                            "%(n)s dòng được hệ thống cảnh báo: đã thấy không thể đạt danh hiệu "
                            "(xem lý do)."
                        )
                        % {"n": flagged},
                    )
                return redirect("movements:registration_detail", pk=registration.pk)
    elif request.method == "POST":
        raise Http404
    lines = registration.lines.select_related("person", "unit").order_by(
        "unit_id", "award", "person__sort_key", "id"
    )
    context = {
        "registration": registration,
        "lines": lines,
        "form": form,
        "can_edit": can_edit,
        "can_submit": can_edit and lines.exists(),
        "can_decide": registration.status == RegistrationStatus.SUBMITTED
        and selectors.may_approve(request.user, registration),
        "return_form": ReasonForm(initial={"version": registration.version}),
        "transitions": registration.transitions.order_by("at", "id"),
        "status_labels": dict(RegistrationStatus.choices),
        "badges": CHECK_BADGES,
        "flagged": sum(1 for line in lines if line.flagged),
    }
    return render(request, "movements/registration_detail.html", context)


@login_required
def registration_submit(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, pk, action="edit")
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request,
        lambda: services.submit_registration(
            actor=request.user, registration=registration, version=posted_version(request)
        ),
        _("Đã gửi bản đăng ký lên cấp trên."),
        "movements:registration_detail",
        registration.pk,
    )


@login_required
def registration_approve(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, pk, action="approve")
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request,
        lambda: services.approve_registration(
            actor=request.user, registration=registration, version=posted_version(request)
        ),
        _("Đã duyệt bản đăng ký của %(u)s.") % {"u": registration.unit.name},
        "movements:registration_detail",
        registration.pk,
    )


@login_required
def registration_return(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, pk, action="approve")
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request,
        lambda: services.return_registration(
            actor=request.user,
            registration=registration,
            reason_code=request.POST.get("reason_code", ""),
            reason=request.POST.get("reason", ""),
            version=posted_version(request),
        ),
        _("Đã trả lại bản đăng ký để đơn vị hoàn thiện."),
        "movements:registration_detail",
        registration.pk,
    )


@login_required
def registration_line_remove(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        line = RegistrationLine.objects.select_related("registration").get(
            access_for(request.user).unit_filter("edit", "registration__unit"), pk=pk
        )
    except RegistrationLine.DoesNotExist as exc:
        raise Http404 from exc
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request,
        lambda: services.remove_registration_line(
            actor=request.user, line=line, version=posted_version(request)
        ),
        _("Đã bỏ dòng đăng ký."),
        "movements:registration_detail",
        line.registration_id,
    )


@login_required
def registration_approvals(request: HttpRequest) -> HttpResponse:
    require(request.user, "approve")
    return render(
        request,
        "movements/registration_approvals.html",
        {"page": paginate(request, selectors.awaiting_approval(request.user))},
    )


# --- helpers -------------------------------------------------------------------------------------


def _lines_form(request: HttpRequest, registration: Any) -> LinesForm:
    today = timezone.localdate()
    people = list(
        Person.objects.filter(services.people_of(registration.unit, today)).order_by(
            "sort_key", "id"
        )
    )
    _hints(people, registration.year - 1)
    taken = set(
        RegistrationLine.objects.filter(
            person__in=people, year=registration.year, movement=registration.movement
        ).values_list("person_id", flat=True)
    )
    unit_taken = set(
        RegistrationLine.objects.filter(unit=registration.unit, year=registration.year).values_list(
            "award", flat=True
        )
    )
    return LinesForm(
        request.POST or None,
        people=people,
        titles=registration.movement.titles,
        taken=taken,
        unit_taken=unit_taken,
        initial={"version": registration.version},
    )


def _hints(people: list[Person], last_year: int) -> None:
    """Last year's rating and title beside each name, and the title to suggest."""
    ids = [p.pk for p in people]
    ratings = dict(
        Rating.objects.filter(person__in=ids, year=last_year).values_list("person_id", "rating")
    )
    titles: dict[int, list[str]] = defaultdict(list)
    for pid, award in AwardEntry.objects.filter(
        person__in=ids, year=last_year, kind="title", revoked_on__isnull=True
    ).values_list("person_id", "award"):
        titles[pid].append(award)
    for p in people:
        held = titles.get(p.pk, [])
        p.last_rating = ratings.get(p.pk, "")  # type: ignore[attr-defined]
        p.last_titles = ", ".join(held)  # type: ignore[attr-defined]
        good = "CSTDCS" in held or ratings.get(p.pk) == "HTXS"
        p.suggested_title = "CSTDCS" if good else "LDTT"  # type: ignore[attr-defined]


def _filters(request: HttpRequest) -> tuple[selectors.RegistrationFilters, dict[str, str]]:
    g = request.GET
    filters = selectors.RegistrationFilters(
        year=_int(g.get("nam")),
        movement_id=_int(g.get("phong_trao")),
        unit_id=_int(g.get("don_vi")),
        award=g.get("danh_hieu", ""),
        status=g.get("trang_thai", ""),
        level=g.get("cap", ""),
        flagged=g.get("canh_bao") == "1",
    )
    if filters.unit_id:
        get_unit_for_user(request.user, filters.unit_id)
    keys = ("nam", "phong_trao", "don_vi", "danh_hieu", "trang_thai", "cap", "canh_bao")
    return filters, {k: g.get(k, "") for k in keys}


def _movement_choices(request: HttpRequest) -> list[Movement]:
    return list(
        selectors.movements_for(request.user)
        .exclude(status="draft")
        .order_by("-start_year", "-id")[:50]
    )


def _rollup_row(label: str, row: selectors.RollupRow, awards: list[tuple[str, str]]) -> list[Any]:
    return [
        label,
        *[row.counts.get(code, 0) for code, _n in awards],
        row.total,
        sum(row.approved.values()),
    ]


def _int(value: str | None) -> int | None:
    return bounded_int(value)


def _years() -> list[int]:
    years = set(RegistrationLine.objects.values_list("year", flat=True).distinct())
    years.add(review_year())
    return sorted(years, reverse=True)
