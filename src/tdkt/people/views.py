from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.accounts.access import access_for, get_person_for_user, get_unit_for_user, require
from tdkt.documents.xlsx import xlsx_response
from tdkt.people import selectors
from tdkt.people.models import Gender
from tdkt.web.http import HtmxHttpRequest
from tdkt.web.pagination import paginate


@login_required
def person_list(request: HtmxHttpRequest) -> HttpResponse:
    require(request.user, "view")
    unit_id = request.GET.get("don_vi", "")
    unit = get_unit_for_user(request.user, unit_id) if unit_id else None
    query = request.GET.get("q", "")
    gender = request.GET.get("gioi_tinh", "")
    include_left = request.GET.get("ca_da_nghi") == "1"
    people = selectors.search_people(
        request.user, query=query, unit=unit, gender=gender, include_left=include_left
    )
    if request.GET.get("xuat") == "xlsx":
        require(request.user, "export")
        return xlsx_response(
            "danh-sach-can-bo.xlsx",
            "Cán bộ",
            [
                "Họ và tên",
                "Giới tính",
                "Ngày sinh",
                "Số CCCD",
                "Đơn vị",
                "Chức vụ",
                "Ngày tuyển dụng",
            ],
            (
                [
                    p.full_name,
                    p.get_gender_display(),
                    p.birth_date,
                    p.citizen_id or "",
                    p.unit.name if p.unit else "",
                    p.post,
                    p.recruited_on,
                ]
                for p in people.iterator(chunk_size=2000)
            ),
        )
    context = {
        "page": paginate(request, people),
        "query": query,
        "unit": unit,
        "gender": gender,
        "genders": Gender.choices,
        "include_left": include_left,
        "can_export": access_for(request.user).can("export"),
    }
    template = "people/_person_table.html" if request.htmx else "people/person_list.html"
    return render(request, template, context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    context = {
        "person": person,
        "timeline": selectors.person_timeline(person),
        "positions": person.positions.select_related("unit").order_by("-valid_from"),
    }
    return render(request, "people/person_detail.html", context)
