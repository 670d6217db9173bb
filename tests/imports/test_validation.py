"""A bad file is refused whole, with every problem named by row (as Excel shows it) and column."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.errors import InvalidData
from tdkt.imports import services
from tdkt.imports.models import ImportJob, ImportStatus
from tdkt.people import services as people
from tdkt.people.models import Person

from .conftest import STAFF_HEADERS, messages_of, staff_row, xlsx_file


def test_an_impossible_date_is_named_by_row_and_column(run_import):
    rows = [staff_row(name=f"Nguyễn Văn Số {chr(65 + i)}") for i in range(5)]
    rows[3][2] = "31/02/1980"
    job = run_import(rows)
    assert job.status == ImportStatus.REJECTED
    assert messages_of(job) == [
        "Dòng 5, cột «Ngày sinh»: «31/02/1980» không phải là ngày hợp lệ (dd/mm/yyyy)."
    ]
    assert job.errors[0]["row"] == 5 and job.errors[0]["column"] == "Ngày sinh"


def test_every_problem_of_every_row_is_listed(run_import):
    rows = [
        staff_row(name="", gender="Khác"),  # row 2: two problems
        staff_row(name="Võ Thị Lan", cid="12345"),  # row 3
        staff_row(name="Đỗ Văn Hùng", unit="KHONG-CO"),  # row 4
        staff_row(name="Bùi Thị Na", post="Giám đốc"),  # row 5
        staff_row(name="Lý Văn Tú", birth="1980"),  # row 6: a bare number as text
    ]
    job = run_import(rows)
    assert job.status == ImportStatus.REJECTED
    assert messages_of(job) == [
        "Dòng 2, cột «Họ và tên»: không được để trống.",
        "Dòng 2, cột «Giới tính»: «Khác» không phải là giá trị được chấp nhận (Nam hoặc Nữ).",
        "Dòng 3, cột «Số CCCD»: «12345» không phải là số CCCD hợp lệ (đúng 12 chữ số).",
        "Dòng 4, cột «Mã đơn vị»: không có đơn vị mã «KHONG-CO» trong phạm vi "
        "«Viện kiểm sát nhân dân tỉnh Hà Tĩnh».",
        "Dòng 5, cột «Chức vụ»: «Giám đốc» không phải là giá trị được chấp nhận (xem danh sách "
        "chức vụ ở trang «Hướng dẫn» của tệp mẫu).",
        "Dòng 6, cột «Ngày sinh»: «1980» không phải là ngày hợp lệ (dd/mm/yyyy).",
    ]


def test_dates_must_be_plausible(run_import):
    future = (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    rows = [
        staff_row(name="Hà Văn Một", recruited=future),
        staff_row(name="Hà Văn Hai", birth="01/01/1990", recruited="01/01/1989"),
        staff_row(name="Hà Văn Ba", birth=dt.date.today().replace(year=dt.date.today().year - 10)),
    ]
    job = run_import(rows)
    messages = messages_of(job)
    assert f"Dòng 2, cột «Ngày tuyển dụng»: «{future}» là ngày trong tương lai." in messages
    assert "Dòng 3, cột «Ngày tuyển dụng»: «01/01/1989» phải sau ngày sinh." in messages
    assert any(m.startswith("Dòng 4, cột «Ngày sinh»: người sinh ngày") for m in messages)


def test_a_name_with_digits_is_refused(run_import):
    job = run_import([staff_row(name="Nguyễn Văn 3")])
    assert messages_of(job) == [
        "Dòng 2, cột «Họ và tên»: «Nguyễn Văn 3» có chữ số, không phải là họ và tên."
    ]


def test_a_unit_outside_the_importing_scope_is_an_error_for_that_row(run_import, units):
    job = run_import([staff_row(), staff_row(name="Hồ Văn Nam", unit="KV-NA-01")])
    assert messages_of(job) == [
        "Dòng 3, cột «Mã đơn vị»: không có đơn vị mã «KV-NA-01» trong phạm vi "
        "«Viện kiểm sát nhân dân tỉnh Hà Tĩnh»."
    ]


def test_a_regional_officer_cannot_import_into_a_sibling_unit(run_import, kv2_officer, units):
    job = run_import([staff_row(unit="KV-HT-01")], user=kv2_officer, unit=units.kv2)
    assert messages_of(job) == [
        "Dòng 2, cột «Mã đơn vị»: không có đơn vị mã «KV-HT-01» trong phạm vi "
        "«Viện kiểm sát nhân dân khu vực 2 - Hà Tĩnh»."
    ]


def test_staff_cannot_be_placed_in_a_dissolved_unit(run_import):
    job = run_import([staff_row(unit="H-HT-HK")])
    assert messages_of(job) == [
        "Dòng 2, cột «Mã đơn vị»: đơn vị «H-HT-HK» đã kết thúc hoạt động từ ngày 30/06/2025."
    ]


def test_duplicates_inside_the_file_are_errors(run_import):
    rows = [
        staff_row(name="Trương Văn Lâm", cid="042190000001"),
        staff_row(name="Trương Văn Lộc", cid="042190000001"),
        staff_row(name="Mai Thị Thu"),
        staff_row(name="MAI THỊ THU"),
    ]
    job = run_import(rows)
    assert messages_of(job) == [
        "Dòng 3, cột «Số CCCD»: số CCCD «042190000001» trùng với dòng 2.",
        "Dòng 5: trùng họ và tên, ngày sinh và đơn vị với dòng 4.",
    ]


def test_two_rows_for_the_same_known_person_are_an_error(run_import, units):
    rows = [  # found by CCCD (moving to KV2), then by name, birth date and unit (KV1)
        staff_row(
            name="Lê Thị Hoa",
            birth="12/05/1986",
            cid="042186000111",
            unit="KV-HT-02",
            start="01/07/2025",
        ),
        staff_row(name="Lê Thị Hoa", birth="12/05/1986", start=""),
    ]
    job = run_import(rows)
    assert messages_of(job) == ["Dòng 3: cùng một cán bộ đã có («Lê Thị Hoa») với dòng 2."]


def test_a_change_of_post_needs_a_start_date_after_the_current_one(run_import, units):
    people.create_person(
        actor=None,
        full_name="Đinh Văn Khoa",
        gender="male",
        birth_date=dt.date(1984, 2, 2),
        unit=units.kv2,
        post_kind="chuyen_vien",
        position_from=dt.date(2019, 1, 1),
        citizen_id="042184000555",
    )
    rows = [
        staff_row(
            name="Lê Thị Hoa",
            birth="12/05/1986",
            cid="042186000111",
            post="Phó Trưởng phòng",
            start="",
        ),
        staff_row(
            name="Đinh Văn Khoa",
            gender="Nam",
            birth="02/02/1984",
            cid="042184000555",
            unit="KV-HT-01",
            post="Chuyên viên",
            start="01/01/2018",
            recruited="",
        ),
    ]
    job = run_import(rows)
    assert messages_of(job) == [
        "Dòng 2, cột «Ngày bắt đầu chức vụ»: cần ghi ngày bắt đầu vì cán bộ đổi đơn vị hoặc "
        "chức vụ (hiện là «Kiểm sát viên» tại «Viện kiểm sát nhân dân khu vực 1 - Hà Tĩnh» từ "
        "01/01/2015).",
        "Dòng 3, cột «Ngày bắt đầu chức vụ»: «01/01/2018» phải sau ngày bắt đầu chức vụ hiện "
        "tại (hiện là «Chuyên viên» tại «Viện kiểm sát nhân dân khu vực 2 - Hà Tĩnh» từ "
        "01/01/2019).",
    ]


def test_a_citizen_id_of_someone_outside_the_scope_is_an_error_that_says_nothing_of_him(
    run_import, units
):
    job = run_import(
        [staff_row(name="Hồ Văn Bình", gender="Nam", birth="07/07/1982", cid="040182000999")]
    )
    assert messages_of(job) == ["Dòng 2, cột «Số CCCD»: số CCCD «040182000999» đã được dùng."]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            [h for h in STAFF_HEADERS if h not in ("Ngày sinh", "Chức vụ")],
            [
                "Thiếu cột «Ngày sinh» (dòng tiêu đề là dòng 1).",
                "Thiếu cột «Chức vụ» (dòng tiêu đề là dòng 1).",
            ],
        ),
        (
            [*STAFF_HEADERS, "Ngày sinh"],
            ["Cột «Ngày sinh» xuất hiện hai lần (cột C và cột I, dòng 1)."],
        ),
        (
            ["STT", "Ghi chú"],
            [
                "Không tìm thấy dòng tiêu đề với các cột «Họ và tên», «Giới tính», «Ngày sinh», "
                "«Mã đơn vị», «Chức vụ» trong 10 dòng đầu."
            ],
        ),
    ],
)
def test_file_level_problems_of_the_header(run_import, headers, expected):
    job = run_import([staff_row()], headers=headers)
    assert job.status == ImportStatus.REJECTED
    assert messages_of(job) == expected
    assert job.errors[0]["row"] is None


def test_a_file_without_data_rows_is_refused(run_import):
    job = run_import([])
    assert messages_of(job) == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 1)."]


def test_the_header_may_sit_under_title_lines_and_rows_keep_excel_numbers(run_import):
    above = [["DANH SÁCH CÁN BỘ"], ["Đơn vị: VKSND tỉnh Hà Tĩnh"], []]
    job = run_import([staff_row(), staff_row(name="Phạm Văn Hải", birth="30/02/1991")], above=above)
    assert messages_of(job) == [
        "Dòng 6, cột «Ngày sinh»: «30/02/1991» không phải là ngày hợp lệ (dd/mm/yyyy)."
    ]


def test_column_names_are_matched_loosely_and_extra_columns_ignored(run_import):
    headers = [
        "STT",
        "HỌ TÊN",
        "Giới tính (Nam/Nữ)",
        "Ngày sinh (dd/mm/yyyy) *",
        "CCCD",
        "Mã đơn vị",
        "Chức vụ",
        "Ngày bắt đầu chức vụ",
        "Ngày tuyển dụng",
        "Ghi chú",
    ]
    job = run_import([[1, *staff_row(), "x"]], headers=headers)
    assert job.status == ImportStatus.DONE, messages_of(job)


def test_problems_past_the_limit_are_counted_not_listed(run_import, monkeypatch):
    monkeypatch.setattr("tdkt.documents.reader.MAX_PROBLEMS", 3)
    rows = [staff_row(name=f"Nguyễn Văn {n}", birth="31/02/1980") for n in "ABCDE"]
    job = run_import(rows)
    assert len(job.errors) == 4
    assert job.errors[-1]["message"] == (
        "Còn 2 lỗi khác không liệt kê ở đây; hãy sửa các lỗi trên rồi nhập lại."
    )


class TestUploadChecks:
    """Refused before anything is stored: no job, no file."""

    def _submit(self, officer_user, units, upload):
        return services.submit_import(
            actor=officer_user, kind="staff", unit=units.ha_tinh, upload=upload
        )

    def _nothing_saved(self, settings):
        assert ImportJob.objects.count() == 0
        media = settings.MEDIA_ROOT
        assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))

    def test_a_file_that_is_not_xlsx_is_refused(self, officer_user, units, settings):
        upload = SimpleUploadedFile("danh-sach.xlsx", b"Ho va ten;Ngay sinh\n")
        with pytest.raises(InvalidData, match=r"không phải là tệp Excel \.xlsx"):
            self._submit(officer_user, units, upload)
        self._nothing_saved(settings)

    def test_a_zip_that_is_not_a_workbook_is_refused(self, officer_user, units, settings):
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<w/>")
        upload = SimpleUploadedFile("a.xlsx", buffer.getvalue())
        with pytest.raises(InvalidData, match=r"không phải là tệp Excel \.xlsx"):
            self._submit(officer_user, units, upload)
        self._nothing_saved(settings)

    def test_an_xlsx_content_under_another_name_is_refused(self, officer_user, units, settings):
        upload = xlsx_file(STAFF_HEADERS, [staff_row()], name="danh-sach.csv")
        with pytest.raises(InvalidData, match=r"không phải là tệp Excel \.xlsx"):
            self._submit(officer_user, units, upload)
        self._nothing_saved(settings)

    def test_an_old_xls_file_gets_its_own_advice(self, officer_user, units, settings):
        upload = SimpleUploadedFile("a.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100)
        with pytest.raises(InvalidData, match=r"Excel 97–2003 \(.xls\)"):
            self._submit(officer_user, units, upload)
        self._nothing_saved(settings)

    def test_a_file_too_large_is_refused(self, officer_user, units, settings):
        settings.TDKT_MAX_UPLOAD_BYTES = 1000
        upload = xlsx_file(STAFF_HEADERS, [staff_row()])
        with pytest.raises(InvalidData, match=r"Tệp quá lớn \(0,0 MB\); giới hạn là 0,0 MB."):
            self._submit(officer_user, units, upload)
        self._nothing_saved(settings)

    def test_a_failure_after_storing_removes_the_file(
        self, officer_user, units, settings, monkeypatch
    ):
        def boom(job):
            raise RuntimeError("queue down")

        monkeypatch.setattr(services, "_enqueue", boom)
        with pytest.raises(RuntimeError):
            self._submit(officer_user, units, xlsx_file(STAFF_HEADERS, [staff_row()]))
        self._nothing_saved(settings)
        assert Person.objects.filter(full_name="Trần Thị Mai").count() == 0
