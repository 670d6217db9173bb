"""The year's facts of a person or a unit, entered by the unit that owns them: the rating, the
discipline decided in the year and the leave that overlaps it; atomic and audited.
`tdkt.records.services` re-exports these functions.

A grid row shows facts of three tables. Its optimistic check is a token, not a version column:
the digest of every stored fact the row shows (ids and values of the rating, the year's
disciplines and leaves). The save locks the person's row and those facts, recomputes the digest
and refuses if it differs, so a change to any of them since the page was opened (a rating created
by an import, a leave recorded by a colleague) is caught, which a version on `Rating` alone would
miss. A content digest never refuses an edit made on the same facts as those stored."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import Conflict, DomainError, InvalidData
from tdkt.org.models import Unit
from tdkt.people.models import Person, Position
from tdkt.records.models import Discipline, Leave, Rating
from tdkt.rules import codes
from tdkt.text import clean
from tdkt.workflow.access import access_for
from tdkt.workflow.locking import STALE_MESSAGE

MIN_YEAR, MAX_YEAR = 1945, 2100
ABOLISHED_FROM = dt.date(2025, 7, 1)
ABOLISHED_LEVELS = frozenset({codes.Discipline.HA_BAC_LUONG, codes.Discipline.GIANG_CHUC})
DISCIPLINE_FIELDS = ["level", "decided_on", "ends_on", "decision_number"]
LEAVE_FIELDS = ["kind", "starts_on", "ends_on"]


class NotAllowed(DomainError):
    code = "not_allowed"


@dataclass(frozen=True)
class DisciplineEntry:
    """The year's discipline as the grid enters it."""

    level: str
    decided_on: dt.date
    decision_number: str = ""


@dataclass(frozen=True)
class LeaveEntry:
    """The year's leave as the grid enters it."""

    kind: str
    starts_on: dt.date
    ends_on: dt.date | None = None


# --- The row token --------------------------------------------------------------------------


def rating_key(rating: Rating | None) -> tuple[Any, ...]:
    return (rating.pk, rating.rating) if rating is not None else ()


def discipline_key(d: Discipline) -> tuple[Any, ...]:
    return (d.pk, d.level, d.decided_on, d.ends_on, d.decision_number)


def leave_key(lv: Leave) -> tuple[Any, ...]:
    return (lv.pk, lv.kind, lv.starts_on, lv.ends_on)


def facts_token(
    rating: Rating | None,
    disciplines: Iterable[Discipline] = (),
    leaves: Iterable[Leave] = (),
) -> str:
    """The digest of the facts a row shows (see the module's docstring)."""
    parts = (
        rating_key(rating),
        sorted(discipline_key(d) for d in disciplines),
        sorted(leave_key(lv) for lv in leaves),
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def disciplines_of_year(person_ids: Any, year: int) -> Any:
    """Disciplines decided in the year, newest first (the grid edits the first)."""
    start, end = year_bounds(year)
    return Discipline.objects.filter(
        person_id__in=person_ids, decided_on__gte=start, decided_on__lte=end
    ).order_by("person_id", "-decided_on", "-id")


def leaves_of_year(person_ids: Any, year: int) -> Any:
    """Leaves that overlap the year, latest start first (the grid edits the first)."""
    start, end = year_bounds(year)
    return Leave.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start),
        person_id__in=person_ids,
        starts_on__lte=end,
    ).order_by("person_id", "-starts_on", "-id")


# --- Rights ---------------------------------------------------------------------------------


def year_unit_id(person: Person, year: int) -> int | None:
    """The unit of the person's latest position that overlaps the year (as the eligibility loader
    counts people), else the current unit."""
    start, end = year_bounds(year)
    found = (
        Position.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start),
            person=person,
            valid_from__lte=end,
        )
        .order_by("-valid_from", "-id")
        .values_list("unit_id", flat=True)
        .first()
    )
    return found if found is not None else person.unit_id


def may_edit_year(actor: Any, person: Person, year: int) -> bool:
    """`actor` None is the system. Else "edit" on the person's current unit or on the unit the
    person was in that year (a past year is kept by the unit where he or she worked)."""
    if actor is None:
        return True
    access = access_for(actor)
    if person.unit_id is not None and access.can("edit", person.unit_id):
        return True
    unit_id = year_unit_id(person, year)
    return unit_id is not None and access.can("edit", unit_id)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidData(_("Năm phải trong khoảng %(a)d–%(b)d.") % {"a": MIN_YEAR, "b": MAX_YEAR})


def _check_rating(rating: str) -> None:
    if rating and rating not in codes.Rating.__members__:
        raise InvalidData(_("Xếp loại không hợp lệ: %(r)s") % {"r": rating})


def _stale() -> Conflict:
    return Conflict(_(STALE_MESSAGE), code="stale_version")


# --- Ratings --------------------------------------------------------------------------------


@transaction.atomic
def set_rating(
    *,
    actor: Any,
    year: int,
    rating: str,
    person: Person | None = None,
    unit: Unit | None = None,
    token: str | None = None,
) -> Rating | None:
    """Create, change (audited as a correction, before and after) or, with `rating` "", clear the
    year's rating of a person or a unit. `token` is `facts_token(rating)` of the rating the user
    saw (None: no check, for the system)."""
    if (person is None) == (unit is None):
        raise InvalidData(_("Phải chọn đúng một cá nhân hoặc một tập thể."))
    _check_year(year)
    _check_rating(rating)
    if person is not None:
        if not may_edit_year(actor, person, year):
            raise NotAllowed(_("Bạn không có quyền cập nhật cán bộ của đơn vị này."))
        Person.objects.select_for_update().filter(pk=person.pk).first()
        scope_unit = person.unit_id
    else:
        assert unit is not None
        if actor is not None and not access_for(actor).can("edit", unit.pk):
            raise NotAllowed(_("Bạn không có quyền cập nhật xếp loại của đơn vị này."))
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        scope_unit = unit.pk
    existing = (
        Rating.objects.select_for_update().filter(person=person, unit=unit, year=year).first()
    )
    if token is not None and token != facts_token(existing):
        raise _stale()
    return _apply_rating(actor, existing, rating, year, person, unit, scope_unit)


def _apply_rating(
    actor: Any,
    existing: Rating | None,
    rating: str,
    year: int,
    person: Person | None,
    unit: Unit | None,
    scope_unit: int | None,
) -> Rating | None:
    if existing is None:
        if not rating:
            return None
        try:
            with transaction.atomic():
                obj = Rating.objects.create(person=person, unit=unit, year=year, rating=rating)
        except IntegrityError as exc:  # recorded meanwhile (an import): the page is stale
            raise _stale() from exc
        after = {"year": year, "rating": rating}
        record(actor=actor, action="rating.recorded", obj=obj, after=after, unit_id=scope_unit)
        return obj
    before = {"year": year, "rating": existing.rating}
    if not rating:
        record(
            actor=actor, action="rating.cleared", obj=existing, before=before, unit_id=scope_unit
        )
        existing.delete()
        return None
    if existing.rating == rating:
        return existing
    existing.rating = rating
    existing.save(update_fields=["rating"])
    record(
        actor=actor,
        action="rating.corrected",
        obj=existing,
        before=before,
        after={"year": year, "rating": rating},
        unit_id=scope_unit,
    )
    return existing


# --- One grid row: a person's facts of a year -----------------------------------------------


@dataclass
class RowSaved:
    changed: bool
    rating: Rating | None
    discipline: Discipline | None
    leave: Leave | None


@transaction.atomic
def save_person_year(
    *,
    actor: Any,
    person: Person,
    year: int,
    token: str | None,
    rating: str,
    discipline: DisciplineEntry | None,
    leave: LeaveEntry | None,
) -> RowSaved:
    """Save one grid row: the year's rating, discipline and leave of `person`, all or nothing.

    Each fact is created, changed (a correction, audited with before and after) or, when the
    row leaves it empty, removed. Only the first of the year's disciplines and leaves is the
    row's (the others stay as they are). `token` is the row's `facts_token` as the user saw it."""
    _check_year(year)
    if not may_edit_year(actor, person, year):
        raise NotAllowed(_("Bạn không có quyền cập nhật cán bộ của đơn vị này."))
    _check_rating(rating)
    if discipline is not None:
        _check_discipline(discipline, year)
    if leave is not None:
        _check_leave(leave, year)
    Person.objects.select_for_update().filter(pk=person.pk).first()
    current = Rating.objects.select_for_update().filter(person=person, year=year).first()
    disciplines = list(disciplines_of_year([person.pk], year).select_for_update())
    leaves = list(leaves_of_year([person.pk], year).select_for_update())
    seen = facts_token(current, disciplines, leaves)
    if token is not None and token != seen:
        raise _stale()
    unit_id = person.unit_id
    saved_rating = _apply_rating(actor, current, rating, year, person, None, unit_id)
    first_discipline = disciplines[0] if disciplines else None
    saved_discipline = _apply_discipline(actor, person, first_discipline, discipline)
    saved_leave = _apply_leave(actor, person, leaves[0] if leaves else None, leave)
    now = facts_token(
        saved_rating,
        [*([saved_discipline] if saved_discipline else []), *disciplines[1:]],
        [*([saved_leave] if saved_leave else []), *leaves[1:]],
    )
    return RowSaved(now != seen, saved_rating, saved_discipline, saved_leave)


def _check_discipline(entry: DisciplineEntry, year: int) -> None:
    if entry.level not in {d.value for d in codes.Discipline}:
        raise InvalidData(_("Hình thức kỷ luật không hợp lệ: %(l)s") % {"l": entry.level})
    if entry.decided_on.year != year:
        raise InvalidData(
            _("Ngày quyết định kỷ luật phải trong năm %(y)d (bảng nhập số liệu của năm %(y)d).")
            % {"y": year}
        )
    if entry.decided_on > timezone.localdate():
        raise InvalidData(_("Ngày quyết định kỷ luật không được sau hôm nay."))
    if entry.level in ABOLISHED_LEVELS and entry.decided_on >= ABOLISHED_FROM:
        raise InvalidData(
            _("Hình thức hạ bậc lương, giáng chức không còn áp dụng từ ngày 01/07/2025.")
        )
    if len(clean(entry.decision_number)) > 60:
        raise InvalidData(_("Số quyết định kỷ luật dài quá 60 ký tự."))


def _check_leave(entry: LeaveEntry, year: int) -> None:
    if entry.kind not in {k.value for k in codes.LeaveKind}:
        raise InvalidData(_("Loại nghỉ không hợp lệ: %(k)s") % {"k": entry.kind})
    if entry.ends_on is not None and entry.ends_on < entry.starts_on:
        raise InvalidData(_("Ngày kết thúc nghỉ phải sau ngày bắt đầu."))
    start, end = year_bounds(year)
    if entry.starts_on > end or (entry.ends_on is not None and entry.ends_on < start):
        raise InvalidData(
            _("Thời gian nghỉ phải có ít nhất một ngày trong năm %(y)d.") % {"y": year}
        )


def _apply_discipline(
    actor: Any, person: Person, existing: Discipline | None, entry: DisciplineEntry | None
) -> Discipline | None:
    unit_id = person.unit_id
    if entry is None:
        if existing is not None:
            before = snapshot(existing, DISCIPLINE_FIELDS)
            record(
                actor=actor,
                action="discipline.removed",
                obj=existing,
                before=before,
                unit_id=unit_id,
            )
            existing.delete()
        return None
    number = clean(entry.decision_number)
    if existing is None:
        obj = Discipline.objects.create(
            person=person, level=entry.level, decided_on=entry.decided_on, decision_number=number
        )
        after = snapshot(obj, DISCIPLINE_FIELDS)
        record(actor=actor, action="discipline.recorded", obj=obj, after=after, unit_id=unit_id)
        return obj
    before = snapshot(existing, DISCIPLINE_FIELDS)
    existing.level, existing.decided_on = entry.level, entry.decided_on
    existing.decision_number = number
    if existing.ends_on is not None and existing.ends_on < existing.decided_on:
        raise InvalidData(
            _("Ngày quyết định kỷ luật phải trước ngày hết thời hạn kỷ luật (%(d)s).")
            % {"d": f"{existing.ends_on:%d/%m/%Y}"}
        )
    after = snapshot(existing, DISCIPLINE_FIELDS)
    if after != before:
        existing.save(update_fields=["level", "decided_on", "decision_number"])
        record(
            actor=actor,
            action="discipline.corrected",
            obj=existing,
            before=before,
            after=after,
            unit_id=unit_id,
        )
    return existing


def _apply_leave(
    actor: Any, person: Person, existing: Leave | None, entry: LeaveEntry | None
) -> Leave | None:
    unit_id = person.unit_id
    if entry is None:
        if existing is not None:
            before = snapshot(existing, LEAVE_FIELDS)
            record(
                actor=actor, action="leave.removed", obj=existing, before=before, unit_id=unit_id
            )
            existing.delete()
        return None
    if existing is None:
        obj = Leave.objects.create(
            person=person, kind=entry.kind, starts_on=entry.starts_on, ends_on=entry.ends_on
        )
        after = snapshot(obj, LEAVE_FIELDS)
        record(actor=actor, action="leave.recorded", obj=obj, after=after, unit_id=unit_id)
        return obj
    before = snapshot(existing, LEAVE_FIELDS)
    existing.kind, existing.starts_on, existing.ends_on = entry.kind, entry.starts_on, entry.ends_on
    after = snapshot(existing, LEAVE_FIELDS)
    if after != before:
        existing.save(update_fields=LEAVE_FIELDS)
        record(
            actor=actor,
            action="leave.corrected",
            obj=existing,
            before=before,
            after=after,
            unit_id=unit_id,
        )
    return existing
