"""Checking and storing an uploaded file: its type from its first bytes (not from its name
alone), its size, its SHA-256; stored under a random name so that nothing is ever overwritten."""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.errors import InvalidData


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


PDF = FileType(".pdf", "application/pdf", "PDF")
DOCX = FileType(
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (.docx)",
)
XLSX = FileType(
    ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)"
)
JPEG = FileType(".jpg", "image/jpeg", "JPEG")
PNG = FileType(".png", "image/png", "PNG")
ALLOWED_TYPES = (PDF, DOCX, XLSX, JPEG, PNG)
ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
_EXTENSIONS = {".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}


def max_bytes() -> int:
    return int(settings.TDKT_MAX_UPLOAD_BYTES)


def sniff(head: bytes, data: Any, extension: str) -> FileType | None:
    """The type the content really has, if it is one we accept and agrees with the extension."""
    expected = _EXTENSIONS.get(extension)
    if expected is None:
        return None
    if expected is PDF and head.startswith(b"%PDF-"):
        return PDF
    if expected is JPEG and head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if expected is PNG and head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if expected in (DOCX, XLSX) and head.startswith(b"PK\x03\x04"):
        part = "word/document.xml" if expected is DOCX else "xl/workbook.xml"
        try:
            data.seek(0)
            with zipfile.ZipFile(data) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            data.seek(0)
        return expected if part in names and "[Content_Types].xml" in names else None
    return None


@dataclass(frozen=True)
class Checked:
    file_type: FileType
    size: int
    sha256: str
    name: str


def check_upload(upload: Any) -> Checked:
    """Refuse an empty, oversized or unrecognised file with a message naming what is accepted."""
    name = str(getattr(upload, "name", "") or "tep")
    size = int(getattr(upload, "size", 0) or 0)
    limit = max_bytes()
    if size <= 0:
        raise InvalidData(_("Tệp «%(n)s» rỗng.") % {"n": name}, code="empty_file")
    if size > limit:
        raise InvalidData(
            _("Tệp «%(n)s» dung lượng %(s)s MB, vượt giới hạn %(m)s MB.")
            % {"n": name, "s": round(size / 1048576, 1), "m": limit // 1048576},
            code="file_too_large",
        )
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    file_type = sniff(head, upload, extension)
    if file_type is None:
        allowed = ", ".join(t.label for t in ALLOWED_TYPES)
        raise InvalidData(
            _("Tệp «%(n)s» không đúng định dạng. Chấp nhận: %(a)s.") % {"n": name, "a": allowed},
            code="file_type",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        digest.update(chunk)
    upload.seek(0)
    return Checked(file_type, size, digest.hexdigest(), name[-255:])


def store(upload: Any, checked: Checked, folder: str) -> str:
    """Save under a fresh random name (never over an existing file); returns the storage path."""
    day = timezone.localdate()
    path = f"{folder}/{day:%Y/%m}/{uuid.uuid4().hex}{checked.file_type.extension}"
    return default_storage.save(path, upload)


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with default_storage.open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
