from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tdkt.accounts.access import access_for, get_person_for_user, get_unit_for_user, require
from tdkt.documents.xlsx import content_disposition
from tdkt.eligibility import selectors, services
from tdkt.eligibility.forms import AddParameterForm, ParameterForm
from tdkt.eligibility.models import Parameter
from tdkt.eligibility.present import present_outcome, show_value
from tdkt.eligibility.report import XLSX_CONTENT_TYPE, report_name, xlsx_bytes
from tdkt.eligibility.scan import Outcome, ScanResult, default_as_of
from tdkt.errors import DomainError
from tdkt.rules.regimes import default_regimes
from tdkt.web.http import HtmxHttpRequest, bounded_int

FIRST_YEAR = 2019  # the first legal regime the engine encodes starts on 28/06/2019


def _when(request: HttpRequest) -> tuple[int, dt.date, list[str]]:
    """The year (`nam`) and the day of evaluation (`ngay`, dd/mm/yyyy) asked, or the defaults;
    what could not be read is reported, not fatal."""
    problems = []
    this_year = dt.date.today().year
    year = selectors.latest_year()
    raw_year = request.GET.get("nam", "")
    if raw_year:
        if (asked := bounded_int(raw_year, None, FIRST_YEAR, this_year + 1)) is not None:
            year = asked
        else:
            problems.append(_("Năm xét không hợp lệ: %(v)s") % {"v": raw_year})
    as_of = default_as_of(year)
    raw_day = request.GET.get("ngay", "").strip()
    if raw_day:
        try:
            as_of = dt.datetime.strptime(raw_day, "%d/%m/%Y").date()
        except ValueError:
            problems.append(_("Ngày xét không hợp lệ (dd/mm/yyyy): %(v)s") % {"v": raw_day})
    return year, as_of, problems


def _common(request: HttpRequest, year: int, as_of: dt.date, problems: list[str]) -> dict[str, Any]:
    this_year = dt.date.today().year
    return {
        "year": year,
        "as_of": as_of,
        "problems": problems,
        "years": list(range(this_year + 1, FIRST_YEAR - 1, -1)),
        "params": urlencode({"nam": str(year), "ngay": as_of.strftime("%d/%m/%Y")}),
    }


@login_required
def unit_eligibility(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    year, as_of, problems = _when(request)
    context = {"unit": unit, **_common(request, year, as_of, problems)}
    try:
        result = selectors.scan_unit(unit, year, as_of)
    except DomainError as exc:
        context["problems"] = [*problems, exc.message]
        return render(request, "eligibility/unit.html", context)
    if request.GET.get("xuat") == "xlsx":
        require(request.user, "export", unit.pk)
        return _xlsx(result)
    context.update(selectors.unit_overview(result))
    context.update(
        {
            "result": result,
            "regime": result.regime,
            "can_export": access_for(request.user).can("export", unit.pk),
        }
    )
    return render(request, "eligibility/unit.html", context)


def _xlsx(result: ScanResult) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(result), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(report_name(result) + ".xlsx")
    return response


@login_required
def person_eligibility(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    year, as_of, problems = _when(request)
    context = {"subject": person, "kind": "person", **_common(request, year, as_of, problems)}
    try:
        result = selectors.scan_person(person, year, as_of)
    except DomainError as exc:
        context["problems"] = [*problems, exc.message]
        result = None
    return _subject_page(request, context, result, result.people if result else [])


@login_required
def collective_eligibility(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    year, as_of, problems = _when(request)
    context = {"subject": unit, "kind": "unit", **_common(request, year, as_of, problems)}
    try:
        result = selectors.scan_collective(unit, year, as_of)
    except DomainError as exc:
        context["problems"] = [*problems, exc.message]
        result = None
    return _subject_page(request, context, result, result.units if result else [])


def _subject_page(
    request: HtmxHttpRequest,
    context: dict[str, Any],
    result: ScanResult | None,
    outcomes: list[Outcome],
) -> HttpResponse:
    if result is not None:
        context["regime"] = result.regime
        context["outcome"] = present_outcome(outcomes[0]) if outcomes else None
    template = "eligibility/_subject.html" if request.htmx else "eligibility/subject.html"
    return render(request, template, context)


# --- parameters (administrators) --------------------------------------------------------------


@login_required
def parameter_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "admin")
    context = {"lines": selectors.parameter_lines(), "regimes": default_regimes().regimes}
    return render(request, "eligibility/parameter_list.html", context)


@login_required
def parameter_add(request: HttpRequest) -> HttpResponse:
    require(request.user, "admin")
    keys = sorted(services.known_keys())
    initial = {"key": request.GET.get("khoa", "")}
    form = AddParameterForm(request.POST or None, keys=keys, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_parameter_value(
                actor=request.user,
                key=data["key"],
                value=data["value"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                citation=data["citation"],
                confidence=data["confidence"],
                note=data["note"],
                reason=data["reason"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Đã thêm giá trị mới cho tham số %(k)s.") % {"k": data["key"]}
            )
            return redirect("eligibility:parameter_list")
    return render(request, "eligibility/parameter_form.html", {"form": form, "parameter": None})


@login_required
def parameter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "admin")
    try:
        parameter = Parameter.objects.get(pk=pk)
    except Parameter.DoesNotExist as exc:
        raise Http404 from exc
    initial = {
        "value": show_value(parameter.value),
        "valid_from": parameter.valid_from,
        "valid_to": parameter.valid_to,
        "citation": parameter.citation,
        "confidence": parameter.confidence,
        "note": parameter.note,
    }
    form = ParameterForm(request.POST or None, initial=initial, reason_required=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.correct_parameter(
                actor=request.user,
                parameter=parameter,
                value=data["value"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                citation=data["citation"],
                confidence=data["confidence"],
                note=data["note"],
                reason=data["reason"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã sửa tham số %(k)s.") % {"k": parameter.key})
            return redirect("eligibility:parameter_list")
    return render(
        request, "eligibility/parameter_form.html", {"form": form, "parameter": parameter}
    )
