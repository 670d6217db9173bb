"""Imports run through Django's task framework and write their progress as they go."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tdkt.imports import services, tasks
from tdkt.imports.models import ImportJob, ImportStatus
from tdkt.people.models import Person

from .conftest import STAFF_HEADERS, staff_row, xlsx_file

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _submit(officer_user, units, rows):
    return services.submit_import(
        actor=officer_user, kind="staff", unit=units.ha_tinh, upload=xlsx_file(STAFF_HEADERS, rows)
    )


def test_the_task_runs_a_queued_job_with_the_immediate_backend(officer_user, units, settings):
    settings.TASKS = DUMMY
    job = _submit(officer_user, units, [staff_row()])
    assert job.status == ImportStatus.QUEUED
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = tasks.run_import.enqueue(job.pk)
    assert result.status == "SUCCESSFUL"
    assert result.return_value == ImportStatus.DONE
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert Person.objects.filter(full_name="Trần Thị Mai").exists()


def test_progress_is_written_every_few_hundred_rows_while_checking(
    officer_user, units, monkeypatch
):
    monkeypatch.setattr(services, "PROGRESS_EVERY", 2)
    seen = []
    real = services.set_progress

    def spy(job, processed, total):
        real(job, processed, total)
        stored = ImportJob.objects.values_list("status", "processed_rows", "total_rows").get(
            pk=job.pk
        )
        seen.append(stored)

    monkeypatch.setattr(services, "set_progress", spy)
    rows = [staff_row(name=f"Nguyễn Văn {n}", gender="Nam") for n in ["An", "Ba", "Cư", "Dư", "Em"]]
    job = _submit(officer_user, units, rows)
    job.refresh_from_db()
    assert seen == [
        ("validating", 0, 5),
        ("validating", 2, 5),
        ("validating", 4, 5),
        ("validating", 5, 5),
    ]
    assert (job.status, job.processed_rows, job.total_rows) == ("done", 5, 5)
    assert job.progress_percent == 100


def test_a_crash_while_checking_marks_the_job_failed(officer_user, units, monkeypatch):
    monkeypatch.setattr(services, "check_file", lambda job: 1 / 0)
    job = _submit(officer_user, units, [staff_row()])
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.errors[0]["message"] == (
        "Lỗi hệ thống khi kiểm tra tệp; không có dữ liệu nào được ghi."
    )


def test_the_row_count_is_estimated_even_without_a_dimension_record():
    import io

    from openpyxl import Workbook, load_workbook

    from tdkt.documents.reader import _count_rows

    workbook = Workbook(write_only=True)  # writes no <dimension>, as several exporters do
    sheet = workbook.create_sheet("Danh sách")
    for i in range(1234):
        sheet.append([f"Cán bộ {i}", i])
    buffer = io.BytesIO()
    workbook.save(buffer)
    opened = load_workbook(buffer, read_only=True).worksheets[0]
    assert opened.max_row is None
    assert _count_rows(opened) == 1234


def test_the_command_line_import_runs_the_same_checks(officer_user, units, tmp_path, settings):
    from django.core.management.base import CommandError

    settings.TASKS = DATABASE_QUEUE
    good = tmp_path / "danh-sach.xlsx"
    good.write_bytes(xlsx_file(STAFF_HEADERS, [staff_row()]).read())
    call_command("import", "staff", str(good), unit="HT", user=officer_user.username)
    assert ImportJob.objects.get().status == ImportStatus.DONE
    bad = tmp_path / "co-loi.xlsx"
    bad.write_bytes(xlsx_file(STAFF_HEADERS, [staff_row(birth="31/02/1980")]).read())
    with pytest.raises(CommandError, match="Bị từ chối"):
        call_command("import", "staff", str(bad), unit="HT", user=officer_user.username)
