"""Business events of a person's identity and career, as the system and imports record them:
each is atomic and writes its audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import Conflict, InvalidData
from tdkt.org.models import Unit
from tdkt.people.models import (
    HEAD_POSTS,
    LEADER_POSTS,
    Gender,
    Person,
    Position,
    PostKind,
)
from tdkt.text import clean, person_sort_key, search_key, split_full_name
from tdkt.workflow.locking import bump_version

PERSON_FIELDS = ["full_name", "gender", "birth_date", "citizen_id", "recruited_on", "left_on"]


def person_keys(full_name: str, citizen_id: str | None) -> dict[str, str]:
    family, middle, given = split_full_name(full_name)
    return {
        "family_name": family,
        "middle_name": middle,
        "given_name": given,
        "search_text": search_key(full_name, citizen_id or ""),
        "sort_key": person_sort_key(family, middle, given),
    }


def validate_identity(
    *, full_name: str, birth_date: dt.date | None, citizen_id: str | None, gender: str
) -> None:
    if not clean(full_name):
        raise InvalidData(_("Họ và tên không được để trống."))
    if birth_date is None:
        raise InvalidData(_("Thiếu ngày sinh."))
    if gender not in Gender.values:
        raise InvalidData(_("Giới tính phải là Nam hoặc Nữ."))
    if citizen_id and not (len(citizen_id) == 12 and citizen_id.isdigit()):
        raise InvalidData(_("Số CCCD phải gồm đúng 12 chữ số."))


@transaction.atomic
def create_person(
    *,
    actor: Any,
    full_name: str,
    gender: str,
    birth_date: dt.date,
    unit: Unit,
    post_kind: str = PostKind.CHUYEN_VIEN,
    post: str = "",
    position_from: dt.date | None = None,
    citizen_id: str | None = None,
    recruited_on: dt.date | None = None,
    is_unit_head: bool | None = None,
) -> Person:
    full_name, citizen_id = clean(full_name), (clean(citizen_id) or None)
    validate_identity(
        full_name=full_name, birth_date=birth_date, citizen_id=citizen_id, gender=gender
    )
    if citizen_id and Person.objects.filter(citizen_id=citizen_id).exists():
        raise Conflict(_("Đã có cán bộ với số CCCD %(id)s.") % {"id": citizen_id})
    person = Person.objects.create(
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        citizen_id=citizen_id,
        recruited_on=recruited_on,
        unit=unit,
        **person_keys(full_name, citizen_id),
    )
    record(
        actor=actor,
        action="person.created",
        obj=person,
        after=snapshot(person, PERSON_FIELDS),
        unit_id=unit.pk,
    )
    assign_position(
        actor=actor,
        person=person,
        unit=unit,
        post_kind=post_kind,
        post=post,
        valid_from=position_from or recruited_on or dt.date.today(),
        is_unit_head=is_unit_head,
    )
    return person


def check_changes(changes: dict[str, Any]) -> None:
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidData(_("Không thể sửa trường: %(f)s") % {"f": ", ".join(sorted(unknown))})


def apply_changes(person: Person, changes: dict[str, Any]) -> dict[str, str]:
    """Set the changed identity fields on `person` (unsaved), checked, and the keys derived
    from the name and citizen ID; returns those keys."""
    for name, value in changes.items():
        setattr(person, name, clean(value) if isinstance(value, str) else value)
    person.citizen_id = person.citizen_id or None
    validate_identity(
        full_name=person.full_name,
        birth_date=person.birth_date,
        citizen_id=person.citizen_id,
        gender=person.gender,
    )
    keys = person_keys(person.full_name, person.citizen_id)
    for key, value in keys.items():
        setattr(person, key, value)
    return keys


@transaction.atomic
def update_person(
    *, actor: Any, person: Person, version: int | None = None, reason: str = "", **changes: Any
) -> Person:
    """Change identity fields; `version` (the one the user edited) must still be current."""
    check_changes(changes)
    bump_version(person, version)
    before = snapshot(person, PERSON_FIELDS)
    keys = apply_changes(person, changes)
    try:
        person.save(update_fields={*changes, "citizen_id", *keys, "updated_at", "version"})
    except IntegrityError as exc:
        raise Conflict(_("Số CCCD đã được dùng cho cán bộ khác.")) from exc
    after = snapshot(person, PERSON_FIELDS)
    if after != before:
        record(
            actor=actor,
            action="person.updated",
            obj=person,
            before=before,
            after=after,
            reason=reason,
            unit_id=person.unit_id,
        )
    return person


@transaction.atomic
def assign_position(
    *,
    actor: Any,
    person: Person,
    unit: Unit,
    post_kind: str,
    valid_from: dt.date,
    post: str = "",
    is_unit_head: bool | None = None,
) -> Position:
    """Start a new post; the current one (if any) ends the day before. Positions never overlap:
    a closed last position must have ended before `valid_from`."""
    if post_kind not in PostKind.values:
        raise InvalidData(_("Chức vụ không hợp lệ: %(p)s") % {"p": post_kind})
    head = post_kind in HEAD_POSTS if is_unit_head is None else is_unit_head
    if head and post_kind not in LEADER_POSTS:
        raise InvalidData(
            _("Người đứng đầu đơn vị phải giữ một chức vụ lãnh đạo (Viện trưởng, Vụ trưởng…).")
        )
    latest = person.positions.order_by("-valid_from").first()
    if latest is not None and latest.valid_to is None:
        if latest.valid_from >= valid_from:
            raise InvalidData(_("Ngày bắt đầu chức vụ mới phải sau ngày bắt đầu chức vụ hiện tại."))
        latest.valid_to = valid_from - dt.timedelta(days=1)
        latest.save(update_fields=["valid_to"])
    elif latest is not None and latest.valid_to is not None and latest.valid_to >= valid_from:
        raise InvalidData(
            _("Ngày bắt đầu phải sau ngày kết thúc chức vụ trước (%(d)s).")
            % {"d": f"{latest.valid_to:%d/%m/%Y}"}
        )
    bump_version(person, None)
    position = Position.objects.create(
        person=person,
        unit=unit,
        post_kind=post_kind,
        post=clean(post) or str(PostKind(post_kind).label),
        is_leader=post_kind in LEADER_POSTS,
        is_unit_head=head,
        valid_from=valid_from,
    )
    before = {"unit_id": person.unit_id, "post": person.post}
    person.unit, person.post, person.is_leader = unit, position.post, position.is_leader
    person.save(update_fields=["unit", "post", "is_leader", "updated_at"])
    record(
        actor=actor,
        action="position.assigned",
        obj=position,
        before=before,
        after=snapshot(position),
        unit_id=unit.pk,
    )
    return position
