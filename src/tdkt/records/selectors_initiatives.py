"""Reads of initiatives, always through the user's scope.

An initiative belongs to its unit (`Initiative.unit`); one recorded before units kept them
belongs to its authors' units."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from tdkt.org.models import Unit, UnitScope
from tdkt.records.models import Initiative, InitiativeAuthor
from tdkt.text import search_terms
from tdkt.workflow.access import access_for


def _visible(user: Any, action: str) -> Q:
    access = access_for(user)
    return access.unit_filter(action, "unit") | (
        Q(unit__isnull=True) & access.unit_filter(action, "authorships__person__unit")
    )


def initiatives_for(user: Any, action: str = "view") -> QuerySet[Initiative]:
    ids = Initiative.objects.filter(_visible(user, action)).values("pk")
    return Initiative.objects.filter(pk__in=ids)


def get_initiative_for_user(user: Any, pk: Any, action: str = "view") -> Initiative:
    try:
        return (
            initiatives_for(user, action)
            .select_related("unit", "recognizer", "used_for", "used_for__decision")
            .get(pk=pk)
        )
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def unit_initiatives(
    user: Any, unit: Unit, *, year: int | None = None, query: str = ""
) -> QuerySet[Initiative]:
    """Initiatives of `unit` and the units under it that the user may see, newest first; `query`
    matches code and title without diacritics."""
    below = UnitScope.objects.filter(ancestor=unit).values("descendant_id")
    own = Q(unit__in=below) | Q(unit__isnull=True, authorships__person__unit__in=below)
    ids = Initiative.objects.filter(own).values("pk")
    qs = initiatives_for(user).filter(pk__in=ids)
    if year:
        qs = qs.filter(year=year)
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    return (
        qs.select_related("unit", "recognizer", "used_for")
        .prefetch_related(_authors())
        .order_by("-year", "-recognized_on", "code")
    )


def _authors() -> Prefetch[Any]:
    return Prefetch(
        "authorships",
        queryset=InitiativeAuthor.objects.select_related("person", "person__unit").order_by(
            "order", "id"
        ),
    )


def authorships(initiative: Initiative) -> list[InitiativeAuthor]:
    """The authors in order, each with his or her share (None: equal shares)."""
    return list(
        initiative.authorships.select_related("person", "person__unit").order_by("order", "id")
    )
