"""An inspection's way through the kernel: every state, every refusal, and the outsider refused
by each service with nothing written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.inspections.models import (
    Inspection,
    InspectionTransition,
    Recommendation,
    RecommendationTransition,
)
from tdkt.inspections.services import findings, plans, reports
from tests.conftest import Sector
from tests.inspections.conftest import LATER, NOW, judge_all, target_of


def test_inspection_goes_through_every_state_with_rows_and_audit(
    concluded: Inspection, vkstc_leader: Any, vkstc_officer: Any, officer: Any
) -> None:
    rec = Recommendation.objects.get(target__inspection=concluded)
    findings.report_fix(
        actor=officer,
        recommendation=rec,
        report="Đã phân công một công chức chuyên trách từ tháng 3/2026.",
        fixed_on=dt.date(2026, 3, 1),
        version=rec.version,
        now=LATER,
    )
    findings.accept_fix(actor=vkstc_officer, recommendation=rec, version=rec.version, now=LATER)
    findings.close_inspection(
        actor=vkstc_leader, inspection=concluded, version=concluded.version, now=LATER
    )

    concluded.refresh_from_db()
    assert concluded.status == "da_dong"
    assert concluded.closed_at == LATER
    moves = list(
        InspectionTransition.objects.filter(inspection=concluded).values_list(
            "from_status", "to_status"
        )
    )
    assert moves == [
        ("du_thao", "da_duyet"),
        ("da_duyet", "dang_kiem_tra"),
        ("dang_kiem_tra", "da_ket_luan"),
        ("da_ket_luan", "da_dong"),
    ]
    actions = set(
        AuditEntry.objects.filter(
            object_id=str(concluded.pk), object_type="inspections.inspection"
        ).values_list("action", flat=True)
    )
    assert {"inspection.approved", "inspection.started", "inspection.concluded"} <= actions
    assert "inspection.closed" in actions
    assert list(
        RecommendationTransition.objects.filter(recommendation=rec).values_list(
            "to_status", flat=True
        )
    ) == ["da_bao_cao", "da_chap_nhan"]


def test_inspection_plan_returned_needs_a_coded_reason(
    approved: Inspection, vkstc_leader: Any
) -> None:
    with pytest.raises(InvalidData) as short:
        plans.return_plan(
            actor=vkstc_leader,
            inspection=approved,
            reason_code="other",
            reason="ngắn",
            version=approved.version,
        )
    assert short.value.code == "reason_required"
    plans.return_plan(
        actor=vkstc_leader,
        inspection=approved,
        reason_code="missing_documents",
        reason="Thiếu lịch kiểm tra chi tiết cho từng đơn vị trực thuộc.",
        version=approved.version,
    )
    approved.refresh_from_db()
    assert approved.status == "du_thao"
    row = InspectionTransition.objects.filter(inspection=approved).last()
    assert row is not None and row.reason_code == "missing_documents"


def test_inspection_move_outside_the_table_is_an_invalid_transition(
    draft: Inspection, vkstc_officer: Any
) -> None:
    with pytest.raises(TransitionNotAllowed) as exc:
        plans.start_inspection(actor=vkstc_officer, inspection=draft, version=draft.version)
    assert exc.value.code == "invalid_transition"
    draft.refresh_from_db()
    assert draft.status == "du_thao"


def test_inspection_closed_is_a_final_state(
    concluded: Inspection, vkstc_leader: Any, vkstc_officer: Any
) -> None:
    Recommendation.objects.filter(target__inspection=concluded).update(status="da_chap_nhan")
    findings.close_inspection(actor=vkstc_leader, inspection=concluded, version=concluded.version)
    with pytest.raises(TransitionNotAllowed) as exc:
        findings.close_inspection(actor=vkstc_leader, inspection=concluded, version=None)
    assert exc.value.code == "final_state"
    with pytest.raises(TransitionNotAllowed) as edit:
        plans.add_item(
            actor=vkstc_officer,
            inspection=concluded,
            code="X",
            text="Một nội dung kiểm tra thêm",
            citation="",
            version=None,
        )
    assert edit.value.code == "final_state"


def test_inspection_stale_version_is_refused(draft: Inspection, vkstc_leader: Any) -> None:
    with pytest.raises(Conflict) as exc:
        plans.approve_plan(actor=vkstc_leader, inspection=draft, version=draft.version - 1)
    assert exc.value.code == "stale_version"
    draft.refresh_from_db()
    assert draft.status == "du_thao"


def test_inspection_approval_refuses_an_incomplete_plan(
    sector: Sector, vkstc_officer: Any, vkstc_leader: Any
) -> None:
    from tests.inspections.conftest import draft_plan

    inspection = draft_plan(sector, vkstc_officer, head=None)
    with pytest.raises(InvalidData) as exc:
        plans.approve_plan(actor=vkstc_leader, inspection=inspection, version=inspection.version)
    assert exc.value.code == "plan_incomplete"
    assert "trưởng đoàn" in exc.value.message


def test_inspection_officer_may_not_approve_only_leaders(
    draft: Inspection, vkstc_officer: Any
) -> None:
    with pytest.raises(NotAllowed):
        plans.approve_plan(actor=vkstc_officer, inspection=draft, version=draft.version)


def test_inspection_conclusion_needs_a_verdict_on_every_item(
    inspecting: Inspection, vkstc_leader: Any
) -> None:
    with pytest.raises(InvalidData) as exc:
        findings.conclude(
            actor=vkstc_leader,
            inspection=inspecting,
            conclusion="Kết luận chung của đoàn kiểm tra về đơn vị.",
            number="20",
            version=inspecting.version,
        )
    assert exc.value.code == "findings_missing"


def test_inspection_limitation_needs_a_remark(inspecting: Inspection, vkstc_officer: Any) -> None:
    item = inspecting.items.first()
    assert item is not None
    with pytest.raises(InvalidData) as exc:
        findings.record_findings(
            actor=vkstc_officer,
            target=target_of(inspecting),
            findings={item.pk: ("han_che", "")},
            version=None,
        )
    assert exc.value.code == "remark_required"


def test_inspection_follow_up_reopen_needs_reason_and_close_waits_for_every_fix(
    concluded: Inspection, officer: Any, vkstc_officer: Any, vkstc_leader: Any
) -> None:
    rec = Recommendation.objects.get(target__inspection=concluded)
    findings.report_fix(
        actor=officer,
        recommendation=rec,
        report="Đã phân công một công chức chuyên trách từ tháng 3/2026.",
        fixed_on=dt.date(2026, 3, 1),
        version=rec.version,
        now=LATER,
    )
    with pytest.raises(InvalidData) as exc:
        findings.reopen_fix(
            actor=vkstc_officer, recommendation=rec, reason_code="other", reason="", version=None
        )
    assert exc.value.code == "reason_required"
    findings.reopen_fix(
        actor=vkstc_officer,
        recommendation=rec,
        reason_code="other",
        reason="Chưa có quyết định phân công bằng văn bản kèm theo.",
        version=rec.version,
    )
    rec.refresh_from_db()
    assert rec.status == "dang_khac_phuc"
    with pytest.raises(InvalidData) as open_recs:
        findings.close_inspection(actor=vkstc_leader, inspection=concluded, version=None)
    assert open_recs.value.code == "recommendations_open"


def test_inspection_self_report_is_written_by_the_inspected_unit_only(
    approved: Inspection, officer: Any, vkstc_officer: Any
) -> None:
    target = target_of(approved)
    with pytest.raises(NotAllowed):
        reports.save_self_report(
            actor=vkstc_officer, target=target, texts={"phong_trao": "x"}, version=None
        )
    reports.save_self_report(
        actor=officer,
        target=target,
        texts={"phong_trao": "Đã phát động phong trào thi đua năm 2025."},
        version=target.version,
        submit=True,
        now=NOW,
    )
    target.refresh_from_db()
    assert target.self_report_submitted_at == NOW
    assert target.self_report["phong_trao"].startswith("Đã phát động")
    assert target.self_report_figures is not None


def _outsider_calls(sector: Sector) -> dict[str, Callable[[Any, Inspection], Any]]:
    def rec(i: Inspection) -> Recommendation:
        return Recommendation.objects.get(target__inspection=i)

    return {
        "create": lambda a, i: plans.create_plan(
            actor=a,
            inspector=sector.vkstc,
            data=plans.PlanData(
                "Kế hoạch kiểm tra khác", 2025, dt.date(2025, 1, 1), dt.date(2025, 12, 31)
            ),
        ),
        "update": lambda a, i: plans.update_plan(
            actor=a,
            inspection=i,
            data=plans.PlanData(
                "Kế hoạch kiểm tra khác", 2025, dt.date(2025, 1, 1), dt.date(2025, 12, 31)
            ),
            version=None,
        ),
        "add_target": lambda a, i: plans.add_target(
            actor=a, inspection=i, unit=sector.kv1, scheduled_on=None, version=None
        ),
        "remove_target": lambda a, i: plans.remove_target(
            actor=a, target=target_of(i), version=None
        ),
        "add_member": lambda a, i: plans.add_member(
            actor=a, inspection=i, person=sector.an, role="thanh_vien", version=None
        ),
        "remove_member": lambda a, i: plans.remove_member(
            actor=a, member=i.team.first(), version=None
        ),
        "add_item": lambda a, i: plans.add_item(
            actor=a,
            inspection=i,
            code="X",
            text="Nội dung kiểm tra thêm",
            citation="",
            version=None,
        ),
        "remove_item": lambda a, i: plans.remove_item(actor=a, item=i.items.first(), version=None),
        "approve": lambda a, i: plans.approve_plan(actor=a, inspection=i, version=None),
        "return": lambda a, i: plans.return_plan(
            actor=a, inspection=i, reason_code="other", reason="x" * 25, version=None
        ),
        "start": lambda a, i: plans.start_inspection(actor=a, inspection=i, version=None),
        "self_report": lambda a, i: reports.save_self_report(
            actor=a, target=target_of(i), texts={"quy": "Nội dung"}, version=None
        ),
        "evidence": lambda a, i: reports.add_evidence(actor=a, target=target_of(i), upload=None),
        "findings": lambda a, i: findings.record_findings(
            actor=a, target=target_of(i), findings={}, version=None
        ),
        "recommendation": lambda a, i: findings.add_recommendation(
            actor=a, target=target_of(i), text="Kiến nghị khắc phục", deadline=dt.date(2027, 1, 1)
        ),
        "conclude": lambda a, i: findings.conclude(
            actor=a, inspection=i, conclusion="x" * 30, number="1", version=None
        ),
        "close": lambda a, i: findings.close_inspection(actor=a, inspection=i, version=None),
        "report_fix": lambda a, i: findings.report_fix(
            actor=a,
            recommendation=rec(i),
            report="x" * 30,
            fixed_on=dt.date(2026, 1, 1),
            version=None,
        ),
        "accept_fix": lambda a, i: findings.accept_fix(
            actor=a, recommendation=rec(i), version=None
        ),
        "reopen_fix": lambda a, i: findings.reopen_fix(
            actor=a, recommendation=rec(i), reason_code="other", reason="x" * 25, version=None
        ),
        "violation": lambda a, i: findings.record_violation(
            actor=a,
            finding=target_of(i).findings.first(),
            kind="member_violation",
            reason="x" * 25,
        ),
    }


SERVICES = [
    "create",
    "update",
    "add_target",
    "remove_target",
    "add_member",
    "remove_member",
    "add_item",
    "remove_item",
    "approve",
    "return",
    "start",
    "self_report",
    "evidence",
    "findings",
    "recommendation",
    "conclude",
    "close",
    "report_fix",
    "accept_fix",
    "reopen_fix",
    "violation",
]


@pytest.mark.parametrize("name", SERVICES)
def test_inspection_outsider_is_refused_by_every_service_with_nothing_written(
    name: str, sector: Sector, concluded: Inspection, outsider: Any
) -> None:
    concluded.refresh_from_db()
    before = (
        AuditEntry.objects.count(),
        Inspection.objects.count(),
        InspectionTransition.objects.count(),
        RecommendationTransition.objects.count(),
        concluded.version,
    )
    with pytest.raises(NotAllowed):
        _outsider_calls(sector)[name](outsider, concluded)
    concluded.refresh_from_db()
    after = (
        AuditEntry.objects.count(),
        Inspection.objects.count(),
        InspectionTransition.objects.count(),
        RecommendationTransition.objects.count(),
        concluded.version,
    )
    assert after == before


def test_inspection_judging_then_concluding_writes_the_conclusion(
    inspecting: Inspection, vkstc_officer: Any, vkstc_leader: Any
) -> None:
    judge_all(inspecting, vkstc_officer)
    inspecting.refresh_from_db()
    findings.conclude(
        actor=vkstc_leader,
        inspection=inspecting,
        conclusion="Đơn vị thực hiện đúng quy định về thi đua, khen thưởng.",
        number="21",
        version=inspecting.version,
        now=NOW,
    )
    inspecting.refresh_from_db()
    assert inspecting.conclusion_number_symbol == "21/KL-VKS"
    assert inspecting.concluded_on == dt.date(2026, 1, 10)
