"""Import transitions became the kernel's transition rows: the old `note` is kept as `reason`,
and past rows get the actor's name."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)  # migrates backwards: a module of its own

BEFORE = [("imports", "0003_facts_kinds_and_year")]
AFTER = [("imports", "0004_transition_row_of_the_kernel")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_notes_of_past_moves_survive_as_their_reasons(units, officer_user):
    old = _migrate(BEFORE)
    Job = old.get_model("imports", "ImportJob")
    job = Job.objects.create(
        kind="staff",
        unit_id=units.ha_tinh.pk,
        created_by_id=officer_user.pk,
        status="cancelled",
        file="imports/2025/01/danh-sach.xlsx",
        original_name="danh-sach.xlsx",
        sha256="0" * 64,
    )
    Row = old.get_model("imports", "ImportTransition")
    Row.objects.create(
        job=job, from_status="queued", to_status="cancelled", actor_id=officer_user.pk, note="Hủy"
    )
    Row.objects.create(job=job, from_status="x", to_status="y", note="Lỗi hệ thống")

    new = _migrate(AFTER)
    rows = new.get_model("imports", "ImportTransition").objects.order_by("id")
    assert list(rows.values_list("reason", "actor_name")) == [
        ("Hủy", "tdkt.hatinh"),
        ("Lỗi hệ thống", "Hệ thống"),
    ]
