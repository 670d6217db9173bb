"""Dashboards: figures and charts of the award ledger for a unit or the sector."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext as _

from tdkt.movements.selectors import widest_unit
from tdkt.org.models import Unit
from tdkt.records.models import AwardEntry
from tdkt.reports import dashboard as figures
from tdkt.reports import stats
from tdkt.web.http import bounded_int
from tdkt.workflow.access import get_unit_for_user, require
from tdkt.workflow.clock import review_year

MAX_YEARS = 15


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The sector's dashboard for whoever sees the whole sector; otherwise the dashboard of the
    widest unit the user may view. The unit picker's form lands here too."""
    require(request.user, "view")
    years = _years(request)
    picked = request.GET.get("don_vi", "")
    if picked:
        unit = get_unit_for_user(request.user, picked)
        query = urlencode({"tu_nam": years[0], "den_nam": years[1]})
        return redirect(f"{reverse('reports:unit_dashboard', args=[unit.pk])}?{query}")
    if figures.sees_sector(request.user):
        return _render(request, None, years, sector=True)
    unit = get_unit_for_user(request.user, widest_unit(request.user, "view"))
    return _render(request, unit, years, sector=False)


@login_required
def unit_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    return _render(request, unit, _years(request), sector=figures.sees_sector(request.user))


def _render(
    request: HttpRequest, unit: Unit | None, years: tuple[int, int], *, sector: bool
) -> HttpResponse:
    board = figures.build(stats.Scope(unit, *years))
    context = {
        "board": board,
        "unit": unit,
        "sector": sector,
        "charts": [(c, c.spec()) for c in board.charts.values()],
        "chart": board.charts,
        # The unit is searched for (org's unit picker); choosing none is the sector's dashboard.
        "unit_required": not sector,
        "year_options": _year_options(),
        "year_from": years[0],
        "year_to": years[1],
        "documents_url": _documents_url(),
        "title": unit.name if unit is not None else _("Toàn ngành Kiểm sát nhân dân"),
    }
    return render(request, "reports/dashboard/dashboard.html", context)


def _years(request: HttpRequest) -> tuple[int, int]:
    first, last = stats.default_years()

    def pick(key: str, default: int) -> int:
        value = request.GET.get(key, "")
        chosen = bounded_int(value, None, 1945, last)
        return default if chosen is None else chosen

    year_from, year_to = sorted((pick("tu_nam", first), pick("den_nam", last)))
    return max(year_from, year_to - MAX_YEARS + 1), year_to


def _year_options() -> list[int]:
    """The years offered, the year under review first (`review_year`, the default "Đến năm")."""
    last = review_year()
    first = AwardEntry.objects.aggregate(first=Min("year"))["first"] or last - 10
    return list(range(last, min(first, last - 10) - 1, -1))


def _documents_url() -> str | None:
    """The periodic reports, once that screen exists."""
    try:
        return reverse("reports:documents")
    except NoReverseMatch:
        return None


urlpatterns: list[URLPattern] = [
    path("", dashboard, name="dashboard"),
    path("don-vi/<int:pk>/", unit_dashboard, name="unit_dashboard"),
]
