"""A good file is applied in one transaction, all or nothing, with its audit trail."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import TransitionNotAllowed
from tdkt.imports import services
from tdkt.imports.models import ImportStatus
from tdkt.people.models import Person, Position

from .conftest import messages_of, staff_row


def test_a_good_file_creates_people_with_their_positions(run_import, units, officer_user):
    job = run_import(
        [
            staff_row(name="Trần Thị Mai", cid="042192000321", start="01/09/2020"),
            staff_row(
                name="Ngô Văn Tú",
                gender="Nam",
                birth=dt.datetime(1979, 11, 30),
                unit="kv-ht-02",
                post="pho_truong_phong",
                start="",
                recruited="15/03/2003",
            ),
        ]
    )
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert job.summary["created"] == 2 and job.summary["updated"] == 0
    mai = Person.objects.get(citizen_id="042192000321")
    assert (mai.unit, mai.post, mai.gender) == (units.kv1, "Kiểm sát viên", "female")
    assert (mai.family_name, mai.middle_name, mai.given_name) == ("Trần", "Thị", "Mai")
    assert mai.search_text == "tran thi mai 042192000321"
    tu = Person.objects.get(full_name="Ngô Văn Tú")
    position = tu.positions.get()
    # No start date: the position starts on the recruitment date, as `create_person` does.
    assert (position.unit, position.post_kind, position.valid_from) == (
        units.kv2,
        "pho_truong_phong",
        dt.date(2003, 3, 15),
    )
    assert tu.is_leader and position.is_leader and not position.is_unit_head
    assert job.processed_rows == job.total_rows == 2


def test_it_writes_one_audit_entry_per_person_and_one_for_the_job(run_import, officer_user):
    job = run_import([staff_row(), staff_row(name="Ngô Văn Tú", gender="Nam")])
    created = AuditEntry.objects.filter(action="person.created", actor=officer_user)
    assert created.count() == 2
    entry = created.get(object_repr="Trần Thị Mai")
    assert entry.after["post_kind"] == "kiem_sat_vien"
    assert entry.after["position_from"] == "2020-09-01"
    applied = AuditEntry.objects.get(action="import.applied", object_type="imports.importjob")
    assert applied.object_id == str(job.pk)
    assert applied.after["summary"]["created"] == 2
    assert applied.actor == officer_user


def test_decomposed_input_is_stored_composed(run_import):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    assert nfd != "Nguyễn Thị Ánh Tuyết"
    job = run_import(
        [
            staff_row(
                name=nfd,
                gender=unicodedata.normalize("NFD", "Nữ"),
                post=unicodedata.normalize("NFD", "Kiểm sát viên"),
            )
        ]
    )
    assert job.status == ImportStatus.DONE, messages_of(job)
    person = Person.objects.get(search_text__startswith="nguyen thi anh tuyet")
    assert person.full_name == "Nguyễn Thị Ánh Tuyết"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.given_name == "Tuyết"


def test_one_bad_row_means_nothing_is_written(run_import):
    people_before = Person.objects.count()
    audit_before = AuditEntry.objects.exclude(action__startswith="import.").count()
    rows = [staff_row(name=f"Cao Văn {n}", gender="Nam") for n in ["An", "Bảo", "Cường", "Dũng"]]
    rows[2][4] = "KHONG-CO"
    job = run_import(rows)
    assert job.status == ImportStatus.REJECTED
    assert messages_of(job) == [
        "Dòng 4, cột «Mã đơn vị»: không có đơn vị mã «KHONG-CO» trong phạm vi "
        "«Viện kiểm sát nhân dân tỉnh Hà Tĩnh»."
    ]
    assert Person.objects.count() == people_before
    assert AuditEntry.objects.exclude(action__startswith="import.").count() == audit_before
    assert AuditEntry.objects.filter(action="import.rejected", object_id=str(job.pk)).exists()


def test_a_failure_while_applying_rolls_everything_back(run_import, monkeypatch):
    from tdkt.people import services as people_services

    real = people_services.bulk_save_people

    def half_then_fail(**kwargs):
        real(**kwargs)  # everything is written …
        raise RuntimeError("disk full")  # … and then the transaction fails

    monkeypatch.setattr("tdkt.imports.staff.bulk_save_people", half_then_fail)
    before = (Person.objects.count(), Position.objects.count(), AuditEntry.objects.count())
    job = run_import([staff_row(), staff_row(name="Ngô Văn Tú", gender="Nam")])
    assert job.status == ImportStatus.FAILED
    assert messages_of(job) == ["Lỗi hệ thống khi ghi dữ liệu; không có thay đổi nào được lưu."]
    assert Person.objects.count() == before[0]
    assert Position.objects.count() == before[1]
    # Only the job's own trail was added: submitted and failed.
    assert AuditEntry.objects.count() - before[2] == 2
    trail = AuditEntry.objects.filter(object_type="imports.importjob", object_id=str(job.pk))
    assert set(trail.values_list("action", flat=True)) == {"import.submitted", "import.failed"}


def test_a_domain_refusal_while_applying_is_reported_and_nothing_saved(
    run_import, units, monkeypatch
):
    from tdkt.people import services as people_services

    real = people_services.bulk_save_people

    def someone_took_the_id(**kwargs):
        # Between the check and the write, another officer recorded the same citizen ID.
        people_services.create_person(
            actor=None,
            full_name="Người Khác",
            gender="male",
            birth_date=dt.date(1970, 1, 1),
            unit=units.kv2,
            citizen_id="042192000321",
        )
        return real(**kwargs)

    monkeypatch.setattr("tdkt.imports.staff.bulk_save_people", someone_took_the_id)
    job = run_import([staff_row(cid="042192000321")])
    assert job.status == ImportStatus.FAILED
    assert messages_of(job) == [
        "Không ghi được dữ liệu (Đã có cán bộ với số CCCD 042192000321.); không có thay đổi nào "
        "được lưu. Hãy nhập lại tệp."
    ]
    assert not Person.objects.filter(full_name="Trần Thị Mai").exists()


def test_the_status_moves_only_along_the_table(run_import):
    job = run_import([staff_row()])
    assert list(job.transitions.values_list("from_status", "to_status")) == [
        ("queued", "validating"),
        ("validating", "applying"),
        ("applying", "done"),
    ]
    with pytest.raises(TransitionNotAllowed):
        services.transition(job, ImportStatus.QUEUED)
    with pytest.raises(TransitionNotAllowed):
        services.cancel_import(actor=None, job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.finished_at is not None


def test_a_job_not_queued_is_left_alone_by_the_worker(run_import):
    job = run_import([staff_row()])
    assert services.process_job(job.pk) == ImportStatus.DONE
    assert Person.objects.filter(full_name="Trần Thị Mai").count() == 1
