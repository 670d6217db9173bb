"""Photos of examples: an upload is accepted only if Pillow reads it as a JPEG, PNG or WebP image
of sensible size (whatever its name says), then re-encoded as a resized JPEG and a thumbnail.
Re-encoding drops whatever else the file carried (EXIF with GPS positions, comments, scripts in
a polyglot file). Both are stored under names made of their SHA-256."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tdkt.errors import InvalidData

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
ACCEPT = ".jpg,.jpeg,.png,.webp"
PHOTO_MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # well under Pillow's own decompression-bomb limit
MIN_SIDE = 200
MAIN_BOX = (1600, 1600)
THUMB_SIZE = (480, 320)
FOLDER = "dien-hinh"


@dataclass(frozen=True)
class Prepared:
    """A checked photo, ready to store: the resized JPEG and its thumbnail."""

    image: bytes
    thumbnail: bytes
    width: int
    height: int
    sha256: str
    original_name: str


def max_bytes() -> int:
    return min(PHOTO_MAX_BYTES, int(settings.TDKT_MAX_UPLOAD_BYTES))


def prepare(upload: Any) -> Prepared:
    """Refuse an empty, oversized or non-image file with a Vietnamese message; else resize."""
    name = str(getattr(upload, "name", "") or "anh")[-255:]
    data = _read(upload, name)
    picture = _open(data, name)
    main = picture.copy()
    main.thumbnail(MAIN_BOX, Image.Resampling.LANCZOS)
    thumb = ImageOps.fit(picture, THUMB_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    image_bytes = _jpeg(main, 85)
    return Prepared(
        image=image_bytes,
        thumbnail=_jpeg(thumb, 80),
        width=main.width,
        height=main.height,
        sha256=hashlib.sha256(image_bytes).hexdigest(),
        original_name=name,
    )


def _read(upload: Any, name: str) -> bytes:
    size = int(getattr(upload, "size", 0) or 0)
    limit = max_bytes()
    if size > limit:
        raise InvalidData(
            _("Ảnh «%(n)s» dung lượng %(s)s MB, vượt giới hạn %(m)s MB.")
            % {"n": name, "s": round(size / 1048576, 1), "m": limit // 1048576},
            code="file_too_large",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if not data:
        raise InvalidData(_("Tệp «%(n)s» rỗng.") % {"n": name}, code="empty_file")
    if len(data) > limit:
        raise InvalidData(
            _("Ảnh «%(n)s» vượt giới hạn %(m)s MB.") % {"n": name, "m": limit // 1048576},
            code="file_too_large",
        )
    return bytes(data)


def _not_an_image(name: str) -> InvalidData:
    return InvalidData(
        _("Tệp «%(n)s» không phải là ảnh. Chỉ nhận ảnh %(a)s.")
        % {"n": name, "a": ", ".join(ACCEPTED_FORMATS.values())},
        code="file_type",
    )


def _open(data: bytes, name: str) -> Image.Image:
    """The decoded picture, upright (EXIF orientation applied), in RGB on white."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise _not_an_image(name)
            width, height = probe.size
            # The header's size is checked before anything is decoded (decompression bombs).
            if width * height > MAX_PIXELS:
                raise InvalidData(
                    _("Ảnh «%(n)s» quá lớn (%(w)s × %(h)s điểm ảnh).")
                    % {"n": name, "w": width, "h": height},
                    code="image_too_large",
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()
            upright = ImageOps.exif_transpose(picture)
    except InvalidData:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _not_an_image(name) from None
    if min(upright.size) < MIN_SIDE:
        raise InvalidData(
            _("Ảnh «%(n)s» quá nhỏ: cạnh ngắn cần ít nhất %(m)s điểm ảnh.")
            % {"n": name, "m": MIN_SIDE},
            code="image_too_small",
        )
    return _on_white(upright)


def _on_white(picture: Image.Image) -> Image.Image:
    if picture.mode in ("RGBA", "LA") or "transparency" in picture.info:
        rgba = picture.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return picture.convert("RGB")


def _jpeg(picture: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality)
    return out.getvalue()


def store(prepared: Prepared) -> tuple[str, str]:
    """Save both files (once: a name is its content's hash); returns their storage paths. A
    file written for a transaction that then fails stays, unreferenced: another row may come to
    use the same picture, so nothing is deleted."""
    base = f"{FOLDER}/{prepared.sha256[:2]}/{prepared.sha256}"
    return (
        _save(f"{base}.jpg", prepared.image),
        _save(f"{base}-nho.jpg", prepared.thumbnail),
    )


def _save(path: str, content: bytes) -> str:
    if default_storage.exists(path):
        return path
    return default_storage.save(path, ContentFile(content))


def read(path: str) -> bytes:
    with default_storage.open(path, "rb") as handle:
        return bytes(handle.read())
