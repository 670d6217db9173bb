"""Quản trị › Lịch ngày làm việc: the year's holidays and the days entered from decisions, for
administrators only (anyone else gets 404)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.web.actions import submit_form
from tdkt.web.http import query_int
from tdkt.workdays import selectors, services
from tdkt.workdays.forms import AdjustedDayForm, RemovalForm
from tdkt.workdays.models import AdjustedDay
from tdkt.workflow import clock
from tdkt.workflow.access import require

# The service's refusals, shown on the field they concern.
ERROR_FIELDS = {"duplicate": "day", "already_off": "kind", "already_working": "kind"}


@login_required
def day_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "admin")
    year = _year(request)
    context = {
        "year": year,
        "lines": selectors.year_lines(year),
        "working_days": selectors.working_days_in(year),
    }
    return render(request, "workdays/day_list.html", context)


@login_required
def day_add(request: HttpRequest) -> HttpResponse:
    require(request.user, "admin")
    form = AdjustedDayForm(request.POST or None)
    added: list[AdjustedDay] = []

    def call(data: dict[str, Any]) -> None:
        added.append(services.add_adjusted_day(actor=request.user, **data))

    if submit_form(request, form, call, _("Đã thêm ngày vào lịch."), error_fields=ERROR_FIELDS):
        return _back_to(added[0].day.year)
    return render(request, "workdays/day_form.html", {"form": form})


@login_required
def day_remove(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "admin")
    adjusted = AdjustedDay.objects.filter(pk=pk).first()
    if adjusted is None:
        raise Http404
    form = RemovalForm(request.POST or None)

    def call(data: dict[str, Any]) -> None:
        services.remove_adjusted_day(actor=request.user, adjusted=adjusted, reason=data["reason"])

    if submit_form(request, form, call, _("Đã xóa ngày khỏi lịch.")):
        return _back_to(adjusted.day.year)
    return render(request, "workdays/day_remove.html", {"form": form, "adjusted": adjusted})


def _year(request: HttpRequest) -> int:
    this_year = clock.today().year
    return (
        query_int(request, "nam", this_year, services.FIRST_YEAR, services.LAST_YEAR) or this_year
    )


def _back_to(year: int) -> HttpResponse:
    return redirect(f"{reverse('workdays:day_list')}?nam={year}")
