"""The documents a dossier generates from its data, in the administrative format of
`tdkt.documents.docx`: the tờ trình with the list of candidates (Mẫu số 01, ND 152/2025) and each
candidate's báo cáo thành tích (Mẫu số 05). A signed, uploaded copy replaces either for reading."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from unidecode import unidecode

from tdkt.documents.docx import AdminDocument, Block, Section, Table, render
from tdkt.nominations.models import Candidate, Dossier
from tdkt.org.models import Unit, UnitLevel
from tdkt.records.models import AwardEntry
from tdkt.rules import codes

ROMAN = ("I", "II", "III", "IV", "V", "VI")
_PREFIXES = (
    "Viện kiểm sát nhân dân thành phố ",
    "Viện kiểm sát nhân dân tỉnh ",
    "Viện kiểm sát nhân dân huyện ",
)


def place_of(unit: Unit) -> str:
    """Where a unit dates its documents: "Hà Nội" for VKSND tối cao and its departments, the
    province for a provincial or regional procuracy ("… khu vực 1 - Quảng Trị" → "Quảng Trị")."""
    if unit.level in (UnitLevel.TOI_CAO, UnitLevel.DON_VI_TRUC_THUOC):
        return "Hà Nội"
    name = unit.name
    if " - " in name:
        return name.rsplit(" - ", 1)[1]
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return unit.parent.name.removeprefix("Viện kiểm sát nhân dân ") if unit.parent else ""


def head_title(unit: Unit) -> str:
    if unit.level in (UnitLevel.DON_VI_TRUC_THUOC, UnitLevel.PHONG):
        return _("Thủ trưởng đơn vị")
    return _("Viện trưởng")


def filename(prefix: str, text: str, extension: str = "docx") -> str:
    tail = re.sub(r"[^A-Za-z0-9]+", "-", unidecode(text)).strip("-").lower()[:60]
    return f"{prefix}-{tail}.{extension}" if tail else f"{prefix}.{extension}"


def candidate_table(candidates: list[Candidate]) -> Table:
    rows = [
        [
            str(i),
            c.name,
            c.position,
            c.unit_name,
            c.get_award_display(),
            c.achievement.splitlines()[0] if c.achievement else "",
        ]
        for i, c in enumerate(candidates, start=1)
    ]
    return Table(
        [
            _("STT"),
            _("Họ và tên / Tên tập thể"),
            _("Chức vụ"),
            _("Đơn vị"),
            _("Danh hiệu, hình thức đề nghị"),
            _("Tóm tắt thành tích"),
        ],
        rows,
        widths_cm=[1.0, 3.5, 2.5, 3.0, 3.0, 3.5],
    )


def proposal_document(dossier: Dossier) -> AdminDocument:
    unit = dossier.unit
    candidates = list(dossier.candidates.all())
    receiver = dossier.receiver
    addressee = receiver.name if receiver else ""
    intro = _("Kính gửi: %(r)s.") % {"r": addressee} if addressee else ""
    basis = _(
        "Căn cứ Luật Thi đua, khen thưởng năm 2022; Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của "
        "Chính phủ; Thông tư số 02/2024/TT-VKSTC ngày 12/8/2024 của Viện trưởng Viện kiểm sát nhân "
        "dân tối cao quy định về công tác thi đua, khen thưởng trong ngành Kiểm sát nhân dân."
    )
    proposal = _(
        "%(u)s đề nghị %(r)s xem xét, khen thưởng cho %(n)s cá nhân, tập thể có thành tích năm "
        "%(y)s theo danh sách dưới đây."
    ) % {
        "u": unit.name,
        "r": addressee or _("cấp có thẩm quyền"),
        "n": len(candidates),
        "y": dossier.year,
    }
    body: list[Block] = [b for b in (intro, basis, dossier.summary, proposal) if b]
    body.append(Section(_("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"), [candidate_table(candidates)]))
    body.append(_("Kính đề nghị %(r)s xem xét, quyết định.") % {"r": addressee or _("cấp trên")})
    return AdminDocument(
        issuer=unit.name,
        superior=unit.parent.name if unit.parent else "",
        kind="TỜ TRÌNH",
        title=_("Về việc đề nghị khen thưởng năm %(y)s") % {"y": dossier.year},
        number=dossier.number,
        symbol=dossier.symbol,
        place=place_of(unit),
        date=dossier.submitted_on,
        body=body,
        signer_title=dossier.signer_title or head_title(unit),
        signer_name=dossier.signer_name,
        recipients=[r for r in (addressee, _("Lưu: VT, TĐKT")) if r],
    )


def report_document(candidate: Candidate) -> AdminDocument:
    """Báo cáo thành tích (after ND 152/2025, Mẫu số 05): who, what was achieved, past awards."""
    dossier = candidate.dossier
    person = candidate.person
    facts: list[str] = []
    if person is not None:
        facts += [
            _("Họ và tên: %(n)s") % {"n": person.full_name},
            _("Sinh ngày: %(d)s; giới tính: %(g)s")
            % {"d": person.birth_date.strftime("%d/%m/%Y"), "g": person.get_gender_display()},
            _("Chức vụ: %(p)s") % {"p": candidate.position or "—"},
            _("Đơn vị công tác: %(u)s") % {"u": candidate.unit_name or "—"},
        ]
        if person.recruited_on:
            facts.append(
                _("Ngày tuyển dụng: %(d)s") % {"d": person.recruited_on.strftime("%d/%m/%Y")}
            )
        history = AwardEntry.objects.filter(person=person).select_related("decision")
    else:
        assert candidate.unit is not None
        facts += [_("Tên tập thể: %(n)s") % {"n": candidate.name}]
        facts += [_("Trực thuộc: %(u)s") % {"u": candidate.unit_name or "—"}]
        history = AwardEntry.objects.filter(unit=candidate.unit).select_related("decision")
    initiatives = [
        [i.code, i.title, i.get_scope_display(), i.recognized_on.strftime("%d/%m/%Y")]
        for i in candidate.initiatives.all()
    ]
    past = [
        [
            str(e.year),
            e.get_award_display(),
            str(e.decision),
            "" if e.is_active else _("đã thu hồi"),
        ]
        for e in history.order_by("year", "award")
    ]
    achievement = candidate.achievement or _("(Chưa nhập tóm tắt thành tích.)")
    sections = [
        Section(_("SƠ LƯỢC LÝ LỊCH") if person else _("ĐẶC ĐIỂM, TÌNH HÌNH"), list(facts)),
        Section(_("THÀNH TÍCH ĐẠT ĐƯỢC"), [achievement]),
    ]
    if initiatives:
        sections.append(
            Section(
                _("SÁNG KIẾN, ĐỀ TÀI"),
                [Table([_("Mã"), _("Tên"), _("Phạm vi"), _("Ngày công nhận")], initiatives)],
            )
        )
    sections.append(
        Section(
            _("CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
            [Table([_("Năm"), _("Danh hiệu, hình thức"), _("Quyết định"), _("Ghi chú")], past)]
            if past
            else [_("Chưa có.")],
        )
    )
    body: list[Block] = [
        Section(f"{ROMAN[i]}. {s.heading}", s.blocks) for i, s in enumerate(sections)
    ]
    return AdminDocument(
        issuer=dossier.unit.name,
        superior=dossier.unit.parent.name if dossier.unit.parent else "",
        kind="BÁO CÁO THÀNH TÍCH",
        title=_("Đề nghị tặng %(a)s năm %(y)s")
        % {"a": codes.award_name(candidate.award), "y": dossier.year},
        place=place_of(dossier.unit),
        date=dossier.submitted_on,
        body=body,
        signer_title=_("Người báo cáo thành tích") if person else head_title(dossier.unit),
        signer_name=candidate.name if person else dossier.signer_name,
    )


def proposal_docx(dossier: Dossier) -> bytes:
    return render(proposal_document(dossier))


def report_docx(candidate: Candidate) -> bytes:
    return render(report_document(candidate))
