"""A unit's violations by year: the list with the form to record one (for the unit's officer and
the officers above), correction and removal, each one call of `tdkt.records.violations`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.records import violations as services
from tdkt.records.forms_violations import (
    ViolationCorrectionForm,
    ViolationForm,
    ViolationRemovalForm,
)
from tdkt.records.selectors_violations import get_violation_for_user, unit_violations
from tdkt.records.views_initiatives import year_param
from tdkt.web.actions import submit_form
from tdkt.workflow.access import access_for, get_unit_for_user
from tdkt.workflow.clock import review_year


@login_required
def violation_list(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_pk)
    year = year_param(request.GET.get("nam")) or review_year()
    form = ViolationForm(initial={"year": year}) if _can_edit(request, unit.pk) else None
    return _list(request, unit, year, form)


@login_required
def violation_create(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_pk, action="edit")
    year = year_param(request.GET.get("nam")) or review_year()
    form = ViolationForm(request.POST or None, initial={"year": year})

    def call(d: dict[str, Any]) -> None:
        services.record_unit_violation(actor=request.user, unit=unit, **_fields(d))

    if submit_form(request, form, call, _("Đã ghi nhận vi phạm của đơn vị.")):
        return redirect(_list_url(unit.pk, form.cleaned_data["year"]))
    if form.is_bound:
        year = year_param(request.POST.get("year")) or year
    return _list(request, unit, year, form)


@login_required
def violation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    violation = get_violation_for_user(request.user, pk, action="edit")
    initial = {
        "version": violation.version,
        "year": violation.year,
        "kind": violation.kind,
        "basis_kind": violation.basis_kind,
        "basis_number": violation.basis_number,
        "basis_date": violation.basis_date,
        "basis_issuer": violation.basis_issuer,
        "note": violation.note,
    }
    form = ViolationCorrectionForm(request.POST or None, initial=initial)

    def call(d: dict[str, Any]) -> None:
        services.correct_unit_violation(
            actor=request.user,
            violation=violation,
            version=d["version"],
            reason=d["reason"],
            **_fields(d),
        )

    if submit_form(request, form, call, _("Đã sửa vi phạm của đơn vị.")):
        return redirect(_list_url(violation.unit_id, form.cleaned_data["year"]))
    context = {"form": form, "violation": violation, "title": _("Sửa vi phạm của đơn vị")}
    return render(request, "records/violation_form.html", context)


@login_required
def violation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    violation = get_violation_for_user(request.user, pk, action="edit")
    unit_id, year = violation.unit_id, violation.year
    form = ViolationRemovalForm(request.POST or None, initial={"version": violation.version})

    def call(d: dict[str, Any]) -> None:
        services.remove_unit_violation(
            actor=request.user, violation=violation, version=d["version"], reason=d["reason"]
        )

    if submit_form(request, form, call, _("Đã xóa vi phạm ghi nhầm.")):
        return redirect(_list_url(unit_id, year))
    context = {
        "form": form,
        "violation": violation,
        "title": _("Xóa vi phạm của đơn vị ghi nhầm"),
        "removal": True,
    }
    return render(request, "records/violation_form.html", context)


def _fields(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "year": d["year"],
        "kind": d["kind"],
        "basis_kind": d["basis_kind"],
        "basis_number": d["basis_number"],
        "basis_date": d["basis_date"],
        "basis_issuer": d["basis_issuer"],
        "note": d["note"],
    }


def _can_edit(request: HttpRequest, unit_id: int) -> bool:
    return access_for(request.user).can("edit", unit_id)


def _list_url(unit_id: int, year: int) -> str:
    return f"{reverse('records:violation_list', args=[unit_id])}?nam={year}"


def _list(request: HttpRequest, unit: Any, year: int, form: ViolationForm | None) -> HttpResponse:
    last = review_year()  # the year under review first: a violation is counted against it
    context = {
        "unit": unit,
        "year": year,
        "years": sorted({*range(last, last - 10, -1), year}, reverse=True),
        "violations": list(unit_violations(unit, year)),
        "form": form,
        "can_edit": _can_edit(request, unit.pk),
    }
    return render(request, "records/violation_list.html", context)
