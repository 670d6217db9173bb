"""The workflow kernel on its own: the move and its refusals, the transition row, the version,
the coded reason, the stamped final state, the notice, the clock and the access port. The apps'
tests cover each object kind's table; these pin the contract every kind relies on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tdkt.accounts.models import Role
from tdkt.errors import Conflict, InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.imports.models import IMPORT_TRANSITIONS, ImportJob, ImportStatus, ImportTransition
from tdkt.notifications.models import Notification
from tdkt.workflow import access, clock, notices
from tdkt.workflow.locking import bump_version, lock
from tdkt.workflow.machine import Machine, actor_name, check_move, move
from tdkt.workflow.reasons import REASON_MIN_LENGTH, ReasonCode, checked_reason, clean_text

from ..conftest import login, make_user

S = ImportStatus
# The import job's table, with one move that needs a coded reason, to exercise every branch.
MACHINE = Machine(
    IMPORT_TRANSITIONS,
    ImportStatus,
    ImportTransition,
    "job",
    "lần nhập",
    needs_reason=frozenset({(S.NEEDS_RESOLUTION, S.CANCELLED)}),
    finished_field="finished_at",
)
REASON = "Tệp gửi nhầm đơn vị, sẽ gửi lại tệp đúng"


@pytest.fixture
def job(sector: Any, officer: Any) -> ImportJob:
    return ImportJob.objects.create(
        kind="staff",
        unit=sector.quang_tri,
        created_by=officer,
        status=S.QUEUED,
        file="imports/2026/12/a.xlsx",
        original_name="a.xlsx",
        sha256="0" * 64,
    )


def test_a_move_in_the_table_changes_the_status_and_writes_one_transition_row(job, officer):
    left = move(MACHINE, job, S.VALIDATING, actor=officer)
    job.refresh_from_db()
    assert (left, job.status) == (S.QUEUED, S.VALIDATING)
    row = ImportTransition.objects.get(job=job)
    assert (row.from_status, row.to_status, row.actor, row.actor_name) == (
        S.QUEUED,
        S.VALIDATING,
        officer,
        officer.get_full_name() or officer.username,
    )


def test_a_move_outside_the_table_is_refused_and_writes_nothing(job, officer):
    with pytest.raises(TransitionNotAllowed) as caught:
        move(MACHINE, job, S.DONE, actor=officer)
    assert caught.value.code == "invalid_transition"
    assert "«Đang chờ xử lý» sang «Hoàn thành»" in caught.value.message
    job.refresh_from_db()
    assert job.status == S.QUEUED and not ImportTransition.objects.exists()


def test_no_move_leaves_a_final_state(job, officer):
    move(MACHINE, job, S.CANCELLED, actor=officer)
    with pytest.raises(TransitionNotAllowed) as caught:
        check_move(MACHINE, job, S.QUEUED)
    assert caught.value.code == "final_state"


def test_reaching_a_final_state_stamps_the_finished_field_with_the_injected_clock(job):
    at = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 30))
    move(MACHINE, job, S.CANCELLED, actor=None, now=at)
    job.refresh_from_db()
    assert job.finished_at == at
    assert ImportTransition.objects.get(job=job).at == at


@pytest.mark.parametrize(
    ("code", "text", "problem"),
    [
        ("", REASON, "Hãy chọn lý do."),
        ("no_such_code", REASON, "Hãy chọn lý do."),
        (ReasonCode.OTHER, "quá ngắn", f"ít nhất {REASON_MIN_LENGTH} ký tự"),
    ],
)
def test_a_move_that_needs_a_reason_refuses_a_missing_code_or_a_short_text(
    job, officer, code, text, problem
):
    job.status = S.NEEDS_RESOLUTION
    job.save(update_fields=["status"])
    with pytest.raises(InvalidData, match=problem) as caught:
        move(MACHINE, job, S.CANCELLED, actor=officer, reason_code=code, reason=text)
    assert caught.value.code == "reason_required"
    assert not ImportTransition.objects.exists()


def test_a_coded_reason_is_kept_cleaned_on_the_transition_row(job, officer):
    job.status = S.NEEDS_RESOLUTION
    job.save(update_fields=["status"])
    move(
        MACHINE,
        job,
        S.CANCELLED,
        actor=officer,
        reason_code=ReasonCode.WRONG_TEMPLATE,
        reason=f"  {REASON}\x03  \n\n\n  dòng hai ",
    )
    row = ImportTransition.objects.get(job=job)
    assert (row.reason_code, row.reason) == (ReasonCode.WRONG_TEMPLATE, f"{REASON}\n\ndòng hai")


def test_an_edit_on_a_stale_version_is_refused_and_the_version_advances_once(sector):
    unit = sector.kv1
    seen = unit.version
    bump_version(unit, seen)
    assert unit.version == seen + 1
    with pytest.raises(Conflict) as caught:
        lock(unit, seen)
    assert caught.value.code == "stale_version"
    unit.refresh_from_db()
    assert unit.version == seen + 1


def test_a_notice_reaches_its_recipients_but_never_the_actor(job, officer, outsider):
    notice = notices.Notice([officer, outsider], "import.cancelled", "Lần nhập đã hủy")
    move(MACHINE, job, S.CANCELLED, actor=officer, notice=notice)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [outsider.pk]


def test_the_system_is_named_as_such_on_history_rows():
    assert actor_name(None) == "Hệ thống"


def test_the_clock_reads_the_injected_moment_or_the_present():
    at = timezone.make_aware(dt.datetime(2026, 12, 31, 23, 30))
    assert clock.now(at) is at
    assert clock.today(at) == dt.date(2026, 12, 31)
    assert abs((clock.now() - timezone.now()).total_seconds()) < 5
    assert clock.today(clock.at_noon(dt.date(2027, 1, 1))) == dt.date(2027, 1, 1)


def test_the_reason_check_returns_the_cleaned_text():
    assert checked_reason(ReasonCode.LATE, f" {REASON} ") == (ReasonCode.LATE, REASON)
    assert clean_text(None) == "" and clean_text("a\r\n\r\n\r\nb") == "a\n\nb"


def test_the_access_port_refuses_an_outsider_and_lets_the_system_act(sector, officer, outsider):
    assert access.can(None, "edit", sector.kv1.pk)
    assert access.can(officer, "edit", sector.kv1.pk)
    assert not access.can(outsider, "edit", sector.kv1.pk)
    assert not access.can(officer, "edit", None)
    with pytest.raises(NotAllowed, match="không có quyền"):
        access.ensure_can(outsider, "edit", sector.kv1.pk)


def test_nominating_is_the_units_own_right_not_the_level_aboves(sector):
    province = make_user("tdkt.qt2", Role.OFFICER, sector.quang_tri)
    regional = make_user("tdkt.kv1", Role.OFFICER, sector.kv1)
    assert access.acts_for(regional, sector.kv1.pk)
    assert not access.acts_for(province, sector.kv1.pk)
    assert access.can(province, "edit", sector.kv1.pk)


def test_a_refusal_that_escapes_a_view_answers_the_vietnamese_403_page_with_its_message(
    officer, settings
):
    settings.ROOT_URLCONF = "tests.workflow.urls"
    response = login(officer).get("/tu-choi/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Chỉ cấp trên mới được duyệt." in page and "Bạn không có quyền" in page
