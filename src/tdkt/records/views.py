from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from tdkt.accounts.access import get_unit_for_user, require
from tdkt.documents.xlsx import xlsx_response
from tdkt.records.models import AWARD_CHOICES, AwardEntry
from tdkt.records.selectors import LedgerFilters, ledger_for
from tdkt.web.http import HtmxHttpRequest
from tdkt.web.pagination import paginate


@login_required
def award_list(request: HtmxHttpRequest) -> HttpResponse:
    require(request.user, "view")
    year = request.GET.get("nam", "")
    unit_id = request.GET.get("don_vi", "")
    filters = LedgerFilters(
        year=int(year) if year.isdigit() else None,
        award=request.GET.get("danh_hieu", ""),
        kind=request.GET.get("loai", ""),
        subject=request.GET.get("doi_tuong", ""),
        unit=get_unit_for_user(request.user, unit_id) if unit_id else None,
        include_revoked=request.GET.get("ca_thu_hoi") == "1",
    )
    entries = ledger_for(request.user, filters)
    if request.GET.get("xuat") == "xlsx":
        require(request.user, "export")
        return xlsx_response(
            "so-khen-thuong.xlsx",
            "Sổ khen thưởng",
            [
                "Năm",
                "Danh hiệu, hình thức",
                "Cá nhân / Tập thể",
                "Đơn vị",
                "Số quyết định",
                "Ngày ký",
                "Người ký",
                "Thu hồi",
            ],
            (_export_row(e) for e in entries.iterator(chunk_size=2000)),
        )
    context = {
        "page": paginate(request, entries),
        "filters": filters,
        "awards": AWARD_CHOICES,
        "year": year,
    }
    template = "records/_award_table.html" if request.htmx else "records/award_list.html"
    return render(request, template, context)


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
