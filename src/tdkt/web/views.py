from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tdkt.accounts.access import access_for, restrict_people, restrict_units
from tdkt.org.models import Unit
from tdkt.records.selectors import LedgerFilters, ledger_for
from tdkt.rules import codes


@login_required
def home(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    if not access.can("view"):
        if access.person_id:
            return redirect("people:person_detail", pk=access.person_id)
        return render(request, "web/no_role.html")
    year = _last_completed_year()
    awards = (
        ledger_for(request.user, LedgerFilters(year=year))
        .values("award")
        .annotate(n=Count("id"))
        .order_by("award")
    )
    context = {
        "empty_sector": access.is_admin and not Unit.objects.exists(),
        "year": year,
        "unit_count": restrict_units(request.user).filter(dissolved_on__isnull=True).count(),
        "person_count": restrict_people(request.user).filter(left_on__isnull=True).count(),
        "awards": [(codes.award_name(a["award"]), a["award"], a["n"]) for a in awards],
        "roots": restrict_units(request.user)
        .filter(pk__in=access.units_for("view"))
        .order_by("sort_key"),
    }
    return render(request, "web/home.html", context)


def _last_completed_year() -> int:
    """Awards of a year are decided early the next year: show the last finished year."""
    return dt.date.today().year - 1
