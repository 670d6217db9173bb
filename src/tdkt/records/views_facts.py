"""One screen per unit and year: the staff's rating, discipline, leave and initiatives of the
year as a grid whose rows are saved one by one (HTMX), the totals with the HTXS cap in force, the
unit's own rating and its violations of the year.

For the unit's TĐKT officer on his subtree (action "edit") and administrators; anyone else gets
404, on the screen and on every row. The services check the right again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from tdkt.errors import Conflict, DomainError
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.records import facts_grid, year_facts
from tdkt.records.forms_facts import PersonYearForm, UnitRatingForm
from tdkt.records.models import DISCIPLINE_CHOICES, LEAVE_CHOICES, RATING_CHOICES
from tdkt.web.actions import post_only
from tdkt.web.http import HtmxHttpRequest
from tdkt.workflow.access import get_unit_for_user
from tdkt.workflow.clock import review_year

MAX_ID = 2**31 - 1
SUBTREE = "ca_cap_duoi"  # ?ca_cap_duoi=1: the staff of every unit below on one grid
ABOLISHED = {str(level) for level in year_facts.ABOLISHED_LEVELS}
# Unprocessable row (a field's error) and stale row: answered with the row and its message, which
# the grid swaps in place (see the page's htmx-config).
INVALID, STALE = 422, 409


def _id(value: int) -> int:
    """An id from the URL: beyond the database's integers it cannot exist."""
    if not 0 < value <= MAX_ID:
        raise Http404
    return value


def _year(value: int) -> int:
    if not year_facts.MIN_YEAR <= value <= year_facts.MAX_YEAR:
        raise Http404
    return value


def _unit(request: HtmxHttpRequest, pk: int) -> Unit:
    return get_unit_for_user(request.user, _id(pk), action="edit")


@login_required
def facts_grid_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    default = review_year()
    raw = request.GET.get("nam", "")
    if raw == "":
        year = default
    elif raw.isascii() and raw.isdigit() and len(raw) == 4 and 1945 <= int(raw) <= 2100:
        year = int(raw)
    else:
        return HttpResponseBadRequest(
            _("Năm không hợp lệ: hãy chọn một năm từ 1945 đến 2100.").encode(),
            content_type="text/plain; charset=utf-8",
        )
    subtree = request.GET.get(SUBTREE) == "1"
    rows = facts_grid.staff_rows(unit, year, subtree=subtree)
    unit_rating = facts_grid.unit_rating(unit, year)
    choices = _choices(year)
    context = {
        **choices,
        "unit": unit,
        "year": year,
        "subtree": subtree,
        "default_year": default,
        "years": facts_grid.year_choices(default, year),
        "rows": [_row(r, choices["options"]) for r in rows],
        "totals": facts_grid.totals(rows, year),
        "unit_rating": _unit_values(unit_rating),
        "violations": facts_grid.unit_violations(unit, year),
        "violations_url": reverse("records:violation_list", args=[unit.pk]) + f"?nam={year}",
        "initiatives_url": reverse("records:initiative_list", args=[unit.pk]) + f"?nam={year}",
    }
    return render(request, "records/facts_grid.html", context)


@login_required
def facts_row(request: HtmxHttpRequest, pk: int, year: int, person_pk: int) -> HttpResponse:
    unit, year = _unit(request, pk), _year(year)
    # Anyone whose unit of the year is below the grid's unit: the officer's reach, whichever grid.
    found = facts_grid.staff_rows(unit, year, person_id=_id(person_pk), subtree=True)
    if not found:
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    subtree = request.GET.get(SUBTREE) == "1"
    form = PersonYearForm(request.POST)
    person = Person.objects.get(pk=person_pk)
    status = _save_row(request, form, person, year)
    if not request.htmx:
        _tell(request, form, status, _("Đã lưu số liệu của %(n)s.") % {"n": person.full_name})
        return redirect(_grid_url(unit, year, subtree))
    if status != 200:
        options = _choices(year)["options"]
        row = _row(found[0], options, posted=request.POST, errors=_messages(form))
        return _render_row(request, unit, year, subtree, row, status)
    rows = facts_grid.staff_rows(unit, year, subtree=subtree)
    saved = facts_grid.staff_rows(unit, year, person_id=person.pk, subtree=True)[0]
    totals = facts_grid.totals(rows, year)
    row = _row(saved, _choices(year)["options"], saved=True)
    return _render_row(request, unit, year, subtree, row, 200, totals)


def _save_row(request: HtmxHttpRequest, form: PersonYearForm, person: Person, year: int) -> int:
    if not form.is_valid():
        return INVALID
    try:
        year_facts.save_person_year(
            actor=request.user,
            person=person,
            year=year,
            token=form.cleaned_data["token"],
            rating=form.cleaned_data["rating"],
            discipline=form.discipline(),
            leave=form.leave(),
        )
    except DomainError as exc:
        form.add_error(None, exc.message)
        return STALE if isinstance(exc, Conflict) else INVALID
    return 200


@login_required
def facts_unit_rating(request: HtmxHttpRequest, pk: int, year: int) -> HttpResponse:
    unit, year = _unit(request, pk), _year(year)
    if (refused := post_only(request)) is not None:
        return refused
    form = UnitRatingForm(request.POST)
    status, saved = INVALID, False
    if form.is_valid():
        try:
            year_facts.set_rating(
                actor=request.user,
                unit=unit,
                year=year,
                rating=form.cleaned_data["rating"],
                token=form.cleaned_data["token"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = STALE if isinstance(exc, Conflict) else INVALID
        else:
            status, saved = 200, True
    if not request.htmx:
        _tell(request, form, status, _("Đã lưu xếp loại của đơn vị."))
        return redirect(_grid_url(unit, year, False))
    if saved:
        values = _unit_values(facts_grid.unit_rating(unit, year), saved=True)
    else:
        values = {
            "rating": request.POST.get("rating", ""),
            "token": request.POST.get("token", ""),
            "errors": _messages(form),
        }
    context = {"unit": unit, "year": year, "unit_rating": values, "rating_choices": RATING_CHOICES}
    return render(request, "records/_facts_unit.html", context, status=status)


# --- What the templates show ----------------------------------------------------------------


def _choices(year: int) -> dict[str, Any]:
    """The options of the row's lists; the forms of discipline abolished from 01/07/2025 are not
    offered for a year after 2025."""
    disciplines = [c for c in DISCIPLINE_CHOICES if year <= 2025 or c[0] not in ABOLISHED]
    return {
        "rating_choices": RATING_CHOICES,
        "options": {
            "rating": Options([(code, code) for code, _label in RATING_CHOICES]),
            "discipline_level": Options(disciplines),
            "leave_kind": Options(LEAVE_CHOICES),
        },
    }


class Options:
    """A list's <option>s, rendered once per selected value: a grid of 900 rows would otherwise
    loop over some 17,000 options in the template (most of its rendering time)."""

    def __init__(self, choices: list[tuple[str, Any]]) -> None:
        self.choices = [("", "—"), *choices]
        self._html: dict[str, str] = {}

    def html(self, selected: str) -> str:
        found = self._html.get(selected)
        if found is None:
            found = self._html[selected] = "".join(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    code,
                    mark_safe(" selected") if code == selected else "",
                    label,
                )
                for code, label in self.choices
            )
        return mark_safe(found)


def _date(value: Any) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _row(
    row: facts_grid.StaffRow,
    options: dict[str, Options],
    *,
    posted: Any = None,
    errors: list[str] | None = None,
    saved: bool = False,
) -> dict[str, Any]:
    """The row as the template shows it: the stored facts, or what the user typed (on error)."""
    d, lv = row.discipline, row.leave
    values = {
        "token": row.token,
        "rating": row.rating.rating if row.rating else "",
        "discipline_level": d.level if d else "",
        "discipline_on": _date(d.decided_on) if d else "",
        "discipline_number": d.decision_number if d else "",
        "leave_kind": lv.kind if lv else "",
        "leave_from": _date(lv.starts_on) if lv else "",
        "leave_to": _date(lv.ends_on) if lv else "",
    }
    if posted is not None:
        values = {key: str(posted.get(key, ""))[:100] for key in values}
    lists = {f"{name}_options": o.html(values[name]) for name, o in options.items()}
    return {"r": row, "v": values | lists, "errors": errors or [], "saved": saved}


def _unit_values(rating: Any, saved: bool = False) -> dict[str, Any]:
    return {
        "rating": rating.rating if rating else "",
        "token": year_facts.facts_token(rating),
        "saved": saved,
        "errors": [],
    }


def _messages(form: Any) -> list[str]:
    return [str(m) for errors in form.errors.values() for m in errors]


def _tell(request: HtmxHttpRequest, form: Any, status: int, success: str) -> None:
    """Without HTMX (no script), the outcome goes to the page's messages."""
    if status == 200:
        messages.success(request, success)
    for message in _messages(form):
        messages.error(request, message)


def _grid_url(unit: Unit, year: int, subtree: bool) -> str:
    url = reverse("records:facts_grid", args=[unit.pk]) + f"?nam={year}"
    return url + (f"&{SUBTREE}=1" if subtree else "")


def _render_row(
    request: HtmxHttpRequest,
    unit: Unit,
    year: int,
    subtree: bool,
    row: dict[str, Any],
    status: int,
    totals: facts_grid.Totals | None = None,
) -> HttpResponse:
    context = {
        **_choices(year),
        "unit": unit,
        "year": year,
        "subtree": subtree,
        "row": row,
        "totals": totals,
    }
    return render(request, "records/_facts_row_response.html", context, status=status)
