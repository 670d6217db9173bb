"""The home page: the units and people in the user's scope and the awards of the year under
review from the ledger. It lives with the ledger it counts, above the organisation and the
people it also counts; `tdkt/urls.py` serves it at "/" under the name "home"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tdkt.org.models import Unit
from tdkt.records.selectors import LedgerFilters, ledger_for
from tdkt.rules import codes
from tdkt.workflow.access import access_for, restrict_people, restrict_units
from tdkt.workflow.clock import review_year


@login_required
def home(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    if not access.can("view"):
        if access.person_id:
            return redirect("people:person_detail", pk=access.person_id)
        return render(request, "web/no_role.html")
    year = review_year()
    awards = (
        ledger_for(request.user, LedgerFilters(year=year))
        .values("award")
        .annotate(n=Count("id"))
        .order_by("award")
    )
    context = {
        "empty_sector": access.can("admin") and not Unit.objects.exists(),
        "year": year,
        "unit_count": restrict_units(request.user).filter(dissolved_on__isnull=True).count(),
        "person_count": restrict_people(request.user).filter(left_on__isnull=True).count(),
        "awards": [(codes.award_name(a["award"]), a["award"], a["n"]) for a in awards],
        "roots": restrict_units(request.user)
        .filter(pk__in=access.units_for("view"))
        .order_by("sort_key"),
    }
    return render(request, "records/home.html", context)
