"""A unit's violations with their basis: the services (record, correct, remove) with their audit,
the screens by unit and year, and the unit page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tdkt.accounts.models import Role
from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData
from tdkt.records import services as records
from tdkt.records.models import UnitViolation
from tdkt.records.violations import NotAllowed
from tests.conftest import Sector, login, make_user

BASIS: dict[str, Any] = {
    "basis_kind": "inspection",
    "basis_number": "12/KL-VKS",
    "basis_date": dt.date(2026, 3, 2),
    "basis_issuer": "VKSND tỉnh Quảng Trị",
}


def violation(sector: Sector, actor: Any = None, **changes: Any) -> UnitViolation:
    data = {"year": 2026, "kind": "missed_crime", **BASIS} | changes
    return records.record_unit_violation(actor=actor, unit=sector.kv1, **data)


# --- services ----------------------------------------------------------------------------------


def test_an_officer_records_a_violation_with_its_basis_and_an_audit_entry(
    sector: Sector, officer: Any
) -> None:
    v = violation(sector, officer, note="Bỏ lọt một vụ trộm cắp tài sản")

    assert v.description == (
        "để lọt tội phạm — Kết luận thanh tra, kiểm tra số 12/KL-VKS ngày 02/03/2026 "
        "của VKSND tỉnh Quảng Trị"
    )
    entry = AuditEntry.objects.get(action="unit_violation.recorded")
    assert entry.actor == officer and entry.unit_id == sector.kv1.pk
    assert entry.after == {
        "unit_id": sector.kv1.pk,
        "year": 2026,
        "kind": "missed_crime",
        "note": "Bỏ lọt một vụ trộm cắp tài sản",
        "basis_kind": "inspection",
        "basis_number": "12/KL-VKS",
        "basis_date": "2026-03-02",
        "basis_issuer": "VKSND tỉnh Quảng Trị",
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "khac"}, "Loại vi phạm không hợp lệ"),
        ({"basis_kind": ""}, "Hãy chọn văn bản căn cứ"),
        ({"basis_number": " \x03 "}, "Thiếu số văn bản căn cứ"),
        ({"basis_date": None}, "Thiếu ngày của văn bản căn cứ"),
        ({"year": 1900}, "Năm không hợp lệ"),
    ],
)
def test_a_violation_without_a_proper_basis_is_refused(
    sector: Sector, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidData, match=message):
        violation(sector, **changes)
    assert not UnitViolation.objects.exists()


def test_an_officer_cannot_record_a_violation_of_another_province_from_the_shell(
    sector: Sector, outsider: Any
) -> None:
    with pytest.raises(NotAllowed):
        violation(sector, outsider)
    assert not UnitViolation.objects.exists()


def test_a_correction_keeps_before_after_and_the_reason(sector: Sector, officer: Any) -> None:
    v = violation(sector)
    records.correct_unit_violation(
        actor=officer,
        violation=v,
        version=1,
        reason="Số kết luận ghi nhầm",
        year=2026,
        kind="missed_crime",
        basis_kind="inspection",
        basis_number="13/KL-VKS",
        basis_date=dt.date(2026, 3, 2),
    )

    v.refresh_from_db()
    assert v.version == 2 and v.basis_number == "13/KL-VKS" and v.basis_issuer == ""
    entry = AuditEntry.objects.get(action="unit_violation.corrected")
    assert entry.reason == "Số kết luận ghi nhầm"
    assert (entry.before or {})["basis_number"] == "12/KL-VKS"
    assert (entry.after or {})["basis_number"] == "13/KL-VKS"


def test_a_stale_correction_is_refused_and_nothing_is_written(sector: Sector) -> None:
    v = violation(sector)
    records.correct_unit_violation(
        actor=None, violation=v, version=1, reason="Sửa lần thứ nhất", year=2026,
        kind="corruption", **BASIS,
    )  # fmt: skip
    with pytest.raises(Conflict, match="người khác thay đổi"):
        records.correct_unit_violation(
            actor=None,
            violation=UnitViolation.objects.get(pk=v.pk),
            version=1,
            reason="Sửa trên bản cũ",
            year=2025,
            kind="missed_crime",
            **BASIS,
        )
    assert UnitViolation.objects.get(pk=v.pk).kind == "corruption"


def test_removing_keeps_what_it_said_in_the_audit_trail_and_needs_a_reason(
    sector: Sector, officer: Any, outsider: Any
) -> None:
    v = violation(sector)
    with pytest.raises(InvalidData, match="ít nhất 10 ký tự"):
        records.remove_unit_violation(actor=officer, violation=v, version=1, reason="nhầm")
    with pytest.raises(NotAllowed):
        records.remove_unit_violation(
            actor=outsider, violation=v, version=1, reason="Xóa từ tỉnh khác"
        )
    records.remove_unit_violation(
        actor=officer, violation=v, version=1, reason="Kết luận kiểm tra đã bị hủy"
    )
    assert not UnitViolation.objects.exists()
    entry = AuditEntry.objects.get(action="unit_violation.removed")
    assert (entry.before or {})["basis_number"] == "12/KL-VKS"
    assert entry.reason == "Kết luận kiểm tra đã bị hủy"


# --- the screens -------------------------------------------------------------------------------


def form_data(**changes: str) -> dict[str, str]:
    data = {
        "version": "",
        "year": "2026",
        "kind": "wrongful_conviction",
        "basis_kind": "judgment",
        "basis_number": "45/2026/HS-PT",
        "basis_date": "02/09/2026",
        "basis_issuer": "TAND cấp cao tại Đà Nẵng",
        "note": "",
    }
    return data | changes


def test_the_units_officer_records_a_violation_on_the_units_screen(sector: Sector) -> None:
    kv1_officer = make_user("tdkt.kv1", Role.OFFICER, sector.kv1)
    client = login(kv1_officer)
    url = reverse("records:violation_create", args=[sector.kv1.pk])
    response = client.post(url, form_data())

    listing = reverse("records:violation_list", args=[sector.kv1.pk]) + "?nam=2026"
    assert response.status_code == 302 and response["Location"] == listing
    v = UnitViolation.objects.get()
    assert v.unit == sector.kv1 and v.basis_date == dt.date(2026, 9, 2)
    body = client.get(listing).content.decode()
    assert "Để xảy ra án oan" in body
    assert "Bản án số 45/2026/HS-PT ngày 02/09/2026 của TAND cấp cao tại Đà Nẵng" in body


def test_an_officer_above_records_for_a_unit_below_but_not_the_reverse(
    sector: Sector, officer: Any
) -> None:
    url = reverse("records:violation_create", args=[sector.kv1.pk])
    assert login(officer).post(url, form_data()).status_code == 302
    kv1_officer = make_user("tdkt.kv1", Role.OFFICER, sector.kv1)
    above = reverse("records:violation_create", args=[sector.quang_tri.pk])
    assert login(kv1_officer).post(above, form_data()).status_code == 404
    assert UnitViolation.objects.count() == 1


def test_an_outsider_and_a_staff_member_get_404(
    sector: Sector, outsider: Any, staff_member: Any
) -> None:
    v = violation(sector)
    for user in (outsider, staff_member):
        client = login(user)
        create = reverse("records:violation_create", args=[sector.kv1.pk])
        assert client.post(create, form_data()).status_code == 404
        edit = reverse("records:violation_edit", args=[v.pk])
        assert client.post(edit, form_data(version="1", reason="Sửa từ ngoài")).status_code == 404
        listing = reverse("records:violation_list", args=[sector.kv1.pk])
        assert client.get(listing).status_code == 404
    assert UnitViolation.objects.count() == 1


def test_bad_input_is_named_and_what_was_typed_is_kept(sector: Sector, officer: Any) -> None:
    url = reverse("records:violation_create", args=[sector.kv1.pk])
    data = form_data(basis_kind="", basis_date="31/02/2026", year="20x6")
    body = login(officer).post(url, data).content.decode()

    assert "Văn bản căn cứ: không được để trống." in body
    assert "Ngày văn bản: hãy nhập ngày theo dạng dd/mm/yyyy." in body
    assert "Năm bị tính vi phạm: giá trị không hợp lệ." in body
    assert 'value="45/2026/HS-PT"' in body and 'value="31/02/2026"' in body
    assert not UnitViolation.objects.exists()


def test_a_stale_edit_is_refused_on_the_screen(sector: Sector, officer: Any) -> None:
    v = violation(sector)
    records.correct_unit_violation(
        actor=None, violation=v, version=1, reason="Sửa lần thứ nhất", year=2026,
        kind="corruption", **BASIS,
    )  # fmt: skip
    url = reverse("records:violation_edit", args=[v.pk])
    body = login(officer).post(url, form_data(version="1", reason="Sửa trên bản cũ")).content
    assert "người khác thay đổi sau khi bạn mở trang" in body.decode()
    assert UnitViolation.objects.get(pk=v.pk).kind == "corruption"


def test_an_officer_corrects_and_removes_through_the_screens(sector: Sector, officer: Any) -> None:
    v = violation(sector)
    client = login(officer)
    data = form_data(version="1", reason="Văn bản căn cứ là bản án")
    assert client.post(reverse("records:violation_edit", args=[v.pk]), data).status_code == 302
    assert UnitViolation.objects.get(pk=v.pk).basis_kind == "judgment"
    url = reverse("records:violation_remove", args=[v.pk])
    response = client.post(url, {"version": "2", "reason": "Bản án đã bị hủy"})
    assert response.status_code == 302
    assert not UnitViolation.objects.exists()


def test_the_unit_page_shows_the_years_violations(sector: Sector, officer: Any) -> None:
    from django.utils import timezone

    violation(sector, year=timezone.localdate().year)
    body = login(officer).get(reverse("org:unit_detail", args=[sector.kv1.pk])).content.decode()
    assert "Để lọt tội phạm" in body
    assert "Kết luận thanh tra, kiểm tra số 12/KL-VKS ngày 02/03/2026" in body
    assert reverse("records:violation_list", args=[sector.kv1.pk]) in body
