"""Hostile files: a zip bomb is refused before parsing, a sheet's declared size is not trusted,
and reading stops after a time limit."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from tdkt.documents.reader import Column, Problems, inspect_upload, open_table, within_time
from tdkt.documents.xlsx import ColumnSpec
from tdkt.errors import InvalidData

COLUMNS = [
    Column("name", ColumnSpec("Họ và tên", "", required=True)),
    Column("n", ColumnSpec("Số", "")),
]


def _book(rows: int, filler: str = "") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Số"])
    for i in range(rows):
        sheet.append([f"Nguyễn Văn {i}{filler}", i])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_declared_dimension(content: bytes, ref: str) -> bytes:
    """The same file whose first sheet declares `<dimension ref=…>`."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb"<dimension ref=\"[^\"]*\"/>", f'<dimension ref="{ref}"/>'.encode(), data
                )
                if b"<dimension" not in data:
                    data = data.replace(
                        b"<sheetData", f'<dimension ref="{ref}"/><sheetData'.encode()
                    )
            out.writestr(info, data)
    return target.getvalue()


def test_a_sheet_declaring_fewer_rows_than_it_holds_is_read_whole() -> None:
    content = _with_declared_dimension(_book(5), "A1:B2")
    table = open_table(io.BytesIO(content), COLUMNS, Problems(), "Hướng dẫn")
    assert table is not None
    assert len(list(table.rows)) == 5
    table.close()


def test_a_part_that_expands_a_hundredfold_is_refused_before_parsing() -> None:
    bomb = _book(300, filler="a" * 30_000)  # a 9 MB sheet that compresses to a few KB
    with pytest.raises(InvalidData, match="quá nhiều dữ liệu sau khi giải nén"):
        inspect_upload(io.BytesIO(bomb), "ds.xlsx", len(bomb))


def test_an_ordinary_list_passes_the_archive_checks() -> None:
    content = _book(2_000)
    inspect_upload(io.BytesIO(content), "ds.xlsx", len(content))


def test_reading_that_outlasts_its_time_is_refused() -> None:
    rows = iter([("a",)] * 5)
    with pytest.raises(InvalidData, match="Đọc tệp quá"):
        list(within_time(rows, seconds=-1))
