"""What the unit page (an org screen, below the records app) shows of the records: the unit's
awards and ratings, its staff's awards by year, and its violations of the recent years with links
to the violation and initiative screens. The page asks for these panels by tag, so the org app
never imports the records it sits under."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template

from tdkt.records.models import UnitViolation
from tdkt.records.selectors import unit_award_rows, unit_rating_rows, unit_staff_award_table
from tdkt.workflow.access import access_for
from tdkt.workflow.clock import review_year

register = template.Library()


@register.inclusion_tag("records/_unit_ledger.html")
def unit_ledger(unit: Any, history: Sequence[Any]) -> dict[str, Any]:
    """The ledger panels of a unit the page has already let the user see: collective awards and
    ratings of the unit and of the units it succeeded (`history`, the unit's lineage), and the
    individual awards of its current staff by year."""
    return {
        "unit": unit,
        "awards": unit_award_rows(history),
        "ratings": unit_rating_rows(history),
        "staff_table": unit_staff_award_table(unit),
    }


@register.simple_tag
def recent_violations(user: Any, unit: Any) -> dict[str, Any]:
    """The violations of `unit` for the year under review and the one before (the years still
    being evaluated), for a user who may see the unit; `can_edit` when he may record them."""
    year = review_year()
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
