"""Tổng hợp toàn ngành theo đơn vị sau sắp xếp: the sector's awards year by year for each unit
that exists today, one line per provincial procuracy (34 since 2025-07-01) and per group of
central units, each counted with its subtree and its predecessors (`stats.unit_breakdown`, along
`org.UnitScope`): the figures of the provinces and districts merged on 2025-07-01 are carried to
the units that succeeded them. A second sheet lists each province's predecessors with what they
bring.

The central groups: VKSND tối cao's own departments and institutions (with the awards of the
Viện's leadership and of VKSND tối cao as a collective, which stand under no department); the
appellate institutes that succeeded the high procuracies (VKSND cấp cao); the military
procuracy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tdkt.documents.docx import AdminDocument, Block, Section, Table, render
from tdkt.documents.xlsx import Sheet, workbook_bytes
from tdkt.org.models import Succession, Unit, UnitLevel, UnitScope
from tdkt.reports import stats
from tdkt.reports.documents import fmt
from tdkt.reports.documents.base import (
    Output,
    Progress,
    ReportRequest,
    no_progress,
    output,
)

ORGANS, APPELLATE, MILITARY = "organs", "appellate", "military"
GROUP_NAMES = {
    ORGANS: "Cơ quan VKSND tối cao và các đơn vị thuộc VKSND tối cao",
    APPELLATE: "Viện Công tố và Kiểm sát xét xử phúc thẩm (kế thừa VKSND cấp cao)",
    MILITARY: "Viện kiểm sát quân sự",
}
# The same, short enough for the document's table (ten years of figures across A4).
GROUP_SHORT = {
    ORGANS: "Các đơn vị thuộc VKSNDTC",
    APPELLATE: "Viện phúc thẩm (VKSND cấp cao)",
    MILITARY: "Viện kiểm sát quân sự",
}


@dataclass
class Line:
    label: str
    counts: dict[int, int]
    unit: Unit | None = None
    group: str = ""
    short: str = ""  # the label in the document's table

    def total(self, years: list[int]) -> int:
        return sum(self.counts.get(y, 0) for y in years)


@dataclass
class Predecessor:
    province: Unit
    unit: Unit | None
    succession: Succession | None
    counts: dict[int, int] = field(default_factory=dict)


@dataclass
class SummaryData:
    request: ReportRequest
    years: list[int]
    groups: list[Line]  # the central groups
    central: list[Line]  # every central unit (and the leadership line)
    provinces: list[Line]
    sector: Line
    predecessors: list[Predecessor]

    @property
    def central_total(self) -> Line:
        return _sum(_("KHỐI TRUNG ƯƠNG"), self.groups)

    @property
    def provincial_total(self) -> Line:
        return _sum(_("VIỆN KIỂM SÁT NHÂN DÂN CẤP TỈNH"), self.provinces, _("VKSND CẤP TỈNH"))


def _sum(label: str, lines: list[Line], short: str = "") -> Line:
    counts: dict[int, int] = defaultdict(int)
    for line in lines:
        for year, n in line.counts.items():
            counts[year] += n
    return Line(label, dict(counts), short=short)


def build(request: ReportRequest, progress: Progress = no_progress) -> Output:
    data = collect(request, progress)
    progress(80, _("Đang ghi tệp"))
    if request.fmt == "xlsx":
        return output(request, workbook_bytes(sheets(data)))
    return output(request, render(document(data)))


def collect(request: ReportRequest, progress: Progress = no_progress) -> SummaryData:
    assert request.year_from is not None and request.year_to is not None
    root = request.unit
    years = list(range(request.year_from, request.year_to + 1))
    scope = stats.Scope(None, request.year_from, request.year_to)
    progress(10, _("Đang xác định các đơn vị sau sắp xếp"))
    current = list(
        Unit.objects.filter(parent=root, dissolved_on__isnull=True).order_by("sort_key", "pk")
    )
    successions = list(
        Succession.objects.filter(
            successor__in=[u for u in current if u.level == UnitLevel.TINH]
        ).select_related("predecessor", "successor")
    )
    progress(30, _("Đang đếm khen thưởng theo đơn vị và năm"))
    counted = stats.unit_breakdown(scope, [*current, root, *{s.predecessor for s in successions}])
    progress(60, _("Đang cộng theo nhóm đơn vị"))
    provinces = [
        Line(u.name, counted[u.pk], u, short=u.short_name)
        for u in current
        if u.level == UnitLevel.TINH
    ]
    central = _central_lines(root, current, counted)
    groups = [
        _sum(_(GROUP_NAMES[g]), [line for line in central if line.group == g], _(GROUP_SHORT[g]))
        for g in (ORGANS, APPELLATE, MILITARY)
        if any(line.group == g for line in central)
    ]
    return SummaryData(
        request=request,
        years=years,
        groups=groups,
        central=central,
        provinces=provinces,
        sector=Line(_("TOÀN NGÀNH"), counted[root.pk]),
        predecessors=_predecessors(provinces, successions, counted),
    )


def _central_lines(
    root: Unit, current: list[Unit], counted: dict[int, dict[int, int]]
) -> list[Line]:
    """A line per central unit in its group, and first the line of what VKSND tối cao counts
    that no unit under it does (its own collective awards, the Viện's leaders)."""
    units = [u for u in current if u.level != UnitLevel.TINH]
    appellate = set(
        UnitScope.objects.filter(
            ancestor__in=units, descendant__level=UnitLevel.CAP_CAO
        ).values_list("ancestor_id", flat=True)
    )
    under: dict[int, int] = defaultdict(int)
    for unit in current:
        for year, n in counted[unit.pk].items():
            under[year] += n
    own = {y: max(n - under.get(y, 0), 0) for y, n in counted[root.pk].items()}
    lines = [Line(_("Lãnh đạo và tập thể VKSND tối cao"), own, root, ORGANS)]
    for unit in units:
        if unit.level == UnitLevel.QUAN_SU:
            group = MILITARY
        elif unit.pk in appellate or unit.level == UnitLevel.CAP_CAO:
            group = APPELLATE
        else:
            group = ORGANS
        lines.append(Line(unit.name, counted[unit.pk], unit, group))
    return lines


def _predecessors(
    provinces: list[Line], successions: list[Succession], counted: dict[int, dict[int, int]]
) -> list[Predecessor]:
    by_province: dict[int, list[Succession]] = defaultdict(list)
    for succession in successions:
        by_province[succession.successor_id].append(succession)
    out = []
    for line in provinces:
        assert line.unit is not None
        found = sorted(by_province.get(line.unit.pk, []), key=lambda s: s.predecessor.sort_key)
        if not found:
            out.append(Predecessor(line.unit, None, None))
        for succession in found:
            out.append(
                Predecessor(
                    line.unit,
                    succession.predecessor,
                    succession,
                    counted.get(succession.predecessor_id, {}),
                )
            )
    return out


# --- the workbook --------------------------------------------------------------------------------


def _heading(data: SummaryData) -> str:
    return "\n".join(
        [
            _("TỔNG HỢP KHEN THƯỞNG TOÀN NGÀNH THEO ĐƠN VỊ SAU SẮP XẾP, %(a)s–%(b)s")
            % {"a": data.years[0], "b": data.years[-1]},
            _(
                "Số lượt danh hiệu thi đua, hình thức khen thưởng theo năm thành tích (không gồm "
                "khen thưởng đã thu hồi); mỗi đơn vị gồm đơn vị trực thuộc và đơn vị tiền thân."
            ),
        ]
    )


def table_rows(data: SummaryData, short: bool = False) -> tuple[list[list[Any]], set[int]]:
    """The summary table: section A (central groups), section B (provinces), the sector;
    `short`: with the short names of the units."""
    years = data.years
    rows: list[list[Any]] = []
    bold: set[int] = set()

    def add(number: Any, line: Line, strong: bool = False) -> None:
        if strong:
            bold.add(len(rows))
        label = (line.short or line.label) if short else line.label
        rows.append([number, label, *[line.counts.get(y, 0) for y in years], line.total(years)])

    add("A", data.central_total, True)
    for i, line in enumerate(data.groups, start=1):
        add(i, line)
    add("B", data.provincial_total, True)
    for i, line in enumerate(data.provinces, start=1):
        add(i, line)
    add("", data.sector, True)
    return rows, bold


def sheets(data: SummaryData) -> list[Sheet]:
    years = data.years
    year_headers = [str(y) for y in years]
    rows, bold = table_rows(data)
    summary = Sheet(
        _("Tổng hợp"),
        [_("STT"), _("Đơn vị"), *year_headers, _("Tổng cộng")],
        rows,
        heading=_heading(data),
        bold_rows=bold,
    )
    central = Sheet(
        _("Trung ương chi tiết"),
        [_("Nhóm"), _("Đơn vị"), *year_headers, _("Tổng cộng")],
        [
            [
                _(GROUP_NAMES[line.group]),
                line.label,
                *[line.counts.get(y, 0) for y in years],
                line.total(years),
            ]
            for line in data.central
        ],
        heading=_heading(data),
    )
    predecessors = Sheet(
        _("Đơn vị tiền thân"),
        [
            _("Tỉnh, thành phố hiện nay"),
            _("Đơn vị tiền thân"),
            _("Hoạt động đến ngày"),
            _("Hình thức"),
            _("Căn cứ"),
            _("Khen thưởng %(a)s–%(b)s chuyển sang (gồm cấp huyện)")
            % {"a": years[0], "b": years[-1]},
        ],
        [
            [
                p.province.name,
                p.unit.name if p.unit else _("(Không sáp nhập; giữ nguyên đơn vị)"),
                p.unit.dissolved_on if p.unit else None,
                p.succession.get_kind_display() if p.succession else "",
                p.succession.legal_basis if p.succession else "",
                sum(p.counts.get(y, 0) for y in years) if p.unit else None,
            ]
            for p in data.predecessors
        ],
        heading=_(
            "Đơn vị tiền thân của các VKSND tỉnh, thành phố sau sắp xếp: khen thưởng của đơn vị "
            "tiền thân (gồm đơn vị cấp huyện trực thuộc) được tính cho tỉnh, thành phố hiện nay."
        ),
    )
    return [summary, predecessors, central]


# --- the document --------------------------------------------------------------------------------


def document(data: SummaryData) -> AdminDocument:
    issuer = data.request.unit
    years = data.years
    rows, bold = table_rows(data, short=True)
    width = min(1.8, (25.2 - 1.2 - 2.0 - 4.6) / len(years))
    summary = Table(
        [_("STT"), _("Đơn vị"), *[str(y) for y in years], _("Tổng cộng")],
        [[str(r[0]), r[1], *[fmt.number(n) for n in r[2:]]] for r in rows],
        widths_cm=[1.2, 25.2 - 1.2 - 2.0 - width * len(years), *[width] * len(years), 2.0],
        bold_rows=bold,
        right_columns=set(range(2, 3 + len(years))),
    )
    merged: dict[int, list[Predecessor]] = defaultdict(list)
    for p in data.predecessors:
        if p.unit is not None:
            merged[p.province.pk].append(p)
    origin = Table(
        [
            _("STT"),
            _("Tỉnh, thành phố hiện nay"),
            _("Hình thành từ"),
            _("Khen thưởng chuyển sang"),
        ],
        [
            [
                str(i),
                ps[0].province.name,
                "; ".join(p.unit.short_name or p.unit.name for p in ps if p.unit),
                fmt.number(sum(sum(p.counts.get(y, 0) for y in years) for p in ps)),
            ]
            for i, ps in enumerate(merged.values(), start=1)
        ],
        widths_cm=[1.2, 8.0, 12.5, 3.5],
        right_columns={3},
    )
    body: list[Block] = [
        _(
            "Số lượt danh hiệu thi đua và hình thức khen thưởng theo năm thành tích, không gồm "
            "khen thưởng đã bị thu hồi. Mỗi đơn vị được tính cùng các đơn vị trực thuộc và các "
            "đơn vị tiền thân: khen thưởng trước ngày 01/07/2025 của các tỉnh, đơn vị cấp huyện "
            "đã sắp xếp được tính cho đơn vị kế thừa. Tổng toàn ngành: %(n)s lượt."
        )
        % {"n": fmt.number(data.sector.total(years))},
        Section(_("I. TỔNG HỢP THEO ĐƠN VỊ"), [summary]),
        Section(_("II. ĐƠN VỊ TIỀN THÂN CỦA CÁC TỈNH, THÀNH PHỐ ĐÃ SẮP XẾP"), [origin]),
    ]
    return AdminDocument(
        issuer=issuer.name,
        kind="BÁO CÁO",
        title=_("Tổng hợp khen thưởng toàn ngành theo đơn vị sau sắp xếp, giai đoạn %(a)s–%(b)s")
        % {"a": years[0], "b": years[-1]},
        symbol="BC-VKSTC",
        place="Hà Nội",
        body=body,
        signer_title=_("Viện trưởng"),
        recipients=[_("Lãnh đạo VKSND tối cao"), _("Lưu: VT, TĐKT")],
        landscape=True,
    )
