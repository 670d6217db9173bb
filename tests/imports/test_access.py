"""The import services check the actor's right themselves, whoever calls them (a view, the shell,
a task, the API): an actor without the right to import for the job's unit is refused with
NotAllowed and nothing is written; None is the system, which may act."""

from __future__ import annotations

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import NotAllowed, TransitionNotAllowed
from tdkt.imports import services
from tdkt.imports.models import ImportJob, ImportKind, ImportStatus

from .conftest import STAFF_HEADERS, staff_row, xlsx_file


@pytest.fixture
def waiting_job(units, officer_user) -> ImportJob:
    """A Hà Tĩnh import waiting for the officer to say which Phan Văn Sơn row 2 means."""
    return ImportJob.objects.create(
        kind=ImportKind.STAFF,
        unit=units.ha_tinh,
        created_by=officer_user,
        status=ImportStatus.NEEDS_RESOLUTION,
        file="imports/2025/01/danh-sach.xlsx",
        original_name="danh-sach.xlsx",
        sha256="0" * 64,
        ambiguities=[{"row": 2, "candidates": [{"id": units.son.pk}], "allow_new": True}],
    )


def _left_alone(job: ImportJob) -> None:
    job.refresh_from_db()
    assert job.status == ImportStatus.NEEDS_RESOLUTION
    assert job.resolutions == {} and job.finished_at is None
    assert not job.transitions.exists()
    assert not AuditEntry.objects.filter(action__startswith="import.").exists()


def test_an_outsider_may_not_submit_a_file_for_another_province(outsider_user, units, settings):
    upload = xlsx_file(STAFF_HEADERS, [staff_row()])
    with pytest.raises(NotAllowed, match="không có quyền nhập dữ liệu cho đơn vị này"):
        services.submit_import(actor=outsider_user, kind="staff", unit=units.ha_tinh, upload=upload)
    assert not ImportJob.objects.exists()
    assert not AuditEntry.objects.filter(action="import.submitted").exists()
    assert not (settings.MEDIA_ROOT / "imports").exists()


def test_an_outsider_may_not_cancel_another_provinces_import(outsider_user, waiting_job):
    with pytest.raises(NotAllowed):
        services.cancel_import(actor=outsider_user, job=waiting_job)
    _left_alone(waiting_job)


def test_an_outsider_may_not_answer_another_provinces_ambiguities(
    outsider_user, waiting_job, units
):
    with pytest.raises(NotAllowed):
        services.resolve_ambiguities(
            actor=outsider_user, job=waiting_job, choices={"2": str(units.son.pk)}
        )
    _left_alone(waiting_job)


def test_a_staff_member_of_the_unit_may_not_act_on_its_imports(staff_user, waiting_job):
    with pytest.raises(NotAllowed):
        services.cancel_import(actor=staff_user, job=waiting_job)
    with pytest.raises(NotAllowed):
        services.resolve_ambiguities(actor=staff_user, job=waiting_job, choices={"2": "new"})
    _left_alone(waiting_job)


def test_a_cancel_keeps_who_did_it_and_why_in_the_transition_row(officer_user, waiting_job):
    services.cancel_import(actor=officer_user, job=waiting_job)
    row = waiting_job.transitions.get()
    assert (row.from_status, row.to_status) == ("needs_resolution", "cancelled")
    assert (row.actor, row.actor_name, row.reason) == (
        officer_user,
        "tdkt.hatinh",
        "Người dùng hủy",
    )
    waiting_job.refresh_from_db()
    assert waiting_job.status == ImportStatus.CANCELLED and waiting_job.finished_at is not None
    assert AuditEntry.objects.get(action="import.cancelled").actor == officer_user


def test_the_system_may_cancel_and_its_row_names_no_user(waiting_job):
    services.cancel_import(actor=None, job=waiting_job)
    row = waiting_job.transitions.get()
    assert (row.actor, row.actor_name, row.to_status) == (None, "Hệ thống", "cancelled")


def test_a_finished_import_is_in_a_final_state(officer_user, waiting_job):
    services.cancel_import(actor=officer_user, job=waiting_job)
    with pytest.raises(TransitionNotAllowed) as refused:
        services.cancel_import(actor=officer_user, job=waiting_job)
    assert refused.value.code == "final_state"
    assert refused.value.message == (
        "Lần nhập đang ở trạng thái cuối «Đã hủy»: không thể thay đổi."
    )
    assert waiting_job.transitions.count() == 1
