"""Lịch sử khen thưởng: past awards of people and collectives, into the award ledger."""

from __future__ import annotations

import datetime as dt

from tdkt.audit.models import AuditEntry
from tdkt.imports.models import ImportStatus
from tdkt.records import services as records
from tdkt.records.models import AwardDecision, AwardEntry

from .conftest import award_row as row
from .conftest import messages_of


def test_awards_of_people_and_collectives_are_recorded(run_import, units, officer_user):
    job = run_import(
        [
            row(),  # Lê Thị Hoa by name, birth date and unit
            row(name="", birth="", unit="KV-HT-02", award="Tập thể lao động xuất sắc"),
            row(name="Lê Thị Hoa", cid="042186000111", award="chiến sĩ thi đua cơ sở", year=2023),
            row(
                name="",
                birth="",
                unit="H-HT-HK",
                award="TTLDTT",
                year=2022,
                number="7/QĐ-VKS",
                signed="10/01/2023",
                level="co_so",
            ),  # a dissolved unit keeps its history
        ],
        kind="awards",
    )
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert job.summary | {"seconds": 0} == {
        "rows": 4,
        "awards_recorded": 4,
        "unchanged": 0,
        "decisions_created": 2,
        "seconds": 0,
    }
    hoa_awards = AwardEntry.objects.filter(person=units.hoa).order_by("award")
    assert [(e.award, e.kind, e.year) for e in hoa_awards] == [
        ("CSTDCS", "title", 2023),
        ("LDTT", "title", 2023),
    ]
    decision = hoa_awards[0].decision
    assert (decision.number, decision.signed_on, decision.level, decision.issuer_name) == (
        "15/QĐ-VKS",
        dt.date(2024, 1, 20),
        "co_so",
        "Viện kiểm sát nhân dân tỉnh Hà Tĩnh",
    )
    assert decision.signer_name == "Nguyễn Văn Tâm"
    assert AwardEntry.objects.get(unit=units.kv2).award == "TTLDXS"
    assert AwardEntry.objects.get(unit=units.huong_khe).year == 2022
    assert AuditEntry.objects.filter(action="award.recorded", actor=officer_user).count() == 4
    assert AuditEntry.objects.filter(action="decision.recorded").count() == 2


def test_importing_the_same_history_twice_skips_what_is_recorded(run_import, units):
    rows = [row(), row(name="", birth="", award="TTLDTT")]
    assert run_import(rows, kind="awards").status == ImportStatus.DONE
    job = run_import(rows, kind="awards")
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert (job.summary["awards_recorded"], job.summary["unchanged"]) == (0, 2)
    assert AwardEntry.objects.count() == 2
    assert AwardDecision.objects.count() == 1


def test_every_problem_of_an_award_file_is_named(run_import, units):
    decision = records.record_decision(
        actor=None,
        number="99/QĐ-VKS",
        signed_on=dt.date(2024, 2, 1),
        level="tinh",
        issuer_name="VKSND tỉnh Hà Tĩnh",
    )
    records.record_award(actor=None, award="LDTT", year=2022, decision=decision, person=units.hoa)
    job = run_import(
        [
            row(award="Huân chương Sao Vàng"),  # 2
            row(name="", birth="", award="LDTT"),  # 3
            row(award="Cờ thi đua của Chính phủ"),  # 4
            row(award="CSTDCS", year=2025, signed="20/01/2024"),  # 5
            row(name="Lê Thị Hồng", award="GIAY_KHEN"),  # 6
            row(award="BK_NGANH", year="năm 2023"),  # 7
            row(award="GIAY_KHEN", level="tinh"),  # 8: level differs from row 6's
            row(award="LDTT", year=2022, number="16/QĐ-VKS"),  # 9
            row(award="BK_NGANH", year=2021, number=""),  # 10
            row(name="Hồ Văn Bình", birth="07/07/1982", unit="KV-NA-01"),  # 11
            row(award="GIAY_KHEN", number="15/QĐ-VKS", year=2023),  # 12: dup of 8
        ],
        kind="awards",
    )
    assert job.status == ImportStatus.REJECTED
    assert messages_of(job) == [
        "Dòng 2, cột «Danh hiệu, hình thức»: «Huân chương Sao Vàng» không phải là giá trị được "
        "chấp nhận (xem danh mục ở trang «Hướng dẫn» của tệp mẫu).",
        "Dòng 3, cột «Danh hiệu, hình thức»: «Lao động tiên tiến» chỉ dành cho cá nhân; hãy ghi "
        "«Họ và tên» và «Ngày sinh».",
        "Dòng 4, cột «Danh hiệu, hình thức»: «Cờ thi đua của Chính phủ» chỉ dành cho tập thể; với "
        "tập thể, để trống «Họ và tên» và «Số CCCD».",
        "Dòng 5, cột «Năm thành tích»: năm thành tích 2025 sau năm ký quyết định (20/01/2024).",
        "Dòng 6, cột «Họ và tên»: không tìm thấy cán bộ «Lê Thị Hồng», sinh ngày 12/05/1986, tại "
        "«Viện kiểm sát nhân dân khu vực 1 - Hà Tĩnh»; hãy nhập danh sách cán bộ trước hoặc kiểm "
        "tra lại họ tên, ngày sinh, mã đơn vị.",
        "Dòng 7, cột «Năm thành tích»: «năm 2023» không phải là năm hợp lệ (4 chữ số, ví dụ 2024).",
        "Dòng 8, cột «Cấp quyết định»: quyết định số 15/QĐ-VKS ngày 20/01/2024 đã ghi cấp khác ở "
        "dòng 6.",
        "Dòng 9: «Lao động tiên tiến» năm 2022 đã có trong sổ khen thưởng theo quyết định số "
        "99/QĐ-VKS ngày 01/02/2024.",
        "Dòng 10, cột «Số quyết định»: không được để trống.",
        "Dòng 11, cột «Mã đơn vị»: không có đơn vị mã «KV-NA-01» trong phạm vi «Viện kiểm sát "
        "nhân dân tỉnh Hà Tĩnh».",
        "Dòng 12: «Giấy khen» năm 2023 của cùng đối tượng trùng với dòng 8.",
    ]
    assert AwardEntry.objects.count() == 1


def test_duplicate_award_lines_inside_the_file_are_errors(run_import, units):
    job = run_import([row(), row(number="17/QĐ-VKS")], kind="awards")
    assert messages_of(job) == [
        "Dòng 3: «Lao động tiên tiến» năm 2023 của cùng đối tượng trùng với dòng 2."
    ]


def test_a_person_is_found_in_a_unit_where_he_or_she_worked_before(run_import, units):
    from tdkt.people import services as people

    people.assign_position(
        actor=None,
        person=units.hoa,
        unit=units.kv2,
        post_kind="kiem_sat_vien",
        valid_from=dt.date(2025, 7, 1),
    )
    job = run_import([row(unit="KV-HT-01")], kind="awards")
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert AwardEntry.objects.get().person_id == units.hoa.pk


def test_a_namesake_is_resolved_by_picking_a_person_never_by_creating_one(
    run_import, units, officer_user
):
    from tdkt.imports import services
    from tdkt.people import services as people

    twin = people.create_person(
        actor=None,
        full_name="Lê Thị Hoa",
        gender="female",
        birth_date=units.hoa.birth_date,
        unit=units.kv1,
    )
    job = run_import([row()], kind="awards")
    assert job.status == ImportStatus.NEEDS_RESOLUTION
    [item] = job.ambiguities
    assert item["allow_new"] is False
    assert {c["id"] for c in item["candidates"]} == {units.hoa.pk, twin.pk}
    services.resolve_ambiguities(actor=officer_user, job=job, choices={"2": str(twin.pk)})
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert AwardEntry.objects.get().person_id == twin.pk
