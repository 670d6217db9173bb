from __future__ import annotations

import datetime as dt

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import InvalidData
from tdkt.org import services as org
from tdkt.org.models import UnitName
from tests.conftest import Sector


def test_renaming_a_unit_keeps_the_old_name_for_its_dates(sector: Sector) -> None:
    org.rename_unit(
        actor=None,
        unit=sector.binh_dai,
        name="VKSND huyện Bình Đại (mới)",
        effective_on=dt.date(2024, 1, 1),
    )
    current = UnitName.objects.get(unit=sector.binh_dai, valid_to__isnull=True)
    assert current.name == "VKSND huyện Bình Đại (mới)"
    assert UnitName.objects.filter(unit=sector.binh_dai).count() == 2
    assert (
        org.name_on(sector.binh_dai, dt.date(2023, 6, 1)) == "Viện kiểm sát nhân dân huyện Bình Đại"
    )
    assert org.name_on(sector.binh_dai, dt.date(2024, 6, 1)) == "VKSND huyện Bình Đại (mới)"
    assert AuditEntry.objects.filter(
        action="unit.renamed", object_id=str(sector.binh_dai.pk)
    ).exists()


def test_a_unit_cannot_move_under_its_own_subtree(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="chính nó hoặc đơn vị cấp dưới"):
        org.move_unit(
            actor=None,
            unit=sector.ben_tre,
            parent=sector.binh_dai,
            effective_on=dt.date(2024, 1, 1),
        )
    sector.ben_tre.refresh_from_db()
    assert sector.ben_tre.parent == sector.vkstc


def test_lineage_of_the_new_province_includes_the_merged_ones(sector: Sector) -> None:
    codes = {u.code for u in org.lineage(sector.quang_tri)}
    assert codes == {"T25-QT", "T-QB", "T-QT"}


def test_dissolved_units_end_the_day_before_the_merger(sector: Sector) -> None:
    sector.quang_binh.refresh_from_db()
    assert sector.quang_binh.dissolved_on == dt.date(2025, 6, 30)
    assert not sector.quang_binh.is_active_on(dt.date(2025, 7, 1))
    assert sector.quang_binh.is_active_on(dt.date(2025, 6, 30))


def test_a_cluster_refuses_the_same_unit_as_head_and_deputy(sector: Sector) -> None:
    with pytest.raises(InvalidData):
        org.create_cluster(
            actor=None,
            year=2024,
            kind="cum",
            name="Cụm 1",
            organizer=sector.vkstc,
            members=[sector.ben_tre],
            head=sector.ben_tre,
            deputy=sector.ben_tre,
        )


def test_a_cluster_refuses_a_unit_that_did_not_exist_that_year(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="không hoạt động trong năm 2024"):
        org.create_cluster(
            actor=None,
            year=2024,
            kind="cum",
            name="Cụm 2",
            organizer=sector.vkstc,
            members=[sector.quang_tri, sector.ben_tre],
        )


def test_a_failed_service_leaves_no_audit_entry(sector: Sector) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(InvalidData):
        org.create_unit(actor=None, code="VKSTC", name="Trùng mã", level="tinh")
    assert AuditEntry.objects.count() == before
