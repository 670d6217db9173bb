"""Certificates (Bằng khen, Giấy khen, certificates of a title) as PDF: an HTML page per awardee,
A4 landscape, rendered by WeasyPrint with the fonts fontconfig finds for "Times New Roman"
(Liberation Serif when installed, else DejaVu Serif / Noto Serif). Every text is NFC. The issuer's
saved layout places the blocks to fit its pre-printed blanks."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tdkt.decisions.layouts import layout_for
from tdkt.decisions.models import Awardee, CertificateLayout, Decision
from tdkt.documents.docx import MOTTO, MOTTO_COUNTRY, long_date
from tdkt.nominations.documents import place_of
from tdkt.org.models import UnitLevel
from tdkt.rules import codes
from tdkt.rules.codes import Award, AwardKind

PDF_CONTENT_TYPE = "application/pdf"
_FORM_HEADINGS = {Award.GIAY_KHEN: "GIẤY KHEN", Award.KNC_VSNKS: "KỶ NIỆM CHƯƠNG"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


@dataclass(frozen=True)
class Certificate:
    """What one certificate says, every string already NFC."""

    authority: str
    verb: str
    heading: str
    award_line: str
    salutation: str
    name: str
    position: str
    reason: str
    decision_line: str
    place_date: str
    signer_title: str
    signer_name: str
    serial: str


def certificate_for(awardee: Awardee) -> Certificate:
    decision = awardee.decision
    unit = decision.issuer
    head = "THỦ TRƯỞNG" if unit.level == UnitLevel.DON_VI_TRUC_THUOC else "VIỆN TRƯỞNG"
    award = Award(awardee.award)
    is_title = codes.award_kind(award) is AwardKind.TITLE
    if is_title:
        verb, heading = _("CHỨNG NHẬN"), _("DANH HIỆU")
        award_line = codes.award_name(award).upper()
    else:
        verb, heading = _("TẶNG"), _FORM_HEADINGS.get(award, "BẰNG KHEN")
        award_line = "" if award is not Award.KNC_VSNKS else _('"Vì sự nghiệp Kiểm sát"')
    if awardee.person is not None:
        salutation = _("Ông") if awardee.person.gender == "male" else _("Bà")
        position = ", ".join(p for p in (awardee.position, awardee.unit_name) if p)
    else:
        salutation, position = _("Tập thể"), awardee.unit_name
    first_line = (awardee.achievement or "").strip().splitlines()
    reason = (
        first_line[0]
        if first_line
        else _("Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm %(y)s") % {"y": awardee.year}
    )
    signed = decision.signed_on
    decision_line = (
        _("Quyết định số %(n)s ngày %(d)s")
        % {"n": decision.number_symbol, "d": signed.strftime("%d/%m/%Y")}
        if signed
        else ""
    )
    place_date = f"{place_of(unit)}, {long_date(signed)}" if signed else ""
    return Certificate(
        authority=nfc(f"{head} {unit.name.upper()}"),
        verb=nfc(verb),
        heading=nfc(heading),
        award_line=nfc(award_line),
        salutation=nfc(salutation),
        name=nfc(awardee.name),
        position=nfc(position),
        reason=nfc(reason),
        decision_line=nfc(decision_line),
        place_date=nfc(place_date),
        signer_title=nfc((decision.signer_title or head).upper()),
        signer_name=nfc(decision.signer_name),
        serial=nfc(f"{decision.number_symbol} – {awardee.order:03d}"),
    )


def certificates_html(awardees: list[Awardee], layout: CertificateLayout) -> str:
    return render_to_string(
        "decisions/certificate.html",
        {
            "certificates": [certificate_for(a) for a in awardees],
            "layout": layout,
            "motto_country": MOTTO_COUNTRY,
            "motto": MOTTO,
        },
    )


def certificates_pdf(decision: Decision, awardees: list[Awardee] | None = None) -> bytes:
    from weasyprint import HTML

    chosen = awardees if awardees is not None else list(decision.awardees.all())
    html = certificates_html(chosen, layout_for(decision.issuer))
    return HTML(string=html).write_pdf()
