"""Finding the people a file's rows speak of: by citizen ID, or else by name, date of birth and
unit. Everything is loaded up front with one query per lookup kind; matching is then pure Python."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tdkt.people.models import Person, Position
from tdkt.text import name_key

NEW = "new"  # the resolution "tạo cán bộ mới"
_CHUNK = 5000
_FIELDS = (
    "id",
    "full_name",
    "birth_date",
    "citizen_id",
    "gender",
    "recruited_on",
    "unit_id",
    "post",
)


@dataclass(frozen=True)
class Identity:
    row: int
    full_name: str
    birth_date: dt.date
    unit_id: int | None  # None: anywhere in the import's scope
    citizen_id: str | None = None


@dataclass
class Match:
    """The outcome for one row: a person, a new person, an ambiguity, or an error."""

    person: dict[str, Any] | None = None
    is_new: bool = False
    candidates: list[dict[str, Any]] = field(default_factory=list)
    reason: str = ""
    allow_new: bool = False
    error: str = ""
    error_column: str = ""

    @property
    def is_ambiguous(self) -> bool:
        return bool(self.candidates) and self.person is None and not self.is_new


class PeopleIndex:
    """People reachable from a file: those holding its citizen IDs, and those of its units."""

    def __init__(self, scope_unit_ids: set[int], *, can_create: bool) -> None:
        self.scope = scope_unit_ids
        self.can_create = can_create
        self.by_citizen_id: dict[str, dict[str, Any]] = {}
        self.by_key: dict[tuple[int | None, dt.date, str], list[dict[str, Any]]] = defaultdict(list)

    @classmethod
    def load(
        cls,
        identities: list[Identity],
        scope_unit_ids: set[int],
        *,
        can_create: bool,
        include_past_units: bool = False,
    ) -> PeopleIndex:
        """`identities` without a unit are looked for among all the people of the scope."""
        index = cls(scope_unit_ids, can_create=can_create)
        citizen_ids = sorted({i.citizen_id for i in identities if i.citizen_id})
        for chunk in _chunks(citizen_ids):
            for person in Person.objects.filter(citizen_id__in=chunk).values(*_FIELDS):
                index.by_citizen_id[person["citizen_id"]] = person
        scope_wide = any(i.unit_id is None for i in identities)
        unit_ids = sorted(
            scope_unit_ids if scope_wide else {i.unit_id for i in identities if i.unit_id}
        )
        people: dict[int, dict[str, Any]] = {}
        for chunk in _chunks(unit_ids):
            people.update(
                (p["id"], p) for p in Person.objects.filter(unit_id__in=chunk).values(*_FIELDS)
            )
        placements = {(p["id"], p["unit_id"]) for p in people.values()}
        if include_past_units:
            placements |= set(
                Position.objects.filter(unit_id__in=unit_ids).values_list("person_id", "unit_id")
            )
            missing = sorted({pid for pid, _u in placements} - set(people))
            for chunk in _chunks(missing):
                people.update(
                    (p["id"], p) for p in Person.objects.filter(pk__in=chunk).values(*_FIELDS)
                )
        for person_id, unit_id in placements:
            person = people[person_id]
            if person["unit_id"] is not None and person["unit_id"] not in scope_unit_ids:
                continue  # moved out of reach: not ours to change
            key = (unit_id, person["birth_date"], name_key(person["full_name"]))
            index.by_key[key].append(person)
            if scope_wide:
                index.by_key[(None, *key[1:])].append(person)
        return index

    def match(self, who: Identity, resolution: str | None = None) -> Match:
        if who.citizen_id and who.citizen_id in self.by_citizen_id:
            return self._by_citizen_id(who, self.by_citizen_id[who.citizen_id], resolution)
        found = self.by_key.get((who.unit_id, who.birth_date, name_key(who.full_name)), [])
        candidates = sorted({p["id"]: p for p in found}.values(), key=lambda p: p["id"])
        if not candidates:
            return Match(is_new=True)
        conflicting = bool(who.citizen_id) and any(p["citizen_id"] for p in candidates)
        if len(candidates) == 1 and not conflicting:
            return Match(person=candidates[0])
        if len(candidates) > 1:
            reason = _("Có %(n)s cán bộ cùng họ tên, ngày sinh và đơn vị.") % {"n": len(candidates)}
        else:
            reason = _("Cán bộ cùng họ tên, ngày sinh và đơn vị đã có số CCCD khác.")
        return self._resolve(candidates, reason, self.can_create, resolution)

    def _by_citizen_id(
        self, who: Identity, person: dict[str, Any], resolution: str | None
    ) -> Match:
        if person["unit_id"] is not None and person["unit_id"] not in self.scope:
            return Match(
                # Said as the recruitment screen says it: nothing about where that person is.
                error=_("số CCCD «%(id)s» đã được dùng.") % {"id": who.citizen_id},
                error_column="citizen_id",
            )
        same_name = name_key(person["full_name"]) == name_key(who.full_name)
        if same_name and person["birth_date"] == who.birth_date:
            return Match(person=person)
        reason = _("Số CCCD trùng với cán bộ đã có nhưng họ tên hoặc ngày sinh khác.")
        # The ID is unique: a new person with it cannot exist beside this one.
        return self._resolve([person], reason, False, resolution)

    @staticmethod
    def _resolve(
        candidates: list[dict[str, Any]], reason: str, allow_new: bool, resolution: str | None
    ) -> Match:
        if resolution == NEW and allow_new:
            return Match(is_new=True)
        chosen = next((p for p in candidates if str(p["id"]) == resolution), None)
        if chosen is not None:
            return Match(person=chosen)
        return Match(candidates=candidates, reason=reason, allow_new=allow_new)


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
