"""Reads for the decision screens: a decision is seen by the issuer's side and by the units whose
people or collectives it names."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from tdkt.decisions.models import Awardee, Decision
from tdkt.org.models import UnitScope
from tdkt.workflow.access import access_for


def decisions_for(user: Any) -> QuerySet[Decision]:
    roots = access_for(user).units_for("view")
    if not roots:
        return Decision.objects.none()
    reach = UnitScope.objects.filter(ancestor_id__in=roots).values("descendant_id")
    ids = Decision.objects.filter(
        Q(issuer__in=reach) | Q(awardees__candidate__dossier__unit__in=reach)
    ).values("pk")
    return Decision.objects.filter(pk__in=ids).select_related("issuer", "meeting__council")


def get_decision_for_user(user: Any, pk: Any) -> Decision:
    try:
        return decisions_for(user).get(pk=pk)
    except (Decision.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def sees_money(user: Any, decision: Decision) -> bool:
    """Reward money and its payment are seen by the unit that pays them (the issuer) and the
    levels above it, not by every unit whose people the decision names."""
    return access_for(user).can("view", decision.issuer_id)


def get_awardee_for_user(user: Any, pk: Any) -> Awardee:
    try:
        awardee = Awardee.objects.select_related("decision").get(pk=pk)
    except (Awardee.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    get_decision_for_user(user, awardee.decision_id)
    return awardee
