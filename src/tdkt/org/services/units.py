"""Business events of the units: created, renamed, moved, dissolved, merged and split, each atomic
with its audit entry; and the access closure rebuilt after each."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import DomainError, InvalidData
from tdkt.org.models import (
    Succession,
    SuccessionKind,
    Unit,
    UnitLevel,
    UnitLink,
    UnitName,
    UnitScope,
)
from tdkt.text import clean, collation_key, search_key
from tdkt.workflow.access import access_for
from tdkt.workflow.locking import bump_version

ONE_DAY = dt.timedelta(days=1)
EARLIEST = dt.date(1945, 1, 1)  # no unit of the procuracy predates the Republic
LATEST = dt.date(2100, 12, 31)
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


class NotAllowed(DomainError):
    code = "not_allowed"


@dataclass(frozen=True)
class UnitData:
    """A unit to create as part of a reorganisation (the successor of a merger)."""

    code: str
    name: str
    level: str
    parent: Unit | None = None
    short_name: str = ""


def ensure_admin(actor: Any, *units: Unit | None) -> None:
    """The organisation is administered by the sector's administrators: the actor must hold the
    administrator role over every unit concerned (None: a unit at the top of the tree).
    `actor` None is the system (the demo builder, tests)."""
    if actor is None:
        return
    access = access_for(actor)
    for unit in units:
        if unit is None:
            # A new top unit: Django's superuser (who starts an empty database) or an
            # administrator of a unit already at the top.
            allowed = access.superuser or (
                Unit.objects.filter(pk__in=access.units_for("admin"), parent__isnull=True).exists()
            )
        else:
            allowed = access.can("admin", unit.pk)
        if not allowed:
            raise NotAllowed(
                _("Chỉ quản trị hệ thống của đơn vị cấp trên mới được thay đổi tổ chức.")
            )


def check_day(day: dt.date | None, label: str) -> None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise InvalidData(
            _("%(field)s phải trong khoảng %(a)s – %(b)s.")
            % {"field": label, "a": EARLIEST.strftime("%d/%m/%Y"), "b": LATEST.strftime("%d/%m/%Y")}
        )


def check_code(code: str) -> str:
    code = clean(code)
    if not CODE.match(code):
        raise InvalidData(
            _(
                "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số, dấu gạch ngang và gạch dưới "
                "(tối đa 40 ký tự, không có khoảng trắng)."
            )
        )
    if Unit.objects.filter(code__iexact=code).exists():
        raise InvalidData(
            _("Mã đơn vị %(code)s đã tồn tại.") % {"code": code}, code="duplicate_code"
        )
    return code


def _require_active(unit: Unit, day: dt.date, message: str) -> None:
    if not unit.is_active_on(day):
        raise InvalidData(message % {"unit": unit.name, "day": day.strftime("%d/%m/%Y")})


def unit_keys(name: str, short_name: str, code: str) -> dict[str, str]:
    return {"search_text": search_key(name, short_name, code), "sort_key": collation_key(name)}


@transaction.atomic
def create_unit(
    *,
    actor: Any,
    code: str,
    name: str,
    level: UnitLevel | str,
    parent: Unit | None = None,
    short_name: str = "",
    established_on: dt.date | None = None,
    rebuild: bool = True,
) -> Unit:
    ensure_admin(actor, parent)
    name, short_name = clean(name), clean(short_name)
    if not name:
        raise InvalidData(_("Tên đơn vị không được để trống."))
    if level not in UnitLevel.values:
        raise InvalidData(_("Cấp đơn vị không hợp lệ."))
    code = check_code(code)
    check_day(established_on, _("Ngày thành lập"))
    if parent is not None and established_on is not None:
        _require_active(
            parent,
            established_on,
            _("Đơn vị cấp trên %(unit)s không hoạt động vào ngày %(day)s."),
        )
    unit = Unit.objects.create(
        code=code,
        name=name,
        short_name=short_name,
        level=level,
        parent=parent,
        established_on=established_on,
        **unit_keys(name, short_name, code),
    )
    UnitName.objects.create(unit=unit, name=name, short_name=short_name, valid_from=established_on)
    if parent is not None:
        UnitLink.objects.create(unit=unit, parent=parent, valid_from=established_on)
    record(actor=actor, action="unit.created", obj=unit, after=snapshot(unit), unit_id=unit.pk)
    if rebuild:
        rebuild_scope()
    return unit


@transaction.atomic
def rename_unit(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    short_name: str = "",
    effective_on: dt.date,
    legal_basis: str = "",
    version: int | None = None,
) -> Unit:
    """From `effective_on` the unit bears a new name; the former one stays dated in UnitName."""
    ensure_admin(actor, unit)
    name, short_name = clean(name), clean(short_name)
    if not name:
        raise InvalidData(_("Tên đơn vị không được để trống."))
    check_day(effective_on, _("Ngày đổi tên"))
    _require_active(unit, effective_on, _("%(unit)s không hoạt động vào ngày %(day)s."))
    bump_version(unit, version)
    before = snapshot(unit, ["name", "short_name"])
    current = UnitName.objects.filter(unit=unit, valid_to__isnull=True).first()
    if current is not None:
        if current.valid_from and current.valid_from >= effective_on:
            raise InvalidData(_("Ngày đổi tên phải sau ngày của tên hiện tại."))
        current.valid_to = effective_on - ONE_DAY
        current.save(update_fields=["valid_to"])
    UnitName.objects.create(unit=unit, name=name, short_name=short_name, valid_from=effective_on)
    unit.name, unit.short_name = name, short_name
    for key, value in unit_keys(name, short_name, unit.code).items():
        setattr(unit, key, value)
    unit.save(update_fields=["name", "short_name", "search_text", "sort_key"])
    record(
        actor=actor,
        action="unit.renamed",
        obj=unit,
        before=before,
        after=snapshot(unit, ["name", "short_name"]),
        reason=clean(legal_basis),
        unit_id=unit.pk,
    )
    return unit


@transaction.atomic
def move_unit(
    *,
    actor: Any,
    unit: Unit,
    parent: Unit,
    effective_on: dt.date,
    legal_basis: str = "",
    version: int | None = None,
) -> Unit:
    ensure_admin(actor, unit, parent)
    if parent.pk == unit.pk or UnitScope.objects.filter(ancestor=unit, descendant=parent).exists():
        raise InvalidData(_("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."))
    if parent.pk == unit.parent_id:
        raise InvalidData(_("Đơn vị đã trực thuộc %(unit)s.") % {"unit": parent.name})
    check_day(effective_on, _("Ngày chuyển"))
    _require_active(unit, effective_on, _("%(unit)s không hoạt động vào ngày %(day)s."))
    _require_active(
        parent, effective_on, _("Đơn vị cấp trên %(unit)s không hoạt động vào ngày %(day)s.")
    )
    current = UnitLink.objects.filter(unit=unit, valid_to__isnull=True).first()
    if current is not None and current.valid_from and current.valid_from >= effective_on:
        raise InvalidData(_("Ngày chuyển phải sau ngày bắt đầu trực thuộc hiện tại."))
    bump_version(unit, version)
    before = {"parent_id": unit.parent_id}
    UnitLink.objects.filter(unit=unit, valid_to__isnull=True).update(
        valid_to=effective_on - ONE_DAY
    )
    UnitLink.objects.create(unit=unit, parent=parent, valid_from=effective_on)
    unit.parent = parent
    unit.save(update_fields=["parent"])
    record(
        actor=actor,
        action="unit.moved",
        obj=unit,
        before=before,
        after={"parent_id": parent.pk, "effective_on": effective_on},
        reason=clean(legal_basis),
        unit_id=unit.pk,
    )
    rebuild_scope()
    return unit


@transaction.atomic
def dissolve_into(
    *,
    actor: Any,
    predecessors: Sequence[Unit],
    successor: Unit,
    effective_on: dt.date,
    kind: SuccessionKind | str = SuccessionKind.MERGER,
    legal_basis: str = "",
    rebuild: bool = True,
) -> list[Succession]:
    """The predecessors stop on the day before `effective_on`; `successor` carries their history."""
    ensure_admin(actor, *predecessors, successor)
    result = []
    for old in predecessors:
        if old.pk == successor.pk:
            raise InvalidData(_("Một đơn vị không thể kế thừa chính nó."))
        before = snapshot(old, ["dissolved_on"])
        bump_version(old, None)
        old.dissolved_on = effective_on - ONE_DAY
        old.save(update_fields=["dissolved_on"])
        UnitLink.objects.filter(unit=old, valid_to__isnull=True).update(valid_to=old.dissolved_on)
        UnitName.objects.filter(unit=old, valid_to__isnull=True).update(valid_to=old.dissolved_on)
        succession = Succession.objects.create(
            predecessor=old,
            successor=successor,
            effective_on=effective_on,
            kind=kind,
            legal_basis=legal_basis,
        )
        record(
            actor=actor,
            action="unit.dissolved",
            obj=old,
            before=before,
            after={"dissolved_on": old.dissolved_on, "successor_id": successor.pk},
            reason=legal_basis,
            unit_id=old.pk,
        )
        result.append(succession)
    if rebuild:
        rebuild_scope()
    return result


@transaction.atomic
def dissolve_unit(
    *,
    actor: Any,
    unit: Unit,
    last_day: dt.date,
    legal_basis: str,
    version: int | None = None,
) -> Unit:
    """The unit ends on `last_day` with no successor (giải thể): its records stay where they are,
    read through its own page and its former parents'."""
    ensure_admin(actor, unit)
    legal_basis = _legal_basis(legal_basis)
    check_day(last_day, _("Ngày cuối cùng hoạt động"))
    if unit.dissolved_on is not None:
        raise InvalidData(_("%(unit)s đã kết thúc hoạt động.") % {"unit": unit.name})
    if unit.established_on is not None and last_day < unit.established_on:
        raise InvalidData(_("Ngày cuối cùng hoạt động không được trước ngày thành lập."))
    _refuse_active_children([unit], last_day)
    bump_version(unit, version)
    _end(unit, last_day)
    record(
        actor=actor,
        action="unit.dissolved",
        obj=unit,
        before={"dissolved_on": None},
        after={"dissolved_on": last_day, "successor_id": None},
        reason=legal_basis,
        unit_id=unit.pk,
    )
    rebuild_scope()
    return unit


@transaction.atomic
def merge_units(
    *,
    actor: Any,
    predecessors: Sequence[Unit],
    effective_on: dt.date,
    legal_basis: str,
    successor: Unit | None = None,
    new_successor: UnitData | None = None,
    version: int | None = None,
) -> tuple[Unit, list[Succession]]:
    """Several units become one (hợp nhất, sáp nhập) from `effective_on`: into an existing unit,
    or into `new_successor` created on that day. `version` is that of the first predecessor (the
    page the merger was started from)."""
    legal_basis = _legal_basis(legal_basis)
    check_day(effective_on, _("Ngày hiệu lực"))
    if (successor is None) == (new_successor is None):
        raise InvalidData(_("Hãy chọn đơn vị kế thừa có sẵn hoặc nhập đơn vị mới (một trong hai)."))
    predecessors = _distinct(predecessors)
    if not predecessors:
        raise InvalidData(_("Hãy chọn ít nhất một đơn vị bị sáp nhập."))
    ensure_admin(actor, *predecessors)
    ending = {u.pk for u in predecessors}
    if successor is not None and successor.pk in ending:
        raise InvalidData(_("Đơn vị kế thừa không được nằm trong các đơn vị bị sáp nhập."))
    parent = successor.parent if successor is not None else new_successor.parent  # type: ignore[union-attr]
    if parent is not None and parent.pk in ending:
        raise InvalidData(_("Đơn vị kế thừa không được trực thuộc một đơn vị bị sáp nhập."))
    _check_ending(predecessors, effective_on)
    bump_version(predecessors[0], version)
    if new_successor is not None:
        successor = create_unit(
            actor=actor,
            code=new_successor.code,
            name=new_successor.name,
            short_name=new_successor.short_name,
            level=new_successor.level,
            parent=new_successor.parent,
            established_on=effective_on,
        )
    assert successor is not None
    _require_active(
        successor, effective_on, _("Đơn vị kế thừa %(unit)s không hoạt động vào ngày %(day)s.")
    )
    rows = dissolve_into(
        actor=actor,
        predecessors=predecessors,
        successor=successor,
        effective_on=effective_on,
        kind=SuccessionKind.MERGER,
        legal_basis=legal_basis,
    )
    return successor, rows


@transaction.atomic
def split_unit(
    *,
    actor: Any,
    predecessor: Unit,
    successors: Sequence[Unit],
    effective_on: dt.date,
    legal_basis: str,
    version: int | None = None,
) -> list[Succession]:
    """One unit is divided (chia tách) from `effective_on`: it ends the day before, and each
    successor carries its history (one Succession row each, kind split)."""
    legal_basis = _legal_basis(legal_basis)
    check_day(effective_on, _("Ngày hiệu lực"))
    successors = _distinct(successors)
    if len(successors) < 2:
        raise InvalidData(_("Chia tách cần ít nhất hai đơn vị kế thừa khác nhau."))
    ensure_admin(actor, predecessor, *successors)
    if predecessor.pk in {u.pk for u in successors}:
        raise InvalidData(_("Một đơn vị không thể kế thừa chính nó."))
    for unit in successors:
        _require_active(
            unit, effective_on, _("Đơn vị kế thừa %(unit)s không hoạt động vào ngày %(day)s.")
        )
    _check_ending([predecessor], effective_on)
    bump_version(predecessor, version)
    last_day = effective_on - ONE_DAY
    _end(predecessor, last_day)
    rows = [
        Succession.objects.create(
            predecessor=predecessor,
            successor=unit,
            effective_on=effective_on,
            kind=SuccessionKind.SPLIT,
            legal_basis=legal_basis,
        )
        for unit in successors
    ]
    record(
        actor=actor,
        action="unit.split",
        obj=predecessor,
        before={"dissolved_on": None},
        after={"dissolved_on": last_day, "successor_ids": [u.pk for u in successors]},
        reason=legal_basis,
        unit_id=predecessor.pk,
    )
    rebuild_scope()
    return rows


def _legal_basis(value: str) -> str:
    value = clean(value)
    if not value:
        raise InvalidData(_("Căn cứ pháp lý (số, ngày văn bản) không được để trống."))
    if len(value) > 300:
        raise InvalidData(_("Căn cứ pháp lý dài quá 300 ký tự."))
    return value


def _distinct(units: Iterable[Unit]) -> list[Unit]:
    seen: dict[int, Unit] = {}
    for unit in units:
        seen.setdefault(unit.pk, unit)
    return list(seen.values())


def _check_ending(units: Sequence[Unit], effective_on: dt.date) -> None:
    """Units that end on the day before `effective_on`: active then, with nothing active below."""
    last_day = effective_on - ONE_DAY
    for unit in units:
        if unit.dissolved_on is not None:
            raise InvalidData(_("%(unit)s đã kết thúc hoạt động.") % {"unit": unit.name})
        if unit.established_on is not None and last_day < unit.established_on:
            raise InvalidData(
                _("Ngày hiệu lực phải sau ngày thành lập của %(unit)s.") % {"unit": unit.name}
            )
    _refuse_active_children(units, last_day)


def _refuse_active_children(units: Sequence[Unit], last_day: dt.date) -> None:
    below = (
        Unit.objects.filter(parent__in=units)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=last_day))
        .order_by("sort_key")
    )
    names = [u.name for u in below[:5]]
    if names:
        raise InvalidData(
            _(
                "Còn đơn vị trực thuộc đang hoạt động: %(units)s. Hãy chuyển, sáp nhập hoặc giải "
                "thể các đơn vị này trước."
            )
            % {"units": ", ".join(names)}
        )


def _end(unit: Unit, last_day: dt.date) -> None:
    unit.dissolved_on = last_day
    unit.save(update_fields=["dissolved_on"])
    UnitLink.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=last_day)
    UnitName.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=last_day)


def rebuild_scope() -> int:
    """Recompute the closure of every parent link and succession ever recorded.

    A few thousand units: computed in Python in milliseconds, written in one bulk insert."""
    up: dict[int, set[int]] = defaultdict(set)
    for unit_id, parent_id in UnitLink.objects.order_by("id").values_list("unit_id", "parent_id"):
        up[unit_id].add(parent_id)
    for unit_id, parent_id in Unit.objects.filter(parent__isnull=False).values_list(
        "id", "parent_id"
    ):
        up[unit_id].add(parent_id)
    for old_id, new_id in Succession.objects.order_by("id").values_list(
        "predecessor_id", "successor_id"
    ):
        up[old_id].add(new_id)
    rows = []
    # Sorted, so that the same organisation always gives the same rows in the same order.
    for unit_id in Unit.objects.order_by("id").values_list("id", flat=True):
        for ancestor in sorted(_ancestors(unit_id, up)):
            rows.append(UnitScope(ancestor_id=ancestor, descendant_id=unit_id))
    with transaction.atomic():
        UnitScope.objects.all().delete()
        UnitScope.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _ancestors(unit_id: int, up: dict[int, set[int]]) -> set[int]:
    seen = {unit_id}
    stack = [unit_id]
    while stack:
        for parent in up.get(stack.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


def lineage(unit: Unit) -> list[Unit]:
    """The unit and every unit it succeeded, directly or not (its history on this line)."""
    ids = {unit.pk}
    frontier = [unit.pk]
    while frontier:
        olds = list(
            Succession.objects.filter(successor_id__in=frontier).values_list(
                "predecessor_id", flat=True
            )
        )
        frontier = [i for i in olds if i not in ids]
        ids.update(frontier)
    return list(Unit.objects.filter(pk__in=ids))


def name_on(unit: Unit, day: dt.date) -> str:
    for row in unit.names.all():
        if (row.valid_from is None or row.valid_from <= day) and (
            row.valid_to is None or day <= row.valid_to
        ):
            return row.name
    return unit.name
