"""The background worker's sign of life, and what /healthz makes of it."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Max
from django.utils import timezone

from tdkt.ops.models import WorkerHeartbeat

logger = logging.getLogger(__name__)
# A row not refreshed for a day belongs to a worker that died: pruned when a worker starts.
FORGET_AFTER = dt.timedelta(days=1)


def beat(*, worker_id: str, started_at: dt.datetime) -> None:
    """One upsert: the row of this worker says it is alive now."""
    now = timezone.now()
    WorkerHeartbeat.objects.bulk_create(
        [
            WorkerHeartbeat(
                worker_id=worker_id,
                hostname=socket.gethostname()[:255],
                pid=os.getpid(),
                started_at=started_at,
                seen_at=now,
            )
        ],
        update_conflicts=True,
        unique_fields=["worker_id"],
        update_fields=["seen_at"],
    )


def worker_status(now: dt.datetime) -> tuple[str, dt.datetime | None]:
    """("ok" | "stale" | "absent", when the most recent worker was last seen): one query."""
    seen = WorkerHeartbeat.objects.aggregate(seen=Max("seen_at"))["seen"]
    if seen is None:
        return "absent", None
    fresh = now - seen <= dt.timedelta(seconds=settings.TDKT_WORKER_STALE_SECONDS)
    return ("ok" if fresh else "stale"), seen


class Heartbeat:
    """Beats from a daemon thread every `every` seconds while the worker runs in the main thread.

    A beat that fails (the database is briefly locked by a long task on SQLite, the server is
    restarting) is logged and retried at the next beat; /healthz reports "stale" if that lasts."""

    def __init__(self, *, worker_id: str, every: float) -> None:
        self.worker_id = worker_id
        self.every = every
        self.started_at = timezone.now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tdkt-heartbeat", daemon=True)

    def start(self) -> None:
        WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - FORGET_AFTER).delete()
        beat(worker_id=self.worker_id, started_at=self.started_at)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every + 30)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            logger.warning("Could not remove the heartbeat of worker %s", self.worker_id)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                beat(worker_id=self.worker_id, started_at=self.started_at)
            except DatabaseError:
                logger.warning("Heartbeat of worker %s failed", self.worker_id, exc_info=True)
            finally:
                connection.close()  # this thread's own connection
