"""Initiatives kept by the units that own them: the services (record, correct, remove) with their
audit, the authors' shares, the person picker, and the screens."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from tdkt.accounts.models import Role
from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData
from tdkt.people import services as people
from tdkt.people.models import Person
from tdkt.records import services as records
from tdkt.records.initiatives import NotAllowed
from tdkt.records.models import Initiative, InitiativeAuthor
from tests.conftest import Sector, login, make_user


def colleague(sector: Sector, name: str = "Lê Thị Hồng") -> Person:
    return people.create_person(
        actor=None,
        full_name=name,
        gender="female",
        birth_date=dt.date(1990, 5, 6),
        unit=sector.kv1,
        position_from=dt.date(2025, 7, 1),
    )


def fields(sector: Sector, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": "SK-KV1-2025-07",
        "kind": "sang_kien",
        "title": "Sáng kiến rút ngắn thời hạn giải quyết tin báo",
        "scope": "co_so",
        "year": 2025,
        "recognized_on": dt.date(2025, 10, 20),
        "recognizing_decision": "25/QĐ-VKS",
        "recognizer": sector.quang_tri,
        "authors": [sector.an],
    }
    return data | changes


def initiative(sector: Sector, actor: Any = None, **changes: Any) -> Initiative:
    return records.record_initiative(actor=actor, unit=sector.kv1, **fields(sector, **changes))


def shares_of(item: Initiative) -> list[tuple[int, Decimal | None]]:
    return list(item.authorships.order_by("order").values_list("person_id", "share"))


# --- services ----------------------------------------------------------------------------------


def test_an_officer_records_an_initiative_with_the_authors_shares_and_an_audit_entry(
    sector: Sector, officer: Any
) -> None:
    hong = colleague(sector)
    item = initiative(sector, officer, authors=[sector.an, hong], shares=[Decimal(60), Decimal(40)])

    assert shares_of(item) == [(sector.an.pk, Decimal(60)), (hong.pk, Decimal(40))]
    assert item.unit == sector.kv1 and item.recognized_by == sector.quang_tri.name
    entry = AuditEntry.objects.get(action="initiative.recorded", object_id=str(item.pk))
    assert entry.actor == officer and entry.unit_id == sector.kv1.pk
    assert (entry.after or {})["authors"] == [[sector.an.pk, "60.00"], [hong.pk, "40.00"]]
    assert (entry.after or {})["recognizing_decision"] == "25/QĐ-VKS"


def test_shares_left_empty_are_equal_shares(sector: Sector) -> None:
    item = initiative(sector, authors=[sector.an, colleague(sector)])
    assert [s for _p, s in shares_of(item)] == [None, None]


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ([Decimal(60), Decimal(30)], "phải bằng 100% \\(đang là 90%\\)"),
        ([Decimal(60), None], "cho mọi tác giả, hoặc để trống tất cả"),
        ([Decimal(0), Decimal(100)], "lớn hơn 0 và tối đa 100"),
        ([Decimal("33.333"), Decimal("66.667")], "hai chữ số thập phân"),
        ([Decimal(100)], "không khớp với số tác giả"),
    ],
)
def test_shares_that_do_not_make_a_whole_are_refused_and_nothing_is_written(
    sector: Sector, shares: list[Decimal | None], message: str
) -> None:
    with pytest.raises(InvalidData, match=message):
        initiative(sector, authors=[sector.an, colleague(sector)], shares=shares)
    assert not Initiative.objects.exists()
    assert not AuditEntry.objects.filter(action="initiative.recorded").exists()


def test_an_officer_cannot_record_for_a_unit_outside_his_subtree(
    sector: Sector, outsider: Any
) -> None:
    with pytest.raises(NotAllowed):
        initiative(sector, outsider)
    assert not Initiative.objects.exists()


def test_the_authors_must_be_people_of_the_actors_subtree(sector: Sector, officer: Any) -> None:
    with pytest.raises(NotAllowed, match="Tác giả phải là cán bộ"):
        initiative(sector, officer, authors=[sector.an, sector.binh])


def test_a_code_already_used_is_refused_whatever_its_case(sector: Sector) -> None:
    initiative(sector)
    with pytest.raises(Conflict, match="đã tồn tại"):
        initiative(sector, code="sk-kv1-2025-07")


def test_an_initiative_needs_an_author_and_a_title(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="ít nhất một tác giả"):
        initiative(sector, authors=[])
    with pytest.raises(InvalidData, match="Tên sáng kiến"):
        initiative(sector, title="  \x03 ")


def test_a_correction_keeps_before_after_and_the_reason(sector: Sector, officer: Any) -> None:
    item = initiative(sector)
    hong = colleague(sector)
    records.correct_initiative(
        actor=officer,
        initiative=item,
        version=1,
        reason="Bổ sung đồng tác giả bị sót",
        **fields(
            sector, authors=[sector.an, hong], shares=[Decimal(70), Decimal(30)], scope="nganh"
        ),
    )

    item.refresh_from_db()
    assert item.version == 2 and item.scope == "nganh"
    assert shares_of(item) == [(sector.an.pk, Decimal(70)), (hong.pk, Decimal(30))]
    entry = AuditEntry.objects.get(action="initiative.corrected")
    assert entry.reason == "Bổ sung đồng tác giả bị sót"
    assert (entry.before or {})["authors"] == [[sector.an.pk, None]] and (entry.before or {})[
        "scope"
    ] == "co_so"
    assert (entry.after or {})["authors"] == [[sector.an.pk, "70.00"], [hong.pk, "30.00"]]


def test_a_stale_correction_is_refused_and_nothing_is_written(sector: Sector) -> None:
    item = initiative(sector)
    records.correct_initiative(
        actor=None, initiative=item, version=1, reason="Sửa tên cho đúng", **fields(sector)
    )
    with pytest.raises(Conflict, match="người khác thay đổi"):
        records.correct_initiative(
            actor=None,
            initiative=Initiative.objects.get(pk=item.pk),
            version=1,
            reason="Sửa tên lần nữa",
            **fields(sector, title="Tên khác"),
        )
    assert Initiative.objects.get(pk=item.pk).title == fields(sector)["title"]


def test_a_correction_or_removal_needs_a_reason(sector: Sector) -> None:
    item = initiative(sector)
    with pytest.raises(InvalidData, match="ít nhất 10 ký tự"):
        records.correct_initiative(
            actor=None, initiative=item, version=1, reason="sai", **fields(sector)
        )
    with pytest.raises(InvalidData, match="ít nhất 10 ký tự"):
        records.remove_initiative(actor=None, initiative=item, version=1, reason="")


def used(sector: Sector, item: Initiative) -> Any:
    decision = records.record_decision(
        actor=None, number="7/QĐ-VKS", signed_on=dt.date(2026, 1, 10), level="tinh"
    )
    entry = records.record_award(
        actor=None, award="CSTDCS", year=2025, decision=decision, person=sector.an
    )
    records.use_initiatives(actor=None, entry=entry, initiatives=[item])
    item.refresh_from_db()
    return entry


def test_an_initiative_used_for_an_award_keeps_its_authors_scope_and_cannot_be_removed(
    sector: Sector,
) -> None:
    item = initiative(sector)
    used(sector, item)

    with pytest.raises(Conflict, match="đã được dùng làm căn cứ cho Chiến sĩ thi đua cơ sở"):
        records.correct_initiative(
            actor=None,
            initiative=item,
            version=1,
            reason="Đổi phạm vi ảnh hưởng",
            **fields(sector, scope="nganh"),
        )
    with pytest.raises(Conflict, match="không thể xóa"):
        records.remove_initiative(
            actor=None, initiative=item, version=1, reason="Ghi nhầm sáng kiến"
        )
    records.correct_initiative(
        actor=None,
        initiative=item,
        version=1,
        reason="Sửa lỗi chính tả ở tên",
        **fields(sector, title="Sáng kiến rút ngắn thời hạn giải quyết tin báo, tố giác"),
    )
    assert Initiative.objects.get(pk=item.pk).title.endswith("tố giác")


def test_removing_an_unused_initiative_keeps_what_it_said_in_the_audit_trail(
    sector: Sector, officer: Any
) -> None:
    item = initiative(sector)
    pk = item.pk
    records.remove_initiative(
        actor=officer, initiative=item, version=1, reason="Ghi trùng với sáng kiến khác"
    )

    assert not Initiative.objects.filter(pk=pk).exists()
    assert not InitiativeAuthor.objects.filter(initiative_id=pk).exists()
    entry = AuditEntry.objects.get(action="initiative.removed")
    assert entry.object_id == str(pk) and (entry.before or {})["code"] == "SK-KV1-2025-07"
    assert entry.reason == "Ghi trùng với sáng kiến khác"


def test_an_outsider_cannot_correct_or_remove_from_the_shell(sector: Sector, outsider: Any) -> None:
    item = initiative(sector)
    with pytest.raises(NotAllowed):
        records.correct_initiative(
            actor=outsider, initiative=item, version=1, reason="Sửa từ ngoài", **fields(sector)
        )
    with pytest.raises(NotAllowed):
        records.remove_initiative(
            actor=outsider, initiative=item, version=1, reason="Xóa từ ngoài phạm vi"
        )
    assert Initiative.objects.filter(pk=item.pk).exists()


# --- the person picker -------------------------------------------------------------------------


def search(user: Any, q: str, **params: str) -> Any:
    return login(user).get(reverse("people:person_search"), {"q": q, **params})


def test_the_person_picker_finds_people_without_diacritics_with_their_unit(
    sector: Sector, officer: Any
) -> None:
    body = search(officer, "nguyen van an", action="edit", field="author_1").content.decode()
    assert "Nguyễn Văn An" in body
    assert "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị" in body
    assert f'name="author_1" value="{sector.an.pk}"' in body


def test_the_person_picker_offers_only_people_of_the_users_units(
    sector: Sector, officer: Any, outsider: Any
) -> None:
    assert "Trần Thị Bình" not in search(officer, "binh").content.decode()
    assert "Nguyễn Văn An" not in search(outsider, "an").content.decode()
    assert "Trần Thị Bình" in search(outsider, "tran thi binh").content.decode()


def test_the_person_picker_answers_at_most_twenty_people(sector: Sector, officer: Any) -> None:
    for i in range(22):
        colleague(sector, f"Phạm Văn Thử {i:02d}")
    body = search(officer, "pham van thu").content.decode()
    assert body.count('type="radio"') == 20
    assert "Chỉ hiện 20 cán bộ đầu tiên" in body


def test_the_person_picker_refuses_a_malformed_request(sector: Sector, officer: Any) -> None:
    assert search(officer, "an", action="admin").status_code == 400
    assert search(officer, "an", field='x"><script>').status_code == 400


def test_a_staff_member_gets_no_person_picker(sector: Sector, staff_member: Any) -> None:
    assert search(staff_member, "an").status_code == 404


# --- the screens -------------------------------------------------------------------------------


def form_data(sector: Sector, **changes: Any) -> dict[str, Any]:
    data = {
        "version": "",
        "code": "SK-KV1-2025-09",
        "kind": "de_tai",
        "title": "Đề tài kỹ năng tranh tụng",
        "scope": "co_so",
        "year": "2025",
        "recognizing_decision": "31/QĐ-VKS",
        "recognized_on": "20/10/2025",
        "recognizer": str(sector.quang_tri.pk),
        "recognizer_name": "",
        "author_1": str(sector.an.pk),
        "share_1": "",
    }
    return data | changes


def test_an_officer_records_an_initiative_through_the_form(sector: Sector, officer: Any) -> None:
    hong = colleague(sector)
    url = reverse("records:initiative_create", args=[sector.kv1.pk])
    data = form_data(sector, author_2=str(hong.pk), share_1="60", share_2="40")
    response = login(officer).post(url, data)

    item = Initiative.objects.get(code="SK-KV1-2025-09")
    assert response.status_code == 302
    assert response["Location"] == reverse("records:initiative_detail", args=[item.pk])
    assert item.recognizer == sector.quang_tri and item.recognized_on == dt.date(2025, 10, 20)
    assert shares_of(item) == [(sector.an.pk, Decimal(60)), (hong.pk, Decimal(40))]
    page = login(officer).get(response["Location"]).content.decode()
    assert "Chưa được dùng làm căn cứ khen thưởng" in page
    assert "60%" in page and "Lê Thị Hồng" in page


def test_bad_input_is_named_and_what_was_typed_is_kept(sector: Sector, officer: Any) -> None:
    url = reverse("records:initiative_create", args=[sector.kv1.pk])
    data = form_data(sector, title="", recognized_on="31/02/2025", share_1="abc")
    body = login(officer).post(url, data).content.decode()

    assert "Tên sáng kiến, đề tài: không được để trống." in body
    assert "Ngày công nhận: hãy nhập ngày theo dạng dd/mm/yyyy." in body
    assert "Tác giả 1: Tỷ lệ đóng góp phải là một số phần trăm" in body
    assert 'value="SK-KV1-2025-09"' in body and 'value="31/02/2025"' in body
    assert f'value="{sector.an.pk}" checked' in body  # the chosen author is still chosen
    assert not Initiative.objects.exists()


def test_shares_not_summing_to_100_are_refused_on_the_form(sector: Sector, officer: Any) -> None:
    hong = colleague(sector)
    url = reverse("records:initiative_create", args=[sector.kv1.pk])
    data = form_data(sector, author_2=str(hong.pk), share_1="60", share_2="30")
    body = login(officer).post(url, data).content.decode()
    assert "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (đang là 90%)." in body
    assert not Initiative.objects.exists()


def test_an_author_outside_the_officers_units_is_refused_with_the_field_named(
    sector: Sector, officer: Any
) -> None:
    url = reverse("records:initiative_create", args=[sector.kv1.pk])
    body = login(officer).post(url, form_data(sector, author_1=str(sector.binh.pk))).content
    text = body.decode()
    assert "Tác giả 1: cán bộ đã chọn không có hoặc nằm ngoài phạm vi của bạn." in text
    assert "Trần Thị Bình" not in text
    assert not Initiative.objects.exists()


def test_an_outsider_cannot_post_an_initiative_for_another_province(
    sector: Sector, outsider: Any
) -> None:
    url = reverse("records:initiative_create", args=[sector.kv1.pk])
    assert login(outsider).post(url, form_data(sector)).status_code == 404
    assert not Initiative.objects.exists()


def test_a_stale_edit_is_refused_on_the_screen(sector: Sector, officer: Any) -> None:
    item = initiative(sector)
    records.correct_initiative(
        actor=None, initiative=item, version=1, reason="Sửa lần đầu cho đúng", **fields(sector)
    )
    url = reverse("records:initiative_edit", args=[item.pk])
    data = form_data(sector, version="1", code=item.code, reason="Sửa tên theo quyết định")
    body = login(officer).post(url, data).content.decode()

    assert "người khác thay đổi sau khi bạn mở trang" in body
    assert Initiative.objects.get(pk=item.pk).title == fields(sector)["title"]


def test_an_officer_corrects_and_removes_through_the_screens(sector: Sector, officer: Any) -> None:
    item = initiative(sector)
    client = login(officer)
    data = form_data(sector, version="1", code=item.code, reason="Sửa tên theo quyết định")
    response = client.post(reverse("records:initiative_edit", args=[item.pk]), data)
    assert response.status_code == 302
    assert Initiative.objects.get(pk=item.pk).title == "Đề tài kỹ năng tranh tụng"

    url = reverse("records:initiative_remove", args=[item.pk])
    response = client.post(url, {"version": "2", "reason": "Ghi trùng sáng kiến đã có"})
    assert response.status_code == 302
    assert not Initiative.objects.filter(pk=item.pk).exists()


def test_the_list_finds_initiatives_without_diacritics_and_by_year(
    sector: Sector, officer: Any
) -> None:
    initiative(sector)
    initiative(sector, code="SK-KV1-2024-01", title="Sáng kiến lưu trữ điện tử", year=2024)
    url = reverse("records:initiative_list", args=[sector.kv1.pk])
    client = login(officer)

    found = client.get(url, {"q": "rut ngan thoi han"}).content.decode()
    assert "Sáng kiến rút ngắn thời hạn" in found and "lưu trữ điện tử" not in found
    by_year = client.get(url, {"nam": "2024"}).content.decode()
    assert "lưu trữ điện tử" in by_year and "rút ngắn" not in by_year
    assert client.get(url, {"nam": "abc", "q": "x" * 500}).status_code == 200
    # The province's list includes its regional units' initiatives.
    province = client.get(reverse("records:initiative_list", args=[sector.quang_tri.pk]))
    assert "rút ngắn thời hạn" in province.content.decode()


def test_the_initiative_page_shows_for_which_award_it_was_used(
    sector: Sector, officer: Any
) -> None:
    item = initiative(sector)
    used(sector, item)
    page = login(officer).get(reverse("records:initiative_detail", args=[item.pk]))
    body = page.content.decode()
    assert "Đã dùng làm căn cứ cho Chiến sĩ thi đua cơ sở năm 2025" in body
    assert "Quyết định số 7/QĐ-VKS" in body
    assert reverse("records:initiative_remove", args=[item.pk]) not in body


def test_the_persons_page_shows_the_initiative_with_its_recognition(
    sector: Sector, officer: Any
) -> None:
    initiative(sector, authors=[sector.an, colleague(sector)], shares=[Decimal(75), Decimal(25)])
    body = login(officer).get(reverse("people:person_detail", args=[sector.an.pk])).content
    text = body.decode()
    assert "Sáng kiến rút ngắn thời hạn giải quyết tin báo" in text
    assert (
        "Quyết định công nhận số 25/QĐ-VKS ngày 20/10/2025 của Viện kiểm sát nhân dân tỉnh "
        "Quảng Trị · Tỷ lệ đóng góp 75%"
    ) in text


def test_an_officer_of_the_regional_unit_cannot_edit_the_provinces_initiatives(
    sector: Sector,
) -> None:
    kv1_officer = make_user("tdkt.kv1", Role.OFFICER, sector.kv1)
    item = records.record_initiative(
        actor=None, unit=sector.quang_tri, **fields(sector, code="SK-QT-1")
    )
    client = login(kv1_officer)
    assert client.get(reverse("records:initiative_edit", args=[item.pk])).status_code == 404
    assert client.get(reverse("records:initiative_detail", args=[item.pk])).status_code == 404
