"""The two documents an inspection issues, in the administrative format: the plan (kế hoạch kiểm
tra) and the conclusion (kết luận kiểm tra) with its recommendations."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tdkt.documents.docx import AdminDocument, Block, Section, Table
from tdkt.inspections.checklist import DEFAULT_ITEMS, HOLD_CITATION
from tdkt.inspections.models import Inspection, TeamRole, Verdict
from tdkt.org.models import Unit, UnitLevel

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def _d(day: object) -> str:
    return day.strftime("%d/%m/%Y") if day else ""  # type: ignore[attr-defined]


def head_title(unit: Unit) -> str:
    if unit.level in (UnitLevel.DON_VI_TRUC_THUOC, UnitLevel.PHONG):
        return _("Thủ trưởng")
    return _("Viện trưởng")


def _numbered(sections: list[Section]) -> list[Block]:
    kept = [s for s in sections if s.blocks]
    return [Section(f"{ROMAN[i]}. {s.heading}", s.blocks) for i, s in enumerate(kept)]


def _texts(text: str) -> list[Block]:
    return [text] if text and text.strip() else []


def signer_authority(inspection: Inspection) -> str:
    """ "KT. VIỆN TRƯỞNG" when a deputy signs for the head (Nghị định 30/2020/NĐ-CP)."""
    if inspection.signer_title.lower().startswith("phó"):
        return f"KT. {head_title(inspection.inspector).upper()}"
    return ""


def _default_basis(inspection: Inspection) -> str:
    laws = sorted({cite for _c, _t, cite in DEFAULT_ITEMS for cite in cite.split("; ")})
    return "\n".join(_("Căn cứ %(law)s;") % {"law": law} for law in laws)


def plan_document(inspection: Inspection) -> AdminDocument:
    inspector = inspection.inspector
    targets = list(inspection.targets.select_related("unit"))
    who = inspector.name
    if inspection.cluster is not None:
        who = f"{inspector.name} ({inspection.cluster.name})"
    preamble = [
        inspection.basis or _default_basis(inspection),
        _("%(head)s %(unit)s ban hành Kế hoạch kiểm tra công tác thi đua, khen thưởng như sau:")
        % {"head": head_title(inspector), "unit": inspector.name},
    ]
    items = list(inspection.items.all())
    team = list(inspection.team.select_related("person"))
    role_order: dict[str, int] = {TeamRole.HEAD: 0, TeamRole.MEMBER: 1, TeamRole.SECRETARY: 2}
    team.sort(key=lambda m: (role_order.get(m.role, 9), m.pk))
    sections = _numbered(
        [
            Section(_("MỤC ĐÍCH, YÊU CẦU"), _texts(inspection.purpose)),
            Section(
                _("ĐỐI TƯỢNG, THỜI KỲ KIỂM TRA"),
                [
                    _("Thời kỳ kiểm tra: từ ngày %(a)s đến ngày %(b)s.")
                    % {"a": _d(inspection.starts_on), "b": _d(inspection.ends_on)},
                    _("Đơn vị kiểm tra: %(w)s.") % {"w": who},
                ],
            ),
            Section(
                _("NỘI DUNG KIỂM TRA"),
                [
                    Table(
                        [_("TT"), _("Nội dung kiểm tra"), _("Căn cứ")],
                        [[str(i), it.text, it.citation] for i, it in enumerate(items, 1)],
                        widths_cm=[1.2, 9.8, 5.5],
                    )
                ],
            ),
            Section(_("PHƯƠNG PHÁP KIỂM TRA"), _texts(inspection.method)),
            Section(
                _("THÀNH PHẦN ĐOÀN KIỂM TRA"),
                [
                    Table(
                        [_("TT"), _("Họ và tên"), _("Chức vụ, đơn vị"), _("Nhiệm vụ")],
                        [
                            [str(i), m.person.full_name, m.post, m.get_role_display()]
                            for i, m in enumerate(team, 1)
                        ],
                        widths_cm=[1.2, 5, 6.8, 3.5],
                    )
                ],
            ),
            Section(
                _("LỊCH KIỂM TRA"),
                [
                    Table(
                        [_("TT"), _("Đơn vị được kiểm tra"), _("Thời gian")],
                        [
                            [str(i), t.unit.name, _d(t.scheduled_on)]
                            for i, t in enumerate(targets, 1)
                        ],
                        widths_cm=[1.2, 11, 4.3],
                    )
                ],
            ),
            Section(
                _("TỔ CHỨC THỰC HIỆN"),
                [
                    _(
                        "Các đơn vị được kiểm tra xây dựng báo cáo tự kiểm tra theo các nội dung "
                        "trên, kèm tài liệu minh chứng, gửi Đoàn kiểm tra trước ngày kiểm tra."
                    )
                ],
            ),
        ]
    )
    return AdminDocument(
        issuer=inspector.name,
        superior=inspector.parent.name if inspector.parent is not None else "",
        kind="KẾ HOẠCH",
        title=inspection.title,
        number=inspection.number,
        symbol=inspection.symbol,
        place=inspection.place,
        date=inspection.signed_on,
        body=[*preamble, *sections],
        signer_authority=signer_authority(inspection),
        signer_title=inspection.signer_title,
        signer_name=inspection.signer_name,
        recipients=[*(t.unit.name for t in targets), _("Thành viên Đoàn kiểm tra"), "Lưu: VT"],
    )


def conclusion_document(inspection: Inspection) -> AdminDocument:
    inspector = inspection.inspector
    targets = list(inspection.targets.select_related("unit"))
    preamble = [
        _(
            "Thực hiện Kế hoạch kiểm tra %(n)s của %(u)s, từ ngày %(a)s đến ngày %(b)s, Đoàn "
            "kiểm tra đã kiểm tra công tác thi đua, khen thưởng tại các đơn vị. Trên cơ sở báo cáo "
            "tự kiểm tra, tài liệu minh chứng và kết quả làm việc, %(head)s %(u)s kết luận như sau:"
        )
        % {
            "n": f"số {inspection.number_symbol}" if inspection.number_symbol else "",
            "u": inspector.name,
            "a": _d(inspection.starts_on),
            "b": _d(inspection.ends_on),
            "head": head_title(inspector),
        }
    ]
    blocks: list[Block] = []
    for t in targets:
        findings = list(t.findings.select_related("item").order_by("item__order"))
        blocks.append(
            Section(
                t.unit.name,
                [
                    Table(
                        [_("Nội dung"), _("Kết quả"), _("Nhận xét")],
                        [[f.item.text, f.get_verdict_display(), f.text] for f in findings],
                        widths_cm=[6.5, 2.5, 7.5],
                    )
                ],
            )
        )
    recs = [r for t in targets for r in t.recommendations.select_related("responsible")]
    violations = [
        f
        for t in targets
        for f in t.findings.filter(verdict=Verdict.VIOLATION).select_related("item")
    ]
    handling = []
    if violations:
        handling.append(
            _(
                "Đối với các vi phạm nêu trên, việc xét, đề nghị khen thưởng đơn vị được tạm dừng "
                "cho đến khi có kết luận xử lý (%(cite)s)."
            )
            % {"cite": HOLD_CITATION}
        )
    sections = _numbered(
        [
            Section(_("KẾT LUẬN CHUNG"), _texts(inspection.conclusion)),
            Section(_("KẾT QUẢ KIỂM TRA THEO NỘI DUNG"), blocks),
            Section(
                _("KIẾN NGHỊ"),
                [
                    Table(
                        [_("TT"), _("Nội dung kiến nghị"), _("Đơn vị thực hiện"), _("Thời hạn")],
                        [
                            [str(i), r.text, r.responsible.name, _d(r.deadline)]
                            for i, r in enumerate(recs, 1)
                        ],
                        widths_cm=[1.2, 8, 4.8, 2.5],
                    )
                ]
                if recs
                else [],
            ),
            Section(
                _("TỔ CHỨC THỰC HIỆN"),
                [
                    *handling,
                    _(
                        "Các đơn vị được kiểm tra tổ chức khắc phục các hạn chế, thực hiện kiến "
                        "nghị đúng thời hạn và báo cáo kết quả về %(u)s."
                    )
                    % {"u": inspector.name},
                ],
            ),
        ]
    )
    return AdminDocument(
        issuer=inspector.name,
        superior=inspector.parent.name if inspector.parent is not None else "",
        kind="KẾT LUẬN",
        title=_("Kiểm tra công tác thi đua, khen thưởng năm %(y)s") % {"y": inspection.year}
        + (_(" tại %(u)s") % {"u": targets[0].unit.name} if len(targets) == 1 else ""),
        number=inspection.conclusion_number,
        symbol=inspection.conclusion_symbol,
        place=inspection.place,
        date=inspection.concluded_on,
        body=[*preamble, *sections],
        signer_authority=signer_authority(inspection),
        signer_title=inspection.signer_title,
        signer_name=inspection.signer_name,
        recipients=[*(t.unit.name for t in targets), "Lưu: VT"],
    )
