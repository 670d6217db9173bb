from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.accounts.access import get_unit_for_user, require, restrict_units
from tdkt.documents.xlsx import xlsx_response
from tdkt.org import selectors
from tdkt.org.models import Cluster, Unit, UnitLevel
from tdkt.org.services import lineage
from tdkt.records.selectors import unit_award_rows, unit_rating_rows, unit_staff_award_table
from tdkt.web.http import HtmxHttpRequest
from tdkt.web.pagination import paginate


@login_required
def unit_list(request: HtmxHttpRequest) -> HttpResponse:
    require(request.user, "view")
    query = request.GET.get("q", "")
    level = request.GET.get("cap", "")
    status = request.GET.get("trang_thai", "active")
    units = selectors.search_units(request.user, query=query, level=level, status=status)
    if request.GET.get("xuat") == "xlsx":
        return xlsx_response(
            "danh-sach-don-vi.xlsx",
            "Đơn vị",
            ["Mã", "Tên đơn vị", "Cấp", "Đơn vị cấp trên", "Thành lập", "Kết thúc", "Số cán bộ"],
            (
                [
                    u.code,
                    u.name,
                    u.get_level_display(),
                    u.parent.name if u.parent else "",
                    u.established_on,
                    u.dissolved_on,
                    u.staff_count,  # type: ignore[attr-defined]  # annotate()d in search_units
                ]
                for u in units.iterator(chunk_size=2000)
            ),
        )
    context = {
        "page": paginate(request, units),
        "query": query,
        "level": level,
        "status": status,
        "levels": UnitLevel.choices,
    }
    template = "org/_unit_table.html" if request.htmx else "org/unit_list.html"
    return render(request, template, context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    history = lineage(unit)
    context = {
        "unit": unit,
        "names": unit.names.order_by("valid_from"),
        "links": unit.parent_links.select_related("parent").order_by("valid_from"),
        "predecessors": selectors.predecessors(unit),
        "successors": [u for u in selectors.successors(unit) if _visible(request, u.pk)],
        "children": _children(request, unit),
        "awards": unit_award_rows(history),
        "ratings": unit_rating_rows(history),
        "staff_table": unit_staff_award_table(unit),
        "staff_count": selectors.staff_count(unit),
        "history_units": [u for u in history if u.pk != unit.pk],
    }
    return render(request, "org/unit_detail.html", context)


def _children(request: HttpRequest, unit: Unit) -> dict[str, list[Unit]]:
    """Units directly under this one, those still active first."""
    rows = (
        restrict_units(request.user, unit.children.all())
        .annotate(staff_count=Count("people", filter=Q(people__left_on__isnull=True)))
        .order_by("sort_key", "id")
    )
    return {
        "active": [u for u in rows if u.dissolved_on is None],
        "dissolved": [u for u in rows if u.dissolved_on is not None],
    }


def _visible(request: HttpRequest, unit_id: int) -> bool:
    return restrict_units(request.user).filter(pk=unit_id).exists()


@login_required
def cluster_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "view")
    year = request.GET.get("nam", "")
    clusters = selectors.clusters_for(request.user, int(year) if year.isdigit() else None)
    years = sorted(set(Cluster.objects.values_list("year", flat=True)), reverse=True)
    return render(
        request,
        "org/cluster_list.html",
        {"page": paginate(request, clusters), "year": year, "years": years},
    )


@login_required
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        cluster = selectors.clusters_for(request.user).get(pk=pk)
    except Cluster.DoesNotExist as exc:
        raise Http404 from exc
    members = cluster.memberships.select_related("unit").order_by("role", "unit__sort_key")
    return render(request, "org/cluster_detail.html", {"cluster": cluster, "members": members})
