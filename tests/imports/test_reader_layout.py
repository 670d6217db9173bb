"""The shared reader takes the files units keep: it stops at the signature block under the table
and skips the line of column numbers under the header, for every importer."""

from __future__ import annotations

import datetime as dt

from tdkt.documents.reader import is_numbering_line, is_signature_line, until_signature
from tdkt.imports.models import ImportStatus
from tdkt.people.models import Person

from .conftest import messages_of, staff_row

SIGNATURE = [
    [None, None, None, None, "Hà Tĩnh, ngày 15 tháng 01 năm 2025"],
    [None, "Người lập biểu", None, None, "Thủ trưởng đơn vị"],
    [None, "(Ký, ghi rõ họ tên)", None, None, "(Ký tên, đóng dấu)"],
    [None, "Nguyễn Thị Lập", None, None, "Trần Văn Trưởng"],
]


def test_the_signature_lines_are_recognised_and_data_is_not():
    assert is_signature_line(("Hà Tĩnh, ngày … tháng … năm 2025", None))
    assert is_signature_line((None, "NGƯỜI LẬP BIỂU", "", "KT. VIỆN TRƯỞNG"))
    assert is_signature_line(("Ng­êi lËp biÓu", "Thñ tr­ëng ®¬n vÞ"))  # typed in TCVN3
    assert not is_signature_line(("Nguyễn Văn An", dt.date(1980, 1, 1), "Viện trưởng"))
    assert not is_signature_line((1, "Thủ trưởng đơn vị"))
    rows = [("a", 1), ("Người lập biểu", None), ("Nguyễn Thị Lập", None)]
    assert list(until_signature(iter(rows))) == [("a", 1)]


def test_the_line_of_column_numbers_is_skipped():
    assert is_numbering_line((1, 2, 3, 4, 5))
    assert is_numbering_line(("(1)", "(2)", "(3)", None))
    assert not is_numbering_line((1, "Nguyễn Văn An", 3))
    assert not is_numbering_line((2024, 2025))


def test_a_staff_list_with_a_signature_block_is_imported(run_import):
    rows = [staff_row(name="Võ Thị Lan"), staff_row(name="Đỗ Văn Hùng"), *SIGNATURE]
    job = run_import(rows, above=[["DANH SÁCH CÁN BỘ"], []])
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert job.summary["created"] == 2
    assert not Person.objects.filter(full_name__in=["Nguyễn Thị Lập", "Trần Văn Trưởng"]).exists()


def test_a_staff_list_with_column_numbers_keeps_excels_row_numbers(run_import):
    rows = [list(range(1, 9)), staff_row(name="Võ Thị Lan", birth="31/02/1980")]
    job = run_import(rows)
    assert messages_of(job) == [
        "Dòng 3, cột «Ngày sinh»: «31/02/1980» không phải là ngày hợp lệ (dd/mm/yyyy)."
    ]
