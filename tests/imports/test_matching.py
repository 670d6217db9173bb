"""People are matched by citizen ID, or else by name, birth date and unit; doubts go to the user."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import InvalidData, TransitionNotAllowed
from tdkt.imports import services
from tdkt.imports.models import ImportStatus
from tdkt.people import services as people
from tdkt.people.models import Person

from .conftest import messages_of, staff_row

HOA = {"name": "Lê Thị Hoa", "birth": "12/05/1986", "post": "Kiểm sát viên", "start": ""}


def test_a_known_citizen_id_updates_that_person_and_starts_the_new_post(run_import, units):
    hoa = units.hoa
    job = run_import(
        [
            staff_row(
                name="Lê Thị Hoa",
                birth="12/05/1986",
                cid="042186000111",
                unit="KV-HT-02",
                post="Phó Trưởng phòng",
                start="01/07/2025",
                recruited="01/09/2010",
            )
        ]
    )
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert job.summary | {"seconds": None} == {
        "rows": 1,
        "created": 0,
        "updated": 1,
        "unchanged": 0,
        "positions_started": 1,
        "seconds": None,
    }
    hoa.refresh_from_db()
    assert (hoa.unit, hoa.post, hoa.is_leader) == (units.kv2, "Phó Trưởng phòng", True)
    assert hoa.recruited_on == dt.date(2010, 9, 1)
    old, new = hoa.positions.order_by("valid_from")
    assert (old.unit, old.valid_from, old.valid_to) == (
        units.kv1,
        dt.date(2015, 1, 1),
        dt.date(2025, 6, 30),
    )
    assert (new.unit, new.post_kind, new.valid_from, new.valid_to) == (
        units.kv2,
        "pho_truong_phong",
        dt.date(2025, 7, 1),
        None,
    )
    updated = AuditEntry.objects.get(
        action="person.updated", object_id=str(hoa.pk), object_type="people.person"
    )
    assert updated.before["recruited_on"] == "2010-08-01"
    assert updated.after["recruited_on"] == "2010-09-01"
    assert AuditEntry.objects.filter(action="position.assigned", object_id=str(new.pk)).exists()


def test_without_citizen_id_name_birth_date_and_unit_find_the_person(run_import, units):
    name = unicodedata.normalize("NFD", "PHAN VĂN SƠN")
    job = run_import(
        [
            staff_row(
                name=name,
                gender="Nam",
                birth="03/03/1990",
                cid="042190000777",
                unit="KV-HT-02",
                post="Chuyên viên",
                start="",
            )
        ]
    )
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert (job.summary["created"], job.summary["updated"]) == (0, 1)
    son = Person.objects.get(pk=units.son.pk)
    assert son.citizen_id == "042190000777"
    assert son.full_name == "Phan Văn Sơn"  # a difference of case only is not a change
    assert son.search_text == "phan van son 042190000777"


def test_a_row_identical_to_what_is_known_changes_nothing(run_import, units):
    before = AuditEntry.objects.count()
    job = run_import([staff_row(**HOA, cid="042186000111", recruited="")])
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert job.summary["unchanged"] == 1 and job.summary["updated"] == 0
    units.hoa.refresh_from_db()
    assert units.hoa.recruited_on == dt.date(2010, 8, 1)  # an empty cell erases nothing
    assert AuditEntry.objects.count() - before == 2  # import.submitted, import.applied


@pytest.fixture
def two_sons(units):
    """A second Phan Văn Sơn, born the same day, in the same unit."""
    return people.create_person(
        actor=None,
        full_name="Phan Văn Sơn",
        gender="male",
        birth_date=dt.date(1990, 3, 3),
        unit=units.kv2,
        post_kind="kiem_tra_vien",
        position_from=dt.date(2020, 1, 1),
    )


def _son_row(**extra):
    values = {
        "name": "Phan Văn Sơn",
        "gender": "Nam",
        "birth": "03/03/1990",
        "unit": "KV-HT-02",
        "post": "Chuyên viên",
        "start": "",
        "recruited": "01/06/2016",
    } | extra
    return staff_row(**values)


def test_several_matches_are_shown_to_the_user_then_resolved(
    run_import, units, two_sons, officer_user
):
    job = run_import([staff_row(), _son_row()])
    assert job.status == ImportStatus.NEEDS_RESOLUTION
    assert Person.objects.filter(full_name="Trần Thị Mai").count() == 0  # nothing yet
    [item] = job.ambiguities
    assert item["row"] == 3
    assert item["reason"] == "Có 2 cán bộ cùng họ tên, ngày sinh và đơn vị."
    assert item["allow_new"] is True
    assert [c["id"] for c in item["candidates"]] == [units.son.pk, two_sons.pk]
    assert item["candidates"][0]["unit"] == "Viện kiểm sát nhân dân khu vực 2 - Hà Tĩnh"

    services.resolve_ambiguities(actor=officer_user, job=job, choices={"3": str(units.son.pk)})
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert job.summary["created"] == 1 and job.summary["updated"] == 1
    assert Person.objects.get(pk=units.son.pk).recruited_on == dt.date(2016, 6, 1)
    assert Person.objects.get(pk=two_sons.pk).recruited_on is None
    assert [t for t in job.transitions.values_list("to_status", flat=True)] == [
        "validating",
        "needs_resolution",
        "queued",
        "validating",
        "applying",
        "done",
    ]
    assert AuditEntry.objects.filter(action="import.resolved", actor=officer_user).exists()


def test_the_user_may_answer_that_it_is_a_new_person(run_import, units, two_sons, officer_user):
    job = run_import([_son_row()])
    services.resolve_ambiguities(actor=officer_user, job=job, choices={"2": "new"})
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert Person.objects.filter(full_name="Phan Văn Sơn").count() == 3


def test_an_answer_must_be_one_of_the_offered_choices(run_import, units, two_sons, officer_user):
    job = run_import([_son_row()])
    with pytest.raises(InvalidData, match="Dòng 2: hãy chọn một cán bộ trong danh sách hoặc tạo"):
        services.resolve_ambiguities(actor=officer_user, job=job, choices={"2": str(units.hoa.pk)})
    job.refresh_from_db()
    assert job.status == ImportStatus.NEEDS_RESOLUTION


def test_a_citizen_id_whose_name_disagrees_is_an_ambiguity_without_new(
    run_import, units, officer_user
):
    job = run_import(
        [
            staff_row(
                name="Lê Thị Hòa",
                birth="12/05/1986",
                cid="042186000111",
                post="Kiểm sát viên",
                start="",
            )
        ]
    )
    assert job.status == ImportStatus.NEEDS_RESOLUTION
    [item] = job.ambiguities
    assert item["reason"] == "Số CCCD trùng với cán bộ đã có nhưng họ tên hoặc ngày sinh khác."
    assert item["allow_new"] is False
    assert [c["id"] for c in item["candidates"]] == [units.hoa.pk]
    with pytest.raises(InvalidData):
        services.resolve_ambiguities(actor=officer_user, job=job, choices={"2": "new"})
    services.resolve_ambiguities(actor=officer_user, job=job, choices={"2": str(units.hoa.pk)})
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, messages_of(job)
    units.hoa.refresh_from_db()
    assert units.hoa.full_name == "Lê Thị Hòa" and units.hoa.given_name == "Hòa"


def test_a_namesake_with_another_citizen_id_is_an_ambiguity(run_import, units):
    job = run_import([staff_row(**HOA, cid="042186000112")])
    assert job.status == ImportStatus.NEEDS_RESOLUTION
    [item] = job.ambiguities
    assert item["reason"] == "Cán bộ cùng họ tên, ngày sinh và đơn vị đã có số CCCD khác."
    assert item["allow_new"] is True


def test_a_job_waiting_for_answers_can_be_cancelled_and_no_longer_resolved(
    run_import, two_sons, officer_user, units
):
    job = run_import([_son_row()])
    services.cancel_import(actor=officer_user, job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    with pytest.raises(TransitionNotAllowed):
        services.resolve_ambiguities(actor=officer_user, job=job, choices={"2": "new"})
    assert AuditEntry.objects.filter(action="import.cancelled", actor=officer_user).exists()


def test_a_citizen_id_typed_as_a_number_gets_its_leading_zero_back(run_import, units):
    job = run_import([staff_row(**HOA, cid=42186000111, recruited="")])
    assert job.status == ImportStatus.DONE, messages_of(job)
    assert job.summary["unchanged"] == 1
