"""`tdkt worker`: django-tasks-db's `db_worker`, with a heartbeat that /healthz reads.

Same options as `db_worker`; autoreload is off (it would run the worker in a child process and
beat from the parent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from tdkt.ops.heartbeat import Heartbeat


class Command(db_worker.Command):
    help = "Tiến trình xử lý nền (hàng đợi trong cơ sở dữ liệu), báo nhịp sống cho /healthz."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat = Heartbeat(
            worker_id=options["worker_id"], every=settings.TDKT_WORKER_HEARTBEAT_SECONDS
        )
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
