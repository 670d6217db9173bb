"""Careers kept by the units: each service succeeds, refuses, writes its audit entry and checks
the actor's right itself (called from the shell, an officer of another province is refused)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData
from tdkt.people import selectors
from tdkt.people import services as people
from tdkt.people.models import Person, Position, ServicePeriod
from tdkt.people.selectors import staff_count
from tests.conftest import Sector
from tests.people.conftest import recruit_data

STALE = "Dữ liệu đã được người khác thay đổi"


def fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


def entries(action: str, obj: Any) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
        )
    )


def before(entry: AuditEntry) -> dict[str, Any]:
    assert isinstance(entry.before, dict)
    return entry.before


def after(entry: AuditEntry) -> dict[str, Any]:
    assert isinstance(entry.after, dict)
    return entry.after


# --- recruit ------------------------------------------------------------------------------


def test_an_officer_recruits_a_person_into_a_unit_of_his_province(
    sector: Sector, officer: Any
) -> None:
    person = people.recruit_person(actor=officer, unit=sector.kv1, **recruit_data())
    assert person.unit == sector.kv1
    assert person.citizen_id == "045196000789"
    position = person.positions.get()
    assert (position.post, position.valid_from, position.valid_to) == (
        "Kiểm tra viên",
        dt.date(2026, 3, 2),
        None,
    )
    assert not position.is_leader and not position.is_unit_head
    assert entries("person.created", person)[0].actor == officer
    assert entries("position.assigned", position)


def test_a_head_post_makes_the_recruit_the_head_unless_overridden(sector: Sector) -> None:
    head = people.recruit_person(
        actor=None, unit=sector.kv1, **recruit_data(post_kind="vien_truong", citizen_id=None)
    )
    assert head.positions.get().is_unit_head
    acting = people.recruit_person(
        actor=None,
        unit=sector.kv1,
        **recruit_data(
            full_name="Phan Văn Quyền",
            citizen_id=None,
            post_kind="pho_vien_truong",
            is_unit_head=True,
        ),
    )
    position = acting.positions.get()
    assert position.is_leader and position.is_unit_head
    assert acting.is_leader


def test_only_a_leader_can_be_made_head_of_the_unit(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="Người đứng đầu đơn vị phải giữ một chức vụ lãnh đạo"):
        people.recruit_person(
            actor=None, unit=sector.kv1, **recruit_data(post_kind="chuyen_vien", is_unit_head=True)
        )
    assert not Person.objects.filter(full_name="Lê Thị Hoa").exists()


def test_an_officer_cannot_recruit_into_a_unit_of_another_province(
    sector: Sector, outsider: Any
) -> None:
    with pytest.raises(people.NotAllowed):
        people.recruit_person(actor=outsider, unit=sector.kv1, **recruit_data())
    assert not Person.objects.filter(full_name="Lê Thị Hoa").exists()


def test_a_staff_member_cannot_recruit(sector: Sector, staff_member: Any) -> None:
    with pytest.raises(people.NotAllowed):
        people.recruit_person(actor=staff_member, unit=sector.kv1, **recruit_data())


def test_a_duplicate_citizen_id_names_the_holder_to_whoever_sees_him(
    sector: Sector, officer: Any
) -> None:
    with pytest.raises(Conflict, match="đã được dùng cho cán bộ Nguyễn Văn An"):
        people.recruit_person(
            actor=officer, unit=sector.kv1, **recruit_data(citizen_id="044085001234")
        )


def test_a_duplicate_citizen_id_outside_the_scope_reveals_nobody(
    sector: Sector, outsider: Any
) -> None:
    with pytest.raises(Conflict) as raised:
        people.recruit_person(
            actor=outsider, unit=sector.binh_dai, **recruit_data(citizen_id="044085001234")
        )
    assert raised.value.message == "Số CCCD này đã được dùng."
    assert raised.value.code == "citizen_id_taken"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"citizen_id": "45196000789"}, "đúng 12 chữ số"),
        ({"full_name": "  "}, "Họ và tên không được để trống"),
        ({"birth_date": dt.date(1890, 1, 1)}, "Ngày sinh không được trước năm 1900"),
        ({"recruited_on": dt.date(2010, 1, 1)}, "đủ 18 tuổi"),
        ({"position_from": dt.date(2026, 2, 1)}, "không được trước ngày tuyển dụng"),
        (
            {"position_from": dt.date(2026, 4, 1), "recruited_on": None},
            "Ngày bắt đầu công tác tại đơn vị không được sau hôm nay",
        ),
    ],
)
def test_recruiting_refuses_bad_identity_or_dates(
    sector: Sector, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidData, match=message):
        people.recruit_person(actor=None, unit=sector.kv1, **recruit_data(**changes))
    assert Person.objects.count() == 2


def test_nobody_is_recruited_into_a_dissolved_unit(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="không hoạt động vào ngày 02/03/2026"):
        people.recruit_person(actor=None, unit=sector.dong_hoi, **recruit_data())


# --- correct identity ---------------------------------------------------------------------


def test_correcting_the_identity_keeps_before_after_and_reason(
    sector: Sector, officer: Any
) -> None:
    an = sector.an
    version = fresh(an).version
    people.correct_identity(
        actor=officer,
        person=an,
        version=version,
        reason="Sai năm sinh theo CCCD gốc",
        full_name="Nguyễn Văn  Ân",
        gender="male",
        birth_date=dt.date(1985, 4, 12),
        citizen_id="044085001234",
        recruited_on=dt.date(2010, 9, 1),
    )
    an = fresh(an)
    assert (an.full_name, an.birth_date, an.given_name) == (
        "Nguyễn Văn Ân",
        dt.date(1985, 4, 12),
        "Ân",
    )
    assert an.version == version + 1
    entry = entries("person.updated", an)[0]
    assert entry.reason == "Sai năm sinh theo CCCD gốc"
    assert before(entry)["birth_date"] == "1985-04-02"
    assert after(entry)["birth_date"] == "1985-04-12"
    assert entry.actor == officer


def identity(person: Person, **changes: Any) -> dict[str, Any]:
    data = {
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "citizen_id": person.citizen_id,
        "recruited_on": person.recruited_on,
        "reason": "Sửa theo hồ sơ gốc",
    }
    return data | changes


def test_a_stale_identity_correction_is_refused_and_nothing_is_written(
    sector: Sector, officer: Any
) -> None:
    an = fresh(sector.an)
    with pytest.raises(Conflict, match=STALE):
        people.correct_identity(
            actor=officer,
            person=an,
            version=an.version - 1,
            **identity(an, full_name="Nguyễn Văn Bê"),
        )
    assert fresh(an).full_name == "Nguyễn Văn An"


def test_a_correction_needs_a_reason_of_ten_characters(sector: Sector, officer: Any) -> None:
    an = fresh(sector.an)
    with pytest.raises(InvalidData, match="ít nhất 10 ký tự"):
        people.correct_identity(
            actor=officer, person=an, version=an.version, **identity(an, reason="  sai  ")
        )


def test_a_correction_cannot_take_a_citizen_id_in_use(sector: Sector, admin_user: Any) -> None:
    binh = fresh(sector.binh)
    with pytest.raises(Conflict, match="Nguyễn Văn An"):
        people.correct_identity(
            actor=admin_user,
            person=binh,
            version=binh.version,
            **identity(binh, citizen_id="044085001234"),
        )


def test_an_officer_cannot_correct_a_person_of_another_province(
    sector: Sector, outsider: Any
) -> None:
    an = fresh(sector.an)
    with pytest.raises(people.NotAllowed):
        people.correct_identity(
            actor=outsider, person=an, version=an.version, **identity(an, full_name="X Y")
        )
    assert fresh(an).full_name == "Nguyễn Văn An"


def test_recruitment_cannot_be_moved_after_the_first_position(sector: Sector) -> None:
    an = fresh(sector.an)
    with pytest.raises(InvalidData, match="không được sau ngày bắt đầu chức vụ đầu tiên"):
        people.correct_identity(
            actor=None,
            person=an,
            version=an.version,
            **identity(an, recruited_on=dt.date(2011, 1, 1)),
        )


# --- positions ----------------------------------------------------------------------------


def test_a_new_post_in_the_same_unit_ends_the_current_one_the_day_before(
    sector: Sector, officer: Any
) -> None:
    an = fresh(sector.an)
    position = people.start_position(
        actor=officer,
        person=an,
        version=an.version,
        post_kind="pho_vien_truong",
        valid_from=dt.date(2026, 1, 5),
    )
    before = an.positions.get(valid_from=dt.date(2025, 7, 1))
    assert before.valid_to == dt.date(2026, 1, 4)
    assert position.unit == sector.kv1 and position.is_leader
    an = fresh(an)
    assert (an.post, an.is_leader) == ("Phó Viện trưởng", True)


def test_a_new_post_cannot_start_before_the_current_one(sector: Sector) -> None:
    an = fresh(sector.an)
    with pytest.raises(InvalidData, match="phải sau ngày bắt đầu chức vụ hiện tại"):
        people.start_position(
            actor=None,
            person=an,
            version=an.version,
            post_kind="kiem_sat_vien",
            valid_from=dt.date(2025, 7, 1),
        )


def test_a_stale_new_post_is_refused(sector: Sector, officer: Any) -> None:
    an = fresh(sector.an)
    with pytest.raises(Conflict, match=STALE):
        people.start_position(
            actor=officer,
            person=an,
            version=an.version + 5,
            post_kind="pho_vien_truong",
            valid_from=dt.date(2026, 1, 5),
        )
    assert an.positions.count() == 2


def test_ending_the_current_position_leaves_no_post(sector: Sector, officer: Any) -> None:
    an = fresh(sector.an)
    position = people.end_position(
        actor=officer, person=an, version=an.version, valid_to=dt.date(2026, 2, 28)
    )
    assert position.valid_to == dt.date(2026, 2, 28)
    an = fresh(an)
    assert (an.post, an.is_leader, an.unit) == ("", False, sector.kv1)
    assert after(entries("position.ended", position)[0]) == {"valid_to": "2026-02-28"}


def test_a_position_cannot_end_before_it_started_or_twice(sector: Sector) -> None:
    an = fresh(sector.an)
    with pytest.raises(InvalidData, match="không được trước ngày bắt đầu chức vụ"):
        people.end_position(actor=None, person=an, version=None, valid_to=dt.date(2025, 6, 1))
    people.end_position(actor=None, person=an, version=None, valid_to=dt.date(2026, 2, 28))
    with pytest.raises(InvalidData, match="không có chức vụ đang giữ"):
        people.end_position(actor=None, person=an, version=None, valid_to=dt.date(2026, 3, 1))


def test_a_new_post_after_an_ended_one_must_not_overlap_it(sector: Sector) -> None:
    an = fresh(sector.an)
    people.end_position(actor=None, person=an, version=None, valid_to=dt.date(2026, 2, 28))
    with pytest.raises(InvalidData, match="sau ngày kết thúc chức vụ trước"):
        people.start_position(
            actor=None,
            person=an,
            version=None,
            post_kind="kiem_sat_vien",
            valid_from=dt.date(2026, 2, 1),
        )
    people.start_position(
        actor=None,
        person=an,
        version=None,
        post_kind="kiem_sat_vien",
        valid_from=dt.date(2026, 3, 1),
    )
    assert an.positions.filter(valid_to__isnull=True).count() == 1


def test_an_officer_cannot_end_a_position_in_another_province(
    sector: Sector, outsider: Any
) -> None:
    with pytest.raises(people.NotAllowed):
        people.end_position(
            actor=outsider, person=sector.an, version=None, valid_to=dt.date(2026, 2, 28)
        )


# --- transfer -----------------------------------------------------------------------------


def test_a_transfer_inside_the_province_keeps_the_history(sector: Sector, officer: Any) -> None:
    an = fresh(sector.an)
    position = people.transfer_person(
        actor=officer,
        person=an,
        version=an.version,
        unit=sector.quang_tri,
        post_kind="kiem_sat_vien",
        valid_from=dt.date(2026, 2, 1),
    )
    an = fresh(an)
    assert an.unit == sector.quang_tri
    units = list(an.positions.order_by("valid_from").values_list("unit__code", "valid_to"))
    assert units == [
        ("H-QB-DH", dt.date(2025, 6, 30)),
        ("KV-QT-01", dt.date(2026, 1, 31)),
        ("T25-QT", None),
    ]
    assert before(entries("position.assigned", position)[0])["unit_id"] == sector.kv1.pk


def test_an_officer_cannot_move_a_person_out_of_his_subtree(sector: Sector, officer: Any) -> None:
    an = fresh(sector.an)
    with pytest.raises(people.NotAllowed, match="điều động cán bộ đến đơn vị này"):
        people.transfer_person(
            actor=officer,
            person=an,
            version=an.version,
            unit=sector.binh_dai,
            post_kind="kiem_sat_vien",
            valid_from=dt.date(2026, 2, 1),
        )
    assert fresh(an).unit == sector.kv1


def test_an_officer_of_another_province_cannot_take_a_person_in(
    sector: Sector, outsider: Any
) -> None:
    with pytest.raises(people.NotAllowed):
        people.transfer_person(
            actor=outsider,
            person=sector.an,
            version=None,
            unit=sector.binh_dai,
            post_kind="kiem_sat_vien",
            valid_from=dt.date(2026, 2, 1),
        )


def test_an_administrator_transfers_anywhere(sector: Sector, admin_user: Any) -> None:
    people.transfer_person(
        actor=admin_user,
        person=sector.an,
        version=None,
        unit=sector.binh_dai,
        post_kind="kiem_sat_vien",
        valid_from=dt.date(2026, 2, 1),
    )
    assert fresh(sector.an).unit == sector.binh_dai


def test_a_transfer_to_the_same_unit_is_refused(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="trùng đơn vị hiện tại"):
        people.transfer_person(
            actor=None,
            person=sector.an,
            version=None,
            unit=sector.kv1,
            post_kind="kiem_sat_vien",
            valid_from=dt.date(2026, 2, 1),
        )


# --- periods of service -------------------------------------------------------------------


def other_legal(person: Person, start: dt.date, end: dt.date | None, **kw: Any) -> ServicePeriod:
    return people.record_service_period(
        actor=kw.pop("actor", None),
        person=person,
        kind="other_legal",
        organisation="Tòa án nhân dân huyện Lệ Thủy",
        valid_from=start,
        valid_to=end,
        **kw,
    )


def test_service_outside_the_procuracy_is_recorded_and_audited(
    sector: Sector, officer: Any
) -> None:
    an = fresh(sector.an)
    version = an.version
    period = other_legal(
        an, dt.date(2006, 1, 1), dt.date(2010, 8, 31), actor=officer, version=version
    )
    assert period.organisation == "Tòa án nhân dân huyện Lệ Thủy"
    assert fresh(an).version == version + 1
    assert entries("service.recorded", period)[0].actor == officer


def test_overlapping_periods_are_refused(sector: Sector) -> None:
    other_legal(sector.an, dt.date(2006, 1, 1), dt.date(2010, 8, 31))
    with pytest.raises(InvalidData, match="trùng với thời gian công tác đã ghi"):
        other_legal(sector.an, dt.date(2010, 8, 31), dt.date(2011, 1, 1))
    with pytest.raises(InvalidData, match="trùng"):
        other_legal(sector.an, dt.date(2003, 1, 1), None)
    other_legal(sector.an, dt.date(2003, 1, 1), dt.date(2005, 12, 31))
    assert sector.an.service_periods.count() == 2


def test_a_period_must_end_after_it_starts(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="Ngày kết thúc phải sau ngày bắt đầu"):
        other_legal(sector.an, dt.date(2006, 1, 1), dt.date(2005, 1, 1))


def test_an_officer_of_another_province_cannot_record_service(
    sector: Sector, outsider: Any
) -> None:
    with pytest.raises(people.NotAllowed):
        other_legal(sector.an, dt.date(2006, 1, 1), dt.date(2010, 8, 31), actor=outsider)
    assert not ServicePeriod.objects.exists()


def test_a_wrong_period_is_corrected_with_its_reason(sector: Sector, officer: Any) -> None:
    period = other_legal(sector.an, dt.date(2006, 1, 1), dt.date(2010, 8, 31))
    people.correct_service_period(
        actor=officer,
        period=period,
        version=fresh(sector.an).version,
        reason="Nhập nhầm năm bắt đầu",
        kind="other_legal",
        organisation="Tòa án nhân dân tỉnh Quảng Bình",
        valid_from=dt.date(2007, 1, 1),
        valid_to=dt.date(2010, 8, 31),
    )
    period.refresh_from_db()
    assert (period.valid_from, period.organisation) == (
        dt.date(2007, 1, 1),
        "Tòa án nhân dân tỉnh Quảng Bình",
    )
    entry = entries("service.corrected", period)[0]
    assert before(entry)["valid_from"] == "2006-01-01"
    assert entry.reason == "Nhập nhầm năm bắt đầu"


def test_a_correction_may_not_overlap_another_period(sector: Sector) -> None:
    first = other_legal(sector.an, dt.date(2003, 1, 1), dt.date(2005, 12, 31))
    other_legal(sector.an, dt.date(2006, 1, 1), dt.date(2010, 8, 31))
    with pytest.raises(InvalidData, match="trùng"):
        people.correct_service_period(
            actor=None,
            period=first,
            version=None,
            reason="Nhập nhầm năm kết thúc",
            kind="other_legal",
            valid_from=dt.date(2003, 1, 1),
            valid_to=dt.date(2007, 1, 1),
        )


def test_a_period_entered_by_mistake_is_removed_and_audited(sector: Sector, officer: Any) -> None:
    period = other_legal(sector.an, dt.date(2006, 1, 1), dt.date(2010, 8, 31))
    pk = period.pk
    people.remove_service_period(
        actor=officer, period=period, version=None, reason="Ghi nhầm cho cán bộ khác"
    )
    assert not ServicePeriod.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="service.removed", object_id=str(pk))
    assert before(entry)["organisation"] == "Tòa án nhân dân huyện Lệ Thủy"
    assert entry.reason == "Ghi nhầm cho cán bộ khác"


def test_an_officer_of_another_province_cannot_remove_a_period(
    sector: Sector, outsider: Any
) -> None:
    period = other_legal(sector.an, dt.date(2006, 1, 1), dt.date(2010, 8, 31))
    with pytest.raises(people.NotAllowed):
        people.remove_service_period(
            actor=outsider, period=period, version=None, reason="Ghi nhầm cho cán bộ khác"
        )
    assert ServicePeriod.objects.filter(pk=period.pk).exists()


# --- leaving the sector -------------------------------------------------------------------


def test_retirement_ends_the_position_and_the_person_leaves_the_staff(
    sector: Sector, officer: Any
) -> None:
    service = people.record_service_period(
        actor=None, person=sector.an, kind="procuracy", valid_from=dt.date(2010, 9, 1)
    )
    assert staff_count(sector.kv1) == 1
    an = fresh(sector.an)
    people.record_leaving(
        actor=officer, person=an, version=an.version, left_on=dt.date(2026, 3, 1), kind="retirement"
    )
    an = fresh(an)
    assert (an.left_on, an.leaving_kind, an.post, an.unit) == (
        dt.date(2026, 3, 1),
        "retirement",
        "",
        sector.kv1,
    )
    assert an.positions.get(valid_from=dt.date(2025, 7, 1)).valid_to == dt.date(2026, 3, 1)
    service.refresh_from_db()
    assert service.valid_to == dt.date(2026, 3, 1)
    assert staff_count(sector.kv1) == 0
    assert staff_count(sector.quang_tri) == 0
    assert list(selectors.search_people(officer)) == []
    assert list(selectors.search_people(officer, include_left=True)) == [an]
    assert after(entries("person.left", an)[0])["leaving_kind"] == "retirement"
    timeline = selectors.person_timeline(an)
    assert timeline[0].events[-1].text == "Nghỉ hưu từ ngày 01/03/2026"


def test_leaving_refuses_a_date_before_the_last_position_or_in_the_future(
    sector: Sector,
) -> None:
    an = fresh(sector.an)
    with pytest.raises(InvalidData, match="trước ngày bắt đầu chức vụ cuối cùng"):
        people.record_leaving(
            actor=None, person=an, version=None, left_on=dt.date(2025, 1, 1), kind="resignation"
        )
    with pytest.raises(InvalidData, match="không được sau hôm nay"):
        people.record_leaving(
            actor=None, person=an, version=None, left_on=dt.date(2026, 4, 1), kind="resignation"
        )
    assert fresh(an).left_on is None


def test_a_person_who_left_gets_no_new_post(sector: Sector) -> None:
    people.record_leaving(
        actor=None,
        person=sector.an,
        version=None,
        left_on=dt.date(2026, 3, 1),
        kind="transfer_out",
    )
    with pytest.raises(InvalidData, match="đã thôi công tác từ ngày 01/03/2026"):
        people.start_position(
            actor=None,
            person=fresh(sector.an),
            version=None,
            post_kind="kiem_sat_vien",
            valid_from=dt.date(2026, 3, 10),
        )


def test_an_officer_of_another_province_cannot_record_a_leaving(
    sector: Sector, outsider: Any
) -> None:
    with pytest.raises(people.NotAllowed):
        people.record_leaving(
            actor=outsider,
            person=sector.an,
            version=None,
            left_on=dt.date(2026, 3, 1),
            kind="retirement",
        )
    assert fresh(sector.an).left_on is None


def left_an(sector: Sector) -> Person:
    return people.record_leaving(
        actor=None, person=sector.an, version=None, left_on=dt.date(2026, 3, 1), kind="retirement"
    )


def test_only_an_administrator_undoes_a_leaving(
    sector: Sector, officer: Any, admin_user: Any
) -> None:
    an = left_an(sector)
    with pytest.raises(people.NotAllowed):
        people.undo_leaving(
            actor=officer, person=an, version=None, reason="Ghi nhầm người nghỉ hưu"
        )
    people.undo_leaving(
        actor=admin_user, person=an, version=fresh(an).version, reason="Ghi nhầm người nghỉ hưu"
    )
    an = fresh(an)
    assert (an.left_on, an.leaving_kind, an.post) == (None, "", "Kiểm sát viên")
    assert an.positions.filter(valid_to__isnull=True).get().unit == sector.kv1
    assert staff_count(sector.kv1) == 1
    entry = entries("person.leaving_undone", an)[0]
    assert (entry.reason, before(entry)["left_on"]) == ("Ghi nhầm người nghỉ hưu", "2026-03-01")


def test_undoing_a_leaving_needs_a_reason(sector: Sector, admin_user: Any) -> None:
    an = left_an(sector)
    with pytest.raises(InvalidData, match="ít nhất 10 ký tự"):
        people.undo_leaving(actor=admin_user, person=an, version=None, reason="nhầm")


def test_versions_advance_with_every_change(sector: Sector) -> None:
    an = fresh(sector.an)
    start = an.version
    people.end_position(actor=None, person=an, version=start, valid_to=dt.date(2026, 2, 28))
    with pytest.raises(Conflict, match=STALE):
        people.record_leaving(
            actor=None, person=an, version=start, left_on=dt.date(2026, 3, 1), kind="retirement"
        )
    assert fresh(an).version > start
    assert Position.objects.filter(person=an, valid_to__isnull=True).count() == 0
