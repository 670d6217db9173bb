"""Business events of the yearly records and the award ledger; atomic, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import Conflict, InvalidData
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.records.models import (
    AwardDecision,
    AwardEntry,
    Discipline,
    Initiative,
    Leave,
    Rating,
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
    record(actor=actor, action="rating.recorded", obj=obj, before=before,
           after={"year": year, "rating": rating}, unit_id=scope_unit)
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
        person=person, level=level, decided_on=decided_on, ends_on=ends_on,
        decision_number=clean(decision_number), reason=clean(reason),
    )
    record(actor=actor, action="discipline.recorded", obj=obj, after=snapshot(obj),
           unit_id=person.unit_id)
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
    record(actor=actor, action="leave.recorded", obj=obj, after=snapshot(obj),
           unit_id=person.unit_id)
    return obj


@transaction.atomic
def record_initiative(
    *,
    actor: Any,
    code: str,
    kind: str,
    title: str,
    scope: str,
    year: int,
    recognized_on: dt.date,
    authors: list[Person],
    recognizing_decision: str = "",
) -> Initiative:
    if scope not in {s.value for s in codes.InitiativeScope}:
        raise InvalidData(_("Phạm vi ảnh hưởng không hợp lệ: %(s)s") % {"s": scope})
    if not authors:
        raise InvalidData(_("Sáng kiến phải có ít nhất một tác giả."))
    if Initiative.objects.filter(code=code).exists():
        raise Conflict(_("Mã sáng kiến %(c)s đã tồn tại.") % {"c": code})
    obj = Initiative.objects.create(
        code=clean(code), kind=kind, title=clean(title), scope=scope, year=year,
        recognized_on=recognized_on, recognizing_decision=clean(recognizing_decision),
    )
    obj.authors.set(authors)
    record(actor=actor, action="initiative.recorded", obj=obj,
           after={**snapshot(obj), "authors": [p.pk for p in authors]},
           unit_id=authors[0].unit_id)
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
        record(actor=actor, action="decision.recorded", obj=decision, after=snapshot(decision),
               unit_id=issuer.pk if issuer else None)
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
) -> AwardEntry:
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
    duplicate = AwardEntry.objects.filter(
        award=code, person=person, unit=unit, year=year, revoked_on__isnull=True
    )
    if duplicate.exists():
        raise Conflict(
            _("%(a)s năm %(y)s đã có trong sổ khen thưởng.") % {"a": codes.award_name(code), "y": year}
        )
    entry = AwardEntry.objects.create(
        award=code, kind=codes.award_kind(code), person=person, unit=unit, year=year,
        decision=decision,
    )
    record(actor=actor, action="award.recorded", obj=entry, after=snapshot(entry),
           unit_id=scope_unit)
    return entry


@transaction.atomic
def revoke_award(
    *, actor: Any, entry: AwardEntry, revoked_on: dt.date, reason: str, revocation_decision: str = ""
) -> AwardEntry:
    if entry.revoked_on is not None:
        raise Conflict(_("Khen thưởng này đã bị thu hồi."))
    if len(clean(reason)) < 20:
        raise InvalidData(_("Lý do thu hồi cần ít nhất 20 ký tự."))
    before = snapshot(entry, ["revoked_on", "revocation_reason"])
    entry.revoked_on, entry.revocation_reason = revoked_on, clean(reason)
    entry.revocation_decision = clean(revocation_decision)
    entry.save(update_fields=["revoked_on", "revocation_reason", "revocation_decision"])
    record(actor=actor, action="award.revoked", obj=entry, before=before,
           after=snapshot(entry, ["revoked_on", "revocation_reason"]), reason=entry.revocation_reason,
           unit_id=entry.person.unit_id if entry.person_id else entry.unit_id)  # type: ignore[union-attr]
    return entry
