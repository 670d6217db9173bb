"""The database side of backup and restore, one class per engine, each in its own native format.

SQLite: the online backup API of the `sqlite3` module copies the live file page by page in one
read transaction, so the copy is consistent while the application keeps writing (WAL readers do not
block writers). The copy is then opened on its own to count rows: the counts are of the copy itself.

PostgreSQL: `pg_dump -Fc` inside a REPEATABLE READ transaction whose snapshot is exported
(`pg_export_snapshot`): the row counts and the migration state written into the manifest are read in
the very snapshot pg_dump dumps, so they match exactly even while users work. pg_restore
`--single-transaction` makes the restore all or nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.db import connection

from tdkt.errors import InvalidData

Progress = Callable[[str], None]


class OperationFailed(Exception):
    """A step failed after the checks passed (a tool, the disk, the server): not a refusal."""


@dataclass
class Snapshot:
    """What the manifest says about the database: counted in the same snapshot that was dumped."""

    counts: dict[str, int]
    migrations: dict[str, list[str]]
    server_version: str


class Engine(Protocol):
    name: str
    member: str  # the database's name inside the archive

    def dump(self, dest: Path, progress: Progress) -> Snapshot: ...
    def counts(self) -> dict[str, int]: ...
    def load(self, src: Path, progress: Progress) -> None: ...
    def wipe(self, keep: set[str]) -> None: ...


def current_engine() -> Engine:
    vendor = connection.vendor
    if vendor == "sqlite":
        return SqliteEngine(str(connection.settings_dict["NAME"]))
    if vendor == "postgresql":
        return PostgresEngine(connection.settings_dict)
    raise InvalidData(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")


def blocking_tables(counts: dict[str, int]) -> list[str]:
    """The tables that make a database unfit to restore into: any table of the application (it was
    migrated) and any table that holds rows."""
    known = set(connection.introspection.django_table_names(include_views=False))
    known.add("django_migrations")
    return sorted(table for table, rows in counts.items() if table in known or rows)


def _count_sql(tables: Iterable[str]) -> str:
    quoted = [(t.replace("'", "''"), '"' + t.replace('"', '""') + '"') for t in tables]
    return " UNION ALL ".join(f"SELECT '{name}', COUNT(*) FROM {ident}" for name, ident in quoted)


def _facts(cursor: Any, tables: list[str]) -> tuple[dict[str, int], dict[str, list[str]]]:
    counts: dict[str, int] = {}
    if tables:
        cursor.execute(_count_sql(tables))
        counts = {str(name): int(n) for name, n in cursor.fetchall()}
    migrations: dict[str, list[str]] = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, id")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    return counts, migrations


class SqliteEngine:
    name = "sqlite"
    member = "database.sqlite3"

    def __init__(self, path: str) -> None:
        self.path = path

    def dump(self, dest: Path, progress: Progress) -> Snapshot:
        # Django's own connection: it also reaches the in-memory database of the tests.
        connection.ensure_connection()
        source = connection.connection
        copy = sqlite3.connect(dest)
        try:
            source.backup(copy)  # all pages in one step: one consistent read transaction
            copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            counts, migrations = _facts(copy.cursor(), _sqlite_tables(copy))
        finally:
            copy.close()
        return Snapshot(counts, migrations, f"SQLite {sqlite3.sqlite_version}")

    def _target(self) -> str:
        if not self.path or ":memory:" in self.path or "mode=memory" in self.path:
            raise InvalidData("Không thể khôi phục vào cơ sở dữ liệu SQLite trong bộ nhớ.")
        return self.path

    def counts(self) -> dict[str, int]:
        # Django's connection (it creates an empty file where there is none, as `migrate` would).
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            return _facts(cursor, [t for t in tables if not t.startswith("sqlite_")])[0]

    def load(self, src: Path, progress: Progress) -> None:
        connection.close()
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        target = sqlite3.connect(self._target(), timeout=20)
        try:
            source.backup(target)  # one write transaction on the target: all or nothing
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            source.close()
            target.close()

    def wipe(self, keep: set[str]) -> None:
        """Back to an empty database (the target had no table worth keeping: it was checked)."""
        connection.close()
        empty = sqlite3.connect(":memory:")
        target = sqlite3.connect(self._target(), timeout=20)
        try:
            empty.backup(target)
        finally:
            empty.close()
            target.close()


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


# libpq parameters that may sit in DATABASES OPTIONS; Django's own options are not for pg_dump.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "passfile": "PGPASSFILE",
}


class PostgresEngine:
    name = "postgresql"
    member = "database.pgdump"

    def __init__(self, settings_dict: dict[str, Any]) -> None:
        self.db = settings_dict

    def _params(self) -> dict[str, Any]:
        params = {
            "dbname": self.db["NAME"],
            "user": self.db.get("USER") or None,
            "password": self.db.get("PASSWORD") or None,
            "host": self.db.get("HOST") or None,
            "port": str(self.db["PORT"]) if self.db.get("PORT") else None,
        }
        options = self.db.get("OPTIONS") or {}
        params.update({k: v for k, v in options.items() if k in _LIBPQ_OPTIONS})
        return {k: v for k, v in params.items() if v is not None}

    def _connect(self, **kwargs: Any) -> Any:
        import psycopg

        return psycopg.connect(**self._params(), **kwargs)

    def _client(self, program: str) -> tuple[list[str], dict[str, str]]:
        binary = shutil.which(program)
        if binary is None:
            raise InvalidData(
                f"Không tìm thấy chương trình {program}: cài gói postgresql-client "
                "(scripts/ensure-system-packages) rồi chạy lại."
            )
        params = self._params()
        env = {**os.environ}
        if "password" in params:
            env["PGPASSWORD"] = params["password"]
        for key, var in _LIBPQ_OPTIONS.items():
            if key in params:
                env[var] = str(params[key])
        args = [binary, "--dbname", params["dbname"]]
        for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
            if key in params:
                args += [flag, params[key]]
        return args, env

    def dump(self, dest: Path, progress: Progress) -> Snapshot:
        args, env = self._client("pg_dump")
        version = subprocess.run([args[0], "--version"], capture_output=True, text=True)
        client_major = _major(version)
        with self._connect(autocommit=True) as raw:
            cur = raw.cursor()
            server = int(cur.execute("SHOW server_version_num").fetchone()[0]) // 10000
            if client_major < server:
                raise InvalidData(
                    f"pg_dump phiên bản {client_major} cũ hơn máy chủ PostgreSQL {server}: "
                    f"cài postgresql-client-{server} rồi chạy lại."
                )
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot = cur.execute("SELECT pg_export_snapshot()").fetchone()[0]
            counts, migrations = _facts(cur, _pg_tables(cur))
            args += ["--format=custom", "--compress=6", "--verbose", f"--snapshot={snapshot}"]
            _run_with_progress(
                [*args, "--file", str(dest)],
                env,
                total=len(counts),
                marker="dumping contents of table",
                label="Sao lưu bảng",
                progress=progress,
            )
            cur.execute("COMMIT")
        return Snapshot(counts, migrations, f"PostgreSQL {server}")

    def counts(self) -> dict[str, int]:
        try:
            with self._connect(autocommit=True) as raw:
                cur = raw.cursor()
                return _facts(cur, _pg_tables(cur))[0]
        except Exception as exc:
            if exc.__class__.__module__.startswith("psycopg"):
                raise InvalidData(
                    f"Không kết nối được cơ sở dữ liệu {self.db['NAME']}: hãy tạo một cơ sở dữ "
                    f"liệu trống trước (createdb). Chi tiết: {str(exc).strip()}"
                ) from exc
            raise

    def load(self, src: Path, progress: Progress) -> None:
        args, env = self._client("pg_restore")
        listing = subprocess.run([args[0], "--list", str(src)], capture_output=True, text=True)
        if listing.returncode != 0:
            raise InvalidData(f"pg_restore không đọc được bản sao lưu: {listing.stderr.strip()}")
        total = sum(1 for line in listing.stdout.splitlines() if line and not line.startswith(";"))
        connection.close()
        args += ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"]
        _run_with_progress(
            [*args, "--verbose", str(src)],
            env,
            total=total,
            marker="",
            label="Khôi phục mục",
            progress=progress,
        )

    def wipe(self, keep: set[str]) -> None:
        from psycopg import sql

        with self._connect(autocommit=True) as raw:
            cur = raw.cursor()
            extra = [t for t in _pg_tables(cur) if t not in keep]
            if extra:
                names = sql.SQL(", ").join(sql.Identifier(t) for t in extra)
                cur.execute(sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(names))


def _pg_tables(cur: Any) -> list[str]:
    cur.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    return [row[0] for row in cur.fetchall()]


def _major(result: subprocess.CompletedProcess[str]) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", result.stdout)
    return int(match.group(1)) if match else 0


def _run_with_progress(
    args: list[str], env: dict[str, str], *, total: int, marker: str, label: str, progress: Progress
) -> None:
    """Run pg_dump / pg_restore --verbose, reporting every tenth of the work from its log lines."""
    process = subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    done, step = 0, max(total // 10, 1)
    tail: list[str] = []
    for line in process.stderr:
        tail = [*tail[-20:], line.rstrip()]
        if marker in line:
            done += 1
            if done % step == 0 and done <= total:
                progress(f"  {label} {done}/{total}")
    if process.wait() != 0:
        errors = [line for line in tail if "error" in line.lower()] or tail
        raise OperationFailed(f"{Path(args[0]).name} thất bại: " + " | ".join(errors[-5:]))
