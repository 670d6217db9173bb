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

# The worker model, chosen by measurement on a 2-core machine (bench/load, README "Worker model
# (measured)"): 4 gunicorn processes of 2 threads each. A slow page holds one thread, not a whole
# process, so the quick pages keep moving (sync with 2 workers: 3–4 times slower under the mix);
# and no process runs more than 2 pages at once, so none grows past 400 MB (2 × 4 or 2 × 8
# threads: up to 560 MB).
WORKERS = 4
THREADS = 2
# A worker is replaced after this many requests (± the jitter, so that they are not replaced
# all at once): a safety net for memory, not a cure for a leak.
MAX_REQUESTS = 1000
MAX_REQUESTS_JITTER = 100


def gunicorn_args(
    *, host: str, port: int, workers: int, threads: int, max_requests: int
) -> list[str]:
    args = [
        "tdkt.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread" if threads > 1 else "sync",
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        "--timeout",
        "120",
    ]
    if max_requests > 0:
        jitter = min(MAX_REQUESTS_JITTER, max_requests // 2)
        args += ["--max-requests", str(max_requests), "--max-requests-jitter", str(jitter)]
    return args


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = (
        "Chạy ứng dụng (máy chủ web và tiến trình xử lý nền). Máy chủ web: gunicorn, "
        f"mặc định {WORKERS} tiến trình × {THREADS} luồng (gthread khi nhiều hơn một luồng), "
        "chọn theo đo tải trên máy 2 nhân (bench/load)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=WORKERS,
            help=f"số tiến trình gunicorn (mặc định {WORKERS})",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=THREADS,
            help=f"số luồng mỗi tiến trình (mặc định {THREADS}; lớn hơn 1: gthread, 1: sync)",
        )
        parser.add_argument(
            "--max-requests",
            type=int,
            default=MAX_REQUESTS,
            help="thay tiến trình sau chừng ấy yêu cầu, cộng trừ một độ lệch ngẫu nhiên "
            f"(mặc định {MAX_REQUESTS}; 0: không thay)",
        )
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
        threads: int,
        max_requests: int,
        no_migrate: bool,
        no_worker: bool,
        **options: Any,
    ) -> None:
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        worker = None if no_worker else subprocess.Popen(WORKER)
        # Stopped by SIGTERM (a service manager, a script) like by Ctrl+C: gunicorn stops too.
        signal.signal(signal.SIGTERM, _interrupt)
        self.stdout.write(f"TĐKT đang chạy tại http://{host}:{port}/  (Ctrl+C để dừng)")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                *gunicorn_args(
                    host=host,
                    port=port,
                    workers=max(1, workers),
                    threads=max(1, threads),
                    max_requests=max(0, max_requests),
                ),
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
