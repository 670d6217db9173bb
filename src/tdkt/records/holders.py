"""Where an award's holder stood on the day its decision was signed.

A decision names each person with the post and unit of that day, and the reports of the sector
(share of awards to grassroots units, to staff who are not leaders) must count it there, even
after the person moved or the unit was merged. The post held is the latest position that started
on or before the signing day (positions of a person follow one another); a person with no such
position counts for their current unit. A collective award is held by the unit itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from tdkt.people.models import Person, Position
from tdkt.records.models import AwardEntry

CHUNK = 5000


def stamp(entries: Iterable[AwardEntry], signed_on: dict[int, dt.date] | None = None) -> None:
    """Fill `holder_unit_id` and `holder_leader` on unsaved or saved entries, in memory.

    `signed_on` maps decision ids to signing days when the caller has them; otherwise the
    entries' `decision` objects are read. Queries: one per 5,000 people."""
    entries = list(entries)
    for entry in entries:
        if entry.person_id is None:
            entry.holder_unit_id, entry.holder_leader = entry.unit_id, False
    people = [e for e in entries if e.person_id is not None]
    if not people:
        return
    history = _positions({e.person_id for e in people if e.person_id is not None})
    current = _current_units({e.person_id for e in people if e.person_id is not None})
    for entry in people:
        day = (signed_on or {}).get(entry.decision_id) or entry.decision.signed_on
        assert entry.person_id is not None
        held = _held_on(history.get(entry.person_id, []), day)
        if held is None:
            entry.holder_unit_id, entry.holder_leader = current.get(entry.person_id), False
        else:
            entry.holder_unit_id, entry.holder_leader = held


Held = tuple[dt.date, int, int, bool]  # (valid_from, position id, unit id, is_leader)


def _positions(person_ids: set[int]) -> dict[int, list[Held]]:
    found: dict[int, list[Held]] = defaultdict(list)
    ids = sorted(person_ids)
    for start in range(0, len(ids), CHUNK):
        positions = Position.objects.filter(person_id__in=ids[start : start + CHUNK])
        for person_id, valid_from, pk, unit_id, leader in positions.values_list(
            "person_id", "valid_from", "pk", "unit_id", "is_leader"
        ):
            found[person_id].append((valid_from, pk, unit_id, leader))
    for history in found.values():
        history.sort()  # by start day, then by id, as the SQL below orders them
    return found


def _current_units(person_ids: set[int]) -> dict[int, int | None]:
    units: dict[int, int | None] = {}
    ids = sorted(person_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        units.update(Person.objects.filter(pk__in=chunk).values_list("pk", "unit_id"))
    return units


def _held_on(history: list[Held], day: dt.date) -> tuple[int, bool] | None:
    held = None
    for valid_from, _pk, unit_id, leader in history:
        if valid_from > day:
            break
        held = (unit_id, leader)
    return held


# The same rule in SQL, for repairs (migration 0003 keeps a frozen copy): one statement each,
# portable between SQLite and PostgreSQL.
_PERSON_HOLDER_SQL = """
UPDATE records_awardentry SET
  holder_unit_id = COALESCE(
    (SELECT p.unit_id FROM people_position p, records_awarddecision d
      WHERE d.id = records_awardentry.decision_id AND p.person_id = records_awardentry.person_id
        AND p.valid_from <= d.signed_on
      ORDER BY p.valid_from DESC, p.id DESC LIMIT 1),
    (SELECT pp.unit_id FROM people_person pp WHERE pp.id = records_awardentry.person_id)),
  holder_leader = COALESCE(
    (SELECT p.is_leader FROM people_position p, records_awarddecision d
      WHERE d.id = records_awardentry.decision_id AND p.person_id = records_awardentry.person_id
        AND p.valid_from <= d.signed_on
      ORDER BY p.valid_from DESC, p.id DESC LIMIT 1),
    %s)
WHERE person_id IS NOT NULL
"""
_UNIT_HOLDER_SQL = """
UPDATE records_awardentry SET holder_unit_id = unit_id, holder_leader = %s
WHERE unit_id IS NOT NULL
"""


def restamp_all(cursor: Any) -> None:
    """Recompute every ledger line's holder with two UPDATE statements."""
    cursor.execute(_PERSON_HOLDER_SQL, [False])
    cursor.execute(_UNIT_HOLDER_SQL, [False])
