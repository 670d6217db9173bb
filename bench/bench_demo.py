"""Benchmark of `tdkt demo`: builds the demo sector in a fresh temporary SQLite file and, when
DATABASE_URL points to a PostgreSQL server, in a fresh temporary database on that server (created
and dropped here; the database named in DATABASE_URL itself is never touched). Prints the times and
the row counts of every table.

    .venv/bin/python bench/bench_demo.py [--size full|small]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_demo.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def child(size: str) -> None:
    """Runs in a subprocess whose environment selects the database."""
    import django

    django.setup()
    from django.core.management import call_command

    from tdkt.demo.build import build_demo
    from tdkt.demo.writer import count_rows

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter() - started
    result = build_demo(size=size, reset=True, say=lambda m: print(m, file=sys.stderr))
    print(
        json.dumps(
            {
                "migrate_seconds": round(migrated, 2),
                "build_seconds": round(result.seconds, 2),
                "rows": count_rows(),
                "awards": result.awards,
            }
        )
    )


def run(label: str, url: str, size: str, data_dir: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tdkt.settings",
        "TDKT_DATA_DIR": data_dir,
        "PYTHONPATH": str(ROOT / "src"),
    }
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", "--size", size],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"{label}: the build failed")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = round(wall, 2)
    result["stages"] = proc.stderr.strip().splitlines()
    return result


def postgres_temp_db(url: str):
    """(url of a new empty database on the same server, function that drops it)."""
    import psycopg

    parts = urlsplit(url)
    name = f"tdkt_bench_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def report(label: str, result: dict) -> None:
    print(f"\n== {label} ==")
    for line in result["stages"]:
        print(f"  {line.strip()}")
    print(
        f"  migrate: {result['migrate_seconds']} s; build: {result['build_seconds']} s; "
        f"whole process: {result['wall_seconds']} s"
    )
    rows = result["rows"]
    width = max(len(k) for k in rows)
    for table, count in sorted(rows.items()):
        print(f"  {table.ljust(width)}  {count:>8}")
    print(f"  {'total'.ljust(width)}  {sum(rows.values()):>8}")
    print("  awards: " + ", ".join(f"{k} {v}" for k, v in result["awards"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["full", "small"], default="full")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.size)
        return
    results = {}
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-") as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        results["sqlite"] = run("SQLite", sqlite_url, args.size, tmp)
        report(f"SQLite ({args.size})", results["sqlite"])
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            pg_url, drop = postgres_temp_db(url)
            try:
                results["postgresql"] = run("PostgreSQL", pg_url, args.size, tmp)
            finally:
                drop()
            report(f"PostgreSQL ({args.size})", results["postgresql"])
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bench_demo_{args.size}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
