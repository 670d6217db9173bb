"""Quản trị › Lịch ngày làm việc: only an administrator enters or removes the days a decision
moves (holiday swaps); each change is audited; anyone else gets 404 or NotAllowed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData, NotAllowed
from tdkt.workdays import services
from tdkt.workdays.models import AdjustedDay
from tests.conftest import login
from tests.workdays.builders import DAY_OFF, SATURDAY_WORKED, enter, swap

pytestmark = pytest.mark.django_db
LIST = reverse("workdays:day_list")
ADD = reverse("workdays:day_add")
FORM = {
    "day": "29/04/2027",
    "kind": "day_off",
    "decision_number": "1234/TB-BNV",
    "decision_date": "15/01/2027",
    "issuer": "Bộ Nội vụ",
    "note": "Hoán đổi với thứ Bảy 24/04/2027.",
}


def test_holiday_screen_lists_the_package_holidays_beside_the_stored_days(sector, admin_user):
    swap()
    body = login(admin_user).get(LIST, {"nam": 2027}).content.decode()
    assert "Mùng năm Tết Nguyên Đán" in body and "10/02/2027" in body
    assert "29/04/2027" in body and "Văn bản số 1234/TB-BNV ngày 15/01/2027 của Bộ Nội vụ" in body
    assert "24/04/2027" in body and "Ngày làm việc bù" in body
    assert reverse("workdays:day_remove", args=[AdjustedDay.objects.get(day=DAY_OFF).pk]) in body
    assert f'href="{LIST}"' in body  # linked from the Quản trị menu


def test_holiday_screen_admin_adds_a_day_and_the_audit_keeps_it(sector, admin_user):
    response = login(admin_user).post(ADD, FORM)
    assert response.status_code == 302 and response.url == f"{LIST}?nam=2027"
    stored = AdjustedDay.objects.get(day=DAY_OFF)
    assert (stored.kind, stored.issuer, stored.created_by) == ("day_off", "Bộ Nội vụ", admin_user)
    entry = AuditEntry.objects.get(action="workday.added")
    assert entry.actor == admin_user
    assert entry.after is not None and entry.after["day"] == "2027-04-29"


def test_holiday_screen_admin_removes_a_day_with_a_reason(sector, admin_user):
    off, _ = swap()
    client = login(admin_user)
    remove = reverse("workdays:day_remove", args=[off.pk])
    assert "Sẽ xóa: 29/04/2027 (Ngày nghỉ thêm" in client.get(remove).content.decode()
    assert client.post(remove, {"reason": ""}).status_code == 200  # a reason is required
    assert AdjustedDay.objects.filter(pk=off.pk).exists()
    response = client.post(remove, {"reason": "Nhập nhầm: văn bản đã được thay thế."})
    assert response.status_code == 302
    assert not AdjustedDay.objects.filter(pk=off.pk).exists()
    entry = AuditEntry.objects.get(action="workday.removed")
    assert entry.before is not None and entry.before["decision_number"] == "1234/TB-BNV"
    assert entry.reason == "Nhập nhầm: văn bản đã được thay thế."


def test_holiday_screen_shows_the_refusal_on_the_form(sector, admin_user):
    saturday = {**FORM, "day": "01/05/2027"}
    response = login(admin_user).post(ADD, saturday)
    assert response.status_code == 200
    assert "Ngày 01/05/2027 đã là ngày nghỉ." in response.content.decode()
    assert not AdjustedDay.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "officer"])
def test_holiday_screen_answers_404_to_anyone_but_an_administrator(sector, persona, request):
    off, _ = swap()
    client = login(request.getfixturevalue(persona))
    remove = reverse("workdays:day_remove", args=[off.pk])
    for url in (LIST, ADD, remove):
        assert client.get(url).status_code == 404
    assert client.post(ADD, {**FORM, "day": "30/04/2027"}).status_code == 404
    assert client.post(remove, {"reason": "Không có quyền mà vẫn thử xóa."}).status_code == 404
    assert AdjustedDay.objects.count() == 2
    assert not AuditEntry.objects.filter(action="workday.removed").exists()


def test_holiday_service_refuses_an_officer(sector, officer):
    with pytest.raises(NotAllowed):
        enter(DAY_OFF, "day_off", officer)
    off, _ = swap()
    with pytest.raises(NotAllowed):
        services.remove_adjusted_day(
            actor=officer, adjusted=off, reason="Thử xóa khi không có quyền."
        )


@pytest.mark.parametrize(
    ("day", "kind", "code"),
    [
        (DAY_OFF, "day_off", "duplicate"),  # entered already
        (dt.date(2027, 5, 1), "day_off", "already_off"),  # a Saturday, and 1/5
        (dt.date(2027, 2, 8), "day_off", "already_off"),  # Tết
        (dt.date(2027, 4, 28), "working_day", "already_working"),  # a Wednesday
        (dt.date(1990, 1, 6), "working_day", "invalid_data"),  # outside the years kept
    ],
)
def test_holiday_service_refuses_a_day_that_changes_nothing(sector, admin_user, day, kind, code):
    swap()
    with pytest.raises((InvalidData, Conflict)) as refused:
        enter(day, kind, admin_user)
    assert refused.value.code == code
    assert AdjustedDay.objects.filter(day__in=[DAY_OFF, SATURDAY_WORKED]).count() == 2
    assert AdjustedDay.objects.count() == 2
