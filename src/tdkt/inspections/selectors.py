"""Reads of inspections, scoped to the user: the list, one inspection (404 outside the scope),
the self-report's figures computed from the records of the lower apps, overdue recommendations and
the dossiers a violation found by an inspection holds up."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from tdkt.decisions.models import Awardee, MoneyStatus
from tdkt.inspections.models import (
    Evidence,
    Inspection,
    InspectionStatus,
    Recommendation,
    RecommendationStatus,
    Target,
)
from tdkt.movements.models import Answer, AnswerStatus, RegistrationLine, RegistrationStatus
from tdkt.nominations.models import Candidate, Dossier, DossierStatus
from tdkt.org.models import UnitScope
from tdkt.publicity.models import Example, ExampleStatus
from tdkt.records.models import AwardEntry, DecisionLevel
from tdkt.rules import codes
from tdkt.text import search_terms
from tdkt.web.http import bounded_int
from tdkt.workflow import clock
from tdkt.workflow.access import access_for

S = InspectionStatus


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    status: str = ""
    query: str = ""


def filters_from(params: Mapping[str, str]) -> Filters:
    status = params.get("trang_thai", "")
    return Filters(
        year=bounded_int(params.get("nam"), None, 1945, 2100),
        status=status if status in S.values else "",
        query=params.get("q", "")[:100],
    )


def _visible(user: Any) -> Q:
    """Inspections the user reads: those of an inspecting unit in scope, and those visiting a
    unit in scope."""
    access = access_for(user)
    return access.unit_filter("view", "inspector") | Q(
        pk__in=Target.objects.filter(access.unit_filter("view", "unit")).values("inspection_id")
    )


def inspections_for(user: Any, filters: Filters | None = None) -> QuerySet[Inspection]:
    qs = Inspection.objects.filter(_visible(user)).select_related("inspector", "cluster")
    f = filters or Filters()
    if f.year:
        qs = qs.filter(year=f.year)
    if f.status:
        qs = qs.filter(status=f.status)
    for term in search_terms(f.query):
        qs = qs.filter(search_text__contains=term)
    return qs.order_by("-year", "-created_at", "-id")


def get_inspection_for_user(user: Any, pk: Any) -> Inspection:
    pk = bounded_int(pk)
    found = inspections_for(user).filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise Http404
    return found


def get_target_for_user(user: Any, pk: Any) -> Target:
    target = Target.objects.filter(pk=bounded_int(pk, 0) or 0).select_related("unit").first()
    if target is None:
        raise Http404
    get_inspection_for_user(user, target.inspection_id)
    return target


def get_evidence_for_user(user: Any, pk: Any) -> Evidence:
    evidence = Evidence.objects.filter(pk=bounded_int(pk, 0) or 0).select_related("target").first()
    if evidence is None:
        raise Http404
    get_inspection_for_user(user, evidence.target.inspection_id)
    return evidence


def get_recommendation_for_user(user: Any, pk: Any) -> Recommendation:
    rec = Recommendation.objects.filter(pk=bounded_int(pk, 0) or 0).select_related("target").first()
    if rec is None:
        raise Http404
    get_inspection_for_user(user, rec.target.inspection_id)
    return rec


# --- the self-report's figures -------------------------------------------------------------------


def _subtree(unit_id: int) -> QuerySet[Any]:
    return UnitScope.objects.filter(ancestor_id=unit_id).values("descendant_id")


def self_report_figures(unit_id: int, starts_on: dt.date, ends_on: dt.date) -> dict[str, Any]:
    """What the records say of the unit and the units under it for the period: movements it
    answered, titles registered (by title, individual and collective), awards of the ledger by
    level of decision, examples published, and award money paid from its decisions."""
    below = _subtree(unit_id)
    years = list(range(starts_on.year, ends_on.year + 1))

    answers = Answer.objects.filter(
        unit__in=below,
        movement__starts_on__lte=ends_on,
        movement__ends_on__gte=starts_on,
    )
    answered = answers.exclude(status=AnswerStatus.PENDING)
    movement_names = sorted(set(answered.values_list("movement__name", flat=True)))

    lines = RegistrationLine.objects.filter(
        registration__unit__in=below,
        registration__status__in=[RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED],
        year__in=years,
    )
    registrations = _by_award(lines.values("award").annotate(n=Count("id")))

    entries = AwardEntry.objects.filter(
        Q(holder_unit__in=below) | Q(unit__in=below),
        year__in=years,
        revoked_on__isnull=True,
    )
    level_names = dict(DecisionLevel.choices)
    awards: dict[str, dict[str, int]] = {}
    for row in entries.values("decision__level", "award").annotate(n=Count("id")):
        level = str(level_names.get(row["decision__level"], row["decision__level"]))
        awards.setdefault(level, {})[codes.award_name(row["award"])] = row["n"]
    award_total = sum(n for by in awards.values() for n in by.values())

    examples = Example.objects.filter(
        unit__in=below, status=ExampleStatus.PUBLISHED, year__in=years
    )

    paid = Awardee.objects.filter(
        decision__issuer__in=below,
        money_status=MoneyStatus.PAID,
        paid_on__gte=starts_on,
        paid_on__lte=ends_on,
    ).aggregate(n=Count("id"), total=Sum("amount"))

    return {
        "movements_received": answers.count(),
        "movements_answered": answered.count(),
        "movement_names": movement_names,
        "registrations": registrations,
        "registrations_total": sum(registrations.values()),
        "awards": awards,
        "awards_total": award_total,
        "examples_published": examples.count(),
        "example_titles": sorted(examples.values_list("title", flat=True)),
        "money_paid_count": paid["n"] or 0,
        "money_paid_total": int(paid["total"] or 0),
    }


def _by_award(rows: Any) -> dict[str, int]:
    """{title name: count}, in the order of the codes (individual titles first)."""
    counted = Counter({r["award"]: r["n"] for r in rows})
    return {codes.award_name(code): counted[code] for code in codes.AWARDS if counted[code]}


# --- follow-up -----------------------------------------------------------------------------------


def overdue_q(today: dt.date) -> Q:
    return (
        Q(deadline__lt=today)
        & ~Q(status=RecommendationStatus.ACCEPTED)
        & Q(target__inspection__status=S.CONCLUDED)
    )


def overdue_recommendations(user: Any, now: dt.datetime | None = None) -> QuerySet[Recommendation]:
    """Recommendations past their deadline and not accepted, of the inspections the user reads:
    flagged to both sides (the inspecting unit and the unit responsible)."""
    today = clock.today(now)
    visible = Inspection.objects.filter(_visible(user)).values("pk")
    return (
        Recommendation.objects.filter(overdue_q(today), target__inspection__in=visible)
        .select_related("target__unit", "target__inspection", "responsible")
        .order_by("deadline", "id")
    )


def is_overdue(rec: Recommendation, today: dt.date) -> bool:
    return (
        rec.deadline < today
        and rec.status != RecommendationStatus.ACCEPTED
        and rec.target.inspection.status == S.CONCLUDED
    )


OPEN_DOSSIER = [
    DossierStatus.DRAFT,
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.RETURNED,
    DossierStatus.COUNCIL_REVIEW,
    DossierStatus.AT_STATE,
]


def held_dossiers(unit_id: int, year: int) -> QuerySet[Dossier]:
    """Dossiers still under way that propose the unit itself (or come from it) for the year or
    later: while a violation found by an inspection is dealt with, their commendation of the unit
    waits (ND 152/2025 Art. 4(4))."""
    proposing = Candidate.objects.filter(unit_id=unit_id).values("dossier_id")
    return (
        Dossier.objects.filter(Q(pk__in=proposing) | Q(unit_id=unit_id))
        .filter(status__in=OPEN_DOSSIER, year__gte=year)
        .select_related("unit")
        .order_by("-year", "pk")
    )
