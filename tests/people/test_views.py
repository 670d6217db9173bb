"""The career screens: the officer of the unit acts, an officer of another province and a staff
member get 404, a stale page is refused, bad input is named and what was typed stays."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tdkt.accounts.models import Role
from tdkt.people import services as people
from tdkt.people.models import Person, ServicePeriod
from tests.conftest import Sector, login, make_user
from tests.people.permissions import PEOPLE_VIEWS, an_period

STALE = "Dữ liệu đã được người khác thay đổi"


def url(name: str, *args: Any) -> str:
    return reverse(f"people:{name}", args=args)


def fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


def recruit_form(sector: Sector, **changes: str) -> dict[str, str]:
    form = {
        "unit": str(sector.kv1.pk),
        "full_name": "Lê Thị Hoa",
        "gender": "female",
        "birth_date": "20/05/1996",
        "citizen_id": "045196000789",
        "recruited_on": "02/03/2026",
        "post_kind": "kiem_tra_vien",
        "post": "",
        "head": "",
        "position_from": "02/03/2026",
    }
    return form | changes


def identity_form(person: Person, **changes: str) -> dict[str, str]:
    form = {
        "version": str(fresh(person).version),
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_date": f"{person.birth_date:%d/%m/%Y}",
        "citizen_id": person.citizen_id or "",
        "recruited_on": f"{person.recruited_on:%d/%m/%Y}" if person.recruited_on else "",
        "reason": "Sửa theo bản sao CCCD",
    }
    return form | changes


# --- recruit ------------------------------------------------------------------------------


def test_the_officer_recruits_a_person_from_the_unit_page(sector: Sector, officer: Any) -> None:
    client = login(officer)
    unit_page = client.get(reverse("org:unit_detail", args=[sector.kv1.pk])).content.decode()
    assert "Tiếp nhận cán bộ" in unit_page
    page = client.get(url("person_recruit"), {"don_vi": sector.kv1.pk}).content.decode()
    assert f'value="{sector.kv1.pk}" checked' in page
    assert reverse("org:unit_search") in page
    response = client.post(url("person_recruit"), recruit_form(sector))
    hoa = Person.objects.get(full_name="Lê Thị Hoa")
    assert response.status_code == 302
    assert response["Location"] == url("person_detail", hoa.pk)
    assert (hoa.unit, hoa.post, hoa.recruited_on) == (
        sector.kv1,
        "Kiểm tra viên",
        dt.date(2026, 3, 2),
    )


def test_the_recruit_button_is_not_shown_to_whoever_may_only_read(sector: Sector) -> None:
    leader = make_user("lanhdao.quangtri", Role.LEADER, sector.quang_tri)
    page = login(leader).get(reverse("org:unit_detail", args=[sector.kv1.pk])).content.decode()
    assert "Tiếp nhận cán bộ" not in page
    assert login(leader).get(url("person_recruit")).status_code == 404


def test_a_citizen_id_without_its_leading_zero_is_refused_and_the_form_kept(
    sector: Sector, officer: Any
) -> None:
    response = login(officer).post(
        url("person_recruit"), recruit_form(sector, citizen_id="45196000789")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Số CCCD phải gồm đúng 12 chữ số (kể cả các số 0 ở đầu); bạn đã nhập 11 ký tự." in body
    assert 'value="Lê Thị Hoa"' in body
    assert 'value="45196000789"' in body
    assert not Person.objects.filter(full_name="Lê Thị Hoa").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"position_from": "31/02/2026"},
            "Ngày bắt đầu công tác tại đơn vị: hãy nhập ngày theo dạng dd/mm/yyyy.",
        ),
        ({"birth_date": "20/05/0196"}, "Ngày sinh: năm phải trong khoảng 1900–2100."),
        ({"birth_date": ""}, "Hãy nhập ngày sinh."),
        ({"full_name": ""}, "Hãy nhập họ và tên."),
        ({"post_kind": "tong_thong"}, "Chức vụ"),
        ({"recruited_on": "01/01/1990"}, "Ngày tuyển dụng phải sau ngày sinh."),
        (
            {"position_from": "01/04/2026", "recruited_on": ""},
            "Ngày bắt đầu công tác tại đơn vị không được sau hôm nay.",
        ),
    ],
)
def test_bad_recruit_input_is_named(
    sector: Sector, officer: Any, changes: dict[str, str], message: str
) -> None:
    response = login(officer).post(url("person_recruit"), recruit_form(sector, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.filter(full_name="Lê Thị Hoa").exists()


def test_a_duplicate_citizen_id_of_another_province_is_not_revealed(
    sector: Sector, outsider: Any
) -> None:
    response = login(outsider).post(
        url("person_recruit"),
        recruit_form(sector, unit=str(sector.binh_dai.pk), citizen_id="044085001234"),
    )
    body = response.content.decode()
    assert "Số CCCD này đã được dùng." in body
    assert "Nguyễn Văn An" not in body
    assert Person.objects.count() == 2


def test_an_outsider_cannot_recruit_into_another_province(sector: Sector, outsider: Any) -> None:
    client = login(outsider)
    assert client.get(url("person_recruit"), {"don_vi": sector.kv1.pk}).status_code == 404
    response = client.post(url("person_recruit"), recruit_form(sector))
    assert "Đơn vị: đơn vị đã chọn không có hoặc nằm ngoài phạm vi của bạn." in (
        response.content.decode()
    )
    assert not Person.objects.filter(full_name="Lê Thị Hoa").exists()


def test_a_unit_id_that_is_not_a_number_answers_404(sector: Sector, officer: Any) -> None:
    assert login(officer).get(url("person_recruit"), {"don_vi": "abc"}).status_code == 404


# --- who may open the edit screens --------------------------------------------------------


EDITS = sorted(set(PEOPLE_VIEWS) - {"people:person_recruit", "people:person_leave_undo"})


@pytest.mark.parametrize("name", EDITS)
def test_a_staff_member_cannot_edit_even_his_own_record(
    name: str, sector: Sector, staff_member: Any
) -> None:
    target = reverse(name, kwargs=PEOPLE_VIEWS[name](sector))
    client = login(staff_member)
    assert client.get(target).status_code == 404
    assert client.post(target, {"version": "1", "reason": "x" * 20}).status_code == 404


@pytest.mark.parametrize("name", EDITS)
def test_an_outsider_cannot_post_to_an_edit_screen(
    name: str, sector: Sector, outsider: Any
) -> None:
    target = reverse(name, kwargs=PEOPLE_VIEWS[name](sector))
    assert login(outsider).post(target, {"version": "1"}).status_code == 404


def test_the_person_page_shows_the_actions_only_to_whoever_may_edit(
    sector: Sector, officer: Any, staff_member: Any
) -> None:
    officer_page = login(officer).get(url("person_detail", sector.an.pk)).content.decode()
    assert url("person_edit", sector.an.pk) in officer_page
    assert url("person_leave", sector.an.pk) in officer_page
    assert url("person_leave_undo", sector.an.pk) not in officer_page
    own_page = login(staff_member).get(url("person_detail", sector.an.pk)).content.decode()
    assert url("person_edit", sector.an.pk) not in own_page
    assert "Cập nhật hồ sơ cán bộ" not in own_page


def test_a_period_of_another_person_answers_404(sector: Sector, admin_user: Any) -> None:
    theirs = people.record_service_period(
        actor=None, person=sector.binh, kind="procuracy", valid_from=dt.date(2015, 3, 1)
    )
    response = login(admin_user).get(url("service_edit", sector.an.pk, theirs.pk))
    assert response.status_code == 404


# --- identity -----------------------------------------------------------------------------


def test_the_officer_corrects_an_identity(sector: Sector, officer: Any) -> None:
    client = login(officer)
    page = client.get(url("person_edit", sector.an.pk)).content.decode()
    assert 'value="02/04/1985"' in page
    response = client.post(
        url("person_edit", sector.an.pk), identity_form(sector.an, birth_date="12/04/1985")
    )
    assert response.status_code == 302
    assert fresh(sector.an).birth_date == dt.date(1985, 4, 12)


def test_a_stale_identity_page_is_refused(sector: Sector, officer: Any) -> None:
    form = identity_form(sector.an, full_name="Nguyễn Văn Ân")
    people.end_position(actor=None, person=sector.an, version=None, valid_to=dt.date(2026, 1, 1))
    response = login(officer).post(url("person_edit", sector.an.pk), form)
    body = response.content.decode()
    assert response.status_code == 200
    assert STALE in body
    assert 'value="Nguyễn Văn Ân"' in body
    assert fresh(sector.an).full_name == "Nguyễn Văn An"


def test_a_short_reason_and_a_bad_version_are_named(sector: Sector, officer: Any) -> None:
    client = login(officer)
    body = client.post(
        url("person_edit", sector.an.pk), identity_form(sector.an, reason="sai")
    ).content.decode()
    assert "Lý do sửa phải có ít nhất 10 ký tự." in body
    body = client.post(
        url("person_edit", sector.an.pk), identity_form(sector.an, version="abc")
    ).content.decode()
    assert "Trang đã cũ hoặc không hợp lệ" in body


def test_a_taken_citizen_id_is_shown_under_its_field(sector: Sector, admin_user: Any) -> None:
    response = login(admin_user).post(
        url("person_edit", sector.binh.pk),
        identity_form(sector.binh, citizen_id="044085001234"),
    )
    body = response.content.decode()
    assert "Số CCCD này đã được dùng cho cán bộ Nguyễn Văn An." in body
    assert fresh(sector.binh).citizen_id is None


# --- positions and transfers --------------------------------------------------------------


def test_the_officer_starts_and_ends_a_position(sector: Sector, officer: Any) -> None:
    client = login(officer)
    response = client.post(
        url("position_start", sector.an.pk),
        {
            "version": fresh(sector.an).version,
            "post_kind": "pho_vien_truong",
            "post": "",
            "head": "1",
            "valid_from": "05/01/2026",
        },
    )
    assert response.status_code == 302
    an = fresh(sector.an)
    assert (an.post, an.is_leader) == ("Phó Viện trưởng", True)
    assert an.positions.get(valid_to__isnull=True).is_unit_head
    response = client.post(
        url("position_end", sector.an.pk), {"version": an.version, "valid_to": "28/02/2026"}
    )
    assert response.status_code == 302
    page = client.get(url("person_detail", sector.an.pk)).content.decode()
    assert "05/01/2026 – 28/02/2026" in page


def test_a_position_starting_before_the_current_one_is_refused_on_the_form(
    sector: Sector, officer: Any
) -> None:
    response = login(officer).post(
        url("position_start", sector.an.pk),
        {
            "version": fresh(sector.an).version,
            "post_kind": "kiem_sat_vien",
            "valid_from": "01/07/2025",
        },
    )
    body = response.content.decode()
    assert "Ngày bắt đầu chức vụ mới phải sau ngày bắt đầu chức vụ hiện tại." in body
    assert 'value="01/07/2025"' in body


def test_the_officer_transfers_inside_his_province_only(sector: Sector, officer: Any) -> None:
    client = login(officer)
    page = client.get(url("person_transfer", sector.an.pk)).content.decode()
    assert "Bình Đại" not in page
    form = {
        "version": fresh(sector.an).version,
        "unit": sector.binh_dai.pk,
        "post_kind": "kiem_sat_vien",
        "valid_from": "01/02/2026",
    }
    body = client.post(url("person_transfer", sector.an.pk), form).content.decode()
    assert "Đơn vị chuyển đến: đơn vị đã chọn không có hoặc nằm ngoài phạm vi của bạn." in body
    assert "Bình Đại" not in body
    form["unit"] = sector.quang_tri.pk
    assert client.post(url("person_transfer", sector.an.pk), form).status_code == 302
    assert fresh(sector.an).unit == sector.quang_tri


# --- periods of service -------------------------------------------------------------------


def test_the_officer_records_corrects_and_removes_a_period(sector: Sector, officer: Any) -> None:
    client = login(officer)
    response = client.post(
        url("service_add", sector.an.pk),
        {
            "version": fresh(sector.an).version,
            "kind": "other_legal",
            "organisation": "Tòa án nhân dân huyện Lệ Thủy",
            "valid_from": "01/01/2006",
            "valid_to": "31/08/2010",
        },
    )
    assert response.status_code == 302
    period = ServicePeriod.objects.get(person=sector.an)
    page = client.get(url("person_detail", sector.an.pk)).content.decode()
    assert "Tòa án nhân dân huyện Lệ Thủy" in page
    response = client.post(
        url("service_edit", sector.an.pk, period.pk),
        {
            "version": fresh(sector.an).version,
            "kind": "other_legal",
            "organisation": "Tòa án nhân dân tỉnh Quảng Bình",
            "valid_from": "01/01/2007",
            "valid_to": "31/08/2010",
            "reason": "Nhập nhầm năm bắt đầu",
        },
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.valid_from == dt.date(2007, 1, 1)
    response = client.post(
        url("service_remove", sector.an.pk, period.pk),
        {"version": fresh(sector.an).version, "reason": "Ghi nhầm cho cán bộ khác"},
    )
    assert response.status_code == 302
    assert not ServicePeriod.objects.exists()


def period_refused(sector: Sector, officer: Any, **fields: str) -> str:
    """The officer adds a period of other legal work for An; the form that answers."""
    form = {"version": fresh(sector.an).version, "kind": "other_legal", **fields}
    return login(officer).post(url("service_add", sector.an.pk), form).content.decode()


def test_a_period_form_names_its_bad_fields(sector: Sector, officer: Any) -> None:
    body = period_refused(
        sector, officer, organisation="", valid_from="01/01/2010", valid_to="01/01/2006"
    )
    assert "Đến ngày phải sau từ ngày." in body
    assert "Hãy nhập tên cơ quan đã công tác." in body


def test_an_overlapping_period_is_refused_on_the_form(sector: Sector, officer: Any) -> None:
    an_period(sector)
    body = period_refused(
        sector,
        officer,
        organisation="Tòa án nhân dân tỉnh Quảng Bình",
        valid_from="01/01/2009",
        valid_to="",
    )
    assert "Thời gian này trùng với thời gian công tác đã ghi (01/01/2006 – 31/08/2010)." in body
    assert ServicePeriod.objects.count() == 1


# --- leaving ------------------------------------------------------------------------------


def test_a_person_who_retired_is_shown_as_such_and_not_counted(
    sector: Sector, officer: Any
) -> None:
    client = login(officer)
    response = client.post(
        url("person_leave", sector.an.pk),
        {"version": fresh(sector.an).version, "kind": "retirement", "left_on": "01/03/2026"},
    )
    assert response.status_code == 302
    page = client.get(url("person_detail", sector.an.pk)).content.decode()
    assert "Nghỉ hưu từ 01/03/2026" in page
    assert "Nghỉ hưu từ ngày 01/03/2026" in page  # the timeline
    assert url("person_leave", sector.an.pk) not in page
    unit_page = client.get(reverse("org:unit_detail", args=[sector.kv1.pk])).content.decode()
    assert "0 người" in unit_page
    listing = client.get(url("person_list")).content.decode()
    assert "Nguyễn Văn An" not in listing


def test_only_an_administrator_undoes_a_leaving_on_screen(
    sector: Sector, officer: Any, admin_user: Any
) -> None:
    people.record_leaving(
        actor=None, person=sector.an, version=None, left_on=dt.date(2026, 3, 1), kind="retirement"
    )
    form = {"version": fresh(sector.an).version, "reason": "Ghi nhầm người nghỉ hưu"}
    assert login(officer).get(url("person_leave_undo", sector.an.pk)).status_code == 404
    assert login(officer).post(url("person_leave_undo", sector.an.pk), form).status_code == 404
    admin = login(admin_user)
    page = admin.get(url("person_detail", sector.an.pk)).content.decode()
    assert url("person_leave_undo", sector.an.pk) in page
    assert admin.post(url("person_leave_undo", sector.an.pk), form).status_code == 302
    assert fresh(sector.an).left_on is None
