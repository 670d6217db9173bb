from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tdkt.documents.xlsx import content_disposition
from tdkt.eligibility import selectors, services, snapshots
from tdkt.eligibility.forms import AddParameterForm, CloseRegimeForm, OpenRegimeForm, ParameterForm
from tdkt.eligibility.models import Parameter, SnapshotStatus
from tdkt.eligibility.parameters import current_engine
from tdkt.eligibility.present import AWARD_NAMES, present_outcome, show_value
from tdkt.eligibility.report import XLSX_CONTENT_TYPE, report_name, xlsx_bytes
from tdkt.eligibility.scan import Outcome, ScanResult, check_dates, default_as_of
from tdkt.errors import DomainError
from tdkt.web.actions import post_only
from tdkt.web.http import HtmxHttpRequest, bounded_int
from tdkt.workflow.access import access_for, get_person_for_user, get_unit_for_user, require
from tdkt.workflow.clock import review_year

FIRST_YEAR = 2019  # the first legal regime the engine encodes starts on 28/06/2019


def _when(request: HttpRequest) -> tuple[int, dt.date, list[str]]:
    """The year (`nam`) and the day of evaluation (`ngay`, dd/mm/yyyy) asked, or the defaults;
    what could not be read is reported, not fatal."""
    problems = []
    this_year = dt.date.today().year
    raw_year = request.GET.get("nam", "")
    asked = bounded_int(raw_year, None, FIRST_YEAR, this_year + 1) if raw_year else None
    if raw_year and asked is None:
        problems.append(_("Năm xét không hợp lệ: %(v)s") % {"v": raw_year})
    year = asked if asked is not None else selectors.latest_year()
    as_of = default_as_of(year)
    raw_day = request.GET.get("ngay", "").strip()
    if raw_day:
        try:
            as_of = dt.datetime.strptime(raw_day, "%d/%m/%Y").date()
        except ValueError:
            problems.append(_("Ngày xét không hợp lệ (dd/mm/yyyy): %(v)s") % {"v": raw_day})
    return year, as_of, problems


def _common(request: HttpRequest, year: int, as_of: dt.date, problems: list[str]) -> dict[str, Any]:
    return {
        "year": year,
        "as_of": as_of,
        "problems": problems,
        # The year under review first (the review calendar), or a later year the user asked for.
        "years": list(range(max(review_year(), year), FIRST_YEAR - 1, -1)),
        "params": urlencode({"nam": str(year), "ngay": as_of.strftime("%d/%m/%Y")}),
    }


@login_required
def unit_eligibility(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The unit screen, read from the unit's stored verdicts (`eligibility.snapshots`): the
    counts, the caps and the first page of every list; the export still scans live (the .xlsx
    has every verdict)."""
    unit = get_unit_for_user(request.user, pk)
    year, as_of, problems = _when(request)
    context = {"unit": unit, **_common(request, year, as_of, problems)}
    if request.GET.get("xuat") == "xlsx":
        require(request.user, "export", unit.pk)
        try:
            result = selectors.scan_unit(unit, year, as_of)
        except DomainError as exc:
            context["problems"] = [*problems, exc.message]
            return render(request, "eligibility/unit.html", context)
        return _xlsx(result)
    try:
        shown = _shown(request, unit, year, as_of, fill=True)
    except DomainError as exc:  # a day outside the regimes the engine knows
        context["problems"] = [*problems, exc.message]
        return render(request, "eligibility/unit.html", context)
    context.update(_stored_context(request, unit, shown, as_of))
    if shown.done is not None:
        context.update(selectors.stored_overview(shown.done))
    return render(request, "eligibility/unit.html", context)


def _default_day(year: int, as_of: dt.date) -> bool:
    return as_of == default_as_of(year)


def _shown(
    request: HttpRequest, unit: Any, year: int, as_of: dt.date, *, fill: bool = False
) -> snapshots.Shown:
    """The snapshots behind the unit's screen. With `fill`, a day never computed (nor being
    computed), or computed before the facts last changed, is computed now for a small subtree
    (the screen shows it fresh), or queued for a big one (the screen shows the stored verdicts
    with their warning while the worker recomputes them)."""
    default_day = _default_day(year, as_of)
    shown = snapshots.lookup(unit, year, as_of, default_day)
    missing = shown.done is None or shown.other_day(as_of) or shown.stale
    if fill and missing and not shown.attempted:
        check_dates(current_engine(), year, as_of)
        if snapshots.is_small(unit):
            snapshots.compute_now(unit, year, as_of, actor=request.user, default_day=default_day)
        else:
            stored, created = snapshots.start(
                unit, year, as_of, default_day=default_day, actor=request.user
            )
            if created:
                snapshots.enqueue(stored)
        shown = snapshots.lookup(unit, year, as_of, default_day)
    return shown


def _stored_context(
    request: HttpRequest, unit: Any, shown: snapshots.Shown, as_of: dt.date
) -> dict[str, Any]:
    done = shown.done
    return {
        "snapshot": done,
        "result": done,
        "regime": done.regime if done is not None else None,
        "stale": shown.stale,
        "changed_at": shown.changed_at,
        "other_day": shown.other_day(as_of),
        "active": shown.active,
        "failed": shown.failed,
        "can_scan": access_for(request.user).can("scan", unit.pk),
        "can_export": access_for(request.user).can("export", unit.pk),
        "page_size": selectors.PAGE_SIZE,
    }


@login_required
def unit_list(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One page of one list of the unit screen (`loai`: du, xem, tap-the (the default), sap-du;
    `giai`: the award of a person list; `trang`: the page); HTMX swaps it in place, a plain
    request gets it as a page of its own."""
    unit = get_unit_for_user(request.user, pk)
    year, as_of, problems = _when(request)
    context: dict[str, Any] = {"unit": unit, **_common(request, year, as_of, problems)}
    try:
        shown = _shown(request, unit, year, as_of, fill=True)
    except DomainError as exc:
        shown = None
        context["problems"] = [*problems, exc.message]
    if shown is None or shown.done is None:  # being computed, or a day the engine refuses
        context["list"] = None
        template = "eligibility/_list.html" if request.htmx else "eligibility/unit_list.html"
        return render(request, template, context)
    kind = request.GET.get("loai") or selectors.COLLECTIVE
    found = selectors.stored_list(
        shown.done, kind, request.GET.get("giai", ""), request.GET.get("trang")
    )
    if found is None:
        raise Http404(_("Không có danh sách này."))
    context.update(
        {
            "list": found,
            "snapshot": shown.done,
            "award_name": AWARD_NAMES.get(found.award, ""),
            "collective_awards": selectors.collective_awards(shown.done),
        }
    )
    template = "eligibility/_list.html" if request.htmx else "eligibility/unit_list.html"
    return render(request, template, context)


@login_required
def unit_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The progress panel HTMX polls while the unit's verdicts are computed; once they are done,
    the screen reloads itself to show them."""
    unit = get_unit_for_user(request.user, pk)
    year, as_of, problems = _when(request)
    shown = _shown(request, unit, year, as_of)
    if shown.active is None and request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    context = {"unit": unit, **_common(request, year, as_of, problems)}
    context.update(_stored_context(request, unit, shown, as_of))
    return render(request, "eligibility/_snapshot_status.html", context)


@login_required
def unit_recompute(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """ "Tính lại" (POST): the unit's verdicts for the year and day of the query string, computed
    again (at once for a small subtree, in the background for a big one)."""
    unit = get_unit_for_user(request.user, pk)
    if (refused := post_only(request)) is not None:
        return refused
    year, as_of, problems = _when(request)
    params = _common(request, year, as_of, problems)["params"]
    target = f"{reverse('eligibility:unit', args=[unit.pk])}?{params}"
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect(target)
    try:
        stored = services.recompute(
            actor=request.user,
            unit=unit,
            year=year,
            as_of=as_of,
            default_day=_default_day(year, as_of),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if stored.status == SnapshotStatus.DONE:
            messages.success(request, _("Đã tính lại kết quả xét điều kiện."))
        elif stored.status == SnapshotStatus.FAILED:
            messages.error(request, stored.error)
        else:
            messages.success(
                request,
                _("Đang tính lại trong nền; kết quả sẽ hiện khi tính xong."),
            )
    return redirect(target)


def _xlsx(result: ScanResult) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(result), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(report_name(result) + ".xlsx")
    return response


@login_required
def person_eligibility(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    return _subject_page(request, person, "person", selectors.scan_person, lambda r: r.people)


@login_required
def collective_eligibility(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    return _subject_page(request, unit, "unit", selectors.scan_collective, lambda r: r.units)


def _subject_page(
    request: HtmxHttpRequest,
    subject: Any,
    kind: str,
    scan: Callable[[Any, int, dt.date], ScanResult],
    outcomes: Callable[[ScanResult], list[Outcome]],
) -> HttpResponse:
    """One person's or one unit's outcome; a scan the engine refuses becomes a problem shown."""
    year, as_of, problems = _when(request)
    context = {"subject": subject, "kind": kind, **_common(request, year, as_of, problems)}
    try:
        result = scan(subject, year, as_of)
    except DomainError as exc:
        context["problems"] = [*problems, exc.message]
    else:
        found = outcomes(result)
        context["regime"] = result.regime
        context["outcome"] = present_outcome(found[0]) if found else None
    template = "eligibility/_subject.html" if request.htmx else "eligibility/subject.html"
    return render(request, template, context)


# --- parameters (administrators) --------------------------------------------------------------


@login_required
def parameter_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "admin")
    context = {"lines": selectors.parameter_lines(), "regimes": selectors.regime_lines()}
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
                **_values(data),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Đã thêm giá trị mới cho tham số %(k)s.") % {"k": data["key"]}
            )
            return redirect("eligibility:parameter_list")
    return render(request, "eligibility/parameter_form.html", {"form": form, "parameter": None})


def _values(data: dict[str, Any]) -> dict[str, Any]:
    """What both parameter forms post, as the services take it."""
    keys = ("value", "valid_from", "valid_to", "citation", "confidence", "note", "reason")
    return {k: data[k] for k in keys}


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
                **_values(data),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã sửa tham số %(k)s.") % {"k": parameter.key})
            return redirect("eligibility:parameter_list")
    return render(
        request, "eligibility/parameter_form.html", {"form": form, "parameter": parameter}
    )


# --- legal regimes (administrators) -------------------------------------------------------------


@login_required
def regime_close(request: HttpRequest, code: str) -> HttpResponse:
    """A POST shows what the closing would end; a POST with `xac_nhan` closes."""
    require(request.user, "admin")
    regime = selectors.regime_by_code(code)
    if regime is None:
        raise Http404
    form = CloseRegimeForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "regime": regime}
    if request.method == "POST" and form.is_valid():
        fields = {"actor": request.user, "code": regime.id, **form.cleaned_data}
        try:
            if "xac_nhan" not in request.POST:
                ending = services.preview_close_regime(**fields)
                context["ending"] = [selectors.ParameterLine.of(p) for p in ending]
                return render(request, "eligibility/regime_close_confirm.html", context)
            closed = services.close_regime(**fields)[1]
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            ceases_on = form.cleaned_data["ceases_on"].strftime("%d/%m/%Y")
            messages.success(
                request,
                _("Đã kết thúc hiệu lực %(r)s từ ngày %(d)s; %(n)s giá trị tham số kết thúc theo.")
                % {"r": regime.label, "d": ceases_on, "n": len(closed)},
            )
            return redirect(f"{reverse('eligibility:regime_open')}?{urlencode({'tu': ceases_on})}")
    return render(request, "eligibility/regime_close.html", context)


@login_required
def regime_open(request: HttpRequest) -> HttpResponse:
    require(request.user, "admin")
    form = OpenRegimeForm(request.POST or None, initial=_open_initial(request.GET.get("tu", "")))
    if request.method == "POST" and form.is_valid():
        try:
            regime = services.open_regime(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Đã thêm chế độ pháp lý «%(r)s», áp dụng từ ngày %(d)s.")
                % {"r": regime.label, "d": regime.starts_on.strftime("%d/%m/%Y")},
            )
            return redirect("eligibility:parameter_list")
    return render(request, "eligibility/regime_open.html", {"form": form})


def _open_initial(raw: str) -> dict[str, Any]:
    """The form opened right after a closing starts where the closed regime ended (`tu`)."""
    try:
        day = dt.datetime.strptime(raw[:10], "%d/%m/%Y").date()
    except ValueError:
        return {"confidence": "C"}
    return {"starts_on": day, "code": f"{day:%Y-%m}", "confidence": "C"}
