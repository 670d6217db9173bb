"""The dated parameters live in the database, are changed through audited services, and the next
evaluation reads them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEntry
from tdkt.eligibility import services
from tdkt.eligibility.models import Parameter
from tdkt.eligibility.parameters import current_parameters, seed_missing_keys
from tdkt.eligibility.scan import run_scan
from tdkt.errors import Conflict, InvalidData
from tdkt.rules.codes import Award
from tdkt.rules.params import default_parameters
from tdkt.rules.verdict import Status
from tests.conftest import Sector, login
from tests.eligibility.conftest import AS_OF, YEAR, rate, staff

KEY = "ldtt.min_months_since_recruitment"


def _recruit_ldtt(person_pk: int) -> Any:
    result = run_scan(year=YEAR, as_of=AS_OF, person_ids=[person_pk])
    return next(v for v in result.people[0].verdicts if v.award is Award.LDTT)


def test_the_table_is_seeded_with_every_shipped_record(db: Any) -> None:
    assert Parameter.objects.count() == len(list(default_parameters().records()))
    assert seed_missing_keys() == 0  # idempotent
    assert current_parameters().get(KEY, dt.date(2025, 1, 1)) == 6


def test_correcting_a_parameter_is_audited_and_changes_the_verdict(
    sector: Sector, admin_user: Any
) -> None:
    recruit = staff(sector.binh_dai, since=dt.date(2025, 8, 1), recruited_on=dt.date(2025, 8, 1))
    rate(recruit, (2025, "HTT"))
    before = _recruit_ldtt(recruit.pk)
    assert before.status is Status.INELIGIBLE
    assert "dưới 6 tháng" in before.reason("ldtt.new_recruit").message  # type: ignore[union-attr]

    record = Parameter.objects.get(key=KEY, valid_from=dt.date(2024, 10, 1))
    services.correct_parameter(
        actor=admin_user,
        parameter=record,
        value=4,
        valid_from=record.valid_from,
        valid_to=None,
        citation=record.citation,
        confidence="C",
        note="",
        reason="Nhập sai số tháng so với Thông tư",
    )

    assert _recruit_ldtt(recruit.pk).status is Status.ELIGIBLE
    entry = AuditEntry.objects.get(action="parameter.corrected")
    assert entry.before["value"] == 6 and entry.after["value"] == 4
    assert entry.reason == "Nhập sai số tháng so với Thông tư"
    assert entry.actor == admin_user


def test_a_new_dated_value_ends_the_one_in_force_the_day_before(
    sector: Sector, admin_user: Any
) -> None:
    new = services.add_parameter_value(
        actor=admin_user,
        key=KEY,
        value=3,
        valid_from=dt.date(2025, 7, 1),
        citation="Thông tư thử nghiệm 99/2025",
        confidence="M",
        note="Chỉ để kiểm thử",
    )
    previous = Parameter.objects.get(key=KEY, valid_from=dt.date(2024, 10, 1))
    assert previous.valid_to == dt.date(2025, 6, 30)
    assert new.valid_to is None
    params = current_parameters()
    assert params.get(KEY, dt.date(2025, 6, 30)) == 6
    assert params.get(KEY, dt.date(2025, 7, 1)) == 3
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"parameter.added", "parameter.corrected"} <= actions


def test_two_values_from_the_same_day_are_refused(sector: Sector, admin_user: Any) -> None:
    with pytest.raises(Conflict):
        services.add_parameter_value(
            actor=admin_user,
            key=KEY,
            value=5,
            valid_from=dt.date(2024, 10, 1),
            citation="x",
            confidence="C",
        )


@pytest.mark.parametrize(
    ("value", "confidence", "note", "message"),
    [
        ("sáu", "C", "", "phải là số"),
        (5, "P", "", "phải có ghi chú"),
    ],
)
def test_a_value_of_the_wrong_kind_or_a_doubtful_one_without_a_note_is_refused(
    sector: Sector, admin_user: Any, value: Any, confidence: str, note: str, message: str
) -> None:
    with pytest.raises(InvalidData, match=message):
        services.add_parameter_value(
            actor=admin_user,
            key=KEY,
            value=value,
            valid_from=dt.date(2026, 1, 1),
            citation="Thông tư mới",
            confidence=confidence,
            note=note,
        )


def test_a_correction_that_overlaps_another_record_is_refused(
    sector: Sector, admin_user: Any
) -> None:
    record = Parameter.objects.get(key=KEY, valid_from=dt.date(2024, 1, 1))
    with pytest.raises(InvalidData, match="chồng lên"):
        services.correct_parameter(
            actor=admin_user,
            parameter=record,
            value=6,
            valid_from=record.valid_from,
            valid_to=dt.date(2024, 12, 31),
            citation=record.citation,
            confidence=record.confidence,
            note=record.note,
            reason="Kéo dài hiệu lực",
        )


def test_the_administrator_screen_lists_and_adds_dated_values(
    sector: Sector, admin_user: Any
) -> None:
    client = login(admin_user)
    body = client.get(reverse("eligibility:parameter_list")).content.decode()
    assert KEY in body and "Thông tư 02/2024/TT-VKSTC, Điều 15" in body
    assert "Nghị định 152/2025/NĐ-CP, Thông tư 15/2025/TT-BNV" in body  # the regimes, by label
    assert "regimes.json" not in body
    response = client.post(
        reverse("eligibility:parameter_add"),
        {
            "key": KEY,
            "value": "5",
            "valid_from": "01/01/2026",
            "citation": "Thông tư 01/2026/TT-VKSTC",
            "confidence": "P",
            "note": "Số hiệu văn bản chưa đối chiếu",
            "reason": "Văn bản mới",
        },
    )
    assert response.status_code == 302
    assert current_parameters().get(KEY, dt.date(2026, 1, 2)) == 5


def test_a_correction_from_the_screen_needs_a_reason(sector: Sector, admin_user: Any) -> None:
    record = Parameter.objects.get(key=KEY, valid_from=dt.date(2024, 10, 1))
    client = login(admin_user)
    data = {
        "value": "0,5",
        "valid_from": "01/10/2024",
        "citation": record.citation,
        "confidence": "C",
        "note": "",
        "reason": "",
    }
    response = client.post(reverse("eligibility:parameter_edit", args=[record.pk]), data)
    assert response.status_code == 200 and "bắt buộc" in response.content.decode()
    response = client.post(
        reverse("eligibility:parameter_edit", args=[record.pk]),
        {**data, "value": "4", "reason": "Sửa lỗi nhập"},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.value == 4


@pytest.mark.parametrize("typed", ["01/01/0001", "31/12/9999", "01/01/1900"])
def test_a_parameter_date_beyond_any_legal_text_is_a_form_error_not_a_crash(
    sector: Sector, admin_user: Any, typed: str
) -> None:
    record = Parameter.objects.get(key=KEY, valid_from=dt.date(2024, 10, 1))
    data = {
        "value": "4",
        "valid_from": typed,
        "citation": record.citation,
        "confidence": "C",
        "note": "",
        "reason": "Sửa lỗi nhập",
    }
    response = login(admin_user).post(reverse("eligibility:parameter_edit", args=[record.pk]), data)
    assert response.status_code == 200
    assert "từ năm 1945 đến năm 2100" in response.content.decode()
    record.refresh_from_db()
    assert record.valid_from == dt.date(2024, 10, 1)
