"""Careers kept by the units (the TĐKT officer's screens): recruitment, identity corrections with
a reason, positions, transfers, service outside the procuracy and leaving the sector. Each service
checks the actor's right itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import Conflict, DomainError, InvalidData
from tdkt.org.models import Unit
from tdkt.people.models import (
    LeavingKind,
    Person,
    Position,
    ServiceKind,
    ServicePeriod,
)
from tdkt.people.services.identity import (
    assign_position,
    create_person,
    update_person,
    validate_identity,
)
from tdkt.text import clean
from tdkt.workflow.access import access_for, restrict_people
from tdkt.workflow.locking import bump_version

# Each service checks the actor's right itself ("edit" on the person's unit, and on the target
# unit of a transfer); `actor=None` is the system. Dates are validated here, not only in forms.

EARLIEST_DATE = dt.date(1900, 1, 1)
MIN_REASON_LENGTH = 10
ADULT_AGE = 18


class NotAllowed(DomainError):
    code = "not_allowed"


def may(actor: Any, action: str, unit_id: int | None) -> bool:
    """`actor` None is the system (demo, tests, commands), which may do anything."""
    return actor is None or (unit_id is not None and access_for(actor).can(action, unit_id))


def ensure_can_edit(actor: Any, unit_id: int | None, action: str = "edit") -> None:
    if not may(actor, action, unit_id):
        raise NotAllowed(_("Bạn không có quyền cập nhật cán bộ của đơn vị này."))


def today() -> dt.date:
    return timezone.localdate()


def _check_day(value: dt.date, label: str, *, future: bool = False) -> None:
    """A date of a career fact: not before 1900 and, unless `future`, not after today."""
    if value < EARLIEST_DATE:
        raise InvalidData(_("%(f)s không được trước năm 1900.") % {"f": label})
    if not future and value > today():
        raise InvalidData(_("%(f)s không được sau hôm nay.") % {"f": label})


def _check_reason(reason: str) -> str:
    reason = clean(reason)
    if len(reason) < MIN_REASON_LENGTH:
        raise InvalidData(
            _("Lý do phải có ít nhất %(n)d ký tự để người sau hiểu vì sao sửa.")
            % {"n": MIN_REASON_LENGTH}
        )
    return reason


def _check_not_left(person: Person) -> None:
    if person.left_on is not None:
        raise InvalidData(
            _("Cán bộ đã thôi công tác từ ngày %(d)s; không thể cập nhật chức vụ.")
            % {"d": f"{person.left_on:%d/%m/%Y}"}
        )


def _check_unit_open(unit: Unit, on: dt.date) -> None:
    if not unit.is_active_on(on):
        raise InvalidData(
            _("Đơn vị %(u)s không hoạt động vào ngày %(d)s.")
            % {"u": unit.name, "d": f"{on:%d/%m/%Y}"}
        )


def _check_recruitment(birth_date: dt.date, recruited_on: dt.date | None) -> None:
    _check_day(birth_date, _("Ngày sinh"))
    if recruited_on is None:
        return
    _check_day(recruited_on, _("Ngày tuyển dụng"))
    if recruited_on < _birthday(birth_date, ADULT_AGE):
        raise InvalidData(_("Ngày tuyển dụng phải khi cán bộ đã đủ 18 tuổi."))


def _birthday(birth_date: dt.date, age: int) -> dt.date:
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:  # born on 29 February
        return birth_date.replace(year=birth_date.year + age, day=28)


def _check_citizen_id_free(actor: Any, citizen_id: str | None, exclude: int | None = None) -> None:
    """A taken CCCD is refused; who holds it is named only to whoever may see that person."""
    if not citizen_id:
        return
    holders = Person.objects.filter(citizen_id=citizen_id)
    holder = (holders if exclude is None else holders.exclude(pk=exclude)).first()
    if holder is None:
        return
    if actor is None or restrict_people(actor).filter(pk=holder.pk).exists():
        raise Conflict(
            _("Số CCCD này đã được dùng cho cán bộ %(name)s.") % {"name": holder.full_name},
            code="citizen_id_taken",
        )
    raise Conflict(_("Số CCCD này đã được dùng."), code="citizen_id_taken")


@transaction.atomic
def recruit_person(
    *,
    actor: Any,
    unit: Unit,
    full_name: str,
    gender: str,
    birth_date: dt.date,
    citizen_id: str | None,
    post_kind: str,
    position_from: dt.date,
    recruited_on: dt.date | None = None,
    post: str = "",
    is_unit_head: bool | None = None,
) -> Person:
    """Take a person into `unit` (tiếp nhận cán bộ) with a first position from `position_from`."""
    ensure_can_edit(actor, unit.pk)
    citizen_id = clean(citizen_id) or None
    validate_identity(
        full_name=full_name, birth_date=birth_date, citizen_id=citizen_id, gender=gender
    )
    _check_recruitment(birth_date, recruited_on)
    _check_day(position_from, _("Ngày bắt đầu công tác tại đơn vị"))
    if recruited_on is not None and position_from < recruited_on:
        raise InvalidData(_("Ngày bắt đầu công tác tại đơn vị không được trước ngày tuyển dụng."))
    if position_from <= birth_date:
        raise InvalidData(_("Ngày bắt đầu công tác tại đơn vị phải sau ngày sinh."))
    _check_unit_open(unit, position_from)
    _check_citizen_id_free(actor, citizen_id)
    try:
        with transaction.atomic():
            return create_person(
                actor=actor,
                full_name=full_name,
                gender=gender,
                birth_date=birth_date,
                unit=unit,
                post_kind=post_kind,
                post=post,
                position_from=position_from,
                citizen_id=citizen_id,
                recruited_on=recruited_on,
                is_unit_head=is_unit_head,
            )
    except IntegrityError as exc:  # the same CCCD saved at the same moment by someone else
        raise Conflict(_("Số CCCD này đã được dùng."), code="citizen_id_taken") from exc


@transaction.atomic
def correct_identity(
    *,
    actor: Any,
    person: Person,
    version: int | None,
    reason: str,
    full_name: str,
    gender: str,
    birth_date: dt.date,
    citizen_id: str | None,
    recruited_on: dt.date | None,
) -> Person:
    """Correct a wrongly entered identity; before, after and the reason go to the audit trail."""
    ensure_can_edit(actor, person.unit_id)
    reason = _check_reason(reason)
    citizen_id = clean(citizen_id) or None
    _check_recruitment(birth_date, recruited_on)
    first = person.positions.order_by("valid_from").first()
    if recruited_on is not None and first is not None and first.valid_from < recruited_on:
        raise InvalidData(
            _("Ngày tuyển dụng không được sau ngày bắt đầu chức vụ đầu tiên (%(d)s).")
            % {"d": f"{first.valid_from:%d/%m/%Y}"}
        )
    _check_citizen_id_free(actor, citizen_id, exclude=person.pk)
    return update_person(
        actor=actor,
        person=person,
        version=version,
        reason=reason,
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        citizen_id=citizen_id,
        recruited_on=recruited_on,
    )


def _open_position(person: Person) -> Position | None:
    return person.positions.filter(valid_to__isnull=True).order_by("-valid_from").first()


def _check_position_start(person: Person, unit: Unit, valid_from: dt.date) -> None:
    _check_not_left(person)
    _check_day(valid_from, _("Ngày bắt đầu"))
    if person.recruited_on is not None and valid_from < person.recruited_on:
        raise InvalidData(_("Ngày bắt đầu không được trước ngày tuyển dụng."))
    _check_unit_open(unit, valid_from)


@transaction.atomic
def start_position(
    *,
    actor: Any,
    person: Person,
    version: int | None,
    post_kind: str,
    valid_from: dt.date,
    post: str = "",
    is_unit_head: bool | None = None,
) -> Position:
    """A new post in the person's own unit (bổ nhiệm, thay đổi chức vụ)."""
    ensure_can_edit(actor, person.unit_id)
    if person.unit is None:
        raise InvalidData(_("Cán bộ chưa thuộc đơn vị nào; hãy dùng «Điều động»."))
    _check_position_start(person, person.unit, valid_from)
    bump_version(person, version)
    return assign_position(
        actor=actor,
        person=person,
        unit=person.unit,
        post_kind=post_kind,
        post=post,
        valid_from=valid_from,
        is_unit_head=is_unit_head,
    )


@transaction.atomic
def transfer_person(
    *,
    actor: Any,
    person: Person,
    version: int | None,
    unit: Unit,
    post_kind: str,
    valid_from: dt.date,
    post: str = "",
    is_unit_head: bool | None = None,
) -> Position:
    """Move a person to another unit from `valid_from`, keeping the history (điều động). Both the
    unit left and the unit joined must be within the actor's reach."""
    ensure_can_edit(actor, person.unit_id)
    if not may(actor, "edit", unit.pk):
        raise NotAllowed(_("Bạn không có quyền điều động cán bộ đến đơn vị này."))
    if unit.pk == person.unit_id:
        raise InvalidData(
            _("Đơn vị chuyển đến trùng đơn vị hiện tại; để đổi chức vụ hãy dùng «Bổ nhiệm».")
        )
    _check_position_start(person, unit, valid_from)
    bump_version(person, version)
    return assign_position(
        actor=actor,
        person=person,
        unit=unit,
        post_kind=post_kind,
        post=post,
        valid_from=valid_from,
        is_unit_head=is_unit_head,
    )


@transaction.atomic
def end_position(*, actor: Any, person: Person, version: int | None, valid_to: dt.date) -> Position:
    """End the current post on `valid_to` (miễn nhiệm, hết thời hạn) without a new one."""
    ensure_can_edit(actor, person.unit_id)
    _check_not_left(person)
    current = _open_position(person)
    if current is None:
        raise InvalidData(_("Cán bộ không có chức vụ đang giữ."))
    _check_day(valid_to, _("Ngày kết thúc"))
    if valid_to < current.valid_from:
        raise InvalidData(
            _("Ngày kết thúc không được trước ngày bắt đầu chức vụ (%(d)s).")
            % {"d": f"{current.valid_from:%d/%m/%Y}"}
        )
    bump_version(person, version)
    current.valid_to = valid_to
    current.save(update_fields=["valid_to"])
    person.post, person.is_leader = "", False
    person.save(update_fields=["post", "is_leader", "updated_at"])
    record(
        actor=actor,
        action="position.ended",
        obj=current,
        before={"valid_to": None},
        after={"valid_to": valid_to},
        unit_id=current.unit_id,
    )
    return current


def _check_period(
    person: Person,
    kind: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    exclude: int | None = None,
) -> None:
    if kind not in ServiceKind.values:
        raise InvalidData(_("Loại thời gian công tác không hợp lệ."))
    if valid_to is not None and valid_to < valid_from:
        raise InvalidData(_("Ngày kết thúc phải sau ngày bắt đầu."))
    if valid_from <= person.birth_date:
        raise InvalidData(_("Ngày bắt đầu phải sau ngày sinh."))
    end = valid_to or dt.date.max
    others = person.service_periods.all()
    for other in others if exclude is None else others.exclude(pk=exclude):
        if other.valid_from <= end and valid_from <= (other.valid_to or dt.date.max):
            raise InvalidData(
                _("Thời gian này trùng với thời gian công tác đã ghi (%(p)s).")
                % {"p": period_text(other)}
            )


def period_text(period: ServicePeriod) -> str:
    end = f"{period.valid_to:%d/%m/%Y}" if period.valid_to else _("nay")
    return f"{period.valid_from:%d/%m/%Y} – {end}"


@transaction.atomic
def correct_service_period(
    *,
    actor: Any,
    period: ServicePeriod,
    version: int | None,
    reason: str,
    kind: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    organisation: str = "",
) -> ServicePeriod:
    """Correct a wrongly entered period of service; audited with the reason."""
    person = period.person
    ensure_can_edit(actor, person.unit_id)
    reason = _check_reason(reason)
    _check_period(person, kind, valid_from, valid_to, exclude=period.pk)
    bump_version(person, version)
    before = snapshot(period)
    period.kind, period.organisation = kind, clean(organisation)
    period.valid_from, period.valid_to = valid_from, valid_to
    period.save(update_fields=["kind", "organisation", "valid_from", "valid_to"])
    record(
        actor=actor,
        action="service.corrected",
        obj=period,
        before=before,
        after=snapshot(period),
        reason=reason,
        unit_id=person.unit_id,
    )
    return period


@transaction.atomic
def remove_service_period(
    *, actor: Any, period: ServicePeriod, version: int | None, reason: str
) -> None:
    """Remove a period entered by mistake; what it said stays in the audit trail."""
    person = period.person
    ensure_can_edit(actor, person.unit_id)
    reason = _check_reason(reason)
    bump_version(person, version)
    before = snapshot(period)
    record(
        actor=actor,
        action="service.removed",
        obj=period,
        before=before,
        reason=reason,
        unit_id=person.unit_id,
    )
    period.delete()


@transaction.atomic
def record_leaving(
    *, actor: Any, person: Person, version: int | None, left_on: dt.date, kind: str
) -> Person:
    """Retirement, transfer out of the sector or resignation: the open position and open periods
    of service end on `left_on`, and the person is no longer counted in the unit's staff."""
    ensure_can_edit(actor, person.unit_id)
    if kind not in LeavingKind.values:
        raise InvalidData(_("Hình thức thôi công tác không hợp lệ."))
    _check_not_left(person)
    _check_day(left_on, _("Ngày thôi công tác"))
    if person.recruited_on is not None and left_on < person.recruited_on:
        raise InvalidData(_("Ngày thôi công tác không được trước ngày tuyển dụng."))
    latest = person.positions.order_by("-valid_from").first()
    if latest is not None and left_on < latest.valid_from:
        raise InvalidData(
            _("Ngày thôi công tác không được trước ngày bắt đầu chức vụ cuối cùng (%(d)s).")
            % {"d": f"{latest.valid_from:%d/%m/%Y}"}
        )
    if latest is not None and latest.valid_to is not None and latest.valid_to > left_on:
        raise InvalidData(
            _("Ngày thôi công tác không được trước ngày kết thúc chức vụ cuối cùng (%(d)s).")
            % {"d": f"{latest.valid_to:%d/%m/%Y}"}
        )
    bump_version(person, version)
    before = snapshot(person, ["left_on", "leaving_kind", "post"])
    if latest is not None and latest.valid_to is None:
        latest.valid_to = left_on
        latest.save(update_fields=["valid_to"])
    person.service_periods.filter(valid_to__isnull=True, valid_from__lte=left_on).update(
        valid_to=left_on
    )
    person.left_on, person.leaving_kind = left_on, kind
    person.post, person.is_leader = "", False
    person.save(update_fields=["left_on", "leaving_kind", "post", "is_leader", "updated_at"])
    record(
        actor=actor,
        action="person.left",
        obj=person,
        before=before,
        after=snapshot(person, ["left_on", "leaving_kind", "post"]),
        unit_id=person.unit_id,
    )
    return person


@transaction.atomic
def undo_leaving(*, actor: Any, person: Person, version: int | None, reason: str) -> Person:
    """A leaving recorded by mistake, corrected by an administrator: the position and periods
    that ended on that day are open again."""
    ensure_can_edit(actor, person.unit_id, action="admin")
    reason = _check_reason(reason)
    left_on = person.left_on
    if left_on is None:
        raise InvalidData(_("Cán bộ đang công tác; không có gì để hủy."))
    bump_version(person, version)
    before = snapshot(person, ["left_on", "leaving_kind", "post"])
    latest = person.positions.order_by("-valid_from").first()
    if latest is not None and latest.valid_to == left_on:
        latest.valid_to = None
        latest.save(update_fields=["valid_to"])
        person.post, person.is_leader = latest.post, latest.is_leader
    person.service_periods.filter(valid_to=left_on).update(valid_to=None)
    person.left_on, person.leaving_kind = None, ""
    person.save(update_fields=["left_on", "leaving_kind", "post", "is_leader", "updated_at"])
    record(
        actor=actor,
        action="person.leaving_undone",
        obj=person,
        before=before,
        after=snapshot(person, ["left_on", "leaving_kind", "post"]),
        reason=reason,
        unit_id=person.unit_id,
    )
    return person


@transaction.atomic
def record_service_period(
    *,
    actor: Any,
    person: Person,
    kind: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    organisation: str = "",
    version: int | None = None,
) -> ServicePeriod:
    """A period of service; periods of one person never overlap."""
    ensure_can_edit(actor, person.unit_id)
    _check_period(person, kind, valid_from, valid_to)
    bump_version(person, version)
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
