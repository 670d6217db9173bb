"""The administrative-format renderer every issue's documents use (Nghị định 30/2020/NĐ-CP)."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from tdkt.documents.docx import (
    AdminDocument,
    Section,
    Table,
    body_lines,
    long_date,
    number_line,
    place_and_date,
    plain_text,
    recipient_lines,
    render,
)


def sample(**kw) -> AdminDocument:
    base = {
        "superior": "Viện kiểm sát nhân dân tối cao",
        "issuer": "Viện kiểm sát nhân dân tỉnh Quảng Bình",
        "kind": "Kế hoạch",
        "title": "Thực hiện phong trào thi đua đặc biệt “Cả nước đoàn kết, chung sức, đồng lòng”",
        "number": "1854",
        "symbol": "KH-VKS",
        "place": "Quảng Bình",
        "date": dt.date(2025, 1, 15),
        "body": [
            "Thực hiện Kế hoạch số 1998/KH-UBND, Viện trưởng ban hành Kế hoạch như sau:",
            Section(
                "I. MỤC ĐÍCH, YÊU CẦU",
                [
                    Section(
                        "1. Mục đích",
                        ["a) Phát huy tinh thần yêu nước.\nb) Đề cao tinh thần thi đua."],
                    )
                ],
            ),
            Section(
                "II. CHỈ TIÊU",
                [Table(["STT", "Chỉ tiêu"], [["1", "Tỷ lệ giải quyết án & <kiểm sát>"]])],
            ),
        ],
        "signer_authority": "KT. Viện trưởng",
        "signer_title": "Phó Viện trưởng",
        "signer_name": "Nguyễn Văn Hùng",
        "recipients": [
            "Sở Nội vụ tỉnh Quảng Bình",
            "- Lãnh đạo VKSND tỉnh;",
            "17 đơn vị",
            "Lưu: VT, TH",
        ],
    }
    base.update(kw)
    return AdminDocument(**base)


def test_dates_follow_the_decree_zero_padding():
    assert long_date(dt.date(2025, 1, 15)) == "ngày 15 tháng 01 năm 2025"
    assert long_date(dt.date(2021, 9, 3)) == "ngày 03 tháng 9 năm 2021"
    assert long_date(dt.date(2025, 2, 28)) == "ngày 28 tháng 02 năm 2025"
    assert (
        place_and_date("Quảng Bình", dt.date(2025, 1, 15))
        == "Quảng Bình, ngày 15 tháng 01 năm 2025"
    )
    assert place_and_date("Hà Nội", None, 2026).startswith("Hà Nội, ngày")


def test_body_names_in_the_header():
    assert body_lines("Viện kiểm sát nhân dân khu vực 1 - Quảng Trị") == [
        "VIỆN KIỂM SÁT NHÂN DÂN",
        "KHU VỰC 1 - QUẢNG TRỊ",
    ]
    assert body_lines("Văn phòng\nViện kiểm sát nhân dân tối cao") == [
        "VĂN PHÒNG",
        "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO",
    ]
    assert body_lines("") == []


def test_number_and_recipients():
    assert number_line("1854", "KH-VKS") == "Số: 1854/KH-VKS"
    assert number_line("", "KH-VKS").endswith("/KH-VKS")
    assert recipient_lines(["A", "- B;", "Lưu: VT"]) == ["- A;", "- B;", "- Lưu: VT."]


def test_the_document_reads_back_with_every_part_of_the_format():
    content = render(sample())
    text = plain_text(content)
    lines = text.splitlines()
    # The header breaks the bodies' names after "VIỆN KIỂM SÁT NHÂN DÂN", as seed 002 does.
    assert lines[:4] == [
        "VIỆN KIỂM SÁT NHÂN DÂN",
        "TỐI CAO",
        "VIỆN KIỂM SÁT NHÂN DÂN",
        "TỈNH QUẢNG BÌNH",
    ]
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 1854/KH-VKS",
        "Quảng Bình, ngày 15 tháng 01 năm 2025",
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "b) Đề cao tinh thần thi đua.",
        "Tỷ lệ giải quyết án & <kiểm sát>",
        "Nơi nhận:",
        "- Sở Nội vụ tỉnh Quảng Bình;",
        "- Lưu: VT, TH.",
        "KT. VIỆN TRƯỞNG",
        "PHÓ VIỆN TRƯỞNG",
        "Nguyễn Văn Hùng",
    ):
        assert expected in lines, expected


def test_times_new_roman_on_a4():
    document = Document(io.BytesIO(render(sample())))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert document.styles["Normal"].font.name == "Times New Roman"
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    assert fonts == {"Times New Roman"}
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if run.text.strip()}
    assert sizes <= {13, 14}
