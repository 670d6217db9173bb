"""Bulk writes for imports (tdkt.imports): many people created or updated in a few queries, with
their audit entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditEntry
from tdkt.audit.services import entry as audit_entry
from tdkt.audit.services import snapshot
from tdkt.errors import Conflict, InvalidData
from tdkt.org.models import Unit
from tdkt.people.models import (
    HEAD_POSTS,
    LEADER_POSTS,
    Person,
    Position,
    PostKind,
)
from tdkt.people.services.identity import (
    PERSON_FIELDS,
    apply_changes,
    check_changes,
    person_keys,
    validate_identity,
)
from tdkt.text import clean

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
            check_changes(update.changes)
            apply_changes(person, update.changes)
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
    _update_grouped(Person, changed, [], updated_at=timezone.now(), version=F("version") + 1)
    return [p.pk for p in changed], started


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
