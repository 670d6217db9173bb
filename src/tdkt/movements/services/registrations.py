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
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.audit.services import record
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.movements.machines import REGISTRATION
from tdkt.movements.models import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    OPEN_STATUSES,
    Movement,
    Registration,
    RegistrationLine,
    RegistrationStatus,
)
from tdkt.movements.selectors.registrations import may_approve
from tdkt.movements.services.checks import Checks, check_day, check_for, run_checks
from tdkt.movements.services.movements import fresh_status
from tdkt.notifications.services import users_of
from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person, Position
from tdkt.rules.codes import award_name
from tdkt.workflow import clock
from tdkt.workflow.access import ensure, ensure_can
from tdkt.workflow.locking import lock
from tdkt.workflow.machine import move, user_or_none
from tdkt.workflow.notices import Notice
from tdkt.workflow.reasons import clean_text

# The graded collective titles: a unit holds one of them a year at most (Cờ may go with TTLĐXS).
GRADED_COLLECTIVE = frozenset({"TTLDTT", "TTLDXS"})
GRADED_MESSAGE_SAME = gettext_lazy(
    "Mỗi năm một đơn vị chỉ đăng ký một trong hai danh hiệu Tập thể lao động tiên tiến, "
    "Tập thể lao động xuất sắc."
)


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
    ensure_can(actor, "edit", unit.pk)
    now = clock.now(now)
    today = clock.today(now)
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
    ensure_can(actor, "edit", registration.unit_id)
    now = clock.now(now)
    today = clock.today(now)
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
    ensure_can(actor, "edit", registration.unit_id)
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
    ensure_can(actor, "edit", registration.unit_id)
    now = clock.now(now)
    if not registration.lines.exists():
        raise InvalidData(_("Bản đăng ký chưa có dòng nào."), code="empty")
    require_open(registration.movement)
    sent_before = registration.transitions.filter(to_status=RegistrationStatus.SUBMITTED).exists()
    if not sent_before:
        check_deadline(registration.movement, clock.today(now))
    before = move(
        REGISTRATION,
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
    """Approve the register. Refused when it would give a unit a second graded collective title
    (Tập thể lao động tiên tiến / xuất sắc) or a person a second individual title for the same
    year under another movement; the subjects' rows are locked while this is checked."""
    ensure(may_approve(actor, registration))
    now = clock.now(now)
    check_one_title_a_year(registration)
    before = move(
        REGISTRATION,
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
    """Send the register back to its unit (which is told why) for correction."""
    ensure(may_approve(actor, registration))
    now = clock.now(now)
    why = clean_text(reason)
    before = move(
        REGISTRATION,
        registration,
        RegistrationStatus.RETURNED,
        actor=actor,
        now=now,
        version=version,
        reason_code=reason_code,
        reason=reason,
        fields={"decided_at": now},
        notice=Notice(
            [*users_of("edit", [registration.unit_id]), registration.created_by],
            "registration.returned",
            _("Bản đăng ký thi đua năm %(y)s theo «%(m)s» bị trả lại: %(r)s")
            % {"y": registration.year, "m": registration.movement.name, "r": why},
            reverse("movements:registration_detail", args=[registration.pk]),
        ),
    )
    _audit(actor, "registration.returned", registration, before, f"{reason_code}: {why}")
    return registration


def check_one_title_a_year(registration: Registration) -> None:
    """Across every approved register of the year: a unit holds at most one of TTLĐTT and
    TTLĐXS (a flag may go with TTLĐXS), a person at most one individual title. The units and
    people are locked first so that two approvals at once cannot both pass."""
    lines = list(registration.lines.all())
    people = sorted({line.person_id for line in lines if line.person_id})
    graded = [line.award for line in lines if line.unit_id and line.award in GRADED_COLLECTIVE]
    list(Unit.objects.select_for_update().filter(pk=registration.unit_id).values_list("pk"))
    list(Person.objects.select_for_update().filter(pk__in=people).values_list("pk"))
    approved = RegistrationLine.objects.filter(
        year=registration.year, registration__status=RegistrationStatus.APPROVED
    ).exclude(registration=registration)
    if len(set(graded)) > 1:
        raise Conflict(str(GRADED_MESSAGE_SAME), code="one_graded_title")
    held = approved.filter(unit_id=registration.unit_id, award__in=GRADED_COLLECTIVE)
    if graded and held.exists():
        other = held.select_related("movement").first()
        assert other is not None
        raise Conflict(
            _(
                "%(u)s đã được duyệt %(a)s năm %(y)s theo phong trào «%(m)s»: mỗi năm một đơn vị "
                "chỉ được một trong hai danh hiệu Tập thể lao động tiên tiến, Tập thể lao động "
                "xuất sắc."
            )
            % {
                "u": registration.unit.name,
                "a": award_name(other.award),
                "y": registration.year,
                "m": other.movement.name,
            },
            code="one_graded_title",
        )
    twice = approved.filter(person_id__in=people).select_related("person", "movement")
    names = sorted({f"{t.subject_name} ({award_name(t.award)}, {t.movement.name})" for t in twice})
    if names:
        raise Conflict(
            _(
                "Đã được duyệt danh hiệu cá nhân năm %(y)s theo phong trào khác: %(n)s. Mỗi cá "
                "nhân chỉ được một danh hiệu thi đua trong năm."
            )
            % {"y": registration.year, "n": "; ".join(names)},
            code="one_individual_title",
        )


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
    # One individual title a year, whatever the movement (issue 12, point 4).
    taken = RegistrationLine.objects.filter(person_id__in=ids, year=registration.year)
    clash = sorted(
        {p.person.full_name for p in people for t in taken if t.person_id == p.person.pk}
    )
    if clash:
        raise Conflict(
            _(
                "Đã đăng ký trong năm %(y)s: %(names)s. Mỗi cá nhân chỉ đăng ký một danh hiệu "
                "thi đua trong năm, dù theo phong trào nào."
            )
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
    if len(GRADED_COLLECTIVE.intersection(awards)) > 1:
        raise InvalidData(str(GRADED_MESSAGE_SAME), code="one_graded_title")
    clashing = set(awards) | (GRADED_COLLECTIVE if GRADED_COLLECTIVE & set(awards) else set())
    taken = RegistrationLine.objects.filter(
        unit_id=registration.unit_id, year=registration.year, award__in=clashing
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
