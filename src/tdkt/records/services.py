"""Business events of the yearly records and the award ledger; atomic, audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditEntry
from tdkt.audit.services import entry as audit_entry
from tdkt.audit.services import record, snapshot
from tdkt.errors import Conflict, InvalidData
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.records import holders
from tdkt.records.initiatives import (  # noqa: F401  (re-exported: one place to call services)
    correct_initiative,
    record_initiative,
    remove_initiative,
)
from tdkt.records.models import (
    AwardDecision,
    AwardEntry,
    DecisionLevel,
    Discipline,
    Initiative,
    Leave,
    Rating,
)
from tdkt.records.violations import (  # noqa: F401  (re-exported: one place to call services)
    correct_unit_violation,
    record_unit_violation,
    remove_unit_violation,
)
from tdkt.records.year_facts import (  # noqa: F401  (re-exported: one place to call services)
    save_person_year,
    set_rating,
)
from tdkt.rules import codes
from tdkt.text import clean


def _subject_unit_id(person: Person | None, unit: Unit | None) -> int | None:
    if (person is None) == (unit is None):
        raise InvalidData(_("Phải chọn đúng một cá nhân hoặc một tập thể."))
    return person.unit_id if person is not None else unit.pk  # type: ignore[union-attr]


@transaction.atomic
def record_rating(
    *, actor: Any, year: int, rating: str, person: Person | None = None, unit: Unit | None = None
) -> Rating:
    """Set the year's rating, replacing an earlier one for the same year (audited)."""
    scope_unit = _subject_unit_id(person, unit)
    if rating not in codes.Rating.__members__:
        raise InvalidData(_("Xếp loại không hợp lệ: %(r)s") % {"r": rating})
    existing = Rating.objects.filter(person=person, unit=unit, year=year).first()
    before = snapshot(existing, ["rating"]) if existing else None
    if existing:
        existing.rating = rating
        existing.save(update_fields=["rating"])
        obj = existing
    else:
        obj = Rating.objects.create(person=person, unit=unit, year=year, rating=rating)
    record(
        actor=actor,
        action="rating.recorded",
        obj=obj,
        before=before,
        after={"year": year, "rating": rating},
        unit_id=scope_unit,
    )
    return obj


@transaction.atomic
def record_discipline(
    *,
    actor: Any,
    person: Person,
    level: str,
    decided_on: dt.date,
    ends_on: dt.date | None = None,
    decision_number: str = "",
    reason: str = "",
) -> Discipline:
    if level not in {d.value for d in codes.Discipline}:
        raise InvalidData(_("Hình thức kỷ luật không hợp lệ: %(l)s") % {"l": level})
    if level in {"ha_bac_luong", "giang_chuc"} and decided_on >= dt.date(2025, 7, 1):
        raise InvalidData(
            _("Hình thức hạ bậc lương, giáng chức không còn áp dụng từ ngày 01/07/2025.")
        )
    if ends_on is not None and ends_on < decided_on:
        raise InvalidData(_("Ngày hết thời hạn kỷ luật phải sau ngày quyết định."))
    obj = Discipline.objects.create(
        person=person,
        level=level,
        decided_on=decided_on,
        ends_on=ends_on,
        decision_number=clean(decision_number),
        reason=clean(reason),
    )
    record(
        actor=actor,
        action="discipline.recorded",
        obj=obj,
        after=snapshot(obj),
        unit_id=person.unit_id,
    )
    return obj


@transaction.atomic
def record_leave(
    *, actor: Any, person: Person, kind: str, starts_on: dt.date, ends_on: dt.date | None = None
) -> Leave:
    if kind not in {k.value for k in codes.LeaveKind}:
        raise InvalidData(_("Loại nghỉ không hợp lệ: %(k)s") % {"k": kind})
    if ends_on is not None and ends_on < starts_on:
        raise InvalidData(_("Ngày kết thúc nghỉ phải sau ngày bắt đầu."))
    obj = Leave.objects.create(person=person, kind=kind, starts_on=starts_on, ends_on=ends_on)
    record(
        actor=actor, action="leave.recorded", obj=obj, after=snapshot(obj), unit_id=person.unit_id
    )
    return obj


@transaction.atomic
def record_decision(
    *,
    actor: Any,
    number: str,
    signed_on: dt.date,
    level: str,
    issuer: Unit | None = None,
    issuer_name: str = "",
    signer_name: str = "",
    signer_title: str = "",
    summary: str = "",
) -> AwardDecision:
    """Find or record a signed decision (the same number, date and issuer is the same decision)."""
    number, issuer_name = clean(number), clean(issuer_name) or (issuer.name if issuer else "")
    if not number:
        raise InvalidData(_("Thiếu số quyết định."))
    decision, created = AwardDecision.objects.get_or_create(
        number=number,
        signed_on=signed_on,
        issuer_name=issuer_name,
        defaults={
            "level": level,
            "issuer": issuer,
            "signer_name": clean(signer_name),
            "signer_title": clean(signer_title),
            "summary": clean(summary),
        },
    )
    if created:
        record(
            actor=actor,
            action="decision.recorded",
            obj=decision,
            after=snapshot(decision),
            unit_id=issuer.pk if issuer else None,
        )
    return decision


@transaction.atomic
def record_award(
    *,
    actor: Any,
    award: str,
    year: int,
    decision: AwardDecision,
    person: Person | None = None,
    unit: Unit | None = None,
    sudden: bool = False,
) -> AwardEntry:
    """One line of the ledger; `sudden` for a commendation of one outstanding act (a form only)."""
    scope_unit = _subject_unit_id(person, unit)
    try:
        code = codes.Award(award)
    except ValueError as exc:
        raise InvalidData(_("Danh hiệu, hình thức không hợp lệ: %(a)s") % {"a": award}) from exc
    subject = codes.Subject.INDIVIDUAL if person is not None else codes.Subject.COLLECTIVE
    if code not in codes.awards_for(subject):
        raise InvalidData(
            _("%(a)s không áp dụng cho %(s)s.")
            % {"a": codes.award_name(code), "s": _("cá nhân") if person else _("tập thể")}
        )
    if year > decision.signed_on.year:
        raise InvalidData(_("Năm thành tích không thể sau năm ký quyết định."))
    if sudden and codes.award_kind(code) is not codes.AwardKind.FORM:
        raise InvalidData(
            _("%(a)s là danh hiệu thi đua, không tặng theo khen thưởng đột xuất.")
            % {"a": codes.award_name(code)}
        )
    duplicate = AwardEntry.objects.filter(
        award=code, person=person, unit=unit, year=year, revoked_on__isnull=True
    )
    if duplicate.exists():
        raise Conflict(
            _("%(a)s năm %(y)s đã có trong sổ khen thưởng.")
            % {"a": codes.award_name(code), "y": year}
        )
    entry = AwardEntry(
        award=code,
        kind=codes.award_kind(code),
        person=person,
        unit=unit,
        year=year,
        decision=decision,
        sudden=sudden,
    )
    holders.stamp([entry])
    entry.save(force_insert=True)
    record(
        actor=actor, action="award.recorded", obj=entry, after=snapshot(entry), unit_id=scope_unit
    )
    return entry


@transaction.atomic
def revoke_award(
    *,
    actor: Any,
    entry: AwardEntry,
    revoked_on: dt.date,
    reason: str,
    revocation_decision: str = "",
) -> AwardEntry:
    if entry.revoked_on is not None:
        raise Conflict(_("Khen thưởng này đã bị thu hồi."))
    if len(clean(reason)) < 20:
        raise InvalidData(_("Lý do thu hồi cần ít nhất 20 ký tự."))
    before = snapshot(entry, ["revoked_on", "revocation_reason"])
    entry.revoked_on, entry.revocation_reason = revoked_on, clean(reason)
    entry.revocation_decision = clean(revocation_decision)
    entry.save(update_fields=["revoked_on", "revocation_reason", "revocation_decision"])
    record(
        actor=actor,
        action="award.revoked",
        obj=entry,
        before=before,
        after=snapshot(entry, ["revoked_on", "revocation_reason"]),
        reason=entry.revocation_reason,
        unit_id=entry.person.unit_id if entry.person is not None else entry.unit_id,
    )
    return entry


# --- Bulk writes for imports (tdkt.imports) -------------------------------------------------

DecisionKey = tuple[str, dt.date, str]  # (number, signed_on, issuer_name), as the unique constraint


@dataclass(frozen=True)
class DecisionSpec:
    number: str
    signed_on: dt.date
    level: str
    issuer_name: str = ""
    signer_name: str = ""
    signer_title: str = ""

    @property
    def key(self) -> DecisionKey:
        return (clean(self.number), self.signed_on, clean(self.issuer_name))


@dataclass(frozen=True)
class AwardSpec:
    award: str
    year: int
    decision: DecisionKey
    person_id: int | None = None
    unit_id: int | None = None


@dataclass
class BulkAwardsResult:
    entries: list[AwardEntry]
    decisions_created: int


@transaction.atomic
def bulk_record_awards(
    *,
    actor: Any,
    decisions: list[DecisionSpec],
    awards: list[AwardSpec],
    batch_size: int = 1000,
) -> BulkAwardsResult:
    """Find or record the decisions, then write the award lines, all or nothing, with the
    guards of `record_decision` and `record_award`; one audit entry per decision and line."""
    by_key, created = _find_or_create_decisions(actor, decisions, batch_size)
    person_units = _person_units([a.person_id for a in awards if a.person_id is not None])
    entries: list[AwardEntry] = []
    seen: set[tuple[str, str, int, int]] = set()
    for spec in awards:
        decision = by_key.get(spec.decision)
        if decision is None:
            raise InvalidData(_("Thiếu quyết định cho một dòng khen thưởng."))
        entries.append(_award_entry(spec, decision, person_units, seen))
    _check_ledger_duplicates(entries)
    holders.stamp(entries)
    AwardEntry.objects.bulk_create(entries, batch_size=batch_size)
    rows = [
        audit_entry(
            actor=actor,
            action="award.recorded",
            obj=entry,
            after=snapshot(entry),
            unit_id=person_units[entry.person_id] if entry.person_id else entry.unit_id,
        )
        for entry in entries
    ]
    AuditEntry.objects.bulk_create(rows, batch_size=batch_size)
    return BulkAwardsResult(entries, created)


def _find_or_create_decisions(
    actor: Any, decisions: list[DecisionSpec], batch_size: int
) -> tuple[dict[DecisionKey, AwardDecision], int]:
    wanted = {d.key: d for d in decisions}
    if any(not key[0] for key in wanted):
        raise InvalidData(_("Thiếu số quyết định."))
    by_key: dict[DecisionKey, AwardDecision] = {}
    numbers = sorted({key[0] for key in wanted})
    for start in range(0, len(numbers), 5000):
        for decision in AwardDecision.objects.filter(number__in=numbers[start : start + 5000]):
            by_key[(decision.number, decision.signed_on, decision.issuer_name)] = decision
    new = []
    for key, spec in wanted.items():
        if key in by_key:
            continue
        if spec.level not in DecisionLevel.values:
            raise InvalidData(_("Cấp quyết định không hợp lệ: %(l)s") % {"l": spec.level})
        new.append(
            AwardDecision(
                number=key[0],
                signed_on=key[1],
                issuer_name=key[2],
                level=spec.level,
                signer_name=clean(spec.signer_name),
                signer_title=clean(spec.signer_title),
            )
        )
    AwardDecision.objects.bulk_create(new, batch_size=batch_size)
    AuditEntry.objects.bulk_create(
        [
            audit_entry(actor=actor, action="decision.recorded", obj=d, after=snapshot(d))
            for d in new
        ],
        batch_size=batch_size,
    )
    by_key.update({(d.number, d.signed_on, d.issuer_name): d for d in new})
    return by_key, len(new)


def _person_units(person_ids: list[int]) -> dict[int, int | None]:
    units: dict[int, int | None] = {}
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        units.update(Person.objects.filter(pk__in=chunk).values_list("pk", "unit_id"))
    if len(units) != len(ids):
        raise InvalidData(_("Không tìm thấy một số cán bộ của danh sách khen thưởng."))
    return units


def _award_entry(
    spec: AwardSpec,
    decision: AwardDecision,
    person_units: dict[int, int | None],
    seen: set[tuple[str, str, int, int]],
) -> AwardEntry:
    if (spec.person_id is None) == (spec.unit_id is None):
        raise InvalidData(_("Phải chọn đúng một cá nhân hoặc một tập thể."))
    try:
        code = codes.Award(spec.award)
    except ValueError as exc:
        message = _("Danh hiệu, hình thức không hợp lệ: %(a)s") % {"a": spec.award}
        raise InvalidData(message) from exc
    subject = codes.Subject.INDIVIDUAL if spec.person_id else codes.Subject.COLLECTIVE
    if code not in codes.awards_for(subject):
        raise InvalidData(
            _("%(a)s không áp dụng cho %(s)s.")
            % {"a": codes.award_name(code), "s": _("cá nhân") if spec.person_id else _("tập thể")}
        )
    if spec.year > decision.signed_on.year:
        raise InvalidData(_("Năm thành tích không thể sau năm ký quyết định."))
    subject_id = spec.person_id or spec.unit_id or 0
    key = (str(code), "p" if spec.person_id else "u", subject_id, spec.year)
    if key in seen:
        raise Conflict(_("Danh sách có hai dòng khen thưởng trùng nhau."))
    seen.add(key)
    return AwardEntry(
        award=code,
        kind=codes.award_kind(code),
        person_id=spec.person_id,
        unit_id=spec.unit_id,
        year=spec.year,
        decision=decision,
    )


def _check_ledger_duplicates(entries: list[AwardEntry]) -> None:
    """One query per subject kind: an active line for the same award, subject and year."""
    for field_name in ("person_id", "unit_id"):
        mine = [e for e in entries if getattr(e, field_name)]
        if not mine:
            continue
        wanted = {(str(e.award), getattr(e, field_name), e.year) for e in mine}
        ids = sorted({k[1] for k in wanted})
        for start in range(0, len(ids), 5000):
            existing = AwardEntry.objects.filter(
                revoked_on__isnull=True,
                **{f"{field_name}__in": ids[start : start + 5000]},
                year__in={k[2] for k in wanted},
                award__in={k[0] for k in wanted},
            ).values_list("award", field_name, "year")
            clash = next((row for row in existing if tuple(row) in wanted), None)
            if clash:
                raise Conflict(
                    _("%(a)s năm %(y)s đã có trong sổ khen thưởng.")
                    % {"a": codes.award_name(clash[0]), "y": clash[2]}
                )


@transaction.atomic
def use_initiatives(
    *, actor: Any, entry: AwardEntry, initiatives: list[Initiative]
) -> list[Initiative]:
    """Mark the initiatives as the basis of `entry` (Công văn 5007/BNV-TĐKT: one initiative, one
    award). An initiative already used by an award still in force is refused."""
    for item in initiatives:
        used = item.used_for
        if used is not None and used.pk != entry.pk and used.revoked_on is None:
            raise Conflict(
                _("Sáng kiến «%(t)s» đã được dùng làm căn cứ khen thưởng.") % {"t": item.title}
            )
    for item in initiatives:
        before = {"used_for": item.used_for_id}
        item.used_for = entry
        item.save(update_fields=["used_for"])
        record(
            actor=actor,
            action="initiative.used",
            obj=item,
            before=before,
            after={"used_for": entry.pk},
            unit_id=entry.person.unit_id if entry.person is not None else entry.unit_id,
        )
    return initiatives
