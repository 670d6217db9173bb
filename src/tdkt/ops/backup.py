"""`tdkt backup` and `tdkt restore`: one archive with the database, the uploaded files, a manifest.

The archive is a plain (uncompressed, so seekable) tar file:

    manifest.json          format version, date, engine, migration state per app, row counts per
                           table, size and SHA-256 of every other member
    database.sqlite3.gz    SQLite: the online-backup copy, gzip level 1   (or)
    database.pgdump        PostgreSQL: pg_dump's custom format, already compressed
    media/…                MEDIA_ROOT as it is (photos, documents: already compressed formats)

Why each engine's native format rather than one portable logical dump (`dumpdata`): it is an order
of magnitude faster on the full sector, it is faithful by construction (types, constraints,
sequences and indexes exactly as they are, nothing goes through the ORM), and both formats give a
consistent snapshot while the application runs and an all-or-nothing restore. The price is that an
archive restores into the engine it came from; moving between SQLite and PostgreSQL is a different
job (`dumpdata`/`loaddata`), so a restore into the other engine is refused with a message.

Restore only ever goes into an EMPTY database and never overwrites a file: every check runs before
anything is written, the archive is unpacked and verified in a staging folder first, and if a later
step fails the database is emptied again and the files placed so far are removed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import secrets
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from tdkt.dbstats import refresh_statistics
from tdkt.errors import Conflict, InvalidData
from tdkt.ops.engines import Engine, OperationFailed, Progress, blocking_tables, current_engine

FORMAT = "tdkt-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media/"
CHUNK = 1024 * 1024


def default_path(engine: str) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"tdkt-{engine}-{stamp}.tar"


# ---------------------------------------------------------------------------------------- backup


def create_backup(*, out: Path | None, progress: Progress) -> tuple[Path, dict[str, Any]]:
    """Write the archive (as `<out>.partial`, renamed when complete) and return its manifest."""
    engine = current_engine()
    out = out or default_path(engine.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _scratch(out.parent, ".tdkt-backup-") as scratch:
        progress("Sao lưu cơ sở dữ liệu…")
        dumped = scratch / engine.member
        snapshot = engine.dump(dumped, progress)
        member, db_file, db_entry = _packed_database(engine, dumped, scratch)
        progress(
            f"  {vn(sum(snapshot.counts.values()))} dòng trong {len(snapshot.counts)} bảng, "
            f"{size(db_entry['bytes'])}"
        )
        progress("Tính mã băm các tệp tải lên…")
        media = _media_entries(Path(settings.MEDIA_ROOT), progress)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "tdkt_version": _version(),
            "django_version": django.get_version(),
            "engine": engine.name,
            "server_version": snapshot.server_version,
            "database": {"member": member, **db_entry},
            "migrations": snapshot.migrations,
            "row_counts": snapshot.counts,
            "media": media,
        }
        partial = out.with_name(out.name + ".partial")
        progress(f"Ghi tệp sao lưu {out}…")
        _write_archive(partial, manifest, db_file, member, progress)
        os.replace(partial, out)
    return out, manifest


def _packed_database(engine: Engine, dumped: Path, scratch: Path) -> tuple[str, Path, dict]:
    entry = {"bytes": dumped.stat().st_size, "sha256": sha256_of(dumped)}
    if engine.name != "sqlite":
        return engine.member, dumped, entry
    packed = scratch / (engine.member + ".gz")
    with dumped.open("rb") as src, gzip.open(packed, "wb", compresslevel=1) as dst:
        shutil.copyfileobj(src, dst, CHUNK)
    return engine.member + ".gz", packed, entry


def _media_entries(root: Path, progress: Progress) -> list[dict[str, Any]]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    entries: list[dict[str, Any]] = []
    for i, path in enumerate(files, 1):
        entries.append(
            {
                "path": path.relative_to(root).as_posix(),
                "bytes": path.stat().st_size,
                "sha256": sha256_of(path),
            }
        )
        if i % 500 == 0:
            progress(f"  {vn(i)}/{vn(len(files))} tệp")
    total = sum(int(e["bytes"]) for e in entries)
    progress(f"  {vn(len(files))} tệp, {size(total)}")
    return entries


def _write_archive(
    path: Path, manifest: dict[str, Any], db_file: Path, member: str, progress: Progress
) -> None:
    body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    root = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o644
        tar.addfile(info, io.BytesIO(body))
        tar.add(db_file, arcname=member, recursive=False)
        for i, entry in enumerate(manifest["media"], 1):
            source = root / entry["path"]
            info = tar.gettarinfo(source, arcname=MEDIA + entry["path"])
            if info.size != entry["bytes"]:
                raise OperationFailed(f"Tệp {entry['path']} thay đổi trong khi sao lưu: chạy lại.")
            with source.open("rb") as f:
                reader = _HashingReader(f)
                tar.addfile(info, reader)
            if reader.hexdigest() != entry["sha256"]:
                raise OperationFailed(f"Tệp {entry['path']} thay đổi trong khi sao lưu: chạy lại.")
            if i % 500 == 0:
                progress(f"  {vn(i)}/{vn(len(manifest['media']))} tệp đã ghi")


# --------------------------------------------------------------------------------------- restore


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    rows: int
    files: int
    pending_migrations: list[str]


def restore_backup(*, archive: Path, progress: Progress) -> RestoreResult:
    """Check everything, unpack and verify into a staging folder, then restore the database (one
    transaction) and place the files; on any failure after that, undo both."""
    engine = current_engine()
    media_root = Path(settings.MEDIA_ROOT)
    with _open_archive(archive) as tar:
        manifest = read_manifest(tar)
        _check_engine(manifest, engine)
        pending = _check_migrations(manifest)
        before = engine.counts()
        blocking = blocking_tables(before)
        if blocking:
            shown = ", ".join(blocking[:5]) + (" …" if len(blocking) > 5 else "")
            raise Conflict(
                "Cơ sở dữ liệu đích không trống (có bảng đã tạo hoặc đã có dữ liệu: "
                f"{shown}). Chỉ khôi phục vào một cơ sở dữ liệu trống; không ghi gì cả."
            )
        existing = [e["path"] for e in manifest["media"] if (media_root / e["path"]).exists()]
        if existing:
            raise Conflict(
                f"Thư mục tệp tải lên {media_root} đã có {vn(len(existing))} tệp trùng tên "
                f"(ví dụ {existing[0]}); không ghi đè, không ghi gì cả."
            )
        media_root.mkdir(parents=True, exist_ok=True)
        with _scratch(media_root.parent, ".tdkt-restore-") as staging:
            progress("Giải nén và kiểm tra mã băm…")
            db_file = _stage_database(tar, manifest, engine, staging)
            staged = _stage_media(tar, manifest, staging / "media", progress)
            _restore_into_place(engine, manifest, db_file, staged, set(before), progress)
    if connection.vendor == "postgresql":
        # pg_restore brings the rows back without the planner's statistics (SQLite's file
        # carries its own sqlite_stat1).
        refresh_statistics()
    return RestoreResult(
        manifest,
        rows=sum(manifest["row_counts"].values()),
        files=len(manifest["media"]),
        pending_migrations=pending,
    )


def _restore_into_place(
    engine: Engine,
    manifest: dict[str, Any],
    db_file: Path,
    staged: list[tuple[Path, dict[str, Any]]],
    keep: set[str],
    progress: Progress,
) -> None:
    placed: list[Path] = []
    media_root = Path(settings.MEDIA_ROOT)
    try:
        progress("Khôi phục cơ sở dữ liệu…")
        engine.load(db_file, progress)
        progress("Đối chiếu số dòng từng bảng…")
        _verify_counts(manifest["row_counts"], engine.counts(), keep)
        progress(f"Đặt {vn(len(staged))} tệp tải lên vào {media_root}…")
        for source, entry in staged:
            target = media_root / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            _place(source, target)
            placed.append(target)
        progress("Đối chiếu mã băm các tệp đã đặt…")
        for target, (_source, entry) in zip(placed, staged, strict=True):
            if sha256_of(target) != entry["sha256"]:
                raise OperationFailed(f"Tệp {entry['path']} sai mã băm sau khi khôi phục.")
    except BaseException:
        progress("Lỗi: hoàn tác — làm trống lại cơ sở dữ liệu và gỡ các tệp đã đặt.")
        for target in placed:
            target.unlink(missing_ok=True)
        _remove_empty_dirs(media_root)
        engine.wipe(keep)
        raise


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
        handle = tar.extractfile(member)
        manifest = json.loads(handle.read()) if handle else None
    except (KeyError, ValueError) as exc:
        raise InvalidData("Tệp này không phải bản sao lưu TĐKT (thiếu manifest.json).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InvalidData("Tệp này không phải bản sao lưu TĐKT.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise InvalidData(
            f"Bản sao lưu có định dạng phiên bản {manifest.get('format_version')}, phiên bản này "
            f"của TĐKT chỉ đọc phiên bản {FORMAT_VERSION}."
        )
    return manifest


def _check_engine(manifest: dict[str, Any], engine: Engine) -> None:
    if manifest["engine"] != engine.name:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise InvalidData(
            f"Bản sao lưu này của {names.get(manifest['engine'], manifest['engine'])}, còn cơ sở "
            f"dữ liệu đích là {names[engine.name]}: chỉ khôi phục được vào cùng loại cơ sở dữ "
            "liệu (đặt DATABASE_URL cho đúng)."
        )


def _check_migrations(manifest: dict[str, Any]) -> list[str]:
    """Refuse an archive made by a newer TĐKT; return what `tdkt migrate` will still have to do."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = sorted(archived - known)
    if unknown:
        raise InvalidData(
            "Bản sao lưu được tạo bởi một phiên bản TĐKT mới hơn (có các bước nâng cấp mà phiên "
            f"bản này không biết, ví dụ {unknown[0][0]}.{unknown[0][1]}): hãy cài phiên bản đó."
        )
    return sorted(f"{app}.{name}" for app, name in known - archived)


def _stage_database(
    tar: tarfile.TarFile, manifest: dict[str, Any], engine: Engine, staging: Path
) -> Path:
    entry = manifest["database"]
    target = staging / engine.member
    handle = _member(tar, entry["member"])
    stream: Any = gzip.GzipFile(fileobj=handle) if entry["member"].endswith(".gz") else handle
    try:
        _copy_verified(stream, target, entry, entry["member"])
    except (OSError, EOFError) as exc:
        raise InvalidData(f"Bản sao lưu bị hỏng ({entry['member']}: {exc}).") from exc
    return target


def _stage_media(
    tar: tarfile.TarFile, manifest: dict[str, Any], staging: Path, progress: Progress
) -> list[tuple[Path, dict[str, Any]]]:
    staged = []
    for i, entry in enumerate(manifest["media"], 1):
        relative = _safe_relative(entry["path"])
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_verified(_member(tar, MEDIA + entry["path"]), target, entry, entry["path"])
        staged.append((target, entry))
        if i % 500 == 0:
            progress(f"  {vn(i)}/{vn(len(manifest['media']))} tệp")
    return staged


def _member(tar: tarfile.TarFile, name: str) -> IO[bytes]:
    try:
        member = tar.getmember(name)
    except KeyError as exc:
        raise InvalidData(f"Bản sao lưu bị hỏng: thiếu {name}.") from exc
    handle = tar.extractfile(member) if member.isfile() else None
    if handle is None:
        raise InvalidData(f"Bản sao lưu bị hỏng: {name} không phải một tệp.")
    return handle


def _copy_verified(stream: IO[bytes], target: Path, entry: dict[str, Any], label: str) -> None:
    digest, written = hashlib.sha256(), 0
    with target.open("xb") as out:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            written += len(chunk)
            out.write(chunk)
    if written != entry["bytes"] or digest.hexdigest() != entry["sha256"]:
        raise InvalidData(f"Bản sao lưu bị hỏng: {label} không khớp mã băm SHA-256 trong manifest.")


def _safe_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if not path or relative.is_absolute() or ".." in relative.parts or "\\" in path:
        raise InvalidData(f"Bản sao lưu chứa đường dẫn tệp không hợp lệ: {path!r}.")
    return relative


def _verify_counts(expected: dict[str, int], found: dict[str, int], keep: set[str]) -> None:
    # Unrelated empty tables the target already had (see `blocking_tables`) are not the archive's.
    found = {t: n for t, n in found.items() if t in expected or t not in keep}
    wrong = sorted(t for t in expected.keys() | found.keys() if expected.get(t) != found.get(t))
    if wrong:
        raise OperationFailed(
            "Số dòng sau khi khôi phục không khớp manifest ở các bảng: " + ", ".join(wrong[:5])
        )


def _place(source: Path, target: Path) -> None:
    """Never overwrite: a hard link fails if the target exists; across file systems, copy with
    exclusive creation."""
    try:
        os.link(source, target)
    except OSError as exc:
        if isinstance(exc, FileExistsError):
            raise
        with source.open("rb") as src, target.open("xb") as dst:
            shutil.copyfileobj(src, dst, CHUNK)


def _remove_empty_dirs(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


# ---------------------------------------------------------------------------------------- helpers


class _scratch:
    """A private folder next to the destination (same file system), removed whatever happens."""

    def __init__(self, parent: Path, prefix: str) -> None:
        parent.mkdir(parents=True, exist_ok=True)
        self.path = parent / f"{prefix}{secrets.token_hex(4)}"

    def __enter__(self) -> Path:
        self.path.mkdir(mode=0o700)
        return self.path

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _open_archive(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r")
    except FileNotFoundError as exc:
        raise InvalidData(f"Không có tệp {path}.") from exc
    except tarfile.TarError as exc:
        raise InvalidData(f"Tệp {path} không phải bản sao lưu TĐKT ({exc}).") from exc


class _HashingReader:
    def __init__(self, f: IO[bytes]) -> None:
        self.f, self.digest = f, hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        chunk = self.f.read(n)
        self.digest.update(chunk)
        return chunk

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def seconds(n: float) -> str:
    return f"{n:.1f}".replace(".", ",")


def size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tdkt")
    except PackageNotFoundError:
        return "?"


def parse_created_at(manifest: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(manifest["created_at"])
