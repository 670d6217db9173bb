"""A small world for exemplary models, on top of the shared sector (tests/conftest.py):

- Khu vực 1 - Quảng Trị writes examples up; its officer `kv1_officer`;
- VKSND tỉnh Quảng Trị, the level above, approves and publishes: the shared `officer` persona;
- VKSND tối cao above everything: `vkstc_officer`; Bến Tre's officer is the shared `outsider`;
- photos are drawn with Pillow in memory."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from tdkt.accounts.models import User
from tdkt.publicity.models import DecisionPublication, Example
from tdkt.publicity.services import decisions, examples, moves
from tdkt.publicity.services.examples import ExampleData
from tests.conftest import Sector
from tests.nominations.builders import Officers, officers

NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))
STORY = (
    "Đồng chí luôn gương mẫu, tận tụy với công việc, nắm chắc nghiệp vụ thực hành quyền "
    "công tố.\n\n"
    "Trong năm, đồng chí trực tiếp giải quyết nhiều vụ án phức tạp, không để xảy ra oan, sai; "
    "được đồng nghiệp tin yêu, nhân dân tin tưởng."
)


def jpeg_bytes(
    size: tuple[int, int] = (900, 600), color: str = "#9b1c1c", exif: Any = None
) -> bytes:
    picture = Image.new("RGB", size, color)
    ImageDraw.Draw(picture).ellipse(
        (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), "#d4a017"
    )
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def jpeg_upload(name: str = "anh.jpg", **kw: Any) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kw), content_type="image/jpeg")


@dataclass
class World(Officers):
    outsider: User


def build_world(s: Sector, officer: User, outsider: User) -> World:
    return World(**officers(s, officer), outsider=outsider)


def unpublish(world: World, publication: DecisionPublication, reason: str) -> None:
    """The province takes a published award decision off the public site."""
    decisions.unpublish_decision(
        actor=world.qt_officer,
        publication=publication,
        version=publication.version,
        reason_code="other",
        reason=reason,
    )


def data(world: World, **changes: Any) -> ExampleData:
    values: dict[str, Any] = {
        "kind": "person",
        "person": world.s.an,
        "title": "Tấm gương Kiểm sát viên tận tụy vì công lý",
        "summary": "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, không để xảy ra oan sai.",
        "story": STORY,
        "year": 2025,
    }
    values.update(changes)
    return ExampleData(**values)


def draft(
    world: World, unit: Any = None, actor: Any = "kv1", now: Any = NOW, **changes: Any
) -> Example:
    who = world.kv1_officer if actor == "kv1" else actor
    return examples.create_example(
        actor=who, unit=unit or world.s.kv1, data=data(world, **changes), now=now
    )


def submitted(world: World, **changes: Any) -> Example:
    example = draft(world, **changes)
    return moves.submit_example(actor=None, example=example, version=example.version, now=NOW)


def published(world: World, photo: bool = True, **changes: Any) -> Example:
    example = draft(world, **changes)
    if photo:
        examples.add_photo(
            actor=None, example=example, upload=jpeg_upload(), alt_text="Đồng chí tại phiên tòa"
        )
    for step in (moves.submit_example, moves.approve_example, moves.publish_example):
        step(actor=None, example=example, version=example.version, now=NOW)
    return example


def returned(world: World, **changes: Any) -> Example:
    example = submitted(world, **changes)
    return moves.return_example(
        actor=None,
        example=example,
        version=example.version,
        reason_code="incomplete",
        reason="Cần bổ sung số liệu cụ thể về các vụ án đã giải quyết.",
        now=NOW,
    )
