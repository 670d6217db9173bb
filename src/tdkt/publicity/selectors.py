"""Reads for the staff screens, scoped to the user: an example is seen by whoever may `view` its
unit (the level above included, since a unit's scope covers everything below it); decisions by
whoever may publish them or view their issuer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from tdkt.org.models import UnitScope
from tdkt.publicity.models import DecisionPublication, Example, ExampleKind, ExampleStatus, Photo
from tdkt.records.models import AwardDecision
from tdkt.text import search_terms
from tdkt.web.http import bounded_int
from tdkt.web.search import matching
from tdkt.workflow.access import access_for


@dataclass(frozen=True)
class ExampleFilters:
    unit_id: int | None = None  # this unit, everything under it and every unit it succeeded
    year: int | None = None
    movement_id: int | None = None
    kind: str = ""
    status: str = ""
    query: str = ""


def filters_from(params: Mapping[str, str], statuses: bool = True) -> ExampleFilters:
    """The list filters from a query string (the staff and the public lists read the same)."""
    kind = params.get("loai", "")
    status = params.get("trang_thai", "") if statuses else ""
    return ExampleFilters(
        unit_id=_int(params.get("don_vi")),
        year=_int(params.get("nam")),
        movement_id=_int(params.get("phong_trao")),
        kind=kind if kind in ExampleKind.values else "",
        status=status if status in ExampleStatus.values else "",
        query=params.get("q", "")[:100],
    )


def _int(value: str | None) -> int | None:
    return bounded_int(value, None, 0, 999_999_999)


def filtered(qs: QuerySet[Example], f: ExampleFilters) -> QuerySet[Example]:
    """The filters staff and public lists share."""
    if f.unit_id:
        qs = qs.filter(
            unit__in=UnitScope.objects.filter(ancestor_id=f.unit_id).values("descendant_id")
        )
    if f.year:
        qs = qs.filter(year=f.year)
    if f.movement_id:
        qs = qs.filter(movements=f.movement_id)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status:
        qs = qs.filter(status=f.status)
    for term in search_terms(f.query)[:8]:
        qs = qs.filter(search_text__contains=term)
    return qs


def with_cover(qs: QuerySet[Example]) -> QuerySet[Example]:
    """The first photo's id, for the thumbnail in lists, without a query per row."""
    first = Photo.objects.filter(example=OuterRef("pk")).order_by("order", "id").values("pk")[:1]
    return qs.annotate(cover_id=Subquery(first))


def examples_for(user: Any, filters: ExampleFilters | None = None) -> QuerySet[Example]:
    qs = Example.objects.filter(access_for(user).unit_filter("view", "unit"))
    return (
        filtered(qs, filters or ExampleFilters())
        .select_related("unit", "person", "collective")
        .order_by("-updated_at", "-id")
    )


def get_example_for_user(user: Any, pk: Any) -> Example:
    try:
        return (
            Example.objects.filter(access_for(user).unit_filter("view", "unit"))
            .select_related("unit", "person", "collective")
            .get(pk=pk)
        )
    except (Example.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_photo_for_user(user: Any, pk: Any) -> Photo:
    try:
        photo = Photo.objects.select_related("example").get(pk=pk)
    except (Photo.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    get_example_for_user(user, photo.example_id)
    return photo


def awaiting_decision(user: Any) -> QuerySet[Example]:
    """Examples sent up (or approved, waiting to be published) by the units directly below the
    user's units: the level above's queue."""
    access = access_for(user)
    below = access.unit_filter("approve", "unit__parent")
    root_own = Q(unit__parent__isnull=True) & access.unit_filter("approve", "unit")
    return (
        Example.objects.filter(below | root_own, status__in=["submitted", "approved"])
        .select_related("unit")
        .order_by("updated_at", "id")
    )


# -- decisions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionFilters:
    query: str = ""  # the number (or part of it)
    year: int | None = None  # the year it was signed
    issuer_id: int | None = None
    published: str = ""  # "", "yes", "no"


def _decision_scope(user: Any) -> Q:
    """Decisions of issuers in the user's reach; those of state authorities (no issuer) for the
    users who reach the supreme procuracy (they publish them)."""
    access = access_for(user)
    roots = access.units_for("view")
    if not roots:
        return Q(pk__in=[])
    reachable = UnitScope.objects.filter(ancestor_id__in=roots).values("descendant_id")
    scope = Q(issuer__in=reachable)
    if any(access.can("view", u) for u in _root_ids()):
        scope |= Q(issuer__isnull=True)
    return scope


def _root_ids() -> list[int]:
    from tdkt.org.models import Unit, UnitLevel

    return list(
        Unit.objects.filter(level=UnitLevel.TOI_CAO, parent__isnull=True).values_list(
            "pk", flat=True
        )
    )


def decisions_for(user: Any, filters: DecisionFilters | None = None) -> QuerySet[AwardDecision]:
    f = filters or DecisionFilters()
    qs = AwardDecision.objects.filter(_decision_scope(user))
    qs = filter_decisions(qs, f.query, f.year, f.issuer_id)
    if f.published == "yes":
        qs = qs.filter(publication__status="published")
    elif f.published == "no":
        qs = qs.exclude(publication__status="published")
    return qs.select_related("issuer", "publication").order_by("-signed_on", "-id")


def filter_decisions(
    qs: QuerySet[AwardDecision], query: str, year: int | None, issuer_id: int | None
) -> QuerySet[AwardDecision]:
    # The number (or part of it) and the summary, diacritics ignored: "qd" finds "QĐ".
    qs = matching(qs, query, "number", "summary")
    if year:
        qs = qs.filter(signed_on__year=year)
    if issuer_id:
        qs = qs.filter(issuer_id=issuer_id)
    return qs


def get_decision_for_user(user: Any, pk: Any) -> AwardDecision:
    try:
        return (
            AwardDecision.objects.filter(_decision_scope(user)).select_related("issuer").get(pk=pk)
        )
    except (AwardDecision.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def publication_of(decision: AwardDecision) -> DecisionPublication | None:
    return DecisionPublication.objects.filter(decision=decision).first()
