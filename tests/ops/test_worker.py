"""`tdkt worker`: db_worker with a heartbeat beating from a thread.

A module of its own: the heartbeat thread has its own database connection, so the test commits."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from tdkt.ops.heartbeat import FORGET_AFTER, Heartbeat
from tdkt.ops.models import WorkerHeartbeat
from tdkt.web.management.commands import serve


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_beats_while_the_worker_runs_and_goes_when_it_stops() -> None:
    heartbeat = Heartbeat(worker_id="test-worker", every=0.05)
    heartbeat.start()
    try:
        first = WorkerHeartbeat.objects.get(worker_id="test-worker").seen_at
        deadline = time.monotonic() + 10
        while WorkerHeartbeat.objects.get(worker_id="test-worker").seen_at == first:
            assert time.monotonic() < deadline, "the heartbeat thread never beat"
            time.sleep(0.05)
    finally:
        heartbeat.stop()
    assert not WorkerHeartbeat.objects.filter(worker_id="test-worker").exists()


@pytest.mark.django_db(transaction=True)
def test_a_worker_prunes_rows_of_workers_dead_for_a_day() -> None:
    old = timezone.now() - FORGET_AFTER * 2
    WorkerHeartbeat.objects.create(worker_id="dead", pid=9, started_at=old, seen_at=old)
    call_command("worker", batch=True, startup_delay=False, verbosity=0)
    assert not WorkerHeartbeat.objects.exists()  # the dead one pruned, its own removed on exit


def test_serve_starts_the_worker_with_the_heartbeat() -> None:
    assert serve.WORKER[2:4] == ["tdkt", "worker"]
