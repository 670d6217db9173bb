"""`tdkt serve`: migrate, start the background worker (`tdkt worker`), and serve the application."""

from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

# One background worker with its heartbeat (`tdkt worker`, tdkt/ops): /healthz watches it.
WORKER = [sys.executable, "-m", "tdkt", "worker", "--queue-name", "default"]


class Command(BaseCommand):
    help = "Chạy ứng dụng (máy chủ web và tiến trình xử lý nền)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-migrate", action="store_true")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="chỉ máy chủ web (tiến trình nền chạy nơi khác)",
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        workers: int,
        no_migrate: bool,
        no_worker: bool,
        **options: Any,
    ) -> None:
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        worker = None if no_worker else subprocess.Popen(WORKER)
        self.stdout.write(f"TĐKT đang chạy tại http://{host}:{port}/  (Ctrl+C để dừng)")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "tdkt.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
                "--timeout",
                "120",
            ]
        )
        try:
            server.wait()
        except KeyboardInterrupt:
            server.send_signal(signal.SIGTERM)
            server.wait()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
