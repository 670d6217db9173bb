"""Benchmark of `tdkt backup` and `tdkt restore` on the full demo sector.

The source is the database the environment names (DATABASE_URL, TDKT_DATA_DIR); the full demo is
built there first if it holds no people. The restore goes into an empty target: a fresh temporary
data folder (SQLite) or a temporary database on the same PostgreSQL server, created and dropped
here. Prints the times (whole `tdkt` processes, Django's start included), the archive's size and
whether every table's row count in the target matches the source.

    TDKT_DATA_DIR=/tmp/opsdemo .venv/bin/python bench/bench_backup.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_ops_src \
        .venv/bin/python bench/bench_backup.py
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def tdkt(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tdkt", *args], env=env, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"tdkt {' '.join(args)} failed ({done.returncode})")
    return time.perf_counter() - started


def counts(env: dict[str, str]) -> dict[str, int]:
    code = (
        "import django, json; django.setup()\n"
        "from tdkt.ops.engines import current_engine\n"
        "print(json.dumps(current_engine().counts()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def psql(url: str, sql: str) -> None:
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    subprocess.run(["psql", admin, "-Atqc", sql], check=True)


def main() -> None:
    source = {**os.environ, "DJANGO_SETTINGS_MODULE": "tdkt.settings"}
    url = source.get("DATABASE_URL", "")
    tdkt(source, "migrate", "-v0")
    if not counts(source).get("people_person"):
        tdkt(source, "demo", "--size", "full")
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-backup-") as scratch:
        archive = Path(scratch) / "sao-luu.tar"
        backup_seconds = tdkt(source, "backup", "--out", str(archive), "-v0")
        target = {**source, "TDKT_DATA_DIR": str(Path(scratch) / "target")}
        if url.startswith("postgres"):
            name = f"tdkt_bench_restore_{secrets.token_hex(4)}"
            target["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
            psql(url, f'CREATE DATABASE "{name}"')
        try:
            restore_seconds = tdkt(target, "restore", str(archive), "-v0")
            expected, found = counts(source), counts(target)
        finally:
            if url.startswith("postgres"):
                psql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        with tarfile.open(archive) as tar:
            members = {m.name: m.size for m in tar.getmembers()}
        restored_by = {"ops_restoration", "audit_auditentry"}  # the restore's own trace
        print(
            json.dumps(
                {
                    "engine": "postgresql" if url.startswith("postgres") else "sqlite",
                    "rows": sum(expected.values()),
                    "tables": len(expected),
                    "backup_seconds": round(backup_seconds, 2),
                    "archive_bytes": archive.stat().st_size,
                    "database_member_bytes": max(
                        size for name, size in members.items() if name.startswith("database.")
                    ),
                    "media_files": sum(1 for name in members if name.startswith("media/")),
                    "restore_seconds": round(restore_seconds, 2),
                    "counts_match": all(
                        found.get(t) == n + (1 if t in restored_by else 0)
                        for t, n in expected.items()
                    )
                    and set(found) == set(expected),
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
