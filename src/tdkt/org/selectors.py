"""Reads of the organisation, always through the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from tdkt.org.models import Cluster, Unit, UnitLevel, UnitScope
from tdkt.text import search_terms
from tdkt.workflow.access import restrict_units


def search_units(
    user: Any, *, query: str = "", level: str = "", status: str = "active"
) -> QuerySet[Unit]:
    qs = restrict_units(user).select_related("parent")
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    if level in UnitLevel.values:
        qs = qs.filter(level=level)
    if status == "active":
        qs = qs.filter(dissolved_on__isnull=True)
    elif status == "dissolved":
        qs = qs.filter(dissolved_on__isnull=False)
    # Meta.ordering is not applied to aggregate queries: order explicitly.
    return qs.annotate(
        staff_count=Count("people", filter=Q(people__left_on__isnull=True))
    ).order_by("sort_key", "id")


def pick_units(
    user: Any,
    *,
    query: str = "",
    action: str = "view",
    active: bool = False,
    within: int | None = None,
) -> QuerySet[Unit]:
    """Units the user may act on (`action`) whose name, short name or code contain every word
    of `query`, diacritics ignored; `within`: only that unit and the units under it."""
    qs = restrict_units(user, action=action).select_related("parent")
    if within is not None:
        qs = qs.filter(pk__in=UnitScope.objects.filter(ancestor_id=within).values("descendant_id"))
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    if active:
        qs = qs.filter(dissolved_on__isnull=True)
    return qs.order_by("sort_key", "id")


def predecessors(unit: Unit) -> list[Unit]:
    return [s.predecessor for s in unit.predecessions.select_related("predecessor")]


def successors(unit: Unit) -> list[Unit]:
    return [s.successor for s in unit.successions.select_related("successor")]


def clusters_for(user: Any, year: int | None = None) -> QuerySet[Cluster]:
    """Clusters with at least one member unit in the user's scope (or organised by one)."""
    visible = restrict_units(user).values("pk")
    qs = Cluster.objects.filter(Q(members__in=visible) | Q(organizer__in=visible)).distinct()
    if year:
        qs = qs.filter(year=year)
    return (
        qs.select_related("organizer")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("-year", "kind", "name")
    )
