"""Business events of an emulation registration: a unit opens its register for a movement and a
year, adds its own titles and its people's (each line checked by the eligibility engine at that
moment), sends it up before the deadline; the level above approves it or returns it with a
reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.movements.models import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    OPEN_STATUSES,
    Movement,
    Registration,
    RegistrationLine,
    RegistrationStatus,
)
from tdkt.movements.services.checks import Checks, check_day, check_for, run_checks
from tdkt.movements.services.common import day_of, moment, user_or_none
from tdkt.movements.services.movements import fresh_status
from tdkt.movements.services.transitions import clean_text, lock, transition_registration
from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person, Position
from tdkt.rules.codes import award_name


@dataclass
class PersonLine:
    person: Person
    award: str
    commitment: str = ""


@dataclass
class UnitLine:
    award: str
    commitment: str = ""


@transaction.atomic
def open_registration(
    *, actor: Any, movement: Movement, unit: Unit, year: int, now: dt.datetime | None = None
) -> Registration:
    """The unit's register for the movement and year: opened once, then found again."""
    now = moment(now)
    today = day_of(now)
    existing = Registration.objects.filter(movement=movement, unit=unit, year=year).first()
    if existing is not None:
        return existing
    require_open(movement)
    if year not in movement.years:
        raise InvalidData(
            _("Năm %(y)s nằm ngoài giai đoạn của phong trào (%(p)s).")
            % {"y": year, "p": movement.period_label}
        )
    if not UnitScope.objects.filter(ancestor=movement.issuer, descendant=unit).exists():
        raise InvalidData(_("Đơn vị không thuộc phạm vi của phong trào."))
    if not unit.is_active_on(today):
        raise InvalidData(_("Đơn vị không còn hoạt động."))
    check_deadline(movement, today)
    registration = Registration.objects.create(
        movement=movement,
        unit=unit,
        year=year,
        created_by=user_or_none(actor),
        created_at=now,
    )
    record(
        actor=actor,
        action="registration.created",
        obj=registration,
        after={"movement": movement.pk, "year": year, "unit": unit.pk},
        unit_id=unit.pk,
    )
    return registration


@transaction.atomic
def add_registration_lines(
    *,
    actor: Any,
    registration: Registration,
    people: Sequence[PersonLine] = (),
    units: Sequence[UnitLine] = (),
    checks: Checks | None = None,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> list[RegistrationLine]:
    """People of the unit and the unit itself register titles. Each line keeps what the
    eligibility engine saw at this moment (`checks`, when the caller already ran the engine for a
    whole batch; else one run here)."""
    now = moment(now)
    today = day_of(now)
    _lock_editable(registration, version)
    require_open(registration.movement)
    check_deadline(registration.movement, today)
    if not people and not units:
        raise InvalidData(_("Chưa chọn cá nhân hoặc danh hiệu tập thể nào."), code="empty")
    allowed = set(registration.movement.titles or INDIVIDUAL_TITLES + COLLECTIVE_TITLES)
    lines: list[PersonLine | UnitLine] = [*people, *units]
    for line in lines:
        if line.award not in allowed:
            raise InvalidData(
                _("Danh hiệu «%(t)s» không thuộc các danh hiệu đăng ký của phong trào.")
                % {"t": award_name(line.award)}
            )
    _check_people(registration, people, today)
    _check_units(registration, units)
    if checks is None:
        checks = run_checks(
            year=registration.year,
            today=today,
            people=[(p.person.pk, p.award) for p in people],
            units=[(registration.unit_id, u.award) for u in units],
        )
    as_of = check_day(registration.year, today)
    rows = [
        _line(
            registration,
            now,
            check_for(checks, "person", p.person.pk, p.award, as_of),
            p.award,
            p.commitment,
            person=p.person,
        )
        for p in people
    ] + [
        _line(
            registration,
            now,
            check_for(checks, "unit", registration.unit_id, u.award, as_of),
            u.award,
            u.commitment,
            unit_id=registration.unit_id,
        )
        for u in units
    ]
    RegistrationLine.objects.bulk_create(rows)
    registration.save(update_fields=["version"])
    record(
        actor=actor,
        action="registration.lines_added",
        obj=registration,
        after={
            "people": len(people),
            "units": len(units),
            "flagged": sum(1 for r in rows if r.flagged),
            "awards": sorted({r.award for r in rows}),
        },
        unit_id=registration.unit_id,
    )
    return rows


@transaction.atomic
def remove_registration_line(
    *,
    actor: Any,
    line: RegistrationLine,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Registration:
    registration = line.registration
    _lock_editable(registration, version)
    registration.save(update_fields=["version"])
    before = {"subject": line.subject_name, "award": line.award}
    line.delete()
    record(
        actor=actor,
        action="registration.line_removed",
        obj=registration,
        before=before,
        unit_id=registration.unit_id,
    )
    return registration


@transaction.atomic
def submit_registration(
    *,
    actor: Any,
    registration: Registration,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Registration:
    """Send the register up. The first sending must be before the deadline; a register returned
    for correction may be sent again after it."""
    now = moment(now)
    if not registration.lines.exists():
        raise InvalidData(_("Bản đăng ký chưa có dòng nào."), code="empty")
    require_open(registration.movement)
    sent_before = registration.transitions.filter(to_status=RegistrationStatus.SUBMITTED).exists()
    if not sent_before:
        check_deadline(registration.movement, day_of(now))
    before = transition_registration(
        registration,
        RegistrationStatus.SUBMITTED,
        actor=actor,
        now=now,
        version=version,
        fields={"submitted_at": now},
    )
    _audit(actor, "registration.submitted", registration, before)
    return registration


@transaction.atomic
def approve_registration(
    *,
    actor: Any,
    registration: Registration,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Registration:
    now = moment(now)
    before = transition_registration(
        registration,
        RegistrationStatus.APPROVED,
        actor=actor,
        now=now,
        version=version,
        fields={"decided_at": now},
    )
    _audit(actor, "registration.approved", registration, before)
    return registration


@transaction.atomic
def return_registration(
    *,
    actor: Any,
    registration: Registration,
    reason_code: str,
    reason: str,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Registration:
    now = moment(now)
    before = transition_registration(
        registration,
        RegistrationStatus.RETURNED,
        actor=actor,
        now=now,
        version=version,
        reason_code=reason_code,
        reason=reason,
        fields={"decided_at": now},
    )
    _audit(
        actor, "registration.returned", registration, before, f"{reason_code}: {clean_text(reason)}"
    )
    return registration


def require_open(movement: Movement) -> None:
    if fresh_status(movement) not in OPEN_STATUSES:
        raise TransitionNotAllowed(
            _("Phong trào chưa phát động hoặc đã tổng kết: không nhận đăng ký."),
            code="final_state" if movement.is_final else "invalid_transition",
        )


def check_deadline(movement: Movement, today: dt.date) -> None:
    deadline = movement.registration_deadline
    if deadline is not None and today > deadline:
        raise InvalidData(
            _("Đã quá hạn đăng ký thi đua của phong trào (%(d)s).")
            % {"d": deadline.strftime("%d/%m/%Y")},
            code="deadline_passed",
        )


def people_of(unit: Unit, day: dt.date) -> Q:
    """People holding a position in the unit on that day (the register's people)."""
    positions = Position.objects.filter(unit=unit, valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    return Q(pk__in=positions.values("person_id")) & (Q(left_on__isnull=True) | Q(left_on__gte=day))


def _check_people(registration: Registration, people: Sequence[PersonLine], today: dt.date) -> None:
    if not people:
        return
    ids = [p.person.pk for p in people]
    if len(set(ids)) != len(ids):
        raise InvalidData(_("Mỗi cá nhân chỉ đăng ký một danh hiệu trong một lần."))
    for p in people:
        if p.award not in INDIVIDUAL_TITLES:
            raise InvalidData(
                _("Danh hiệu «%(t)s» không dành cho cá nhân.") % {"t": award_name(p.award)}
            )
    members = set(
        Person.objects.filter(people_of(registration.unit, today), pk__in=ids).values_list(
            "pk", flat=True
        )
    )
    outside = [p.person.full_name for p in people if p.person.pk not in members]
    if outside:
        raise InvalidData(
            _("Không thuộc đơn vị tại ngày đăng ký: %(names)s") % {"names": ", ".join(outside)},
            code="not_in_unit",
        )
    taken = RegistrationLine.objects.filter(person_id__in=ids, year=registration.year).filter(
        Q(movement=registration.movement) | Q(award__in=[p.award for p in people])
    )
    clash = [
        p.person.full_name
        for p in people
        if any(
            t.person_id == p.person.pk
            and (t.movement_id == registration.movement_id or t.award == p.award)
            for t in taken
        )
    ]
    if clash:
        raise Conflict(
            _("Đã đăng ký trong năm %(y)s: %(names)s")
            % {"y": registration.year, "names": ", ".join(clash)},
            code="already_registered",
        )


def _check_units(registration: Registration, units: Sequence[UnitLine]) -> None:
    if not units:
        return
    awards = [u.award for u in units]
    if len(set(awards)) != len(awards):
        raise InvalidData(_("Một danh hiệu tập thể chỉ đăng ký một lần."))
    for award in awards:
        if award not in COLLECTIVE_TITLES:
            raise InvalidData(
                _("Danh hiệu «%(t)s» không dành cho tập thể.") % {"t": award_name(award)}
            )
    taken = RegistrationLine.objects.filter(
        unit_id=registration.unit_id, year=registration.year, award__in=awards
    ).values_list("award", flat=True)
    if taken:
        raise Conflict(
            _("Đơn vị đã đăng ký trong năm %(y)s: %(t)s")
            % {"y": registration.year, "t": ", ".join(award_name(a) for a in taken)},
            code="already_registered",
        )


def _line(
    registration: Registration,
    now: dt.datetime,
    check: Any,
    award: str,
    commitment: str,
    **subject: Any,
) -> RegistrationLine:
    return RegistrationLine(
        registration=registration,
        movement_id=registration.movement_id,
        year=registration.year,
        award=award,
        commitment=clean_text(commitment),
        check_status=check.status,
        check_regime=check.regime,
        check_as_of=check.as_of,
        check_reasons=list(check.reasons),
        created_at=now,
        **subject,
    )


def _lock_editable(registration: Registration, version: int | None) -> None:
    """Lock the register (checking the version the user edited) and refuse unless it is being
    drafted or was returned for correction."""
    locked = lock(registration, version)
    if locked.status not in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED):
        raise TransitionNotAllowed(
            _("Bản đăng ký đã gửi hoặc đã duyệt: không sửa được."),
            code="final_state"
            if locked.status == RegistrationStatus.APPROVED
            else "invalid_transition",
        )
    registration.status = locked.status
    registration.version = locked.version + 1


def _audit(
    actor: Any, action: str, registration: Registration, before: str, reason: str = ""
) -> None:
    record(
        actor=actor,
        action=action,
        obj=registration,
        before={"status": before},
        after={"status": registration.status, "lines": registration.lines.count()},
        reason=reason,
        unit_id=registration.unit_id,
    )
