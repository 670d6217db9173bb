"""Business events of the organisation. Each is atomic and writes its audit entry."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import InvalidData
from tdkt.org.models import (
    Cluster,
    ClusterKind,
    ClusterMember,
    ClusterRole,
    Succession,
    SuccessionKind,
    Unit,
    UnitLevel,
    UnitLink,
    UnitName,
    UnitScope,
)
from tdkt.text import clean, collation_key, search_key

ONE_DAY = dt.timedelta(days=1)


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
    name, short_name = clean(name), clean(short_name)
    if not name:
        raise InvalidData(_("Tên đơn vị không được để trống."))
    if Unit.objects.filter(code=code).exists():
        raise InvalidData(_("Mã đơn vị %(code)s đã tồn tại.") % {"code": code})
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
    *, actor: Any, unit: Unit, name: str, short_name: str = "", effective_on: dt.date
) -> Unit:
    name, short_name = clean(name), clean(short_name)
    if not name:
        raise InvalidData(_("Tên đơn vị không được để trống."))
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
        unit_id=unit.pk,
    )
    return unit


@transaction.atomic
def move_unit(*, actor: Any, unit: Unit, parent: Unit, effective_on: dt.date) -> Unit:
    if parent.pk == unit.pk or UnitScope.objects.filter(ancestor=unit, descendant=parent).exists():
        raise InvalidData(_("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."))
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
        after={"parent_id": parent.pk},
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
    result = []
    for old in predecessors:
        if old.pk == successor.pk:
            raise InvalidData(_("Một đơn vị không thể kế thừa chính nó."))
        before = snapshot(old, ["dissolved_on"])
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


@transaction.atomic
def create_cluster(
    *,
    actor: Any,
    year: int,
    kind: ClusterKind | str,
    name: str,
    organizer: Unit,
    members: Iterable[Unit],
    head: Unit | None = None,
    deputy: Unit | None = None,
) -> Cluster:
    members = list(members)
    if head is not None and head not in members:
        members.append(head)
    if deputy is not None and deputy not in members:
        members.append(deputy)
    if head is not None and head == deputy:
        raise InvalidData(_("Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."))
    inactive = [u.name for u in members if not _active_in_year(u, year)]
    if inactive:
        raise InvalidData(
            _("Đơn vị không hoạt động trong năm %(year)s: %(units)s")
            % {"year": year, "units": ", ".join(inactive)}
        )
    cluster = Cluster.objects.create(year=year, kind=kind, name=clean(name), organizer=organizer)
    ClusterMember.objects.bulk_create(
        ClusterMember(cluster=cluster, unit=u, role=_role(u, head, deputy)) for u in members
    )
    record(
        actor=actor,
        action="cluster.created",
        obj=cluster,
        after={
            "year": year,
            "kind": str(kind),
            "members": [u.pk for u in members],
            "head": head.pk if head else None,
            "deputy": deputy.pk if deputy else None,
        },
        unit_id=organizer.pk,
    )
    return cluster


def _role(unit: Unit, head: Unit | None, deputy: Unit | None) -> str:
    if head is not None and unit.pk == head.pk:
        return ClusterRole.HEAD
    if deputy is not None and unit.pk == deputy.pk:
        return ClusterRole.DEPUTY
    return ClusterRole.MEMBER


def _active_in_year(unit: Unit, year: int) -> bool:
    started = unit.established_on is None or unit.established_on.year <= year
    return started and (unit.dissolved_on is None or unit.dissolved_on.year >= year)


@transaction.atomic
def set_cluster_leaders(
    *, actor: Any, cluster: Cluster, head: Unit | None, deputy: Unit | None, reason: str = ""
) -> Cluster:
    """Name the head and the deputy among the members (the others become plain members). Who may
    lead is decided by the caller (`movements.services.clusters.appoint_cluster_leaders`)."""
    rows = {m.unit_id: m for m in ClusterMember.objects.select_for_update().filter(cluster=cluster)}
    for unit in (head, deputy):
        if unit is not None and unit.pk not in rows:
            raise InvalidData(
                _("%(unit)s không phải thành viên của cụm, khối.") % {"unit": unit.name}
            )
    if head is not None and deputy is not None and head.pk == deputy.pk:
        raise InvalidData(_("Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."))
    before = {m.role: m.unit_id for m in rows.values() if m.role != ClusterRole.MEMBER}
    ClusterMember.objects.filter(cluster=cluster).exclude(role=ClusterRole.MEMBER).update(
        role=ClusterRole.MEMBER
    )
    for unit, role in ((head, ClusterRole.HEAD), (deputy, ClusterRole.DEPUTY)):
        if unit is not None:
            ClusterMember.objects.filter(cluster=cluster, unit=unit).update(role=role)
    record(
        actor=actor,
        action="cluster.leaders_set",
        obj=cluster,
        before=before,
        after={
            ClusterRole.HEAD: head.pk if head else None,
            ClusterRole.DEPUTY: deputy.pk if deputy else None,
        },
        reason=reason,
        unit_id=cluster.organizer_id,
    )
    return cluster
