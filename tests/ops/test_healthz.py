"""/healthz: what a load balancer asks, answered from one query and revealing nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from tdkt.ops.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def _beat(ago: dt.timedelta, worker_id: str = "w1") -> None:
    seen = timezone.now() - ago
    WorkerHeartbeat.objects.create(worker_id=worker_id, pid=1, started_at=seen, seen_at=seen)


def test_it_answers_200_when_the_database_answers_and_the_worker_beat_recently(
    client: Any, django_assert_num_queries: Any
) -> None:
    _beat(dt.timedelta(seconds=5))
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"database", "worker", "worker_seen_at"}
    assert body["database"] == "ok"
    assert body["worker"] == "ok"
    assert dt.datetime.fromisoformat(body["worker_seen_at"]) <= timezone.now()
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_a_worker_silent_for_longer_than_the_threshold_is_stale_but_the_host_stays_in_service(
    client: Any, settings: Any
) -> None:
    settings.TDKT_WORKER_STALE_SECONDS = 60
    _beat(dt.timedelta(seconds=61))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"] == "stale"
    assert response.json()["database"] == "ok"


def test_the_monitoring_probe_answers_503_for_a_stale_worker(client: Any, settings: Any) -> None:
    settings.TDKT_WORKER_STALE_SECONDS = 60
    _beat(dt.timedelta(seconds=61))
    assert client.get("/healthz?worker=1").status_code == 503
    _beat(dt.timedelta(seconds=1), worker_id="w2")
    assert client.get("/healthz?worker=1").status_code == 200


def test_without_any_worker_it_says_absent(client: Any) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "worker": "absent", "worker_seen_at": None}
    assert client.get("/healthz?worker=1").status_code == 503


def test_when_the_database_does_not_answer_it_says_so_with_503(client: Any) -> None:
    with mock.patch(
        "tdkt.ops.views.worker_status", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "error", "worker": "unknown", "worker_seen_at": None}
    assert "connection refused" not in response.content.decode()


def test_the_most_recent_of_several_workers_counts(client: Any) -> None:
    _beat(dt.timedelta(hours=2))
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w2", pid=2, started_at=now, seen_at=now)
    assert client.get("/healthz").json()["worker"] == "ok"


def test_it_answers_head_but_refuses_a_post(client: Any) -> None:
    _beat(dt.timedelta(seconds=1))
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
