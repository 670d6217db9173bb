"""Reads of records and the award ledger."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from tdkt.org.models import Unit, UnitScope
from tdkt.records.models import AwardEntry, Rating
from tdkt.rules import codes
from tdkt.workflow.access import access_for


def unit_award_rows(units: Sequence[Unit]) -> QuerySet[AwardEntry]:
    """Collective awards of a unit and of the units it succeeded, newest first."""
    return (
        AwardEntry.objects.filter(unit__in=units)
        .select_related("unit", "decision")
        .order_by("-year", "award")
    )


def unit_rating_rows(units: Sequence[Unit]) -> QuerySet[Rating]:
    return Rating.objects.filter(unit__in=units).select_related("unit").order_by("-year")


def unit_staff_award_table(unit: Unit) -> dict[str, Any]:
    """Individual awards of the unit's current staff: one row per year, one column per award."""
    staff = UnitScope.objects.filter(ancestor=unit).values("descendant_id")
    counts = (
        AwardEntry.objects.filter(
            person__unit__in=staff, person__left_on__isnull=True, revoked_on__isnull=True
        )
        .values("year", "award")
        .annotate(n=Count("id"))
    )
    table: dict[int, dict[str, int]] = defaultdict(dict)
    used: set[str] = set()
    for row in counts:
        table[row["year"]][row["award"]] = row["n"]
        used.add(row["award"])
    columns = [c for c in codes.awards_for(codes.Subject.INDIVIDUAL) if c in used]
    rows = [
        {"year": year, "cells": [table[year].get(c, 0) for c in columns]}
        for year in sorted(table, reverse=True)
    ]
    return {"columns": [(c, codes.award_name(c)) for c in columns], "rows": rows}


@dataclass(frozen=True)
class LedgerFilters:
    year: int | None = None
    award: str = ""
    kind: str = ""
    unit: Unit | None = None
    subject: str = ""
    include_revoked: bool = False


def ledger_for(user: Any, filters: LedgerFilters = LedgerFilters()) -> QuerySet[AwardEntry]:
    """The award ledger as the user may see it: awards of people and of units in scope, and
    awards won in a unit in scope (the holder's unit on the signing day, which reports count)."""
    year, award, kind, unit = filters.year, filters.award, filters.kind, filters.unit
    subject, include_revoked = filters.subject, filters.include_revoked
    access = access_for(user)
    qs = AwardEntry.objects.filter(
        access.unit_filter("view", "person__unit")
        | access.unit_filter("view", "unit")
        | access.unit_filter("view", "holder_unit")
    )
    if year:
        qs = qs.filter(year=year)
    if award in codes.Award.__members__:
        qs = qs.filter(award=award)
    if kind in {"title", "form"}:
        qs = qs.filter(kind=kind)
    if subject == "individual":
        qs = qs.filter(person__isnull=False)
    elif subject == "collective":
        qs = qs.filter(unit__isnull=False)
    if unit is not None:
        below = UnitScope.objects.filter(ancestor=unit).values("descendant_id")
        qs = qs.filter(Q(person__unit__in=below) | Q(unit__in=below))
    if not include_revoked:
        qs = qs.filter(revoked_on__isnull=True)
    return qs.select_related(
        "person", "person__unit", "holder_unit", "unit", "unit__parent", "decision"
    ).order_by("-year", "award", "id")
