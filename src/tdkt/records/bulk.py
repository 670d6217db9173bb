"""The year's facts written in bulk, for imports (`tdkt.imports`): ratings, discipline and leave.

Each function takes the facts a file states and makes the records say so: a fact not yet recorded
is recorded, a fact recorded with other values is corrected (audited with the values before and
after, and the source as its reason), a fact recorded alike is left alone: importing the same file
twice writes nothing the second time. All or nothing, with the guards of the single-record
services, and the actor's right checked on every subject's unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditEntry
from tdkt.audit.services import entry as audit_entry
from tdkt.audit.services import snapshot
from tdkt.errors import DomainError, InvalidData
from tdkt.org.models import UnitScope
from tdkt.people.models import Person
from tdkt.records.models import Discipline, Leave, Rating
from tdkt.rules import codes
from tdkt.text import clean
from tdkt.workflow.access import access_for

ABOLISHED_FROM = dt.date(2025, 7, 1)
ABOLISHED = frozenset({codes.Discipline.HA_BAC_LUONG.value, codes.Discipline.GIANG_CHUC.value})
_CHUNK = 5000


class NotAllowed(DomainError):
    code = "not_allowed"


@dataclass(frozen=True)
class RatingFact:
    year: int
    rating: str
    person_id: int | None = None
    unit_id: int | None = None


@dataclass(frozen=True)
class DisciplineFact:
    """A person's discipline, known by the person and the decision's date."""

    person_id: int
    level: str
    decided_on: dt.date
    ends_on: dt.date | None = None
    decision_number: str = ""
    reason: str = ""


@dataclass(frozen=True)
class LeaveFact:
    """A person's leave, known by the person and its first day."""

    person_id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None = None


@dataclass
class BulkResult:
    created: int = 0
    corrected: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "corrected": self.corrected, "unchanged": self.unchanged}


@transaction.atomic
def bulk_set_ratings(
    *, actor: Any, facts: Sequence[RatingFact], source: str = "", batch_size: int = 1000
) -> BulkResult:
    for fact in facts:
        if (fact.person_id is None) == (fact.unit_id is None):
            raise InvalidData(_("Phải chọn đúng một cá nhân hoặc một tập thể."))
        if fact.rating not in codes.Rating.__members__:
            raise InvalidData(_("Xếp loại không hợp lệ: %(r)s") % {"r": fact.rating})
        if not 1945 <= fact.year <= 2100:
            raise InvalidData(_("Năm không hợp lệ: %(y)s") % {"y": fact.year})
    units = _check_scope(
        actor,
        [f.person_id for f in facts if f.person_id],
        [f.unit_id for f in facts if f.unit_id],
    )
    existing: dict[tuple[str, int, int], Rating] = {}
    for field in ("person_id", "unit_id"):
        ids = sorted({getattr(f, field) for f in facts if getattr(f, field)})
        years = {f.year for f in facts}
        for chunk in _chunks(ids):
            for rating in Rating.objects.filter(**{f"{field}__in": chunk}, year__in=years):
                existing[(field, getattr(rating, field), rating.year)] = rating
    result, new, changed, audits = BulkResult(), [], [], []
    seen: set[tuple[str, int, int]] = set()
    for fact in facts:
        field = "person_id" if fact.person_id else "unit_id"
        key = (field, getattr(fact, field), fact.year)
        if key in seen:
            raise InvalidData(_("Danh sách có hai xếp loại của cùng đối tượng trong một năm."))
        seen.add(key)
        current = existing.get(key)
        if current is None:
            new.append(
                Rating(
                    person_id=fact.person_id,
                    unit_id=fact.unit_id,
                    year=fact.year,
                    rating=fact.rating,
                )
            )
        elif current.rating == fact.rating:
            result.unchanged += 1
        else:
            before = snapshot(current, ["rating"])
            current.rating = fact.rating
            changed.append(current)
            audits.append(
                _audit(
                    actor, "rating.corrected", current, units, before, ["year", "rating"], source
                )
            )
    Rating.objects.bulk_create(new, batch_size=batch_size)
    _bulk_update(Rating, changed, ["rating"], batch_size)
    audits += [
        _audit(actor, "rating.recorded", r, units, None, ["year", "rating"], source) for r in new
    ]
    AuditEntry.objects.bulk_create(audits, batch_size=batch_size)
    result.created, result.corrected = len(new), len(changed)
    return result


DISCIPLINE_FIELDS = ["level", "decided_on", "ends_on", "decision_number", "reason"]
LEAVE_FIELDS = ["kind", "starts_on", "ends_on"]


@transaction.atomic
def bulk_record_disciplines(
    *, actor: Any, facts: Sequence[DisciplineFact], source: str = "", batch_size: int = 1000
) -> BulkResult:
    for fact in facts:
        check_discipline(fact.level, fact.decided_on, fact.ends_on)
    units = _check_scope(actor, [f.person_id for f in facts], [])
    wanted = {
        (f.person_id, f.decided_on): {
            "level": f.level,
            "decided_on": f.decided_on,
            "ends_on": f.ends_on,
            "decision_number": clean(f.decision_number),
            "reason": clean(f.reason),
        }
        for f in facts
    }
    if len(wanted) != len(facts):
        raise InvalidData(_("Danh sách có hai quyết định kỷ luật cùng người, cùng ngày."))
    return _write(
        actor,
        Discipline,
        wanted,
        "decided_on",
        DISCIPLINE_FIELDS,
        "discipline",
        units,
        source,
        batch_size,
    )


@transaction.atomic
def bulk_record_leaves(
    *, actor: Any, facts: Sequence[LeaveFact], source: str = "", batch_size: int = 1000
) -> BulkResult:
    for fact in facts:
        if fact.kind not in {k.value for k in codes.LeaveKind}:
            raise InvalidData(_("Loại nghỉ không hợp lệ: %(k)s") % {"k": fact.kind})
        if fact.ends_on is not None and fact.ends_on < fact.starts_on:
            raise InvalidData(_("Ngày kết thúc nghỉ phải sau ngày bắt đầu."))
    units = _check_scope(actor, [f.person_id for f in facts], [])
    wanted = {
        (f.person_id, f.starts_on): {"kind": f.kind, "starts_on": f.starts_on, "ends_on": f.ends_on}
        for f in facts
    }
    if len(wanted) != len(facts):
        raise InvalidData(_("Danh sách có hai lần nghỉ của cùng người bắt đầu cùng ngày."))
    return _write(
        actor, Leave, wanted, "starts_on", LEAVE_FIELDS, "leave", units, source, batch_size
    )


def check_discipline(level: str, decided_on: dt.date, ends_on: dt.date | None) -> None:
    """The guards of `record_discipline`, for a row checked before anything is written."""
    if level not in {d.value for d in codes.Discipline}:
        raise InvalidData(_("Hình thức kỷ luật không hợp lệ: %(l)s") % {"l": level})
    if level in ABOLISHED and decided_on >= ABOLISHED_FROM:
        raise InvalidData(
            _("Hình thức hạ bậc lương, giáng chức không còn áp dụng từ ngày 01/07/2025.")
        )
    if ends_on is not None and ends_on < decided_on:
        raise InvalidData(_("Ngày hết thời hạn kỷ luật phải sau ngày quyết định."))


def _write(
    actor: Any,
    model: type[Discipline] | type[Leave],
    wanted: dict[tuple[int, dt.date], dict[str, Any]],
    date_field: str,
    fields: list[str],
    noun: str,
    units: dict[int, int | None],
    source: str,
    batch_size: int,
) -> BulkResult:
    existing: dict[tuple[int, dt.date], Any] = {}
    person_ids = sorted({pid for pid, _d in wanted})
    dates = {d for _p, d in wanted}
    for chunk in _chunks(person_ids):
        rows = model.objects.filter(person_id__in=chunk, **{f"{date_field}__in": dates})
        for obj in rows.order_by("id"):
            existing.setdefault((obj.person_id, getattr(obj, date_field)), obj)
    result, new, changed, audits = BulkResult(), [], [], []
    for (person_id, _day), values in wanted.items():
        current = existing.get((person_id, _day))
        if current is None:
            new.append(model(person_id=person_id, **values))
            continue
        before = snapshot(current, fields)
        if all(getattr(current, name) == value for name, value in values.items()):
            result.unchanged += 1
            continue
        for name, value in values.items():
            setattr(current, name, value)
        changed.append(current)
        audits.append(_audit(actor, f"{noun}.corrected", current, units, before, fields, source))
    model.objects.bulk_create(new, batch_size=batch_size)  # type: ignore[arg-type]
    _bulk_update(model, changed, fields, batch_size)
    audits += [_audit(actor, f"{noun}.recorded", obj, units, None, fields, source) for obj in new]
    AuditEntry.objects.bulk_create(audits, batch_size=batch_size)
    result.created, result.corrected = len(new), len(changed)
    return result


def _check_scope(
    actor: Any, person_ids: Iterable[int], unit_ids: Iterable[int]
) -> dict[int, int | None]:
    """Each person's unit (for the audit entries); refused unless the actor may import for every
    subject's unit. `actor=None` is the system."""
    ids = sorted(set(person_ids))
    units: dict[int, int | None] = {}
    for chunk in _chunks(ids):
        units.update(Person.objects.filter(pk__in=chunk).values_list("pk", "unit_id"))
    if len(units) != len(ids):
        raise InvalidData(_("Không tìm thấy một số cán bộ của danh sách."))
    if actor is None:
        return units
    subjects = {u for u in units.values()} | set(unit_ids)
    roots = access_for(actor).units_for("import")
    reachable = set(
        UnitScope.objects.filter(
            ancestor_id__in=roots, descendant_id__in=subjects - {None}
        ).values_list("descendant_id", flat=True)
    )
    if None in subjects or subjects - {None} - reachable:
        raise NotAllowed(_("Bạn không có quyền cập nhật dữ liệu của một số cán bộ, đơn vị này."))
    return units


def _audit(
    actor: Any,
    action: str,
    obj: Any,
    units: dict[int, int | None],
    before: dict[str, Any] | None,
    fields: list[str],
    source: str,
) -> AuditEntry:
    person_id = getattr(obj, "person_id", None)
    unit_id = units.get(person_id) if person_id else getattr(obj, "unit_id", None)
    return audit_entry(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=snapshot(obj, fields),
        reason=source,
        unit_id=unit_id,
    )


def _bulk_update(
    model: type[models.Model], objs: list[Any], fields: list[str], batch_size: int
) -> None:
    if not objs:
        return
    if any(f.name == "version" for f in model._meta.concrete_fields):
        for obj in objs:  # an edit open on a screen is now stale
            obj.version += 1
        fields = [*fields, "version"]
    model._default_manager.bulk_update(objs, fields, batch_size=batch_size)


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
