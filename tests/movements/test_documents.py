"""The plan, a unit's implementing plan and the review report as .docx, read back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tdkt.documents.docx import plain_text, render
from tdkt.movements import documents
from tdkt.movements.models import Answer, ReviewKind
from tdkt.movements.services import answers, registrations, reviews
from tests.movements.conftest import LATER, NOW

pytestmark = pytest.mark.django_db


def text_of(document) -> list[str]:
    return plain_text(render(document)).splitlines()


def test_the_launching_plan(launched):
    lines = text_of(documents.movement_document(launched))
    assert lines[:2] == ["VIỆN KIỂM SÁT NHÂN DÂN", "TỐI CAO"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines and "Độc lập - Tự do - Hạnh phúc" in lines
    assert "Số: 12/KH-VKSTC" in lines
    assert "Hà Nội, ngày 10 tháng 01 năm 2026" in lines
    assert "KẾ HOẠCH" in lines
    assert any(
        line.startswith("Tổ chức phong trào thi đua năm 2026 với chủ đề “Đoàn kết")
        for line in lines
    )
    headings = [
        line for line in lines if line[:3] in ("I. ", "II.", "III", "IV.", "V. ", "VI.", "VII")
    ]
    assert headings[0] == "I. MỤC ĐÍCH, YÊU CẦU" and headings[-1] == "VII. TỔ CHỨC THỰC HIỆN"
    assert "Tỷ lệ giải quyết án hình sự" in lines and "≥ 90" in lines
    assert "- Bằng khen của Viện trưởng VKSND tối cao" in lines
    assert (
        "Các tập thể, cá nhân đăng ký danh hiệu thi đua theo phong trào trước ngày 28/02/2026."
        in lines
    )
    assert "Nguyễn Huy Tiến" in lines and "- Lưu: VT, VP." in lines


def test_a_provinces_implementing_plan_cites_the_parent(sector, launched, officer):
    answer = Answer.objects.get(movement=launched, unit=sector.quang_tri)
    indicator = launched.indicators.first()
    answers.answer_with_plan(
        actor=officer,
        answer=answer,
        plan=answers.PlanData(
            number="05",
            symbol="KH-VKS",
            signed_on=dt.date(2026, 1, 13),
            place="Quảng Trị",
            purpose="Triển khai sâu rộng phong trào tới các đơn vị hai cấp.",
            signer_title="Viện trưởng",
            signer_name="Trần Văn Minh",
            recipients="VKSND tối cao (Văn phòng)\nCác đơn vị trực thuộc\nLưu: VT",
        ),
        targets={indicator.pk: Decimal(95)},
        now=NOW,
    )
    lines = text_of(documents.answer_document(answer))
    # The superior body above the issuer.
    assert lines[:4] == [
        "VIỆN KIỂM SÁT NHÂN DÂN",
        "TỐI CAO",
        "VIỆN KIỂM SÁT NHÂN DÂN",
        "TỈNH QUẢNG TRỊ",
    ]
    assert "Số: 05/KH-VKS" in lines and "Quảng Trị, ngày 13 tháng 01 năm 2026" in lines
    assert any(
        "Thực hiện Kế hoạch số 12/KH-VKSTC ngày 10/01/2026 của Viện kiểm sát nhân dân tối cao"
        in line
        for line in lines
    )
    assert "≥ 95" in lines  # the province's own target
    assert "- VKSND tối cao (Văn phòng);" in lines and "- Lưu: VT." in lines


def test_the_review_report(sector, running, vkstc_officer, kv1_officer, officer):
    register = registrations.open_registration(
        actor=kv1_officer, movement=running, unit=sector.kv1, year=2026, now=NOW
    )
    registrations.add_registration_lines(
        actor=kv1_officer,
        registration=register,
        people=[registrations.PersonLine(sector.an, "LDTT")],
        now=NOW,
    )
    review = reviews.record_review(
        actor=vkstc_officer,
        movement=running,
        data=reviews.ReviewData(
            kind=ReviewKind.FINAL,
            held_on=dt.date(2026, 12, 10),
            period_label="năm 2026",
            summary="Phong trào được triển khai đồng bộ.",
            shortcomings="Một số đơn vị báo cáo chậm.",
            directions="Tiếp tục đổi mới nội dung thi đua.",
            number="150",
            symbol="BC-VKSTC",
            signed_on=dt.date(2026, 12, 12),
            place="Hà Nội",
            signer_title="Viện trưởng",
            signer_name="Nguyễn Huy Tiến",
            recipients="Hội đồng Thi đua - Khen thưởng Trung ương\nLưu: VT",
        ),
        examples=[
            reviews.ExampleData("Dẫn đầu cụm thi đua", unit=sector.kv1, proposed_award="BK_NGANH")
        ],
        now=LATER,
    )
    lines = text_of(documents.review_document(review))
    assert "BÁO CÁO" in lines and "Số: 150/BC-VKSTC" in lines
    assert "Hà Nội, ngày 12 tháng 12 năm 2026" in lines
    assert "Tổng kết năm 2026 thực hiện phong trào thi đua năm 2026" in lines
    assert any(
        "0/3 đơn vị nhận phong trào đã ban hành kế hoạch triển khai" in line for line in lines
    )
    assert "Lao động tiên tiến" in lines  # the registration table
    assert any(
        line.startswith(
            "- Tập thể Viện kiểm sát nhân dân khu vực 1 - Quảng Trị: Dẫn đầu cụm thi đua."
        )
        for line in lines
    )
    assert "V. TỒN TẠI, HẠN CHẾ VÀ BÀI HỌC KINH NGHIỆM" in lines
    assert documents.filename("tong-ket", review) == "tong-ket-150-BC-VKSTC.docx"
