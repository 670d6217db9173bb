"""Business events of people: each is atomic and writes its audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditEntry
from tdkt.audit.services import entry as audit_entry
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
    ServiceKind,
    ServicePeriod,
)
from tdkt.text import clean, person_sort_key, search_key, split_full_name

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
    )
    return person


@transaction.atomic
def update_person(*, actor: Any, person: Person, **changes: Any) -> Person:
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidData(_("Không thể sửa trường: %(f)s") % {"f": ", ".join(sorted(unknown))})
    before = snapshot(person, PERSON_FIELDS)
    for name, value in changes.items():
        setattr(person, name, clean(value) if isinstance(value, str) else value)
    person.citizen_id = person.citizen_id or None
    validate_identity(
        full_name=person.full_name,
        birth_date=person.birth_date,
        citizen_id=person.citizen_id,
        gender=person.gender,
    )
    for key, value in person_keys(person.full_name, person.citizen_id).items():
        setattr(person, key, value)
    try:
        person.save()
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
    """Start a new post; the current one (if any) ends the day before."""
    if post_kind not in PostKind.values:
        raise InvalidData(_("Chức vụ không hợp lệ: %(p)s") % {"p": post_kind})
    current = person.positions.filter(valid_to__isnull=True).order_by("-valid_from").first()
    if current is not None:
        if current.valid_from >= valid_from:
            raise InvalidData(_("Ngày bắt đầu chức vụ mới phải sau ngày bắt đầu chức vụ hiện tại."))
        current.valid_to = valid_from - dt.timedelta(days=1)
        current.save(update_fields=["valid_to"])
    head = post_kind in HEAD_POSTS if is_unit_head is None else is_unit_head
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


@transaction.atomic
def record_service_period(
    *,
    actor: Any,
    person: Person,
    kind: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    organisation: str = "",
) -> ServicePeriod:
    if kind not in ServiceKind.values:
        raise InvalidData(_("Loại thời gian công tác không hợp lệ."))
    if valid_to is not None and valid_to < valid_from:
        raise InvalidData(_("Ngày kết thúc phải sau ngày bắt đầu."))
    period = ServicePeriod.objects.create(
        person=person,
        kind=kind,
        organisation=clean(organisation),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    record(
        actor=actor,
        action="service.recorded",
        obj=period,
        after=snapshot(period),
        unit_id=person.unit_id,
    )
    return period


# --- Bulk writes for imports (tdkt.imports) -------------------------------------------------
# One transaction, bulk inserts and updates, the same guards as the single-record services, and
# one audit entry per person or position, bulk-inserted in the same transaction.

IMPORT_BATCH_SIZE = 1000
_QUERY_CHUNK = 5000


@dataclass(frozen=True)
class NewPosition:
    unit_id: int
    post_kind: str
    valid_from: dt.date


@dataclass(frozen=True)
class NewPerson:
    full_name: str
    gender: str
    birth_date: dt.date
    position: NewPosition
    citizen_id: str | None = None
    recruited_on: dt.date | None = None


@dataclass(frozen=True)
class PersonUpdate:
    """Changes to one person: some of PERSON_FIELDS, and/or a new position (the current one
    then ends the day before)."""

    person_id: int
    changes: dict[str, Any] = field(default_factory=dict)
    new_position: NewPosition | None = None


@dataclass
class BulkPeopleResult:
    created: list[Person]
    updated_ids: list[int]
    positions_started: int


def _chunks(items: list[Any], size: int = _QUERY_CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _taken_citizen_ids(citizen_ids: list[str], exclude_ids: set[int]) -> set[str]:
    taken: set[str] = set()
    for chunk in _chunks(citizen_ids):
        for pk, cid in Person.objects.filter(citizen_id__in=chunk).values_list("pk", "citizen_id"):
            if pk not in exclude_ids and cid:
                taken.add(cid)
    return taken


def _check_post(post_kind: str) -> None:
    if post_kind not in PostKind.values:
        raise InvalidData(_("Chức vụ không hợp lệ: %(p)s") % {"p": post_kind})


@transaction.atomic
def bulk_save_people(
    *,
    actor: Any,
    new: list[NewPerson],
    updates: list[PersonUpdate],
    batch_size: int = IMPORT_BATCH_SIZE,
) -> BulkPeopleResult:
    """Create `new` people with their first position and apply `updates`, all or nothing.

    Raises InvalidData or Conflict (nothing written) on any row the single-record services would
    refuse; the importer has already told the user about each of them by row and column."""
    created, new_positions, entries = _create_people(actor, new, batch_size)
    updated_ids, moved = _update_people(actor, updates, entries, batch_size)
    Position.objects.bulk_create(moved, batch_size=batch_size)
    for position in moved:
        entries.append(
            audit_entry(
                actor=actor,
                action="position.assigned",
                obj=position,
                after=snapshot(position),
                unit_id=position.unit_id,
            )
        )
    AuditEntry.objects.bulk_create(entries, batch_size=batch_size)
    return BulkPeopleResult(created, updated_ids, len(new_positions) + len(moved))


def _create_people(
    actor: Any, new: list[NewPerson], batch_size: int
) -> tuple[list[Person], list[Position], list[AuditEntry]]:
    people: list[Person] = []
    for item in new:
        full_name, citizen_id = clean(item.full_name), clean(item.citizen_id) or None
        validate_identity(
            full_name=full_name,
            birth_date=item.birth_date,
            citizen_id=citizen_id,
            gender=item.gender,
        )
        _check_post(item.position.post_kind)
        people.append(
            Person(
                full_name=full_name,
                gender=item.gender,
                birth_date=item.birth_date,
                citizen_id=citizen_id,
                recruited_on=item.recruited_on,
                unit_id=item.position.unit_id,
                post=str(PostKind(item.position.post_kind).label),
                is_leader=item.position.post_kind in LEADER_POSTS,
                **person_keys(full_name, citizen_id),
            )
        )
    citizen_ids = [p.citizen_id for p in people if p.citizen_id]
    if len(set(citizen_ids)) != len(citizen_ids):
        raise Conflict(_("Danh sách có hai cán bộ cùng một số CCCD."))
    taken = _taken_citizen_ids(citizen_ids, set())
    if taken:
        raise Conflict(_("Đã có cán bộ với số CCCD %(id)s.") % {"id": ", ".join(sorted(taken))})
    Person.objects.bulk_create(people, batch_size=batch_size)
    units = Unit.objects.in_bulk({item.position.unit_id for item in new})
    positions = [
        Position(
            person=person,
            unit=units[item.position.unit_id],
            post_kind=item.position.post_kind,
            post=person.post,
            is_leader=person.is_leader,
            is_unit_head=item.position.post_kind in HEAD_POSTS,
            valid_from=item.position.valid_from,
        )
        for person, item in zip(people, new, strict=True)
    ]
    Position.objects.bulk_create(positions, batch_size=batch_size)
    # One entry per new person; its first position is part of it (what `create_person` writes
    # as two entries), which halves the rows of a large import.
    entries = [
        audit_entry(
            actor=actor,
            action="person.created",
            obj=person,
            unit_id=person.unit_id,
            after={
                **snapshot(person, PERSON_FIELDS),
                "unit_id": position.unit_id,
                "post_kind": position.post_kind,
                "position_from": position.valid_from.isoformat(),
            },
        )
        for person, position in zip(people, positions, strict=True)
    ]
    return people, positions, entries


def _update_people(
    actor: Any, updates: list[PersonUpdate], entries: list[AuditEntry], batch_size: int
) -> tuple[list[int], list[Position]]:
    if not updates:
        return [], []
    ids = [u.person_id for u in updates]
    people = Person.objects.in_bulk(ids)
    if len(people) != len(set(ids)) or len(set(ids)) != len(ids):
        raise Conflict(_("Danh sách cán bộ cần cập nhật đã thay đổi hoặc bị trùng."))
    current = current_positions([u.person_id for u in updates if u.new_position])
    units = Unit.objects.in_bulk({u.new_position.unit_id for u in updates if u.new_position})
    renamed: list[Person] = []
    moved: list[Person] = []
    ended: list[Position] = []
    started: list[Position] = []
    fields: set[str] = set()
    for update in updates:
        person = people[update.person_id]
        before = snapshot(person, PERSON_FIELDS)
        if update.changes:
            _apply_identity_changes(person, update.changes)
            fields.update(update.changes)
            renamed.append(person)
        if update.new_position is not None:
            position = _move(person, update.new_position, current.get(person.pk), ended)
            position.unit = units[position.unit_id]
            started.append(position)
            moved.append(person)
        after = snapshot(person, PERSON_FIELDS)
        if after != before:
            entries.append(
                audit_entry(
                    actor=actor,
                    action="person.updated",
                    obj=person,
                    before=before,
                    after=after,
                    unit_id=person.unit_id,
                )
            )
    _check_updated_citizen_ids(renamed)
    if renamed:
        if "full_name" in fields or "citizen_id" in fields:
            fields.update({"family_name", "middle_name", "given_name", "search_text", "sort_key"})
        Person.objects.bulk_update(renamed, sorted(fields), batch_size=batch_size)
    # Moves share a few (unit, post) values and end dates: grouped UPDATEs are far cheaper than
    # bulk_update's one CASE branch per row.
    _update_grouped(Person, moved, ["unit_id", "post", "is_leader"])
    _update_grouped(Position, ended, ["valid_to"])
    changed = [people[pk] for pk in dict.fromkeys(ids)]
    _update_grouped(Person, changed, [], updated_at=timezone.now())
    return [p.pk for p in changed], started


def _apply_identity_changes(person: Person, changes: dict[str, Any]) -> None:
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidData(_("Không thể sửa trường: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        setattr(person, name, clean(value) if isinstance(value, str) else value)
    person.citizen_id = person.citizen_id or None
    validate_identity(
        full_name=person.full_name,
        birth_date=person.birth_date,
        citizen_id=person.citizen_id,
        gender=person.gender,
    )
    for key, value in person_keys(person.full_name, person.citizen_id).items():
        setattr(person, key, value)


def _update_grouped(model: Any, objs: list[Any], fields: list[str], **fixed: Any) -> None:
    """Save `fields` of `objs` (plus `fixed` values) with one UPDATE per distinct value set."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for obj in objs:
        groups.setdefault(tuple(getattr(obj, f) for f in fields), []).append(obj.pk)
    for values, pks in groups.items():
        for chunk in _chunks(pks):
            model.objects.filter(pk__in=chunk).update(
                **dict(zip(fields, values, strict=True)), **fixed
            )


def current_positions(person_ids: list[int]) -> dict[int, Position]:
    """person id → the person's open position (the latest, should there be several)."""
    current: dict[int, Position] = {}
    for chunk in _chunks(person_ids):
        rows = Position.objects.filter(person_id__in=chunk, valid_to__isnull=True)
        for position in rows.order_by("valid_from"):
            current[position.person_id] = position  # the latest open one wins
    return current


def _move(
    person: Person, target: NewPosition, current: Position | None, ended: list[Position]
) -> Position:
    """The bulk twin of `assign_position`: end the current post the day before, start a new one."""
    _check_post(target.post_kind)
    if current is not None:
        if current.valid_from >= target.valid_from:
            raise InvalidData(_("Ngày bắt đầu chức vụ mới phải sau ngày bắt đầu chức vụ hiện tại."))
        current.valid_to = target.valid_from - dt.timedelta(days=1)
        ended.append(current)
    position = Position(
        person=person,
        unit_id=target.unit_id,
        post_kind=target.post_kind,
        post=str(PostKind(target.post_kind).label),
        is_leader=target.post_kind in LEADER_POSTS,
        is_unit_head=target.post_kind in HEAD_POSTS,
        valid_from=target.valid_from,
    )
    person.unit_id, person.post = target.unit_id, position.post
    person.is_leader = position.is_leader
    return position


def _check_updated_citizen_ids(changed: list[Person]) -> None:
    citizen_ids = [p.citizen_id for p in changed if p.citizen_id]
    if len(set(citizen_ids)) != len(citizen_ids):
        raise Conflict(_("Danh sách có hai cán bộ cùng một số CCCD."))
    taken = _taken_citizen_ids(citizen_ids, {p.pk for p in changed})
    if taken:
        raise Conflict(
            _("Số CCCD đã được dùng cho cán bộ khác: %(id)s") % {"id": ", ".join(sorted(taken))}
        )
