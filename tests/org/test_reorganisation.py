"""The services that change the organisation: create, rename, move, dissolve, merge, split."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdkt.accounts.models import Role
from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData
from tdkt.org import services as org
from tdkt.org.models import Succession, SuccessionKind, Unit, UnitLevel, UnitLink, UnitName
from tdkt.workflow.access import restrict_people
from tests.conftest import Sector, make_user

DAY = dt.date(2025, 7, 1)
BASIS = "Nghị quyết 1/NQ-UBTVQH ngày 10/06/2025"


def _new_unit(sector: Sector, code: str, name: str, established_on: dt.date = DAY) -> Unit:
    return org.create_unit(
        actor=None,
        code=code,
        name=name,
        level=UnitLevel.KHU_VUC,
        parent=sector.ben_tre,
        established_on=established_on,
    )


def _audited(action: str, unit: Unit) -> AuditEntry:
    return AuditEntry.objects.get(action=action, object_id=str(unit.pk))


# --- create -----------------------------------------------------------------------------------


def test_an_administrator_creates_a_unit_under_a_parent(sector: Sector, admin_user: Any) -> None:
    unit = org.create_unit(
        actor=admin_user,
        code="KV-BT-09",
        name="Viện kiểm sát nhân dân khu vực 9 - Bến Tre",
        level=UnitLevel.KHU_VUC,
        parent=sector.ben_tre,
        established_on=DAY,
    )
    assert unit.version == 1
    assert _audited("unit.created", unit).actor == admin_user
    assert UnitLink.objects.get(unit=unit).parent == sector.ben_tre


@pytest.mark.parametrize("code", ["kv bt", "mã-đơn-vị", "-KV", ""])
def test_a_unit_code_must_follow_the_slug_rules(sector: Sector, code: str) -> None:
    with pytest.raises(InvalidData, match="Mã đơn vị chỉ gồm"):
        org.create_unit(actor=None, code=code, name="X", level=UnitLevel.TINH)


def test_a_unit_code_is_unique_whatever_its_case(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="t-bt đã tồn tại"):
        org.create_unit(actor=None, code="t-bt", name="X", level=UnitLevel.TINH)


def test_a_unit_date_outside_the_bounds_is_refused(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="Ngày thành lập phải trong khoảng"):
        org.create_unit(
            actor=None, code="X1", name="X", level="tinh", established_on=dt.date(9999, 1, 1)
        )


def test_an_officer_cannot_change_the_organisation(sector: Sector, officer: Any) -> None:
    with pytest.raises(org.NotAllowed):
        org.create_unit(
            actor=officer, code="KV-QT-09", name="X", level="khu_vuc", parent=sector.quang_tri
        )
    with pytest.raises(org.NotAllowed):
        org.rename_unit(actor=officer, unit=sector.kv1, name="Y", effective_on=DAY)
    assert not Unit.objects.filter(code="KV-QT-09").exists()


# --- rename and move --------------------------------------------------------------------------


def test_renaming_bumps_the_version_and_keeps_the_legal_basis(
    sector: Sector, admin_user: Any
) -> None:
    org.rename_unit(
        actor=admin_user,
        unit=sector.binh_dai,
        name="VKSND huyện Bình Đại",
        effective_on=dt.date(2024, 1, 1),
        legal_basis=BASIS,
        version=1,
    )
    sector.binh_dai.refresh_from_db()
    assert sector.binh_dai.version == 2
    assert _audited("unit.renamed", sector.binh_dai).reason == BASIS


def test_a_stale_rename_is_refused_and_writes_nothing(sector: Sector, admin_user: Any) -> None:
    org.rename_unit(actor=admin_user, unit=sector.binh_dai, name="A", effective_on=DAY, version=1)
    with pytest.raises(Conflict):
        org.rename_unit(
            actor=admin_user,
            unit=sector.binh_dai,
            name="B",
            effective_on=dt.date(2025, 8, 1),
            version=1,
        )
    assert UnitName.objects.get(unit=sector.binh_dai, valid_to__isnull=True).name == "A"


def test_moving_a_unit_gives_its_new_parent_access(sector: Sector, admin_user: Any) -> None:
    target = _new_unit(sector, "KV-BT-01", "Viện kiểm sát nhân dân khu vực 1 - Bến Tre")
    org.move_unit(
        actor=admin_user,
        unit=sector.binh_dai,
        parent=target,
        effective_on=dt.date(2025, 8, 1),
        version=1,
    )
    chief = make_user("kv1.bentre", Role.OFFICER, target)
    assert restrict_people(chief).filter(pk=sector.binh.pk).exists()
    sector.binh_dai.refresh_from_db()
    assert sector.binh_dai.version == 2


def test_a_unit_cannot_move_under_a_unit_not_yet_established(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="không hoạt động vào ngày 01/01/2024"):
        org.move_unit(
            actor=None, unit=sector.binh_dai, parent=sector.kv1, effective_on=dt.date(2024, 1, 1)
        )


# --- dissolve ---------------------------------------------------------------------------------


def test_dissolving_a_unit_ends_it_on_its_last_day(sector: Sector, admin_user: Any) -> None:
    org.dissolve_unit(
        actor=admin_user,
        unit=sector.binh_dai,
        last_day=dt.date(2025, 6, 30),
        legal_basis=BASIS,
        version=1,
    )
    sector.binh_dai.refresh_from_db()
    assert sector.binh_dai.dissolved_on == dt.date(2025, 6, 30)
    assert sector.binh_dai.version == 2
    assert not Succession.objects.filter(predecessor=sector.binh_dai).exists()
    assert UnitName.objects.get(unit=sector.binh_dai).valid_to == dt.date(2025, 6, 30)
    assert _audited("unit.dissolved", sector.binh_dai).reason == BASIS


def test_a_unit_with_active_units_below_cannot_be_dissolved(sector: Sector) -> None:
    with pytest.raises(InvalidData, match=r"Còn đơn vị trực thuộc đang hoạt động: .*Bình Đại"):
        org.dissolve_unit(
            actor=None, unit=sector.ben_tre, last_day=dt.date(2025, 6, 30), legal_basis=BASIS
        )


def test_dissolving_needs_a_legal_basis(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="Căn cứ pháp lý"):
        org.dissolve_unit(
            actor=None, unit=sector.binh_dai, last_day=dt.date(2025, 6, 30), legal_basis="  "
        )


def test_a_dissolved_unit_cannot_be_dissolved_again(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="đã kết thúc hoạt động"):
        org.dissolve_unit(
            actor=None, unit=sector.dong_hoi, last_day=dt.date(2025, 8, 1), legal_basis=BASIS
        )


def test_a_unit_cannot_end_before_it_was_established(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="không được trước ngày thành lập"):
        org.dissolve_unit(
            actor=None, unit=sector.kv1, last_day=dt.date(2025, 1, 1), legal_basis=BASIS
        )


# --- merge ------------------------------------------------------------------------------------


def test_a_merger_into_a_new_unit_gives_its_officer_the_predecessors_people(
    sector: Sector, admin_user: Any
) -> None:
    extra = org.create_unit(
        actor=None,
        code="H-BT-GT",
        name="Viện kiểm sát nhân dân huyện Giồng Trôm",
        level=UnitLevel.HUYEN,
        parent=sector.ben_tre,
    )
    successor, rows = org.merge_units(
        actor=admin_user,
        predecessors=[sector.binh_dai, extra],
        new_successor=org.UnitData(
            code="KV-BT-01",
            name="Viện kiểm sát nhân dân khu vực 1 - Bến Tre",
            level=UnitLevel.KHU_VUC,
            parent=sector.ben_tre,
        ),
        effective_on=DAY,
        legal_basis=BASIS,
        version=1,
    )
    assert successor.established_on == DAY
    assert {r.predecessor for r in rows} == {sector.binh_dai, extra}
    assert {r.kind for r in rows} == {SuccessionKind.MERGER}
    assert {r.legal_basis for r in rows} == {BASIS}
    sector.binh_dai.refresh_from_db()
    assert sector.binh_dai.dissolved_on == dt.date(2025, 6, 30)
    chief = make_user("kv1.bentre", Role.OFFICER, successor)
    assert list(restrict_people(chief)) == [sector.binh]
    assert AuditEntry.objects.filter(action="unit.dissolved", reason=BASIS).count() == 2
    assert _audited("unit.created", successor).actor == admin_user


def test_a_merger_into_an_existing_unit(sector: Sector) -> None:
    target = _new_unit(sector, "KV-BT-01", "Viện kiểm sát nhân dân khu vực 1 - Bến Tre")
    successor, rows = org.merge_units(
        actor=None,
        predecessors=[sector.binh_dai],
        successor=target,
        effective_on=DAY,
        legal_basis=BASIS,
    )
    assert successor == target
    assert rows[0].effective_on == DAY


def test_a_merger_refuses_a_successor_among_the_predecessors(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="không được nằm trong"):
        org.merge_units(
            actor=None,
            predecessors=[sector.binh_dai, sector.ben_tre],
            successor=sector.ben_tre,
            effective_on=DAY,
            legal_basis=BASIS,
        )


def test_a_merger_needs_exactly_one_successor(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="một trong hai"):
        org.merge_units(
            actor=None, predecessors=[sector.binh_dai], effective_on=DAY, legal_basis=BASIS
        )


def test_a_merger_refuses_a_predecessor_with_active_units_below(sector: Sector) -> None:
    target = _new_unit(sector, "KV-BT-01", "Viện kiểm sát nhân dân khu vực 1 - Bến Tre")
    org.move_unit(actor=None, unit=target, parent=sector.vkstc, effective_on=dt.date(2025, 8, 1))
    with pytest.raises(InvalidData, match="Còn đơn vị trực thuộc"):
        org.merge_units(
            actor=None,
            predecessors=[sector.ben_tre],
            successor=target,
            effective_on=dt.date(2025, 9, 1),
            legal_basis=BASIS,
        )


def test_a_failed_merger_creates_no_new_unit(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="đã tồn tại"):
        org.merge_units(
            actor=None,
            predecessors=[sector.binh_dai],
            new_successor=org.UnitData(code="T-QB", name="Trùng mã", level="khu_vuc"),
            effective_on=DAY,
            legal_basis=BASIS,
        )
    sector.binh_dai.refresh_from_db()
    assert sector.binh_dai.dissolved_on is None


def test_a_stale_merger_is_refused_and_writes_nothing(sector: Sector) -> None:
    target = _new_unit(sector, "KV-BT-01", "Viện kiểm sát nhân dân khu vực 1 - Bến Tre")
    with pytest.raises(Conflict):
        org.merge_units(
            actor=None,
            predecessors=[sector.binh_dai],
            successor=target,
            effective_on=DAY,
            legal_basis=BASIS,
            version=7,
        )
    assert not Succession.objects.filter(predecessor=sector.binh_dai).exists()


def test_an_officer_cannot_merge_units(sector: Sector, outsider: Any) -> None:
    target = _new_unit(sector, "KV-BT-01", "Viện kiểm sát nhân dân khu vực 1 - Bến Tre")
    with pytest.raises(org.NotAllowed):
        org.merge_units(
            actor=outsider,
            predecessors=[sector.binh_dai],
            successor=target,
            effective_on=DAY,
            legal_basis=BASIS,
        )


# --- split ------------------------------------------------------------------------------------


def test_a_split_gives_each_successors_officer_the_predecessors_people(
    sector: Sector, admin_user: Any
) -> None:
    one = _new_unit(sector, "KV-BT-01", "Viện kiểm sát nhân dân khu vực 1 - Bến Tre")
    two = _new_unit(sector, "KV-BT-02", "Viện kiểm sát nhân dân khu vực 2 - Bến Tre")
    rows = org.split_unit(
        actor=admin_user,
        predecessor=sector.binh_dai,
        successors=[one, two],
        effective_on=DAY,
        legal_basis=BASIS,
        version=1,
    )
    assert [(r.successor, r.kind, r.legal_basis) for r in rows] == [
        (one, SuccessionKind.SPLIT, BASIS),
        (two, SuccessionKind.SPLIT, BASIS),
    ]
    sector.binh_dai.refresh_from_db()
    assert sector.binh_dai.dissolved_on == dt.date(2025, 6, 30)
    assert sector.binh_dai.version == 2
    for unit in (one, two):
        chief = make_user(f"chief.{unit.code}", Role.OFFICER, unit)
        assert list(restrict_people(chief)) == [sector.binh]
    assert _audited("unit.split", sector.binh_dai).reason == BASIS


def test_a_split_needs_two_distinct_successors(sector: Sector) -> None:
    one = _new_unit(sector, "KV-BT-01", "Viện kiểm sát nhân dân khu vực 1 - Bến Tre")
    with pytest.raises(InvalidData, match="ít nhất hai"):
        org.split_unit(
            actor=None,
            predecessor=sector.binh_dai,
            successors=[one, one],
            effective_on=DAY,
            legal_basis=BASIS,
        )


def test_a_split_refuses_a_successor_not_yet_established(sector: Sector) -> None:
    one = _new_unit(sector, "KV-BT-01", "Viện kiểm sát nhân dân khu vực 1 - Bến Tre")
    late = _new_unit(sector, "KV-BT-02", "Khu vực 2", established_on=dt.date(2025, 9, 1))
    with pytest.raises(InvalidData, match="Khu vực 2 không hoạt động vào ngày 01/07/2025"):
        org.split_unit(
            actor=None,
            predecessor=sector.binh_dai,
            successors=[one, late],
            effective_on=DAY,
            legal_basis=BASIS,
        )
    sector.binh_dai.refresh_from_db()
    assert sector.binh_dai.dissolved_on is None


def test_a_stale_split_is_refused(sector: Sector) -> None:
    one = _new_unit(sector, "KV-BT-01", "Khu vực 1")
    two = _new_unit(sector, "KV-BT-02", "Khu vực 2")
    with pytest.raises(Conflict):
        org.split_unit(
            actor=None,
            predecessor=sector.binh_dai,
            successors=[one, two],
            effective_on=DAY,
            legal_basis=BASIS,
            version=3,
        )
    assert not Succession.objects.filter(predecessor=sector.binh_dai).exists()
