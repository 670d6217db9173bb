"""The initiative screens of a unit: the list by year (search without diacritics), the form to
record or correct one with its authors and shares, its page (recognition, authors, whether it has
been the basis of an award), and its removal. Each write is one call of
`tdkt.records.initiatives`; a refusal becomes the form's error and nothing is written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.records import initiatives as services
from tdkt.records.forms_initiatives import (
    AUTHOR_ROWS,
    InitiativeCorrectionForm,
    InitiativeForm,
    InitiativeRemovalForm,
)
from tdkt.records.models import Initiative, InitiativeKind
from tdkt.records.selectors_initiatives import (
    authorships,
    get_initiative_for_user,
    unit_initiatives,
)
from tdkt.web.actions import submit_form
from tdkt.web.http import HtmxHttpRequest, bounded_int
from tdkt.web.pagination import paginate
from tdkt.workflow.access import access_for, get_unit_for_user, restrict_people
from tdkt.workflow.clock import review_year


def year_param(value: str | None) -> int | None:
    """A year from the query string, or None when absent or not a sane year."""
    return bounded_int(value, None, 1945, 2100)


def _years(chosen: int | None) -> list[int]:
    """The filter's years: the year under review first, the nine before it, and the one asked."""
    last = review_year()
    return sorted({*range(last, last - 10, -1), *([chosen] if chosen else [])}, reverse=True)


@login_required
def initiative_list(request: HtmxHttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_pk)
    year = year_param(request.GET.get("nam"))
    query = request.GET.get("q", "")[:100]
    context = {
        "unit": unit,
        "year": year,
        "query": query,
        "page": paginate(request, unit_initiatives(request.user, unit, year=year, query=query)),
        "can_edit": access_for(request.user).can("edit", unit.pk),
        "years": _years(year),
    }
    if request.htmx:
        return render(request, "records/_initiative_table.html", context)
    return render(request, "records/initiative_list.html", context)


@login_required
def initiative_create(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_pk, action="edit")
    form = InitiativeForm(
        request.POST or None,
        people=_people(request.user),
        recognizers=_chain(unit),
        initial={"year": review_year(), "kind": InitiativeKind.SANG_KIEN},
    )
    created: list[Initiative] = []

    def call(d: dict[str, Any]) -> None:
        created.append(services.record_initiative(actor=request.user, unit=unit, **_fields(d)))

    if submit_form(request, form, call, _("Đã ghi nhận sáng kiến, đề tài.")):
        return redirect("records:initiative_detail", pk=created[0].pk)
    return _page(request, form, unit, _("Ghi nhận sáng kiến, đề tài"), _("Ghi nhận"))


@login_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_initiative_for_user(request.user, pk)
    rows = authorships(initiative)
    equal = (Decimal(100) / len(rows)).quantize(Decimal("0.01")) if rows else None
    context = {
        "initiative": initiative,
        "authors": [(a, a.share if a.share is not None else equal) for a in rows],
        "equal_shares": any(a.share is None for a in rows),
        "used_for": initiative.used_for,
        "candidacies": list(initiative.candidacies.select_related("dossier").order_by("-id")[:20]),
        "can_edit": services.may_edit(request.user, initiative),
    }
    return render(request, "records/initiative_detail.html", context)


@login_required
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_initiative_for_user(request.user, pk, action="edit")
    rows = authorships(initiative)
    initial: dict[str, Any] = {
        "version": initiative.version,
        "code": initiative.code,
        "kind": initiative.kind,
        "title": initiative.title,
        "scope": initiative.scope,
        "year": initiative.year,
        "recognizing_decision": initiative.recognizing_decision,
        "recognized_on": initiative.recognized_on,
        "recognizer": initiative.recognizer_id,
        "recognizer_name": initiative.recognizer_name,
    }
    for i, a in enumerate(rows, start=1):
        initial[f"author_{i}"] = a.person_id
        initial[f"share_{i}"] = "" if a.share is None else _share_text(a.share)
    owner = initiative.unit or (rows[0].person.unit if rows else None)
    recognizers = _chain(owner) if owner is not None else []
    if initiative.recognizer is not None and initiative.recognizer not in recognizers:
        recognizers.append(initiative.recognizer)
    form = InitiativeCorrectionForm(
        request.POST or None,
        people=_people(request.user, [a.person_id for a in rows]),
        recognizers=recognizers,
        rows=max(AUTHOR_ROWS, len(rows) + 2),
        initial=initial,
    )

    def call(d: dict[str, Any]) -> None:
        services.correct_initiative(
            actor=request.user,
            initiative=initiative,
            version=d["version"],
            reason=d["reason"],
            **_fields(d),
        )

    if submit_form(request, form, call, _("Đã sửa sáng kiến, đề tài.")):
        return redirect("records:initiative_detail", pk=initiative.pk)
    title = _("Sửa sáng kiến, đề tài")
    return _page(request, form, owner, title, _("Lưu"), initiative=initiative)


@login_required
def initiative_remove(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_initiative_for_user(request.user, pk, action="edit")
    owner_id = initiative.unit_id
    form = InitiativeRemovalForm(request.POST or None, initial={"version": initiative.version})

    def call(d: dict[str, Any]) -> None:
        services.remove_initiative(
            actor=request.user, initiative=initiative, version=d["version"], reason=d["reason"]
        )

    if submit_form(request, form, call, _("Đã xóa sáng kiến, đề tài ghi nhầm.")):
        if owner_id is not None:
            return redirect("records:initiative_list", unit_pk=owner_id)
        return redirect("home")
    context = {"form": form, "initiative": initiative}
    return render(request, "records/initiative_remove.html", context)


# --- helpers -----------------------------------------------------------------------------------


def _fields(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": d["code"],
        "kind": d["kind"],
        "title": d["title"],
        "scope": d["scope"],
        "year": d["year"],
        "recognized_on": d["recognized_on"],
        "recognizing_decision": d["recognizing_decision"],
        "recognizer": d["recognizer_unit"],
        "recognizer_name": d["recognizer_name"],
        "authors": d["authors"],
        "shares": d["shares"],
    }


def _people(user: Any, keep: list[int] | None = None) -> QuerySet[Person]:
    """Whom the author pickers accept: people of the units the user may edit, and the authors
    already recorded (one who has moved away stays an author)."""
    qs = restrict_people(user, action="edit")
    if keep:
        qs = qs | Person.objects.filter(pk__in=keep)
    return qs


def _chain(unit: Unit | None) -> list[Unit]:
    """The unit and the units above it: who may have recognised its initiatives."""
    chain: list[Unit] = []
    while unit is not None and unit not in chain and len(chain) < 10:
        chain.append(unit)
        unit = unit.parent
    return chain


def _share_text(share: Decimal) -> str:
    return f"{share.normalize():f}".replace(".", ",")


def _page(
    request: HttpRequest,
    form: InitiativeForm,
    unit: Unit | None,
    title: str,
    submit: str,
    **extra: Any,
) -> HttpResponse:
    context = {"form": form, "unit": unit, "title": title, "submit": submit, **extra}
    return render(request, "records/initiative_form.html", context)
