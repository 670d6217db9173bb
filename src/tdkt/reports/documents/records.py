"""Hồ sơ thành tích: the printed record of a person or of a unit, from the same reads as their
pages (`people.person_detail`, `org.unit_detail`): identity and career, yearly ratings, titles and
forms with their decisions, initiatives and discipline; for a unit, its names over time, the
units it came from or went into, its collective awards (its predecessors' included) and the
awards of its staff by year."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tdkt.documents.docx import AdminDocument, Block, Section, Table, render
from tdkt.nominations.documents import place_of
from tdkt.org import selectors as org_selectors
from tdkt.org.models import Unit, UnitLevel
from tdkt.org.services import lineage, name_on
from tdkt.people.models import Person
from tdkt.people.selectors import staff_count
from tdkt.records.models import AwardEntry
from tdkt.records.selectors import unit_award_rows, unit_rating_rows, unit_staff_award_table
from tdkt.reports.documents import fmt
from tdkt.reports.documents.base import (
    Output,
    Progress,
    ReportRequest,
    no_progress,
    numbered,
    output,
)

DECISION_HEADERS = ["STT", "Năm", "Danh hiệu, hình thức", "Quyết định", "Cấp quyết định"]


def build_person(request: ReportRequest, progress: Progress = no_progress) -> Output:
    assert request.person is not None
    return output(request, render(person_document(request.person)))


def build_unit(request: ReportRequest, progress: Progress = no_progress) -> Output:
    return output(request, render(unit_document(request.unit)))


def _issuer_fields(unit: Unit | None) -> dict[str, Any]:
    """The procuracy a record is printed by: the unit itself, or the one a department is in."""
    while unit is not None and unit.level == UnitLevel.PHONG and unit.parent is not None:
        unit = unit.parent
    if unit is None:
        return {"issuer": ""}
    return {
        "issuer": unit.name,
        "superior": unit.parent.name if unit.parent and unit.level != UnitLevel.TOI_CAO else "",
        "place": place_of(unit),
        "signer_title": _("Xác nhận của thủ trưởng đơn vị"),
    }


# --- a person ------------------------------------------------------------------------------------


def person_document(person: Person) -> AdminDocument:
    awards = list(
        person.awards.select_related("decision").order_by("year", "decision__signed_on", "pk")
    )
    body = numbered(
        [
            Section(_("SƠ YẾU"), [_identity(person)]),
            Section(_("QUÁ TRÌNH CÔNG TÁC"), _career(person)),
            Section(_("XẾP LOẠI CHẤT LƯỢNG HẰNG NĂM"), _ratings(person)),
            Section(_("DANH HIỆU THI ĐUA"), _award_table([a for a in awards if a.kind == "title"])),
            Section(
                _("HÌNH THỨC KHEN THƯỞNG"), _award_table([a for a in awards if a.kind == "form"])
            ),
            Section(_("SÁNG KIẾN, ĐỀ TÀI KHOA HỌC"), _initiatives(person)),
            Section(_("KỶ LUẬT"), _disciplines(person)),
        ]
    )
    return AdminDocument(
        kind="HỒ SƠ THÀNH TÍCH",
        title=_("Của đồng chí %(name)s") % {"name": person.full_name},
        body=body,
        **_issuer_fields(person.unit),
    )


def _identity(person: Person) -> Table:
    rows = [
        [_("Họ và tên"), person.full_name],
        [_("Ngày sinh"), fmt.day(person.birth_date)],
        [_("Giới tính"), person.get_gender_display()],
        [_("Chức vụ"), person.post or ""],
        [_("Đơn vị công tác"), person.unit.name if person.unit else ""],
        [_("Ngày tuyển dụng"), fmt.day(person.recruited_on)],
    ]
    if person.left_on:
        rows.append([_("Thôi công tác từ ngày"), fmt.day(person.left_on)])
    return Table([_("Thông tin"), _("Nội dung")], rows, widths_cm=[4.5, 12.0])


def _career(person: Person) -> list[Block]:
    positions = list(person.positions.select_related("unit").order_by("valid_from", "pk"))
    if not positions:
        return [_("Chưa ghi nhận chức vụ nào.")]
    rows = [
        [
            fmt.day(p.valid_from),
            fmt.day(p.valid_to) or _("nay"),
            p.post or p.get_post_kind_display(),
            name_on(p.unit, p.valid_from),
        ]
        for p in positions
    ]
    return [
        Table(
            [_("Từ ngày"), _("Đến ngày"), _("Chức vụ"), _("Đơn vị")],
            rows,
            widths_cm=[2.4, 2.4, 4.2, 7.5],
        )
    ]


def _ratings(person: Person) -> list[Block]:
    ratings = list(person.ratings.order_by("year"))
    if not ratings:
        return [_("Chưa ghi nhận xếp loại.")]
    return [
        Table(
            [_("Năm"), _("Xếp loại chất lượng")],
            [[str(r.year), r.get_rating_display()] for r in ratings],
            widths_cm=[3.0, 13.5],
        )
    ]


def _decision_text(entry: AwardEntry) -> str:
    decision = entry.decision
    text = _("Số %(n)s ngày %(d)s") % {"n": decision.number, "d": fmt.day(decision.signed_on)}
    if decision.issuer_name:
        text += f" ({decision.issuer_name})"
    if entry.revoked_on:
        text += " – " + _("đã thu hồi ngày %(d)s") % {"d": fmt.day(entry.revoked_on)}
    return text


def _award_table(awards: list[AwardEntry]) -> list[Block]:
    if not awards:
        return [_("Không có.")]
    return [
        Table(
            [_(h) for h in DECISION_HEADERS],
            [
                [
                    str(i),
                    str(a.year),
                    a.get_award_display(),
                    _decision_text(a),
                    a.decision.get_level_display(),
                ]
                for i, a in enumerate(awards, start=1)
            ],
            widths_cm=[1.2, 1.4, 4.9, 5.0, 4.0],
        )
    ]


def _initiatives(person: Person) -> list[Block]:
    initiatives = list(person.initiatives.order_by("year", "recognized_on", "pk"))
    if not initiatives:
        return [_("Không có.")]
    rows = []
    for i, ini in enumerate(initiatives, start=1):
        recognized = fmt.day(ini.recognized_on)
        if ini.recognizing_decision:
            recognized = _("QĐ %(n)s ngày %(d)s") % {"n": ini.recognizing_decision, "d": recognized}
        rows.append(
            [
                str(i),
                str(ini.year),
                f"{ini.get_kind_display()}: {ini.title}",
                ini.get_scope_display(),
                recognized,
            ]
        )
    return [
        Table(
            [
                _("STT"),
                _("Năm"),
                _("Tên sáng kiến, đề tài"),
                _("Phạm vi ảnh hưởng"),
                _("Công nhận"),
            ],
            rows,
            widths_cm=[1.2, 1.4, 7.4, 2.6, 3.9],
        )
    ]


def _disciplines(person: Person) -> list[Block]:
    disciplines = list(person.disciplines.order_by("decided_on"))
    if not disciplines:
        return [_("Không có.")]
    return [
        Table(
            [_("Ngày quyết định"), _("Hình thức"), _("Đến ngày"), _("Số quyết định"), _("Lý do")],
            [
                [
                    fmt.day(d.decided_on),
                    d.get_level_display(),
                    fmt.day(d.ends_on),
                    d.decision_number,
                    d.reason,
                ]
                for d in disciplines
            ],
            widths_cm=[2.6, 3.2, 2.4, 3.0, 5.3],
        )
    ]


# --- a unit --------------------------------------------------------------------------------------


def unit_document(unit: Unit) -> AdminDocument:
    history = lineage(unit)
    body = numbered(
        [
            Section(_("THÔNG TIN CHUNG"), [_unit_identity(unit)]),
            Section(_("TÊN GỌI QUA CÁC THỜI KỲ"), _names(unit)),
            Section(_("QUÁ TRÌNH SẮP XẾP"), _reorganisation(unit, history)),
            Section(_("XẾP LOẠI TẬP THỂ"), _unit_ratings(history)),
            Section(_("KHEN THƯỞNG CỦA TẬP THỂ"), _unit_awards(unit, history)),
            Section(_("KHEN THƯỞNG CỦA CÁ NHÂN THEO NĂM"), _staff_table(unit)),
        ]
    )
    return AdminDocument(
        kind="HỒ SƠ THÀNH TÍCH",
        title=unit.name,
        body=body,
        **_issuer_fields(unit),
    )


def _unit_identity(unit: Unit) -> Table:
    rows = [
        [_("Tên đơn vị"), unit.name],
        [_("Cấp"), unit.get_level_display()],
        [_("Đơn vị cấp trên"), unit.parent.name if unit.parent else ""],
        [_("Ngày thành lập"), fmt.day(unit.established_on)],
        [
            _("Cán bộ đang công tác (cả đơn vị trực thuộc)"),
            fmt.number(staff_count(unit)),
        ],
    ]
    if unit.dissolved_on:
        rows.append([_("Kết thúc hoạt động"), fmt.day(unit.dissolved_on)])
    return Table([_("Thông tin"), _("Nội dung")], rows, widths_cm=[6.0, 10.5])


def _names(unit: Unit) -> list[Block]:
    names = list(unit.names.order_by("valid_from"))
    return [
        Table(
            [_("Từ ngày"), _("Đến ngày"), _("Tên")],
            [
                [fmt.day(n.valid_from) or "…", fmt.day(n.valid_to) or _("nay"), n.name]
                for n in names
            ],
            widths_cm=[2.6, 2.6, 11.3],
        )
    ]


def _reorganisation(unit: Unit, history: list[Unit]) -> list[Block]:
    lines = []
    predecessors = org_selectors.predecessors(unit)
    successors = org_selectors.successors(unit)
    if predecessors:
        lines.append(_("Hình thành từ:"))
        lines += [
            _("- %(name)s (hoạt động đến ngày %(d)s);")
            % {"name": p.name, "d": fmt.day(p.dissolved_on)}
            for p in predecessors
        ]
    if successors:
        lines.append(_("Được kế thừa bởi:"))
        lines += [f"- {s.name};" for s in successors]
    earlier = [u for u in history if u.pk != unit.pk and u not in predecessors]
    if earlier:
        lines.append(
            _("Các đơn vị tiền thân trước đó: %(names)s.")
            % {"names": "; ".join(u.name for u in sorted(earlier, key=lambda u: u.sort_key))}
        )
    if not lines:
        return [_("Đơn vị không qua sáp nhập, chia tách.")]
    if len(history) > 1:
        lines.append(
            _("Xếp loại và khen thưởng dưới đây gồm cả của %(n)s đơn vị tiền thân.")
            % {"n": len(history) - 1}
        )
    return ["\n".join(lines)]


def _unit_ratings(history: list[Unit]) -> list[Block]:
    ratings = list(unit_rating_rows(history).order_by("year", "unit__sort_key"))
    if not ratings:
        return [_("Chưa ghi nhận xếp loại.")]
    return [
        Table(
            [_("Năm"), _("Xếp loại chất lượng"), _("Đơn vị")],
            [
                [
                    str(r.year),
                    r.get_rating_display(),
                    (r.unit.short_name or r.unit.name) if r.unit else "",
                ]
                for r in ratings
            ],
            widths_cm=[1.6, 6.4, 8.5],
        )
    ]


def _unit_awards(unit: Unit, history: list[Unit]) -> list[Block]:
    awards = list(unit_award_rows(history).order_by("year", "decision__signed_on", "pk"))
    if not awards:
        return [_("Chưa có khen thưởng.")]
    return [
        Table(
            [
                _("STT"),
                _("Năm"),
                _("Danh hiệu, hình thức"),
                _("Tập thể được tặng"),
                _("Quyết định"),
            ],
            [
                [
                    str(i),
                    str(a.year),
                    a.get_award_display(),
                    (a.unit.short_name or a.unit.name) if a.unit else "",
                    _decision_text(a),
                ]
                for i, a in enumerate(awards, start=1)
            ],
            widths_cm=[1.2, 1.4, 4.6, 4.3, 5.0],
        )
    ]


def _staff_table(unit: Unit) -> list[Block]:
    table = unit_staff_award_table(unit)
    if not table["rows"]:
        return [_("Cán bộ đang công tác chưa có khen thưởng cá nhân.")]
    columns = [str(code) for code, _name in table["columns"]]
    width = min(2.2, 14.9 / max(len(columns), 1))
    rows = [[str(r["year"]), *[fmt.number(c) for c in r["cells"]]] for r in table["rows"]]
    totals = [sum(r["cells"][i] for r in table["rows"]) for i in range(len(columns))]
    rows.append([_("Cộng"), *[fmt.number(t) for t in totals]])
    return [
        _(
            "Số lượt danh hiệu, hình thức khen thưởng cá nhân của cán bộ đang công tác tại đơn vị "
            "(cả đơn vị trực thuộc), theo năm thành tích:"
        ),
        Table(
            [_("Năm"), *[fmt.short_name(c) for c in columns]],
            rows,
            widths_cm=[1.6] + [width] * len(columns),
            bold_rows={len(rows) - 1},
            right_columns=set(range(1, len(columns) + 1)),
        ),
        fmt.legend(columns),
    ]
