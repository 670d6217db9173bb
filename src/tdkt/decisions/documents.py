"""The decision's documents: the QUYẾT ĐỊNH (.docx), the list of awardees attached to it (.docx and
.xlsx), in the administrative format of `tdkt.documents.docx`."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from tdkt.decisions.models import Decision
from tdkt.documents.docx import AdminDocument, Block, Section, Table, long_date, render
from tdkt.documents.xlsx import xlsx_response
from tdkt.nominations.documents import head_title, place_of
from tdkt.org.models import UnitLevel


def money_text(amount: int | None) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng" if amount is not None else ""


def authority(decision: Decision) -> str:
    """ "VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO": who decides, above the decision's articles."""
    unit = decision.issuer
    head = "THỦ TRƯỞNG" if unit.level == UnitLevel.DON_VI_TRUC_THUOC else "VIỆN TRƯỞNG"
    return f"{head} {unit.name.upper()}"


def reference(decision: Decision) -> str:
    if not decision.number:
        return _("(kèm theo Quyết định số      /%(s)s)") % {"s": decision.symbol}
    assert decision.signed_on is not None
    return _("(Kèm theo Quyết định số %(n)s %(d)s của %(a)s)") % {
        "n": decision.number_symbol,
        "d": long_date(decision.signed_on),
        "a": authority(decision).capitalize(),
    }


def decision_document(decision: Decision) -> AdminDocument:
    unit = decision.issuer
    awardees = list(decision.awardees.all())
    total = sum(a.amount or 0 for a in awardees)
    meeting = decision.meeting
    basis: list[Block] = [
        _("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
        _(
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về "
            "phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng và quy định chi tiết "
            "thi hành "
            "một số điều của Luật Thi đua, khen thưởng;"
        ),
        _(
            "Căn cứ Thông tư số 02/2024/TT-VKSTC ngày 12 tháng 8 năm 2024 của Viện trưởng "
            "Viện kiểm "
            "sát nhân dân tối cao quy định về công tác thi đua, khen thưởng trong ngành Kiểm sát "
            "nhân dân;"
        ),
    ]
    if meeting is not None:
        basis.append(
            _("Căn cứ Biên bản họp %(c)s phiên số %(n)s ngày %(d)s;")
            % {
                "c": meeting.council.name,
                "n": meeting.number,
                "d": meeting.held_on.strftime("%d/%m/%Y"),
            }
        )
    basis.append(_("Theo đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng."))
    awards = sorted({a.get_award_display() for a in awardees})
    articles: list[Block] = [
        _(
            "Điều 1. Tặng %(a)s năm %(y)s cho %(n)s cá nhân, tập thể có tên trong danh sách "
            "kèm theo."
        )
        % {"a": ", ".join(f"«{a}»" for a in awards), "y": decision.year, "n": len(awardees)},
        _(
            "Điều 2. Tiền thưởng của mỗi cá nhân, tập thể theo danh sách kèm theo, tổng cộng "
            "%(t)s, chi từ quỹ thi đua, khen thưởng theo quy định."
        )
        % {"t": money_text(total) if decision.signed_on else _("(tính khi ký quyết định)")},
        _(
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng các "
            "đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi "
            "hành Quyết định này."
        ),
    ]
    body: list[Block] = [
        Section(authority(decision), basis),
        Section(_("QUYẾT ĐỊNH:"), articles),
    ]
    return AdminDocument(
        issuer=unit.name,
        superior=unit.parent.name if unit.parent and unit.level != UnitLevel.TOI_CAO else "",
        kind="QUYẾT ĐỊNH",
        title=decision.title,
        number=decision.number,
        symbol=decision.symbol,
        place=place_of(unit),
        date=decision.signed_on,
        body=body,
        signer_title=decision.signer_title or head_title(unit),
        signer_name=decision.signer_name,
        recipients=[_("Như Điều 3"), _("Lưu: VT, TĐKT")],
    )


def list_rows(decision: Decision, with_money: bool = True) -> list[list[Any]]:
    """The annex's rows; without the money columns for a reader outside the paying unit."""
    return [
        [i, a.name, a.position, a.unit_name, a.get_award_display()]
        + ([a.coefficient, a.amount] if with_money else [])
        for i, a in enumerate(decision.awardees.all(), start=1)
    ]


LIST_HEADERS = [
    "STT",
    "Họ và tên / Tên tập thể",
    "Chức vụ",
    "Đơn vị",
    "Danh hiệu, hình thức",
    "Hệ số",
    "Tiền thưởng (đồng)",
]


def list_document(decision: Decision) -> AdminDocument:
    rows = [
        [str(r[0]), r[1], r[2], r[3], r[4], str(r[5] or "").replace(".", ","), money_text(r[6])]
        for r in list_rows(decision)
    ]
    unit = decision.issuer
    return AdminDocument(
        issuer=unit.name,
        superior=unit.parent.name if unit.parent and unit.level != UnitLevel.TOI_CAO else "",
        kind="DANH SÁCH",
        title=_("Cá nhân, tập thể được khen thưởng %(r)s") % {"r": reference(decision)},
        place=place_of(unit),
        date=decision.signed_on,
        body=[Table([_(h) for h in LIST_HEADERS], rows, widths_cm=[1, 3.5, 2.5, 3.5, 3, 1.2, 2.3])],
        signer_title=decision.signer_title or head_title(unit),
        signer_name=decision.signer_name,
    )


def list_xlsx(decision: Decision, with_money: bool = True) -> HttpResponse:
    """The list as .xlsx (a streamed response, as every export of the project)."""
    from tdkt.nominations.documents import filename

    title = _("Danh sách khen thưởng %(r)s") % {"r": reference(decision)}
    rows = [
        [*r[:5], *([float(r[5]) if r[5] is not None else None, r[6]] if with_money else [])]
        for r in list_rows(decision, with_money)
    ]
    headers = LIST_HEADERS if with_money else LIST_HEADERS[:5]
    return xlsx_response(
        filename("danh-sach-khen-thuong", decision.number_symbol or str(decision.pk), "xlsx"),
        _("Danh sách"),
        [_(h) for h in headers],
        rows,
        title=title,
    )


def decision_docx(decision: Decision) -> bytes:
    return render(decision_document(decision))


def list_docx(decision: Decision) -> bytes:
    return render(list_document(decision))
