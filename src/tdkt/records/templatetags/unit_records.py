"""What the unit page shows of the records a unit keeps itself: its violations of the recent
years, with links to the violation and initiative screens."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from tdkt.accounts.access import access_for
from tdkt.records.models import UnitViolation

register = template.Library()


@register.simple_tag
def recent_violations(user: Any, unit: Any) -> dict[str, Any]:
    """The violations of `unit` for this year and the last (the years still being evaluated),
    for a user who may see the unit; `can_edit` when he may record them."""
    year = timezone.localdate().year
    access = access_for(user)
    if not access.can("view", unit.pk):
        return {"visible": False}
    rows = UnitViolation.objects.filter(unit=unit, year__gte=year - 1).order_by("-year", "-id")
    return {
        "visible": True,
        "violations": list(rows),
        "year": year,
        "can_edit": access.can("edit", unit.pk),
    }
