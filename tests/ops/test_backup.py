"""`tdkt backup` then `tdkt restore` into an empty database of the same engine, on SQLite and on
PostgreSQL alike (CI runs the suite on both).

A module of its own: the tests commit (pg_dump and the restoring subprocess only see committed data)
and start subprocesses. The restore target is a fresh data folder with its own SQLite file, or a
throwaway PostgreSQL database created and dropped here."""

from __future__ import annotations

import io
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from tdkt.audit.models import AuditEntry
from tdkt.ops.backup import sha256_of
from tests.conftest import Sector
from tests.publicity.permissions import kv1_example

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Target:
    """An empty place to restore into: run `tdkt` there and read its database back."""

    data_dir: Path
    env: dict[str, str]
    query: Callable[[str], list[tuple[Any, ...]]]

    def tdkt(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tdkt", *args],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=ROOT,
            timeout=300,
        )

    def tables(self) -> list[str]:
        if connection.vendor == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
        else:
            sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        return [row[0] for row in self.query(sql)]

    def media_files(self) -> list[Path]:
        return sorted(p for p in (self.data_dir / "media").rglob("*") if p.is_file())


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {**os.environ, "TDKT_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "tdkt.settings"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Target]:
    data_dir = tmp_path / "restored"
    if connection.vendor == "sqlite":

        def query_sqlite(sql: str) -> list[tuple[Any, ...]]:
            path = data_dir / "tdkt.sqlite3"
            if not path.exists():
                return []
            db = sqlite3.connect(path)
            try:
                return db.execute(sql).fetchall()
            finally:
                db.close()

        yield Target(data_dir, _env(data_dir, None), query_sqlite)
        return
    import psycopg

    db = connection.settings_dict
    server = {
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
    }
    server = {k: v for k, v in server.items() if v}
    name = f"tdkt_restore_{secrets.token_hex(4)}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def query_pg(sql: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(dbname=name, **server) as conn:
            return conn.execute(sql).fetchall()

    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    url = f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    try:
        yield Target(data_dir, _env(data_dir, url), query_pg)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def archive(sector: Sector, tmp_path: Path) -> Path:
    """The small sector with an exemplary model and its photo (two files in MEDIA_ROOT)."""
    kv1_example(sector)
    path = tmp_path / "sao-luu.tar"
    call_command("backup", out=path, verbosity=0)
    return path


def _source(sql: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]


def _text(rows: list[tuple[Any, ...]]) -> list[tuple[str, ...]]:
    """Rows as text: the SQLite file read raw gives dates as text, Django's cursor as dates."""
    return [tuple(str(value) for value in row) for row in rows]


def _manifest(path: Path) -> dict[str, Any]:
    with tarfile.open(path) as tar:
        handle = tar.extractfile("manifest.json")
        assert handle is not None
        return json.loads(handle.read())


SAMPLES = [
    "SELECT full_name, birth_date FROM people_person ORDER BY id",
    "SELECT code, name FROM org_unit ORDER BY id",
    "SELECT number, signed_on FROM records_awarddecision ORDER BY id",
    "SELECT title, summary FROM publicity_example ORDER BY id",
]


def test_a_backup_restores_into_an_empty_database_with_the_same_rows_and_files(
    archive: Path, target: Target
) -> None:
    manifest = _manifest(archive)
    media_root = Path(settings.MEDIA_ROOT)
    sources = sorted(p for p in media_root.rglob("*") if p.is_file())
    assert manifest["engine"] == connection.vendor
    assert manifest["format_version"] == 1
    assert "0001_initial" in manifest["migrations"]["ops"]
    assert (
        manifest["row_counts"]["people_person"]
        == _source("SELECT COUNT(*) FROM people_person")[0][0]
    )
    assert len(sources) == 2  # the photo and its thumbnail
    assert {e["path"]: e["sha256"] for e in manifest["media"]} == {
        p.relative_to(media_root).as_posix(): sha256_of(p) for p in sources
    }

    done = target.tdkt("restore", str(archive))

    assert done.returncode == 0, done.stderr
    assert "số dòng và mã băm khớp manifest" in done.stdout
    for table, rows in manifest["row_counts"].items():
        expected = rows + (1 if table in {"ops_restoration", "audit_auditentry"} else 0)
        assert target.query(f'SELECT COUNT(*) FROM "{table}"')[0][0] == expected, table
    for sql in SAMPLES:
        assert _text(target.query(sql)) == _text(_source(sql)), sql
    restored = target.media_files()
    assert [p.relative_to(target.data_dir / "media") for p in restored] == [
        p.relative_to(media_root) for p in sources
    ]
    assert [p.read_bytes() for p in restored] == [p.read_bytes() for p in sources]
    trace = target.query("SELECT action, actor_name FROM audit_auditentry ORDER BY id DESC")[0]
    assert trace == ("system.restored", "Hệ thống")

    again = target.tdkt("restore", str(archive))

    assert again.returncode == 2
    assert "Cơ sở dữ liệu đích không trống" in again.stderr


def test_restore_refuses_the_database_it_runs_on_when_it_has_data(archive: Path) -> None:
    people = _source("SELECT COUNT(*) FROM people_person")
    with pytest.raises(CommandError, match="không trống") as refused:
        call_command("restore", str(archive), verbosity=0)
    assert refused.value.returncode == 2
    assert _source("SELECT COUNT(*) FROM people_person") == people
    assert not AuditEntry.objects.filter(action="system.restored").exists()


def test_restore_refuses_an_archive_of_the_other_engine_before_touching_anything(
    archive: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "other"
    if connection.vendor == "sqlite":  # never reached: the engine is checked before connecting
        env = _env(elsewhere, "postgres://nobody@127.0.0.1:1/nothing")
    else:
        env = _env(elsewhere, None)
    done = subprocess.run(
        [sys.executable, "-m", "tdkt", "restore", str(archive)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "chỉ khôi phục được vào cùng loại cơ sở dữ liệu" in done.stderr
    assert not (elsewhere / "tdkt.sqlite3").exists()
    assert not list((elsewhere / "media").rglob("*"))


def test_a_tampered_archive_is_refused_and_nothing_is_restored(
    archive: Path, target: Target, tmp_path: Path
) -> None:
    tampered = tmp_path / "sua-doi.tar"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("media/") and member.name.endswith("-nho.jpg"):
                data = data[:-1] + bytes([data[-1] ^ 0xFF])  # same size, one byte changed
            dst.addfile(member, io.BytesIO(data))

    done = target.tdkt("restore", str(tampered))

    assert done.returncode == 2, done.stderr
    assert "không khớp mã băm SHA-256" in done.stderr
    assert target.tables() == []
    assert target.media_files() == []


def test_a_failure_after_the_database_was_restored_undoes_everything(
    archive: Path, target: Target
) -> None:
    # A file where the archive needs a folder: the checks pass, placing the photos then fails.
    media = target.data_dir / "media"
    media.mkdir(parents=True)
    first = _manifest(archive)["media"][0]["path"]
    blocker = media / first.split("/")[0]
    blocker.write_text("không phải thư mục")

    done = target.tdkt("restore", str(archive))

    assert done.returncode == 1, done.stderr
    assert "đã được hoàn tác" in done.stderr
    assert target.tables() == []
    assert target.media_files() == [blocker]
