"""The decision's documents (.docx, .xlsx) and the certificates (PDF, A4 landscape, Vietnamese
text read back with pdftotext), with the issuer's layout for pre-printed blanks."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.decisions import certificates, documents, layouts, services
from tdkt.documents.docx import plain_text
from tdkt.errors import InvalidData
from tests.conftest import login

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return out.stdout.decode()


def pdf_pages(content: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True)
    line = next(x for x in out.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def test_the_decision_and_its_list(decision):
    text = plain_text(documents.decision_docx(decision))
    assert "QUYẾT ĐỊNH" in text and "Số: 31/QĐ-VKSTC" in text
    assert "Hà Nội, ngày 20 tháng 01 năm 2026" in text
    assert "VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" in text
    assert (
        "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân phiên số 1"
        in text
    )
    assert "cho 2 cá nhân, tập thể" in text and "tổng cộng 10.530.000 đồng" in text
    assert "Nguyễn Huy Tiến" in text
    listing = plain_text(documents.list_docx(decision))
    assert (
        "DANH SÁCH" in listing
        and "Kèm theo Quyết định số 31/QĐ-VKSTC ngày 20 tháng 01 năm 2026" in listing
    )
    assert (
        "Nguyễn Văn An" in listing and "7.020.000 đồng" in listing and "3.510.000 đồng" in listing
    )


def test_the_list_as_xlsx(world, decision):
    response = login(world.vkstc_officer).get(reverse("decisions:list_xlsx", args=[decision.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    flat = [str(c) for row in rows for c in row if c is not None]
    assert any("31/QĐ-VKSTC" in c for c in flat)
    data = [r for r in rows if r and r[1] in ("Nguyễn Văn An", "Lê Thị Cúc")]
    assert {(r[1], r[4], r[6]) for r in data} == {
        ("Nguyễn Văn An", "Chiến sĩ thi đua ngành Kiểm sát nhân dân", 7020000),
        ("Lê Thị Cúc", "Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao", 3510000),
    }


def test_one_certificate_per_awardee_and_all_at_once(decision):
    everyone = certificates.certificates_pdf(decision)
    assert everyone.startswith(b"%PDF") and pdf_pages(everyone) == 2
    text = pdf_text(everyone)
    assert unicodedata.is_normalized("NFC", text)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO",
        "CHIẾN SĨ THI ĐUA NGÀNH KIỂM SÁT NHÂN DÂN",
        "Ông: Nguyễn Văn An",
        "Bà: Lê Thị Cúc",
        "BẰNG KHEN",
        "Quyết định số 31/QĐ-VKSTC ngày 20/01/2026",
        "Hà Nội, ngày 20 tháng 01 năm 2026",
        "Nguyễn Huy Tiến",
    ):
        assert expected in text, expected
    one = certificates.certificates_pdf(decision, [decision.awardees.get(award="BK_NGANH")])
    assert pdf_pages(one) == 1
    assert "Lê Thị Cúc" in pdf_text(one) and "Nguyễn Văn An" not in pdf_text(one)


def test_a_decomposed_name_prints_composed(world, decision):
    awardee = decision.awardees.get(award="BK_NGANH")
    awardee.name = unicodedata.normalize("NFD", "Lê Thị Cúc")
    awardee.save()
    text = pdf_text(certificates.certificates_pdf(decision, [awardee]))
    assert "Lê Thị Cúc" in text


def test_the_layout_fits_preprinted_blanks(world, decision):
    with pytest.raises(InvalidData, match="theo thứ tự"):
        layouts.save_layout(actor=world.vkstc_officer, issuer=world.s.vkstc, name_top_mm=160)
    layout = layouts.save_layout(
        actor=world.vkstc_officer,
        issuer=world.s.vkstc,
        preprinted=True,
        margin_left_mm=30,
        name_top_mm=100,
        body_top_mm=125,
        signature_top_mm=155,
    )
    assert layout.pk and layout.preprinted
    html = certificates.certificates_html(list(decision.awardees.all()), layout)
    assert "left: 30mm" in html and "top: 100mm" in html and "top: 125mm" in html
    text = pdf_text(certificates.certificates_pdf(decision))
    assert "Nguyễn Văn An" in text
    assert "BẰNG KHEN" not in text and "CỘNG HÒA" not in text  # printed on the blank already


def test_certificates_print_only_for_a_signed_decision(world, decision):
    client = login(world.vkstc_officer)
    response = client.get(reverse("decisions:certificates_pdf", args=[decision.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert decision.awardees.filter(printed_at__isnull=False).count() == 2
    draft = services.draft_decision  # a draft has nothing to print
    assert draft
