"""Clusters and blocks of a year: members, leaders and the copy to the next year."""

from __future__ import annotations

from typing import Any

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData
from tdkt.org import services as org
from tdkt.org.models import Cluster, ClusterRole
from tests.conftest import Sector


def _cluster(sector: Sector, year: int = 2024, name: str = "Cụm thi đua số 1 năm 2024") -> Any:
    return org.create_cluster(
        actor=None,
        year=year,
        kind="cum",
        name=name,
        organizer=sector.vkstc,
        members=[sector.quang_binh, sector.quang_tri_old, sector.ben_tre],
        head=sector.quang_binh,
    )


def test_a_cluster_name_is_unique_in_its_year(sector: Sector) -> None:
    _cluster(sector)
    with pytest.raises(Conflict, match="đã có cụm, khối tên"):
        _cluster(sector)


def test_an_administrator_adds_a_unit_active_that_year(sector: Sector, admin_user: Any) -> None:
    cluster = _cluster(sector)
    org.add_cluster_member(actor=admin_user, cluster=cluster, unit=sector.van_phong)
    assert cluster.memberships.filter(unit=sector.van_phong, role=ClusterRole.MEMBER).exists()
    assert AuditEntry.objects.get(action="cluster.member_added").after == {
        "unit_id": sector.van_phong.pk
    }


def test_a_unit_not_active_that_year_cannot_join(sector: Sector) -> None:
    cluster = _cluster(sector)
    with pytest.raises(InvalidData, match="không hoạt động trong năm 2024"):
        org.add_cluster_member(actor=None, cluster=cluster, unit=sector.kv1)


def test_a_unit_cannot_join_twice(sector: Sector) -> None:
    cluster = _cluster(sector)
    with pytest.raises(Conflict, match="đã là thành viên"):
        org.add_cluster_member(actor=None, cluster=cluster, unit=sector.ben_tre)


def test_removing_a_member_is_audited(sector: Sector) -> None:
    cluster = _cluster(sector)
    org.remove_cluster_member(actor=None, cluster=cluster, unit=sector.ben_tre)
    assert not cluster.memberships.filter(unit=sector.ben_tre).exists()
    assert AuditEntry.objects.filter(action="cluster.member_removed").count() == 1


def test_the_head_cannot_be_removed_before_another_is_named(sector: Sector) -> None:
    cluster = _cluster(sector)
    with pytest.raises(InvalidData, match="đang là cụm trưởng"):
        org.remove_cluster_member(actor=None, cluster=cluster, unit=sector.quang_binh)


def test_an_officer_outside_the_organiser_cannot_change_a_cluster(
    sector: Sector, outsider: Any
) -> None:
    cluster = _cluster(sector)
    with pytest.raises(org.NotAllowed):
        org.add_cluster_member(actor=outsider, cluster=cluster, unit=sector.van_phong)


def test_copying_last_years_clusters_keeps_the_units_still_active(
    sector: Sector, admin_user: Any
) -> None:
    _cluster(sector, year=2025, name="Cụm thi đua số 1 năm 2025")
    copies = org.copy_clusters(actor=admin_user, year=2026)
    assert [c.name for c in copies] == ["Cụm thi đua số 1 năm 2026"]
    copy = copies[0]
    assert (copy.year, copy.kind, copy.organizer) == (2026, "cum", sector.vkstc)
    # Quảng Bình and the old Quảng Trị ended on 30/06/2025; heads rotate, none is copied.
    assert [(m.unit, m.role) for m in copy.memberships.all()] == [
        (sector.ben_tre, ClusterRole.MEMBER)
    ]
    after = AuditEntry.objects.get(action="cluster.copied").after or {}
    assert after["left_out"] == [sector.quang_binh.pk, sector.quang_tri_old.pk]


def test_copying_refuses_a_year_that_already_has_the_names(sector: Sector) -> None:
    _cluster(sector, year=2025, name="Cụm thi đua số 1")
    org.create_cluster(
        actor=None,
        year=2026,
        kind="cum",
        name="Cụm thi đua số 1",
        organizer=sector.vkstc,
        members=[],
    )
    with pytest.raises(Conflict, match="Năm 2026 đã có cụm, khối: Cụm thi đua số 1"):
        org.copy_clusters(actor=None, year=2026)
    assert Cluster.objects.filter(year=2026).count() == 1


def test_copying_refuses_a_year_with_nothing_to_copy(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="Năm 2029 chưa có cụm, khối nào"):
        org.copy_clusters(actor=None, year=2030)
