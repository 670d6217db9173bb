"""Reads of the violations counted against units, always through the user's scope."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404

from tdkt.org.models import Unit
from tdkt.records.models import UnitViolation
from tdkt.workflow.access import access_for


def unit_violations(unit: Unit, year: int | None = None) -> QuerySet[UnitViolation]:
    qs = UnitViolation.objects.filter(unit=unit)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "-basis_date", "-id")


def get_violation_for_user(user: Any, pk: Any, action: str = "view") -> UnitViolation:
    qs = UnitViolation.objects.filter(access_for(user).unit_filter(action, "unit"))
    try:
        return qs.select_related("unit").get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
