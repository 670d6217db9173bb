"""Inspections on the shared sector: VKSND tối cao inspects the new VKSND tỉnh Quảng Trị's
emulation work of 2025; Bến Tre is the outsider. The clock is pinned to 10/01/2026."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from django.utils import timezone

from tdkt.accounts.models import Role, User
from tdkt.inspections.models import Inspection, Target, Verdict
from tdkt.inspections.services import findings, plans
from tdkt.people import services as people
from tdkt.people.models import Person
from tests.conftest import Sector, make_user

NOW = timezone.make_aware(dt.datetime(2026, 1, 10, 9, 0))
LATER = timezone.make_aware(dt.datetime(2026, 5, 10, 9, 0))
TITLE = "Kiểm tra công tác thi đua, khen thưởng năm 2025"


def plan_data(**changes: Any) -> plans.PlanData:
    base = plans.PlanData(
        title=TITLE,
        year=2025,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        purpose="Đánh giá việc thực hiện công tác thi đua, khen thưởng năm 2025.",
        method="Nghe báo cáo, kiểm tra hồ sơ, tài liệu minh chứng.",
        number="15",
        place="Hà Nội",
        signed_on=dt.date(2026, 1, 5),
        signer_title="Phó Viện trưởng",
        signer_name="Nguyễn Huy Tiến",
    )
    return replace(base, **changes)


@pytest.fixture
def vkstc_officer(sector: Sector) -> User:
    return make_user("tdkt.vkstc", Role.OFFICER, sector.vkstc)


@pytest.fixture
def vkstc_leader(sector: Sector) -> User:
    return make_user("lanhdao.vkstc", Role.LEADER, sector.vkstc)


@pytest.fixture
def inspector_person(sector: Sector) -> Person:
    return people.create_person(
        actor=None,
        full_name="Phạm Thị Hạnh",
        gender="female",
        birth_date=dt.date(1980, 3, 3),
        unit=sector.van_phong,
        post_kind="chuyen_vien",
        position_from=dt.date(2015, 1, 1),
    )


def draft_plan(
    sector: Sector, actor: Any, head: Person | None = None, **changes: Any
) -> Inspection:
    inspection = plans.create_plan(
        actor=actor, inspector=sector.vkstc, data=plan_data(**changes), now=NOW
    )
    plans.add_target(
        actor=actor,
        inspection=inspection,
        unit=sector.quang_tri,
        scheduled_on=dt.date(2026, 1, 20),
        version=None,
    )
    if head is not None:
        plans.add_member(
            actor=actor, inspection=inspection, person=head, role="truong_doan", version=None
        )
    inspection.refresh_from_db()
    return inspection


@pytest.fixture
def draft(sector: Sector, vkstc_officer: User, inspector_person: Person) -> Inspection:
    return draft_plan(sector, vkstc_officer, inspector_person)


@pytest.fixture
def approved(draft: Inspection, vkstc_leader: User) -> Inspection:
    return plans.approve_plan(actor=vkstc_leader, inspection=draft, version=draft.version, now=NOW)


@pytest.fixture
def inspecting(approved: Inspection, vkstc_officer: User) -> Inspection:
    return plans.start_inspection(
        actor=vkstc_officer, inspection=approved, version=approved.version, now=NOW
    )


def target_of(inspection: Inspection) -> Target:
    return inspection.targets.get()


def judge_all(inspection: Inspection, actor: Any, verdict: str = Verdict.PASSED) -> Target:
    target = target_of(inspection)
    verdicts = {
        i.pk: (verdict, "Nhận xét chi tiết của đoàn kiểm tra.") for i in inspection.items.all()
    }
    findings.record_findings(actor=actor, target=target, findings=verdicts, version=None, now=NOW)
    return target


@pytest.fixture
def concluded(inspecting: Inspection, vkstc_officer: User, vkstc_leader: User) -> Inspection:
    target = judge_all(inspecting, vkstc_officer)
    findings.add_recommendation(
        actor=vkstc_officer,
        target=target,
        text="Bố trí công chức chuyên trách công tác thi đua, khen thưởng.",
        deadline=dt.date(2026, 3, 31),
        now=NOW,
    )
    inspecting.refresh_from_db()
    return findings.conclude(
        actor=vkstc_leader,
        inspection=inspecting,
        conclusion="Đơn vị thực hiện cơ bản đúng quy định, còn một số hạn chế cần khắc phục.",
        number="20",
        version=inspecting.version,
        now=NOW,
    )
