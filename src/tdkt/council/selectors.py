"""Reads for the council screens: councils of the units in scope, and sittings seen by whoever
may view the council's unit or sits on the council."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from tdkt.council.models import Council, Meeting, Membership
from tdkt.nominations.models import Candidate, CouncilResult, DossierStatus
from tdkt.nominations.policy import DECIDES
from tdkt.org.models import UnitScope
from tdkt.workflow.access import access_for


def _council_scope(user: Any, prefix: str = "") -> Q:
    roots = access_for(user).units_for("view")
    reachable = UnitScope.objects.filter(ancestor_id__in=roots).values("descendant_id")
    condition = Q(**{f"{prefix}unit__in": reachable}) if roots else Q(pk__in=[])
    person_id = getattr(user, "person_id", None)
    if person_id:
        condition |= Q(**{f"{prefix}memberships__person_id": person_id})
    return condition


def councils_for(user: Any) -> QuerySet[Council]:
    ids = Council.objects.filter(_council_scope(user)).values("pk")
    return Council.objects.filter(pk__in=ids).select_related("unit")


def get_council_for_user(user: Any, pk: Any) -> Council:
    try:
        return councils_for(user).get(pk=pk)
    except (Council.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def meetings_for(user: Any) -> QuerySet[Meeting]:
    ids = Meeting.objects.filter(_council_scope(user, "council__")).values("pk")
    return Meeting.objects.filter(pk__in=ids).select_related("council__unit")


def get_meeting_for_user(user: Any, pk: Any) -> Meeting:
    try:
        return meetings_for(user).get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# A sitting is valid with at least two thirds of the members present (workflows §7, provincial
# analog [P]); the vote itself always counts on the whole membership.
QUORUM = Fraction(2, 3)


def members_on(council: Council, day: dt.date) -> QuerySet[Membership]:
    return (
        council.memberships.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("person")
        .order_by("role", "person__sort_key")
    )


def membership_of(user: Any, meeting: Meeting) -> Membership | None:
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return None
    return members_on(meeting.council, meeting.held_on).filter(person_id=person_id).first()


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int
    needed: int
    reached: bool


def quorum(meeting: Meeting) -> Quorum:
    members = meeting.council_size or members_on(meeting.council, meeting.held_on).count()
    present = meeting.attendance.filter(present=True).count()
    needed = -(-members * QUORUM.numerator // QUORUM.denominator)
    return Quorum(members, present, needed, present >= needed and members > 0)


def awaiting_decision(meeting: Meeting) -> QuerySet[Candidate]:
    """Candidates the sitting passed whose award its own level decides and that no award decision
    names yet: a decision, even a revoked one, keeps its candidates (revocation is final for that
    award). The decisions app drafts from these; the sitting's page offers the draft."""
    unit = meeting.council.unit
    decided = [str(a) for a in DECIDES.get(unit.level, frozenset())]
    return (
        Candidate.objects.filter(
            agenda_items__meeting=meeting,
            agenda_items__passed=True,
            council_result=CouncilResult.PASSED,
            award__in=decided,
            dossier__status=DossierStatus.COUNCIL_REVIEW,
            dossier__receiver=unit,
        )
        .exclude(awardees__isnull=False)
        .select_related("dossier", "person", "unit")
        .order_by("dossier_id", "order", "id")
    )
