"""Who inspects whom: a cluster's inspection is led by its leading unit (or by the unit organising
the cluster) and visits its other members; a plan of a superior unit visits only units under it.
A violation found holds up the unit's dossiers under way, which the findings page lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tdkt.errors import InvalidData, NotAllowed
from tdkt.inspections.models import Inspection
from tdkt.inspections.selectors import held_dossiers
from tdkt.inspections.services import findings, plans
from tdkt.nominations.models import Dossier
from tdkt.org import services as org
from tdkt.org.models import Cluster
from tests.conftest import Sector, login
from tests.inspections.conftest import NOW, judge_all, plan_data


@pytest.fixture
def cluster(sector: Sector) -> Cluster:
    cluster = org.create_cluster(
        actor=None,
        year=2025,
        kind="khoi",
        name="Khối thi đua thử nghiệm năm 2025",
        organizer=sector.vkstc,
        members=[sector.quang_tri, sector.ben_tre],
    )
    org.set_cluster_leaders(actor=None, cluster=cluster, head=sector.ben_tre, deputy=None)
    return cluster


def test_inspection_of_a_block_is_led_by_its_leading_unit(
    sector: Sector, cluster: Cluster, outsider: Any, officer: Any
) -> None:
    inspection = plans.create_plan(actor=outsider, cluster=cluster, data=plan_data(), now=NOW)
    assert inspection.inspector == sector.ben_tre
    assert [u.pk for u in plans.candidate_units(inspection)] == [sector.quang_tri.pk]
    plans.add_target(
        actor=outsider,
        inspection=inspection,
        unit=sector.quang_tri,
        scheduled_on=None,
        version=None,
    )
    # the inspected member reads the plan; the leading unit's officer plans it
    assert (
        login(officer)
        .get(reverse("inspections:inspection_detail", args=[inspection.pk]))
        .status_code
        == 200
    )
    with pytest.raises(NotAllowed):
        plans.create_plan(actor=officer, cluster=cluster, data=plan_data(), now=NOW)
    with pytest.raises(InvalidData) as exc:
        plans.create_plan(
            actor=officer, inspector=sector.quang_tri, cluster=cluster, data=plan_data()
        )
    assert exc.value.code == "no_cluster_head"


def test_inspection_of_a_superior_visits_only_units_under_it(sector: Sector, officer: Any) -> None:
    inspection = plans.create_plan(
        actor=officer, inspector=sector.quang_tri, data=plan_data(), now=NOW
    )
    with pytest.raises(InvalidData) as exc:
        plans.add_target(
            actor=officer,
            inspection=inspection,
            unit=sector.ben_tre,
            scheduled_on=None,
            version=None,
        )
    assert exc.value.code == "unit_out_of_scope"
    plans.add_target(
        actor=officer, inspection=inspection, unit=sector.kv1, scheduled_on=None, version=None
    )
    assert Inspection.objects.get().targets.get().unit == sector.kv1


def test_inspection_violation_lists_the_dossiers_it_holds(
    sector: Sector, inspecting: Inspection, vkstc_officer: Any
) -> None:
    under_way = Dossier.objects.create(
        kind="cong_trang",
        year=2025,
        title="Đề nghị tặng Cờ thi đua năm 2025",
        unit=sector.quang_tri,
        receiver=sector.vkstc,
        status="submitted",
    )
    Dossier.objects.create(
        kind="cong_trang",
        year=2024,
        title="Hồ sơ năm 2024 đã xong",
        unit=sector.quang_tri,
        receiver=sector.vkstc,
        status="decided",
    )
    assert list(held_dossiers(sector.quang_tri.pk, 2025)) == [under_way]
    judge_all(inspecting, vkstc_officer, verdict="vi_pham")
    page = (
        login(vkstc_officer)
        .get(reverse("inspections:inspection_detail", args=[inspecting.pk]), {"tab": "ket-qua"})
        .content.decode()
    )
    assert "Đề nghị tặng Cờ thi đua năm 2025" in page
    assert "khoản 4 Điều 4 Nghị định số 152/2025/NĐ-CP" in page
    assert "Hồ sơ năm 2024 đã xong" not in page


def test_inspection_recommendation_deadline_must_be_ahead(
    inspecting: Inspection, vkstc_officer: Any
) -> None:
    target = inspecting.targets.get()
    with pytest.raises(InvalidData) as exc:
        findings.add_recommendation(
            actor=vkstc_officer,
            target=target,
            text="Khắc phục ngay các hạn chế.",
            deadline=dt.date(2025, 12, 31),
            now=NOW,
        )
    assert exc.value.code == "bad_deadline"
