"""Business events of people: each is atomic and writes its audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import access_for, restrict_people
from tdkt.audit.models import AuditEntry
from tdkt.audit.services import entry as audit_entry
from tdkt.audit.services import record, snapshot
from tdkt.errors import Conflict, DomainError, InvalidData
from tdkt.org.models import Unit
from tdkt.people.models import (
    HEAD_POSTS,
    LEADER_POSTS,
    Gender,
    LeavingKind,
    Person,
    Position,
    PostKind,
    ServiceKind,
    ServicePeriod,
)
from tdkt.text import clean, person_sort_key, search_key, split_full_name
from tdkt.workflow.locking import bump_version

PERSON_FIELDS = ["full_name", "gender", "birth_date", "citizen_id", "recruited_on", "left_on"]


def person_keys(full_name: str, citizen_id: str | None) -> dict[str, str]:
    family, middle, given = split_full_name(full_name)
    return {
        "family_name": family,
        "middle_name": middle,
        "given_name": given,
        "search_text": search_key(full_name, citizen_id or ""),
        "sort_key": person_sort_key(family, middle, given),
    }


def validate_identity(
    *, full_name: str, birth_date: dt.date | None, citizen_id: str | None, gender: str
) -> None:
    if not clean(full_name):
        raise InvalidData(_("Họ và tên không được để trống."))
    if birth_date is None:
        raise InvalidData(_("Thiếu ngày sinh."))
    if gender not in Gender.values:
        raise InvalidData(_("Giới tính phải là Nam hoặc Nữ."))
    if citizen_id and not (len(citizen_id) == 12 and citizen_id.isdigit()):
        raise InvalidData(_("Số CCCD phải gồm đúng 12 chữ số."))


@transaction.atomic
def create_person(
    *,
    actor: Any,
    full_name: str,
    gender: str,
    birth_date: dt.date,
    unit: Unit,
    post_kind: str = PostKind.CHUYEN_VIEN,
    post: str = "",
    position_from: dt.date | None = None,
    citizen_id: str | None = None,
    recruited_on: dt.date | None = None,
    is_unit_head: bool | None = None,
) -> Person:
    full_name, citizen_id = clean(full_name), (clean(citizen_id) or None)
    validate_identity(
        full_name=full_name, birth_date=birth_date, citizen_id=citizen_id, gender=gender
    )
    if citizen_id and Person.objects.filter(citizen_id=citizen_id).exists():
        raise Conflict(_("Đã có cán bộ với số CCCD %(id)s.") % {"id": citizen_id})
    person = Person.objects.create(
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        citizen_id=citizen_id,
        recruited_on=recruited_on,
        unit=unit,
        **person_keys(full_name, citizen_id),
    )
    record(
        actor=actor,
        action="person.created",
        obj=person,
        after=snapshot(person, PERSON_FIELDS),
        unit_id=unit.pk,
    )
    assign_position(
        actor=actor,
        person=person,
        unit=unit,
        post_kind=post_kind,
        post=post,
        valid_from=position_from or recruited_on or dt.date.today(),
        is_unit_head=is_unit_head,
    )
    return person


@transaction.atomic
def update_person(
    *, actor: Any, person: Person, version: int | None = None, reason: str = "", **changes: Any
) -> Person:
    """Change identity fields; `version` (the one the user edited) must still be current."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidData(_("Không thể sửa trường: %(f)s") % {"f": ", ".join(sorted(unknown))})
    bump_version(person, version)
    before = snapshot(person, PERSON_FIELDS)
    for name, value in changes.items():
        setattr(person, name, clean(value) if isinstance(value, str) else value)
    person.citizen_id = person.citizen_id or None
    validate_identity(
        full_name=person.full_name,
        birth_date=person.birth_date,
        citizen_id=person.citizen_id,
        gender=person.gender,
    )
    for key, value in person_keys(person.full_name, person.citizen_id).items():
        setattr(person, key, value)
    try:
        person.save()
    except IntegrityError as exc:
        raise Conflict(_("Số CCCD đã được dùng cho cán bộ khác.")) from exc
    after = snapshot(person, PERSON_FIELDS)
    if after != before:
        record(
            actor=actor,
            action="person.updated",
            obj=person,
            before=before,
            after=after,
            reason=reason,
            unit_id=person.unit_id,
        )
    return person


@transaction.atomic
def assign_position(
    *,
    actor: Any,
    person: Person,
    unit: Unit,
    post_kind: str,
    valid_from: dt.date,
    post: str = "",
    is_unit_head: bool | None = None,
) -> Position:
    """Start a new post; the current one (if any) ends the day before. Positions never overlap:
    a closed last position must have ended before `valid_from`."""
    if post_kind not in PostKind.values:
        raise InvalidData(_("Chức vụ không hợp lệ: %(p)s") % {"p": post_kind})
    head = post_kind in HEAD_POSTS if is_unit_head is None else is_unit_head
    if head and post_kind not in LEADER_POSTS:
        raise InvalidData(
            _("Người đứng đầu đơn vị phải giữ một chức vụ lãnh đạo (Viện trưởng, Vụ trưởng…).")
        )
    latest = person.positions.order_by("-valid_from").first()
    if latest is not None and latest.valid_to is None:
        if latest.valid_from >= valid_from:
            raise InvalidData(_("Ngày bắt đầu chức vụ mới phải sau ngày bắt đầu chức vụ hiện tại."))
        latest.valid_to = valid_from - dt.timedelta(days=1)
        latest.save(update_fields=["valid_to"])
    elif latest is not None and latest.valid_to is not None and latest.valid_to >= valid_from:
        raise InvalidData(
            _("Ngày bắt đầu phải sau ngày kết thúc chức vụ trước (%(d)s).")
            % {"d": f"{latest.valid_to:%d/%m/%Y}"}
        )
    bump_version(person, None)
    position = Position.objects.create(
        person=person,
        unit=unit,
        post_kind=post_kind,
        post=clean(post) or str(PostKind(post_kind).label),
        is_leader=post_kind in LEADER_POSTS,
        is_unit_head=head,
        valid_from=valid_from,
    )
    before = {"unit_id": person.unit_id, "post": person.post}
    person.unit, person.post, person.is_leader = unit, position.post, position.is_leader
    person.save(update_fields=["unit", "post", "is_leader", "updated_at"])
    record(
        actor=actor,
        action="position.assigned",
        obj=position,
        before=before,
        after=snapshot(position),
        unit_id=unit.pk,
    )
    return position


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


# --- Careers kept by the units (the TĐKT officer's screens) ---------------------------------
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


# --- Bulk writes for imports (tdkt.imports) -------------------------------------------------
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
            _apply_identity_changes(person, update.changes)
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


def _apply_identity_changes(person: Person, changes: dict[str, Any]) -> None:
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidData(_("Không thể sửa trường: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        setattr(person, name, clean(value) if isinstance(value, str) else value)
    person.citizen_id = person.citizen_id or None
    validate_identity(
        full_name=person.full_name,
        birth_date=person.birth_date,
        citizen_id=person.citizen_id,
        gender=person.gender,
    )
    for key, value in person_keys(person.full_name, person.citizen_id).items():
        setattr(person, key, value)


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
