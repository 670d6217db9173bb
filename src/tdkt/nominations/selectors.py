"""Reads for the dossier screens and the API, scoped to what the user may see: a dossier is seen
from the proposing unit's side and from every level it was sent to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tdkt.nominations import policy
from tdkt.nominations.models import (
    Candidate,
    CommentPeriod,
    Component,
    CouncilResult,
    Dossier,
    DossierStatus,
    StateResult,
)
from tdkt.org.models import UnitScope
from tdkt.workflow.access import access_for


def _scope(user: Any) -> Q:
    roots = access_for(user).units_for("view")
    if not roots:
        return Q(pk__in=[])
    reachable = UnitScope.objects.filter(ancestor_id__in=roots).values("descendant_id")
    return Q(unit__in=reachable) | Q(hops__receiver__in=reachable)


@dataclass(frozen=True)
class DossierFilters:
    status: str = ""
    year: int | None = None
    waiting_for: int | None = None  # a unit: dossiers it holds now


def dossiers_for(user: Any, filters: DossierFilters | None = None) -> QuerySet[Dossier]:
    f = filters or DossierFilters()
    ids = Dossier.objects.filter(_scope(user)).values("pk")
    qs = Dossier.objects.filter(pk__in=ids)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.waiting_for:
        qs = qs.filter(receiver_id=f.waiting_for).exclude(
            status__in=[DossierStatus.RETURNED, DossierStatus.DRAFT, DossierStatus.WITHDRAWN]
        )
    return (
        qs.select_related("unit", "receiver")
        .annotate(n=Count("candidates"))
        .order_by("-created_at", "-id")
    )


def waiting_at_state(user: Any) -> QuerySet[Dossier]:
    """Dossiers sent to the Government and still waiting for its decision, the longest wait
    first, each with the number of its candidates still unanswered (`waiting`)."""
    unanswered = Q(
        candidates__award__in=[str(a) for a in policy.STATE_AWARDS],
        candidates__council_result=CouncilResult.PASSED,
        candidates__state_result=StateResult.PENDING,
    )
    return (
        dossiers_for(user, DossierFilters(status=DossierStatus.AT_STATE))
        .annotate(waiting=Count("candidates", filter=unanswered))
        .order_by("state_sent_on", "id")
    )


def get_dossier_for_user(user: Any, pk: Any) -> Dossier:
    try:
        return dossiers_for(user).get(pk=pk)
    except (Dossier.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_candidate_for_user(user: Any, pk: Any) -> Candidate:
    try:
        candidate = Candidate.objects.select_related("dossier", "person", "unit").get(pk=pk)
    except (Candidate.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    get_dossier_for_user(user, candidate.dossier_id)
    return candidate


def get_component_for_user(user: Any, pk: Any) -> Component:
    try:
        component = Component.objects.select_related("dossier").get(pk=pk)
    except (Component.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    get_dossier_for_user(user, component.dossier_id)
    return component


def open_periods(day: Any) -> QuerySet[CommentPeriod]:
    """The publications a visitor may read today (public page, no login)."""
    return (
        CommentPeriod.objects.filter(starts_on__lte=day, ends_on__gte=day)
        .select_related("dossier__receiver", "dossier__unit")
        .order_by("ends_on", "id")
    )
