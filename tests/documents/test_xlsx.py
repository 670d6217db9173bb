"""The .xlsx writer every list export uses."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from tdkt.documents.xlsx import (
    ColumnSpec,
    build_template,
    content_disposition,
    safe_sheet_title,
    xlsx_bytes,
    xlsx_response,
)


def _sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def test_vietnamese_text_and_dates_round_trip():
    rows = [
        ["Nguyễn Thị Ánh Tuyết", dt.date(1985, 4, 2), 12, "Phó Trưởng phòng"],
        ["Đặng Văn Ưng", None, 3.5, "Kiểm sát viên"],
    ]
    response = xlsx_response(
        "danh-sách cán bộ.xlsx", "Cán bộ", ["Họ và tên", "Ngày sinh", "Số năm", "Chức vụ"], rows
    )
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = _sheet(response.content)
    assert sheet.title == "Cán bộ"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Họ và tên", "Ngày sinh", "Số năm", "Chức vụ")
    assert values[1] == ("Nguyễn Thị Ánh Tuyết", dt.datetime(1985, 4, 2), 12, "Phó Trưởng phòng")
    assert values[2] == ("Đặng Văn Ưng", None, 3.5, "Kiểm sát viên")
    assert sheet["B2"].is_date and sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= len("Nguyễn Thị Ánh Tuyết")


def test_the_filename_is_sent_in_utf8_with_an_ascii_fallback():
    header = content_disposition("Danh sách khen thưởng 2025.xlsx")
    assert header.startswith('attachment; filename="Danh sach khen thuong 2025.xlsx"; ')
    encoded = header.split("filename*=UTF-8''", 1)[1]
    assert " " not in encoded
    assert unquote(encoded) == "Danh sách khen thưởng 2025.xlsx"


def test_a_title_line_goes_above_a_frozen_header():
    sheet = _sheet(xlsx_bytes("Lỗi", ["Dòng", "Lỗi"], [[2, "x"]], title="DANH SÁCH LỖI"))
    assert sheet["A1"].value == "DANH SÁCH LỖI" and sheet["A1"].font.b
    assert [c.value for c in sheet[3]] == ["Dòng", "Lỗi"]
    assert sheet.freeze_panes == "A4"


def test_values_are_written_the_way_a_reader_expects():
    from django.utils.translation import gettext_lazy

    from tdkt.people.models import Gender

    aware = dt.datetime(2025, 7, 1, 1, 30, tzinfo=dt.UTC)
    rows = (r for r in [["=1+1", True, gettext_lazy("Nam"), Gender.FEMALE, aware, "a\x07b"]])
    sheet = _sheet(xlsx_bytes("Dữ liệu", ["a", "b", "c", "d", "e", "f"], rows))
    cells = sheet[2]
    assert cells[0].value == "=1+1" and cells[0].data_type == "s"  # text, never a formula
    assert cells[1].value == "Có"
    assert cells[2].value == "Nam"
    assert cells[3].value == "female"
    local = aware.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None)
    assert cells[4].value == local and cells[4].number_format == "DD/MM/YYYY HH:MM"
    assert cells[5].value == "ab"


def test_a_large_generator_is_streamed():
    rows = ([f"Cán bộ {i}", dt.date(2000, 1, 1) + dt.timedelta(days=i)] for i in range(5000))
    sheet = _sheet(xlsx_bytes("Danh sách", ["Họ và tên", "Ngày"], rows))
    assert sheet.max_row == 5001
    assert sheet.cell(row=5001, column=1).value == "Cán bộ 4999"


def test_sheet_titles_follow_excels_rules():
    assert safe_sheet_title("Khen thưởng: 2024/2025 [tỉnh]") == "Khen thưởng- 2024-2025 -tỉnh-"
    assert len(safe_sheet_title("x" * 50)) == 31


def test_a_template_has_the_exact_headers_and_a_guide():
    columns = [
        ColumnSpec("Họ và tên", "Họ, tên đệm và tên.", required=True),
        ColumnSpec(
            "Giới tính", "Nam hoặc Nữ.", required=True, allowed=[("male", "Nam"), ("female", "Nữ")]
        ),
        ColumnSpec("Ngày sinh", "dd/mm/yyyy", kind="date"),
        ColumnSpec("Số CCCD", "12 chữ số", kind="text"),
    ]
    content = build_template(
        columns,
        "Danh sách cán bộ",
        [["Lê Thị Hoa", "Nữ", dt.date(1986, 5, 12), "042186000111"]],
        ["Mỗi dòng là một cán bộ."],
    )
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Danh sách cán bộ", "Hướng dẫn"]
    data = workbook["Danh sách cán bộ"]
    assert [c.value for c in data[1]] == ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD"]
    assert data.max_row == 1
    assert data.column_dimensions["D"].number_format == "@"  # keeps the leading zero
    assert data.column_dimensions["C"].number_format == "DD/MM/YYYY"
    assert data.data_validations.dataValidation[0].formula1 == '"Nam,Nữ"'
    guide = [r[:4] for r in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    assert ("Mỗi dòng là một cán bộ.", None, None, None) in guide
    assert (
        "Giới tính",
        "Có",
        "Nam hoặc Nữ.\nGiá trị được chấp nhận (mã hoặc tên): male = Nam; female = Nữ",
        None,
    ) in guide
    assert ("Lê Thị Hoa", "Nữ", dt.datetime(1986, 5, 12), "042186000111") in guide


def test_text_a_spreadsheet_could_run_stays_text_in_every_list():
    risky = ['=HYPERLINK("http://x","bấm")', "+84 912", "-1+2", "@SUM(A1)", "\tcmd"]
    sheet = _sheet(xlsx_bytes("Dữ liệu", ["a", "b", "c", "d", "e"], [risky]))
    assert [c.data_type for c in sheet[2]] == ["s"] * 5
    assert sheet[2][0].value == risky[0]


def _streamed(sheets: list) -> bytes:  # type: ignore[type-arg]
    from tdkt.documents.xlsx import write_workbook

    buffer = io.BytesIO()
    write_workbook(buffer, sheets)
    return buffer.getvalue()


def test_the_streaming_writer_keeps_text_a_spreadsheet_could_run_as_text():
    from tdkt.documents.xlsx import Sheet

    risky = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","bấm")', "+84 912", "-1+2", "@SUM(A1)"]
    content = _streamed([Sheet("Dữ liệu", ["a", "b", "c", "d", "e"], iter([risky]))])
    sheet = _sheet(content)
    assert [c.data_type for c in sheet[2]] == ["s"] * 5
    assert [c.value for c in sheet[2]] == risky
    with io.BytesIO(content) as raw, __import__("zipfile").ZipFile(raw) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere in the file


def test_the_streaming_writer_writes_what_the_write_only_path_writes():
    from django.utils.translation import gettext_lazy

    from tdkt.documents.xlsx import Sheet

    aware = dt.datetime(2025, 7, 1, 1, 30, tzinfo=dt.UTC)
    rows = [
        ["Nguyễn Thị Ánh Tuyết", dt.date(1985, 4, 2), 12, True, gettext_lazy("Nam"), aware],
        ["Đặng Văn Ưng", None, 3.5, False, "", "a\x07b"],
    ]
    headers = ["Họ và tên", "Ngày sinh", "Số", "Có?", "Giới", "Lúc"]
    streamed = _sheet(_streamed([Sheet("Cán bộ", headers, iter(rows), heading="DANH SÁCH")]))
    written = _sheet(xlsx_bytes("Cán bộ", headers, rows, title="DANH SÁCH"))
    assert list(streamed.values) == list(written.values)
    assert streamed.title == written.title == "Cán bộ"
    assert streamed.freeze_panes == written.freeze_panes == "A4"
    assert streamed["A1"].font.b and streamed["A3"].font.b and not streamed["A4"].font.b
    assert streamed["B4"].is_date and streamed["B4"].number_format == "DD/MM/YYYY"
    assert streamed["F4"].number_format == "DD/MM/YYYY HH:MM"
    widths = [streamed.column_dimensions[c].width for c in "AB"]
    assert widths == [written.column_dimensions[c].width for c in "AB"]


def test_the_streaming_writer_bolds_rows_formats_columns_and_names_sheets_apart():
    from tdkt.documents.xlsx import Sheet

    content = _streamed(
        [
            Sheet(
                "Tỷ lệ",
                ["Đơn vị", "Tỷ lệ"],
                [["A", 0.25], ["Cộng", 0.5]],
                bold_rows={1},
                formats={1: "0.0%"},
            ),
            Sheet("Tỷ lệ", ["x"], [], widths=[40]),
        ]
    )
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Tỷ lệ", "Tỷ lệ (2)"]
    first = workbook["Tỷ lệ"]
    assert first["B2"].number_format == "0.0%" and not first["A2"].font.b
    assert first["A3"].font.b and first["B3"].font.b and first["B3"].number_format == "0.0%"
    assert workbook["Tỷ lệ (2)"].column_dimensions["A"].width == 40
    assert workbook["Tỷ lệ (2)"].max_row == 1


def test_the_ledger_export_streams_a_large_list():
    from tdkt.documents.xlsx import xlsx_response

    rows = ([f"Cán bộ {i}", 2000 + i % 25] for i in range(20000))
    response = xlsx_response("so.xlsx", "Sổ", ["Tên", "Năm"], rows, streaming=True)
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 20001 and values[-1] == ("Cán bộ 19999", 2024)
