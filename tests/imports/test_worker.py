"""An import queued in the database and applied by `db_worker`.

A module of its own: the test commits (the worker manages its own transactions), so the database is
flushed after it; pytest-django runs such tests after the others, whole modules at a time, which
keeps parallel runs (pytest-xdist, one module per worker at a time) correct."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tdkt.imports.models import ImportStatus
from tdkt.people.models import Person

from .conftest import staff_row
from .test_background import DATABASE_QUEUE, _submit


@pytest.mark.django_db(transaction=True)  # the worker manages its own transactions
def test_with_the_database_queue_the_worker_applies_the_job(officer_user, units, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    job = _submit(officer_user, units, [staff_row(), staff_row(name="Ngô Văn Tú", gender="Nam")])
    assert job.status == ImportStatus.QUEUED
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [job.pk]
    assert not Person.objects.filter(full_name="Trần Thị Mai").exists()

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.errors
    assert job.summary["created"] == 2
