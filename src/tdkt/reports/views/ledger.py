"""The award ledger (sổ khen thưởng) as a list: filtered by the same `stats.LedgerQuery` every
dashboard figure opens it with (so a figure and its list count the same lines), exported to .xlsx.
The list lives with the figures that open it; the records app owns the ledger lines and
`ledger_for`, the reads scoped to the user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from tdkt.documents.xlsx import xlsx_response
from tdkt.records.models import AWARD_CHOICES, AwardEntry
from tdkt.records.selectors import LedgerFilters, ledger_for
from tdkt.reports import stats
from tdkt.web.http import HtmxHttpRequest
from tdkt.web.pagination import paginate
from tdkt.workflow.access import get_unit_for_user, require

# Conditions a dashboard figure adds to the list and the form has no field for: kept as hidden
# inputs so that changing a field keeps them.
CARRIED = ("tai_don_vi", "tu_nam", "den_nam", "cap", "khoi", "lanh_dao", "nu", "da_dang_ky")


@login_required
def award_list(request: HtmxHttpRequest) -> HttpResponse:
    require(request.user, "view")
    unit_id = request.GET.get("don_vi", "")
    query = stats.LedgerQuery.parse(request.GET)
    counted_for = get_unit_for_user(request.user, query.unit_id) if query.unit_id else None
    filters = LedgerFilters(
        unit=get_unit_for_user(request.user, unit_id) if unit_id else None,
        include_revoked=request.GET.get("ca_thu_hoi") == "1",
    )
    entries = stats.filter_entries(ledger_for(request.user, filters), query)
    if request.GET.get("xuat") == "xlsx":
        require(request.user, "export")
        return xlsx_response(
            "so-khen-thuong.xlsx",
            _("Sổ khen thưởng"),
            [
                _("Năm"),
                _("Danh hiệu, hình thức"),
                _("Cá nhân / Tập thể"),
                _("Đơn vị"),
                _("Số quyết định"),
                _("Ngày ký"),
                _("Người ký"),
                _("Thu hồi"),
            ],
            (_export_row(e) for e in entries.iterator(chunk_size=2000)),
        )
    context = {
        "page": paginate(request, entries),
        "filters": filters,
        "query": query,
        "counted_for": counted_for,
        "chips": _chips(request, query, filters, counted_for.name if counted_for else ""),
        "carried": [(k, v) for k, v in query.params().items() if k in CARRIED],
        "awards": AWARD_CHOICES,
        "year": query.year or "",
    }
    template = (
        "reports/ledger/_award_table.html" if request.htmx else "reports/ledger/award_list.html"
    )
    return render(request, template, context)


def _chips(
    request: HtmxHttpRequest, query: stats.LedgerQuery, filters: LedgerFilters, unit_name: str
) -> list[tuple[str, str]]:
    """The active filters in words, each with the list's URL without it."""
    chips = [(label, _without(request, keys)) for keys, label in query.describe(unit_name)]
    if filters.unit is not None:
        label = _("Hiện thuộc %(u)s") % {"u": filters.unit.name}
        chips.insert(0, (label, _without(request, ("don_vi",))))
    if filters.include_revoked:
        chips.append((_("Gồm cả khen thưởng đã thu hồi"), _without(request, ("ca_thu_hoi",))))
    return chips


def _without(request: HtmxHttpRequest, keys: tuple[str, ...]) -> str:
    params = request.GET.copy()
    for key in (*keys, "trang"):
        params.pop(key, None)
    encoded = params.urlencode()
    return reverse("reports:award_list") + (f"?{encoded}" if encoded else "")


def _export_row(e: AwardEntry) -> list[Any]:
    return [
        e.year,
        e.get_award_display(),
        e.subject_name,
        e.holder_unit_name,
        e.decision.number,
        e.decision.signed_on,
        e.decision.signer_name,
        e.revoked_on,
    ]


urlpatterns: list[URLPattern] = [path("so-khen-thuong/", award_list, name="award_list")]
