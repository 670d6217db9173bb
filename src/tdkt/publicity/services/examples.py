"""Writing an example up: drafting and editing it (while it is a draft or was returned), its
photos, and the record of how it was spread to other units."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.movements.models import Movement, MovementStatus
from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person, Position
from tdkt.publicity import images
from tdkt.publicity.models import (
    EDITABLE,
    Example,
    ExampleKind,
    Photo,
    SpreadMethod,
    SpreadRecord,
)
from tdkt.publicity.services.moves import level_above
from tdkt.records.models import AwardEntry
from tdkt.text import clean, search_key
from tdkt.workflow import clock
from tdkt.workflow.access import can, ensure_can
from tdkt.workflow.locking import bump_version, lock
from tdkt.workflow.machine import user_or_none
from tdkt.workflow.reasons import clean_text

TITLE_MIN = 10
STORY_MIN = 100
MAX_PHOTOS = 12
CAPTION_MAX = 300
ALT_MAX = 200


@dataclass
class ExampleData:
    """What the unit writes about an example (everything but its status)."""

    kind: str
    title: str
    summary: str
    story: str
    year: int
    person: Person | None = None
    collective: Unit | None = None
    model_name: str = ""
    movements: Sequence[Movement] = ()
    awards: Sequence[AwardEntry] = ()


@transaction.atomic
def create_example(
    *, actor: Any, unit: Unit, data: ExampleData, now: dt.datetime | None = None
) -> Example:
    ensure_can(actor, "edit", unit.pk)
    now = clock.now(now)
    if not unit.is_active_on(clock.today(now)):
        raise InvalidData(_("Đơn vị không còn hoạt động."), code="unit_inactive")
    values = _validated(unit, data, clock.today(now))
    example = Example.objects.create(
        unit=unit, created_by=user_or_none(actor), created_at=now, updated_at=now, **values
    )
    example.movements.set(data.movements)
    example.awards.set(data.awards)
    record(
        actor=actor,
        action="example.created",
        obj=example,
        after=_facts(example),
        unit_id=unit.pk,
    )
    return example


@transaction.atomic
def update_example(
    *,
    actor: Any,
    example: Example,
    data: ExampleData,
    version: int | None,
    now: dt.datetime | None = None,
) -> Example:
    ensure_can(actor, "edit", example.unit_id)
    now = clock.now(now)
    values = _validated(example.unit, data, clock.today(now))
    before = _facts(example)
    _lock_editable(example, version)
    for name, value in values.items():
        setattr(example, name, value)
    example.updated_at = now
    example.save(update_fields=[*values, "updated_at", "version"])
    example.movements.set(data.movements)
    example.awards.set(data.awards)
    record(
        actor=actor,
        action="example.updated",
        obj=example,
        before=before,
        after=_facts(example),
        unit_id=example.unit_id,
    )
    return example


@transaction.atomic
def add_photo(
    *,
    actor: Any,
    example: Example,
    upload: Any,
    alt_text: str,
    caption: str = "",
    order: int | None = None,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Photo:
    """`upload` is a file, or an `images.Prepared` photo (the demo prepares each picture once)."""
    ensure_can(actor, "edit", example.unit_id)
    alt = clean(alt_text)[:ALT_MAX]
    if not alt:
        raise InvalidData(
            _("Hãy mô tả ngắn nội dung ảnh (dành cho người đọc không xem được ảnh)."),
            code="alt_text_required",
        )
    prepared = upload if isinstance(upload, images.Prepared) else images.prepare(upload)
    _lock_editable(example, version)
    if example.photos.count() >= MAX_PHOTOS:
        raise InvalidData(
            _("Mỗi điển hình có tối đa %(n)s ảnh.") % {"n": MAX_PHOTOS}, code="too_many_photos"
        )
    image_path, thumb_path = images.store(prepared)
    photo = Photo.objects.create(
        example=example,
        image=image_path,
        thumbnail=thumb_path,
        width=prepared.width,
        height=prepared.height,
        sha256=prepared.sha256,
        original_name=prepared.original_name,
        caption=clean(caption)[:CAPTION_MAX],
        alt_text=alt,
        order=example.photos.count() if order is None else order,
        uploaded_by=user_or_none(actor),
        uploaded_at=clock.now(now),
    )
    example.save(update_fields=["version"])
    record(
        actor=actor,
        action="example.photo_added",
        obj=example,
        after={"photo": photo.pk, "caption": photo.caption, "sha256": photo.sha256},
        unit_id=example.unit_id,
    )
    return photo


@transaction.atomic
def remove_photo(*, actor: Any, photo: Photo, version: int | None = None) -> Example:
    """The row goes; the file stays (another photo may share it, and files are never edited)."""
    example = photo.example
    ensure_can(actor, "edit", example.unit_id)
    _lock_editable(example, version)
    before = {"photo": photo.pk, "caption": photo.caption, "sha256": photo.sha256}
    photo.delete()
    example.save(update_fields=["version"])
    record(
        actor=actor,
        action="example.photo_removed",
        obj=example,
        before=before,
        unit_id=example.unit_id,
    )
    return example


def may_record_spread(actor: Any, example: Example) -> bool:
    """The owning unit, or the level above it (which often organises the spreading)."""
    return can(actor, "edit", example.unit_id) or can(actor, "approve", level_above(example.unit))


@transaction.atomic
def record_spread(
    *,
    actor: Any,
    example: Example,
    unit: Unit,
    on: dt.date,
    method: str,
    note: str = "",
    result: str = "",
    version: int | None = None,
    now: dt.datetime | None = None,
) -> SpreadRecord:
    if not may_record_spread(actor, example):
        raise NotAllowed(_("Bạn không có quyền ghi nhận việc nhân rộng điển hình này."))
    now = clock.now(now)
    if method not in SpreadMethod.values:
        raise InvalidData(_("Hãy chọn hình thức nhân rộng."), code="method_required")
    if on > clock.today(now) or on.year < example.year:
        raise InvalidData(
            _("Ngày nhân rộng phải từ năm %(y)s đến hôm nay.") % {"y": example.year},
            code="date_out_of_range",
        )
    if not unit.is_active_on(on):
        raise InvalidData(
            _("Đơn vị «%(u)s» không hoạt động vào ngày đó.") % {"u": unit.name},
            code="unit_inactive",
        )
    bump_version(example, version)
    spread = SpreadRecord.objects.create(
        example=example,
        unit=unit,
        on=on,
        method=method,
        note=clean_text(note),
        result=clean_text(result),
        created_by=user_or_none(actor),
        created_at=now,
    )
    record(
        actor=actor,
        action="example.spread_recorded",
        obj=example,
        after={"unit": unit.pk, "on": on, "method": method},
        unit_id=example.unit_id,
    )
    return spread


# -- checks ---------------------------------------------------------------------------------------


def _lock_editable(example: Example, version: int | None) -> None:
    """Lock the example (checking the version the user edited) and refuse unless its unit may
    still change it; the caller saves the advanced version."""
    locked = lock(example, version)
    if locked.status not in EDITABLE:
        raise TransitionNotAllowed(
            _("Điển hình đã gửi lên cấp trên hoặc đã công bố: không sửa được."),
            code="invalid_transition",
        )
    example.status = locked.status
    example.version = locked.version + 1


def _validated(unit: Unit, data: ExampleData, today: dt.date) -> dict[str, Any]:
    if data.kind not in ExampleKind.values:
        raise InvalidData(_("Hãy chọn loại điển hình."), code="kind_required")
    title, summary, story = clean(data.title), clean(data.summary), clean_text(data.story)
    if len(title) < TITLE_MIN:
        raise InvalidData(
            _("Tiêu đề cần ít nhất %(n)s ký tự.") % {"n": TITLE_MIN}, code="title_required"
        )
    if not summary:
        raise InvalidData(_("Hãy viết phần tóm tắt."), code="summary_required")
    if len(story) < STORY_MIN:
        raise InvalidData(
            _("Câu chuyện điển hình cần ít nhất %(n)s ký tự.") % {"n": STORY_MIN},
            code="story_required",
        )
    if not 1945 <= data.year <= today.year:
        raise InvalidData(_("Năm không hợp lệ."), code="year_invalid")
    subject = _subject(unit, data)
    _check_movements(data.movements)
    _check_awards(unit, data, subject)
    return {
        "kind": data.kind,
        **subject,
        "title": title[:200],
        "summary": summary[:500],
        "story": story,
        "year": data.year,
        "search_text": search_key(
            title,
            _subject_name(data),
            subject["model_name"],
            unit.name,
            summary,
            story,
        ),
    }


def _subject(unit: Unit, data: ExampleData) -> dict[str, Any]:
    """The person, collective or model the example is about, checked against the unit: a person
    who worked in its subtree (now or before), a collective of its subtree."""
    reach = UnitScope.objects.filter(ancestor=unit).values("descendant_id")
    if data.kind == ExampleKind.PERSON:
        if data.person is None:
            raise InvalidData(_("Hãy chọn cá nhân."), code="subject_required")
        if not Position.objects.filter(person=data.person, unit__in=reach).exists():
            raise InvalidData(
                _("%(p)s không công tác tại đơn vị hoặc đơn vị trực thuộc.")
                % {"p": data.person.full_name},
                code="subject_outside_unit",
            )
        return {"person": data.person, "collective": None, "model_name": ""}
    if data.kind == ExampleKind.COLLECTIVE:
        if data.collective is None:
            raise InvalidData(_("Hãy chọn tập thể."), code="subject_required")
        if not UnitScope.objects.filter(ancestor=unit, descendant=data.collective).exists():
            raise InvalidData(
                _("Tập thể phải là đơn vị hoặc đơn vị trực thuộc."),
                code="subject_outside_unit",
            )
        return {"person": None, "collective": data.collective, "model_name": ""}
    name = clean(data.model_name)[:200]
    if not name:
        raise InvalidData(_("Hãy đặt tên cho mô hình, cách làm hay."), code="subject_required")
    return {"person": None, "collective": None, "model_name": name}


def _subject_name(data: ExampleData) -> str:
    if data.kind == ExampleKind.PERSON and data.person is not None:
        return data.person.full_name
    if data.kind == ExampleKind.COLLECTIVE and data.collective is not None:
        return data.collective.name
    return ""


def _check_movements(movements: Sequence[Movement]) -> None:
    for movement in movements:
        if movement.status in (MovementStatus.DRAFT, MovementStatus.CANCELLED):
            raise InvalidData(
                _("Phong trào «%(m)s» chưa được phát động.") % {"m": movement.name},
                code="movement_not_launched",
            )


def _check_awards(unit: Unit, data: ExampleData, subject: dict[str, Any]) -> None:
    """Only awards the subject holds (for a model: the owning unit's), not revoked."""
    for entry in data.awards:
        if data.kind == ExampleKind.PERSON:
            ours = entry.person_id == subject["person"].pk
        elif data.kind == ExampleKind.COLLECTIVE:
            ours = entry.unit_id == subject["collective"].pk
        else:
            ours = entry.unit_id == unit.pk
        if not ours or entry.revoked_on is not None:
            raise InvalidData(
                _("Khen thưởng «%(a)s» không phải của cá nhân, tập thể này hoặc đã bị thu hồi.")
                % {"a": str(entry)},
                code="award_not_held",
            )


def _facts(example: Example) -> dict[str, Any]:
    return {
        "kind": example.kind,
        "title": example.title,
        "year": example.year,
        "subject": example.subject_name,
        "status": example.status,
    }
