"""What the benchmarks share: a migrated database holding the full demo sector, and an import
run the production way (file stored, task queued, `db_worker` running it), timed."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def ensure_sector(say: Callable[[str], None]) -> None:
    """Migrate; if the database holds no people, build the full demo sector into it."""
    from django.conf import settings
    from django.core.management import call_command

    from tdkt.people.models import Person

    call_command("migrate", interactive=False, verbosity=0)
    if Person.objects.exists():
        return
    if "tdkt.demo" not in settings.INSTALLED_APPS:
        sys.exit("The database is empty and tdkt.demo is not installed: build the demo first.")
    say("The database holds no people: building the full demo sector (tdkt demo --size full)…")
    call_command("demo", "--size", "full", stdout=sys.stderr)


def run_in_child(script: str, backend: str, args: list[str]) -> int:
    """Run `script --child backend args…` in its own process (settings are read once per
    process), with a fresh data directory and the database queue; on PostgreSQL, in a database
    created for it and dropped after."""
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-") as data_dir:
        env = {**os.environ, "TDKT_DATA_DIR": data_dir, "TDKT_LOG_LEVEL": "ERROR"}
        env["TDKT_TASK_BACKEND"] = "django_tasks_db.DatabaseBackend"
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])
        )
        database = None
        if backend == "sqlite":
            env.pop("DATABASE_URL", None)
        else:
            database, env["DATABASE_URL"] = create_pg_database(os.environ["DATABASE_URL"])
        command = [sys.executable, script, "--child", backend, *args]
        try:
            return subprocess.call(command, env=env)
        finally:
            if database:
                drop_pg_database(os.environ["DATABASE_URL"], database)


def create_pg_database(url: str) -> tuple[str, str]:
    import psycopg

    name = f"tdkt_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _sep, _old = url.rpartition("/")
    return name, f"{base}/{name}"


def drop_pg_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_child(backend: str) -> None:
    """In the child process: set Django up and say which database the figures are for."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django

    django.setup()
    from django.db import connection

    print(f"\n=== {backend} ({connection.vendor}, {connection.settings_dict['NAME']}) ===")


def xlsx_bytes(
    title: str,
    head: Sequence[Sequence[object]],
    rows: Sequence[Sequence[object]],
    tail: Sequence[Sequence[object]] = (),
) -> bytes:
    """A one-sheet workbook: the `head` rows, then `rows` (dates as date cells shown
    dd/mm/yyyy, as units' files have them), then the `tail` rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for line in head:
        sheet.append(list(line))
    for row in rows:
        cells: list[object] = []
        for value in row:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD/MM/YYYY"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    for line in tail:
        sheet.append(list(line))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class ImportRun:
    job: Any
    upload: float  # seconds from the upload to the queued task
    total: float  # seconds from the upload to the finished job
    cpu: float  # CPU seconds of the worker (this process)

    @property
    def seconds(self) -> dict[str, float]:
        """The job's own timing of its phases."""
        return dict(self.job.summary.get("seconds", {}))

    def print_start(self) -> None:
        print(f"   upload (check type, SHA-256, store, queue): {self.upload:6.2f} s")
        validation = self.seconds.get("validation", 0)
        print(f"   validation (read, check, match):           {validation:6.2f} s")


def run_import_job(officer: Any, unit: Any, kind: str, content: bytes, name: str) -> ImportRun:
    """Submit the file as `officer` would and let the database queue's worker run it."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from tdkt.imports.services import submit_import

    started = time.perf_counter()
    upload = SimpleUploadedFile(name, content)
    job = submit_import(actor=officer, kind=kind, unit=unit, upload=upload)
    submitted = time.perf_counter()
    cpu = time.process_time()
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    cpu = time.process_time() - cpu
    finished = time.perf_counter()
    job.refresh_from_db()
    return ImportRun(job, submitted - started, finished - started, cpu)
