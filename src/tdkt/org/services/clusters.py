"""Business events of the emulation clusters and blocks (cụm, khối thi đua) of each year."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import Conflict, InvalidData
from tdkt.org.models import (
    Cluster,
    ClusterKind,
    ClusterMember,
    ClusterRole,
    Unit,
)
from tdkt.org.services.units import EARLIEST, LATEST, NotAllowed, _distinct
from tdkt.text import clean
from tdkt.workflow.access import access_for


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
    ensure_organiser(actor, organizer)
    name = clean(name)
    _check_cluster(year, kind, name)
    members = _distinct(members)
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
    cluster = Cluster.objects.create(year=year, kind=kind, name=name, organizer=organizer)
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


def ensure_organiser(actor: Any, organizer: Unit) -> None:
    """Clusters are laid out by the organising unit's TĐKT office or an administrator (the
    screens of org are for administrators; the demo lays them out as VKSND tối cao's officer)."""
    if actor is not None and not access_for(actor).can("edit", organizer.pk):
        raise NotAllowed(_("Bạn không có quyền lập, sửa cụm, khối thi đua của đơn vị tổ chức."))


def _check_cluster(year: int, kind: str, name: str) -> None:
    if not EARLIEST.year <= year <= LATEST.year:
        raise InvalidData(_("Năm phải trong khoảng 1945 – 2100."))
    if kind not in ClusterKind.values:
        raise InvalidData(_("Loại cụm, khối không hợp lệ."))
    if not name:
        raise InvalidData(_("Tên cụm, khối không được để trống."))
    if Cluster.objects.filter(year=year, name__iexact=name).exists():
        raise Conflict(
            _("Năm %(year)s đã có cụm, khối tên %(name)s.") % {"year": year, "name": name},
            code="duplicate_cluster",
        )


@transaction.atomic
def add_cluster_member(*, actor: Any, cluster: Cluster, unit: Unit) -> ClusterMember:
    ensure_organiser(actor, cluster.organizer)
    if not _active_in_year(unit, cluster.year):
        raise InvalidData(
            _("%(unit)s không hoạt động trong năm %(year)s.")
            % {"unit": unit.name, "year": cluster.year}
        )
    if ClusterMember.objects.filter(cluster=cluster, unit=unit).exists():
        raise Conflict(_("%(unit)s đã là thành viên của cụm, khối.") % {"unit": unit.name})
    member = ClusterMember.objects.create(cluster=cluster, unit=unit, role=ClusterRole.MEMBER)
    record(
        actor=actor,
        action="cluster.member_added",
        obj=cluster,
        after={"unit_id": unit.pk},
        unit_id=cluster.organizer_id,
    )
    return member


@transaction.atomic
def remove_cluster_member(*, actor: Any, cluster: Cluster, unit: Unit) -> Cluster:
    ensure_organiser(actor, cluster.organizer)
    member = ClusterMember.objects.select_for_update().filter(cluster=cluster, unit=unit).first()
    if member is None:
        raise InvalidData(_("%(unit)s không phải thành viên của cụm, khối.") % {"unit": unit.name})
    if member.role != ClusterRole.MEMBER:
        raise InvalidData(
            _(
                "%(unit)s đang là %(role)s: hãy phân công đơn vị khác trước khi bỏ ra khỏi cụm, "
                "khối."
            )
            % {"unit": unit.name, "role": member.get_role_display().lower()}
        )
    member.delete()
    record(
        actor=actor,
        action="cluster.member_removed",
        obj=cluster,
        before={"unit_id": unit.pk},
        unit_id=cluster.organizer_id,
    )
    return cluster


@transaction.atomic
def copy_clusters(*, actor: Any, year: int, source_year: int | None = None) -> list[Cluster]:
    """Lay out `year`'s clusters as those of the year before: same kind, organiser and members
    still active in `year`; the year in a name follows. Heads and deputies rotate every year, so
    none is copied. Refused whole if `year` already has a cluster of one of the names."""
    source_year = year - 1 if source_year is None else source_year
    if not EARLIEST.year <= year <= LATEST.year or source_year == year:
        raise InvalidData(_("Năm phải trong khoảng 1945 – 2100 và khác năm được sao chép."))
    sources = list(
        Cluster.objects.filter(year=source_year).select_related("organizer").order_by("id")
    )
    if not sources:
        raise InvalidData(_("Năm %(year)s chưa có cụm, khối nào.") % {"year": source_year})
    for source in sources:
        ensure_organiser(actor, source.organizer)
    names = {source.pk: _year_in_name(source.name, source_year, year) for source in sources}
    taken = list(
        Cluster.objects.filter(year=year, name__in=names.values()).values_list("name", flat=True)
    )
    if taken:
        raise Conflict(
            _("Năm %(year)s đã có cụm, khối: %(names)s.")
            % {"year": year, "names": ", ".join(sorted(taken))},
            code="duplicate_cluster",
        )
    copies = []
    for source in sources:
        units = [m.unit for m in source.memberships.select_related("unit").order_by("id")]
        kept = [u for u in units if _active_in_year(u, year)]
        cluster = Cluster.objects.create(
            year=year, kind=source.kind, name=names[source.pk], organizer=source.organizer
        )
        ClusterMember.objects.bulk_create(ClusterMember(cluster=cluster, unit=u) for u in kept)
        record(
            actor=actor,
            action="cluster.copied",
            obj=cluster,
            after={
                "source_id": source.pk,
                "year": year,
                "members": [u.pk for u in kept],
                "left_out": [u.pk for u in units if u not in kept],
            },
            unit_id=source.organizer_id,
        )
        copies.append(cluster)
    return copies


def _year_in_name(name: str, old: int, new: int) -> str:
    return re.sub(rf"\b{old}\b", str(new), name)
