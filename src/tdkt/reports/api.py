"""The award statistics over REST, for the sector's other systems and spreadsheets: the same
figures as the dashboards (`tdkt.reports.stats`), scoped like the screens."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from tdkt.reports import stats
from tdkt.reports.dashboard import sees_sector
from tdkt.workflow.access import get_unit_for_user, require

router = Router(tags=["Báo cáo, thống kê"])

MAX_YEARS = 30


class StatsQuery(Schema):
    unit: int | None = None
    year_from: int | None = Field(None, ge=1945, le=2100)
    year_to: int | None = Field(None, ge=1945, le=2100)


def _share(share: stats.Share) -> dict[str, Any]:
    return {"part": share.part, "whole": share.whole, "percent": share.percent}


@router.get(
    "/awards",
    summary="Số khen thưởng theo năm, cấp quyết định, danh hiệu/hình thức và các tỷ lệ",
    description=(
        "Đếm trên sổ khen thưởng (không tính khen thưởng đã thu hồi). Một khen thưởng được tính "
        "cho đơn vị của người được khen vào ngày ký quyết định và cho mọi đơn vị cấp trên, đơn vị "
        "kế thừa (số liệu trước 01/07/2025 chuyển sang đơn vị sau sắp xếp). Không có 'unit': "
        "toàn ngành (cần quyền xem toàn ngành)."
    ),
)
def award_statistics(request: HttpRequest, query: Query[StatsQuery]) -> dict[str, Any]:
    require(request.user, "view")
    first, last = stats.default_years()
    year_from, year_to = query.year_from or first, query.year_to or last
    if year_from > year_to or year_to - year_from >= MAX_YEARS:
        raise HttpError(400, f"Khoảng năm không hợp lệ (tối đa {MAX_YEARS} năm).")
    if query.unit is not None:
        unit = get_unit_for_user(request.user, query.unit)
    elif sees_sector(request.user):
        unit = None
    else:
        raise HttpError(404, "Not Found")
    tally = stats.tally(stats.Scope(unit, year_from, year_to))
    return {
        "unit": None if unit is None else {"id": unit.pk, "code": unit.code, "name": unit.name},
        "year_from": year_from,
        "year_to": year_to,
        "total": tally.total(),
        "by_year": {str(y): tally.total(year=y) for y in tally.scope.years},
        "by_level": tally.by("level"),
        "by_award": tally.by("award"),
        "by_tier": tally.by("tier"),
        "shares": {
            str(y): {
                "grassroots": _share(tally.grassroots_share(y)),
                "non_leaders": _share(tally.non_leader_share(y)),
                "women": _share(tally.women_share(y)),
            }
            for y in tally.scope.years
        },
    }
