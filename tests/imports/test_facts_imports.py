"""The year's facts imported by the units that own them: ratings, discipline, leave, initiatives
and unit violations, from the files units keep today (a title and a merged heading above the
header row, an STT column, a signature block under the table)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tdkt.audit.models import AuditEntry
from tdkt.errors import NotAllowed
from tdkt.imports import services
from tdkt.imports.models import ImportJob, ImportKind, ImportStatus
from tdkt.records import bulk
from tdkt.records.models import Discipline, Initiative, Leave, Rating, UnitViolation

from .conftest import client_for, messages_of

PERSON = ["Họ và tên", "Ngày sinh", "Số CCCD", "Mã đơn vị"]
RATING_HEADERS = [*PERSON, "Năm", "Xếp loại"]
DISCIPLINE_HEADERS = [
    *PERSON,
    "Hình thức kỷ luật",
    "Ngày quyết định",
    "Số quyết định",
    "Ngày hết thời hạn",
    "Lý do",
]
LEAVE_HEADERS = [*PERSON, "Loại nghỉ", "Từ ngày", "Đến ngày"]
INITIATIVE_HEADERS = [
    "Mã sáng kiến",
    "Tên sáng kiến, đề tài",
    "Loại",
    "Phạm vi ảnh hưởng",
    "Năm",
    "Ngày công nhận",
    "Số quyết định công nhận",
    "Cơ quan công nhận",
    *PERSON,
    "Tỷ lệ đóng góp (%)",
]
VIOLATION_HEADERS = [
    "Mã đơn vị",
    "Năm",
    "Loại vi phạm",
    "Văn bản căn cứ",
    "Số văn bản",
    "Ngày văn bản",
    "Cơ quan ban hành",
    "Ghi chú",
]
FIRST_ROW = 5  # the title, the merged heading and an empty line, then the header on row 4

HOA = ["Lê Thị Hoa", dt.date(1986, 5, 12), 42186000111, ""]  # CCCD typed as a number
SON = ["Phan Văn Sơn", "3/3/1990", "", ""]  # no CCCD: by name and birth date


def unit_file(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    name: str = "bao-cao-don-vi.xlsx",
    signature: bool = True,
) -> SimpleUploadedFile:
    """A file as a unit keeps it: a title, a merged heading, the header with «STT», the rows,
    then the place and date and the signature block (with the signers' names)."""
    workbook = Workbook()
    sheet = workbook.active
    width = len(headers) + 1
    sheet.append(["VIỆN KSND TỈNH HÀ TĨNH", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append(["DANH SÁCH TỔNG HỢP NĂM 2024"])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.append([])
    sheet.append(["STT", *headers])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    if signature:
        sheet.append([])
        sheet.append([None, None, None, "Hà Tĩnh, ngày 15 tháng 01 năm 2025"])
        sheet.append([None, "Người lập biểu", None, "Thủ trưởng đơn vị"])
        sheet.append([None, "(Ký, ghi rõ họ tên)", None, "(Ký tên, đóng dấu)"])
        sheet.append([None, "Nguyễn Thị Lập", None, "Trần Văn Trưởng"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def submit(officer_user, units):
    def run(kind: str, upload: SimpleUploadedFile, *, user=None, unit=None, year=None):
        job = services.submit_import(
            actor=user or officer_user,
            kind=kind,
            unit=unit or units.ha_tinh,
            upload=upload,
            year=year,
        )
        job.refresh_from_db()
        return job

    return run


def audits(prefix: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action__startswith=prefix).order_by("id"))


# --- ratings -----------------------------------------------------------------------------------


def rating_rows() -> list[list[Any]]:
    return [
        [*HOA, 2024, "Hoàn thành xuất sắc nhiệm vụ"],
        [*SON, 2024, "hoan thanh tot"],
        ["", "", "", "KV-HT-02", 2024, "HT"],  # the unit's own rating
    ]


def test_a_ratings_file_in_the_units_layout_is_imported(submit, units):
    job = submit("ratings", unit_file(RATING_HEADERS, rating_rows()))
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert job.summary["created"] == 3 and job.summary["rows"] == 3
    assert Rating.objects.get(person=units.hoa, year=2024).rating == "HTXS"
    assert Rating.objects.get(person=units.son, year=2024).rating == "HTT"
    assert Rating.objects.get(unit=units.kv2, year=2024).rating == "HT"
    recorded = audits("rating.")
    assert [a.action for a in recorded] == ["rating.recorded"] * 3
    assert "bao-cao-don-vi.xlsx" in recorded[0].reason


def test_the_same_ratings_file_again_changes_nothing(submit, units):
    submit("ratings", unit_file(RATING_HEADERS, rating_rows()))
    before = (list(Rating.objects.values_list("id", "rating")), len(audits("rating.")))
    job = submit("ratings", unit_file(RATING_HEADERS, rating_rows()))
    assert job.status == ImportStatus.DONE
    assert job.summary == {**job.summary, "created": 0, "corrected": 0, "unchanged": 3}
    assert (list(Rating.objects.values_list("id", "rating")), len(audits("rating."))) == before


def test_a_changed_rating_is_an_audited_correction_with_the_file_as_its_source(submit, units):
    submit("ratings", unit_file(RATING_HEADERS, rating_rows()))
    rows = rating_rows()
    rows[1][-1] = "HTXS"
    job = submit("ratings", unit_file(RATING_HEADERS, rows, name="sua-xep-loai.xlsx"))
    assert job.summary["corrected"] == 1 and job.summary["unchanged"] == 2
    assert Rating.objects.get(person=units.son, year=2024).rating == "HTXS"
    (correction,) = audits("rating.corrected")
    assert correction.before == {"rating": "HTT"}
    assert correction.after == {"year": 2024, "rating": "HTXS"}
    assert "sua-xep-loai.xlsx" in correction.reason and str(job.pk) in correction.reason


def test_the_year_comes_from_the_column_else_from_the_job(submit, units):
    headers = [h for h in RATING_HEADERS if h != "Năm"]
    job = submit("ratings", unit_file(headers, [[*HOA, "HTT"]]), year=2023)
    assert job.status == ImportStatus.DONE
    assert Rating.objects.get(person=units.hoa).year == 2023
    # The column wins where it is filled; an empty cell takes the job's year.
    job = submit(
        "ratings",
        unit_file(RATING_HEADERS, [[*HOA, 2022, "HT"], [*SON, "", "HT"]]),
        year=2021,
    )
    assert job.status == ImportStatus.DONE
    assert set(Rating.objects.values_list("person_id", "year")) == {
        (units.hoa.pk, 2023),
        (units.hoa.pk, 2022),
        (units.son.pk, 2021),
    }


def test_without_a_year_column_nor_a_year_the_file_is_refused(submit):
    headers = [h for h in RATING_HEADERS if h != "Năm"]
    job = submit("ratings", unit_file(headers, [[*HOA, "HTT"]]))
    assert job.status == ImportStatus.REJECTED
    assert "không có cột «Năm»" in messages_of(job)[0]
    job = submit("ratings", unit_file(RATING_HEADERS, [[*HOA, "", "HTT"]]))
    assert messages_of(job) == [
        f"Dòng {FIRST_ROW}, cột «Năm»: không được để trống: ghi năm ở cột «Năm», hoặc chọn năm "
        "khi gửi tệp (--year)."
    ]
    assert not Rating.objects.exists()


def test_every_bad_row_of_a_ratings_file_is_named_and_nothing_is_written(submit, units):
    rows = [
        [*HOA, 2024, "HTXS"],  # good, but not written
        ["Nguyễn Văn Không Có", "01/01/1980", "", "", 2024, "HTT"],
        [*SON[:1], "31/02/1990", "", "", 2024, "HTT"],
        [*SON[:2], "12345", "", 2024, "HTT"],
        [*SON, "20x4", "HTT"],
        [*SON, 2024, "Xuất sắc lắm"],
        [*SON[:3], "KV-NA-01", 2024, "HTT"],
        [*HOA, 2024, "HT"],
    ]
    job = submit("ratings", unit_file(RATING_HEADERS, rows))
    assert job.status == ImportStatus.REJECTED
    r = FIRST_ROW
    assert messages_of(job) == [
        f"Dòng {r + 1}, cột «Họ và tên»: không tìm thấy cán bộ «Nguyễn Văn Không Có», sinh ngày "
        "01/01/1980 trong «Viện kiểm sát nhân dân tỉnh Hà Tĩnh»; hãy kiểm tra họ tên, ngày sinh, "
        "số CCCD, hoặc nhập danh sách cán bộ trước.",
        f"Dòng {r + 2}, cột «Ngày sinh»: «31/02/1990» không phải là ngày hợp lệ (dd/mm/yyyy).",
        f"Dòng {r + 3}, cột «Số CCCD»: «12345» không phải là số CCCD hợp lệ (đúng 12 chữ số).",
        f"Dòng {r + 4}, cột «Năm»: «20x4» không phải là năm hợp lệ (4 chữ số, ví dụ 2024).",
        f"Dòng {r + 5}, cột «Xếp loại»: «Xuất sắc lắm» không phải là giá trị được chấp nhận "
        "(HTXS, HTT, HT, KHT hoặc tên mức xếp loại).",
        f"Dòng {r + 6}, cột «Mã đơn vị»: không có đơn vị mã «KV-NA-01» trong phạm vi "
        "«Viện kiểm sát nhân dân tỉnh Hà Tĩnh».",
        f"Dòng {r + 7}: xếp loại năm 2024 của cùng đối tượng đã có ở dòng {r}.",
    ]
    assert not Rating.objects.exists() and not audits("rating.")


def test_a_person_is_found_by_citizen_id_without_its_leading_zero(submit, units):
    job = submit(
        "ratings",
        unit_file(RATING_HEADERS, [["Lê Thị Hoa", "12/05/1986", 42186000111, "", 2024, "HTT"]]),
    )
    assert job.status == ImportStatus.DONE
    assert Rating.objects.get(person=units.hoa).rating == "HTT"


def test_a_signature_block_under_the_table_is_not_read_as_data(submit, units):
    job = submit("ratings", unit_file(RATING_HEADERS, rating_rows(), signature=True))
    assert job.status == ImportStatus.DONE and job.summary["rows"] == 3


# --- scope ------------------------------------------------------------------------------------


def test_an_officer_of_another_province_is_refused(submit, outsider_user, units):
    with pytest.raises(NotAllowed):
        submit("ratings", unit_file(RATING_HEADERS, rating_rows()), user=outsider_user)
    # For his own province, a Hà Tĩnh person is out of reach: a problem of the row.
    job = submit(
        "ratings",
        unit_file(RATING_HEADERS, [["Lê Thị Hoa", "12/05/1986", "042186000111", "", 2024, "HT"]]),
        user=outsider_user,
        unit=units.nghe_an,
    )
    assert job.status == ImportStatus.REJECTED
    assert "đã được dùng" in messages_of(job)[0]
    assert "phạm vi" not in messages_of(job)[0] and "Hà Tĩnh" not in messages_of(job)[0]
    assert not Rating.objects.exists()


def test_the_bulk_service_checks_the_actors_right_itself(outsider_user, units):
    with pytest.raises(bulk.NotAllowed):
        bulk.bulk_set_ratings(
            actor=outsider_user, facts=[bulk.RatingFact(2024, "HTT", person_id=units.hoa.pk)]
        )
    assert not Rating.objects.exists()


# --- discipline and leave -------------------------------------------------------------------


def test_a_discipline_file_is_imported_once_and_corrected_with_an_audit(submit, units):
    rows = [
        [*HOA, "Khiển trách", "15/09/2025", "25/QĐ-VKS", "15/09/2026", "Vi phạm quy chế"],
        [*SON, "ha bac luong", dt.date(2024, 5, 2), "", "", ""],
    ]
    job = submit("disciplines", unit_file(DISCIPLINE_HEADERS, rows))
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert Discipline.objects.count() == 2
    assert submit("disciplines", unit_file(DISCIPLINE_HEADERS, rows)).summary["unchanged"] == 2
    rows[0][4] = "Cảnh cáo"
    job = submit("disciplines", unit_file(DISCIPLINE_HEADERS, rows))
    assert job.summary["corrected"] == 1
    assert Discipline.objects.get(person=units.hoa).level == "canh_cao"
    (correction,) = audits("discipline.corrected")
    assert correction.before["level"] == "khien_trach" and correction.after["level"] == "canh_cao"


def test_abolished_discipline_forms_are_refused_from_1_july_2025(submit):
    rows = [
        [*HOA, "Hạ bậc lương", "01/08/2025", "", "", ""],
        [*SON, "Khiển trách", "01/08/2025", "", "01/01/2025", ""],
    ]
    job = submit("disciplines", unit_file(DISCIPLINE_HEADERS, rows))
    assert messages_of(job) == [
        f"Dòng {FIRST_ROW}, cột «Hình thức kỷ luật»: hình thức hạ bậc lương, giáng chức không "
        "còn áp dụng từ ngày 01/07/2025.",
        f"Dòng {FIRST_ROW + 1}, cột «Ngày hết thời hạn»: ngày hết thời hạn kỷ luật phải sau "
        "ngày quyết định.",
    ]
    assert not Discipline.objects.exists()


def test_a_leave_file_is_imported_once_and_corrected_with_an_audit(submit, units):
    rows = [
        [*HOA, "Thai sản", "01/03/2024", dt.date(2024, 8, 31)],
        [*SON, "om", "5/11/2024", "12/11/2024"],
    ]
    job = submit("leaves", unit_file(LEAVE_HEADERS, rows))
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert set(Leave.objects.values_list("kind", flat=True)) == {"thai_san", "om"}
    assert submit("leaves", unit_file(LEAVE_HEADERS, rows)).summary["unchanged"] == 2
    rows[1][-1] = "15/11/2024"
    job = submit("leaves", unit_file(LEAVE_HEADERS, rows))
    assert job.summary["corrected"] == 1
    assert Leave.objects.get(person=units.son).ends_on == dt.date(2024, 11, 15)
    assert len(audits("leave.corrected")) == 1


def test_a_bad_leave_row_is_refused(submit):
    rows = [[*HOA, "Nghỉ phép dài", "01/03/2024", "01/02/2024"]]
    job = submit("leaves", unit_file(LEAVE_HEADERS, rows))
    assert [m.split(":")[0] for m in messages_of(job)] == [
        f"Dòng {FIRST_ROW}, cột «Loại nghỉ»",
        f"Dòng {FIRST_ROW}, cột «Đến ngày»",
    ]


# --- initiatives and violations ---------------------------------------------------------------


def initiative_rows(title: str = "Số hóa hồ sơ kiểm sát") -> list[list[Any]]:
    common = ["SK-01", title, "Sáng kiến", "Cấp cơ sở", 2024, "20/12/2024", "30/QĐ-VKS", ""]
    return [[*common, *HOA, "60"], [*common, *SON, "40"]]


def test_an_initiative_with_two_authors_is_imported_once_and_corrected(submit, units):
    job = submit("initiatives", unit_file(INITIATIVE_HEADERS, initiative_rows()))
    assert job.status == ImportStatus.DONE, messages_of(job)
    initiative = Initiative.objects.get(code="SK-01")
    shares = dict(initiative.authorships.values_list("person_id", "share"))
    assert shares == {units.hoa.pk: Decimal("60.00"), units.son.pk: Decimal("40.00")}
    again = submit("initiatives", unit_file(INITIATIVE_HEADERS, initiative_rows()))
    assert again.summary["unchanged"] == 1 and again.summary["corrected"] == 0
    job = submit("initiatives", unit_file(INITIATIVE_HEADERS, initiative_rows("Số hóa hồ sơ")))
    assert job.summary["corrected"] == 1
    assert Initiative.objects.get(code="SK-01").title == "Số hóa hồ sơ"
    (correction,) = audits("initiative.corrected")
    assert correction.before["title"] == "Số hóa hồ sơ kiểm sát"


def test_initiative_shares_not_summing_to_100_are_refused(submit):
    rows = initiative_rows()
    rows[1][-1] = "30"
    job = submit("initiatives", unit_file(INITIATIVE_HEADERS, rows))
    assert job.status == ImportStatus.REJECTED
    assert messages_of(job)[0].startswith(f"Dòng {FIRST_ROW}, cột «Tỷ lệ đóng góp (%)»")
    assert not Initiative.objects.exists()


def test_unit_violations_are_imported_once_and_corrected(submit, units):
    rows = [
        [
            "KV-HT-02",
            2024,
            "Để lọt tội phạm",
            "Kết luận thanh tra",
            "12/KL-VKS",
            "01/03/2025",
            "VKSND tỉnh Hà Tĩnh",
            "",
        ]
    ]
    job = submit("violations", unit_file(VIOLATION_HEADERS, rows))
    assert job.status == ImportStatus.DONE, messages_of(job)
    violation = UnitViolation.objects.get()
    assert (violation.unit, violation.kind, violation.basis_kind) == (
        units.kv2,
        "missed_crime",
        "inspection",
    )
    assert submit("violations", unit_file(VIOLATION_HEADERS, rows)).summary["unchanged"] == 1
    rows[0][-1] = "Đã khắc phục"
    assert submit("violations", unit_file(VIOLATION_HEADERS, rows)).summary["corrected"] == 1
    assert UnitViolation.objects.get().note == "Đã khắc phục"
    assert len(audits("unit_violation.corrected")) == 1


# --- legacy encodings -------------------------------------------------------------------------


def test_names_and_labels_typed_in_tcvn3_or_vni_are_converted(submit, units):
    rows = [
        ["Lª ThÞ Hoa", "12/05/1986", "", "", 2024, "Hoµn thµnh tèt nhiÖm vô"],  # TCVN3
        ["Phan Vaên Sôn", "03/03/1990", "", "", 2024, "Hoaøn thaønh xuaát saéc nhieäm vuï"],  # VNI
    ]
    job = submit("ratings", unit_file(RATING_HEADERS, rows))
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert Rating.objects.get(person=units.hoa).rating == "HTT"
    assert Rating.objects.get(person=units.son).rating == "HTXS"


def test_a_staff_name_typed_in_tcvn3_is_stored_in_unicode(run_import):
    from tdkt.people.models import Person

    from .conftest import staff_row

    job = run_import([staff_row(name="NguyÔn V¨n An")])
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert Person.objects.filter(full_name="Nguyễn Văn An").exists()


def test_a_legacy_name_that_cannot_be_converted_is_refused(submit):
    job = submit(
        "ratings", unit_file(RATING_HEADERS, [["V¨n µµ¸¸ ¹¹", "12/05/1986", "", "", 2024, "HT"]])
    )
    assert job.status == ImportStatus.REJECTED
    assert "bảng mã cũ (TCVN3" in messages_of(job)[0]


# --- command, screen, templates ---------------------------------------------------------------


def test_the_command_exits_0_when_applied_and_1_when_refused(tmp_path, officer_user, units):
    good = tmp_path / "xep-loai.xlsx"
    headers = [h for h in RATING_HEADERS if h != "Năm"]
    good.write_bytes(unit_file(headers, [[*HOA, "HTT"]]).read())
    out = io.StringIO()
    command = partial(
        call_command, "import", "ratings", str(good), unit="HT", user=officer_user.username
    )
    command(year=2024, stdout=out)
    assert Rating.objects.get(person=units.hoa).year == 2024
    command(year=2024, stdout=out)
    assert "Không có thay đổi" in out.getvalue()
    with pytest.raises(CommandError):  # no year: refused, exit status 1
        command(stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize(
    ("kind", "headers", "rows"),
    [
        ("ratings", RATING_HEADERS, [[*HOA, 2024, "HTT"]]),
        ("disciplines", DISCIPLINE_HEADERS, [[*HOA, "Khiển trách", "15/09/2025", "", "", ""]]),
        ("leaves", LEAVE_HEADERS, [[*HOA, "Ốm", "01/03/2024", "05/03/2024"]]),
        ("initiatives", INITIATIVE_HEADERS, initiative_rows()),
        (
            "violations",
            VIOLATION_HEADERS,
            [["KV-HT-01", 2024, "án oan", "Bản án", "5/2025/HS-ST", "01/03/2025", "", ""]],
        ),
    ],
)
def test_each_kind_is_uploaded_on_the_screen(officer_user, units, kind, headers, rows):
    client = client_for(officer_user)
    response = client.post(
        reverse("imports:job_create"),
        {"kind": kind, "unit": units.ha_tinh.pk, "year": "2024", "file": unit_file(headers, rows)},
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.kind == kind and job.year == 2024
    assert job.status == ImportStatus.DONE, messages_of(job)
    page = client.get(reverse("imports:job_detail", args=[job.pk]))
    assert "Ghi mới" in page.content.decode()


def test_a_bad_year_on_the_form_is_named(officer_user, units):
    client = client_for(officer_user)
    response = client.post(
        reverse("imports:job_create"),
        {
            "kind": "ratings",
            "unit": units.ha_tinh.pk,
            "year": "99999",
            "file": unit_file(RATING_HEADERS, [[*HOA, 2024, "HTT"]]),
        },
    )
    assert response.status_code == 200 and not ImportJob.objects.exists()
    assert response.context["form"].errors["year"]


@pytest.mark.parametrize("kind", ["ratings", "disciplines", "leaves", "initiatives", "violations"])
def test_each_kinds_template_is_downloadable_with_a_guide(officer_user, kind):
    response = client_for(officer_user).get(reverse("imports:template", args=[kind]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Hướng dẫn" in workbook.sheetnames
    assert kind in ImportKind.values


def test_a_facts_file_is_bounded_in_rows(submit, monkeypatch):
    from tdkt.imports.ratings import RatingsImporter

    monkeypatch.setattr(RatingsImporter, "max_rows", 2)
    rows = [[*HOA, 2022, "HT"], [*HOA, 2023, "HT"], [*HOA, 2024, "HT"]]
    job = submit("ratings", unit_file(RATING_HEADERS, rows, signature=False))
    assert messages_of(job) == ["Tệp có quá nhiều dòng (3); tối đa 2 dòng mỗi lần nhập."]
