"""The demo's inspection of emulation work: the 2025 work of VKSND tỉnh Quảng Trị inspected
within its emulation cluster (cụm, khối) of 2025 — led by the cluster's leading unit, or by the
unit organising the cluster when Quảng Trị leads it — with its team, the province's self-report
(prefilled from the records), findings (one "có hạn chế"), the conclusion and two
recommendations: one fixed and accepted, one past its deadline.

Written through the inspection services with the clock set to the day each step happened (as
seed 003, the inspection of VKSND tỉnh Quảng Nam's 2022 work, tells it). Deterministic from the
seed."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import Q

from tdkt.accounts.models import User
from tdkt.demo.cluster_work import at, officer_of
from tdkt.inspections.models import Inspection, Recommendation, Verdict
from tdkt.inspections.services import findings, plans, reports
from tdkt.org.models import Cluster, Unit, UnitLevel, UnitScope
from tdkt.people.models import Person, Position

PROVINCE = "t25-quang-tri"
TITLE = "Kiểm tra công tác thi đua, khen thưởng năm 2025 tại VKSND tỉnh Quảng Trị"
SELF_REPORT = {
    "phong_trao": (
        "Đầu năm, đơn vị tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024, ban "
        "hành Kế hoạch công tác thi đua, khen thưởng năm 2025 và phát động toàn ngành Kiểm sát "
        "tỉnh thực hiện; hưởng ứng đầy đủ các phong trào thi đua do VKSND tối cao phát động."
    ),
    "dang_ky": (
        "Tổ chức cho các tập thể, cá nhân đăng ký danh hiệu thi đua đầu năm; danh sách đăng ký "
        "gửi VKSND tối cao đúng thời hạn."
    ),
    "khen_thuong": (
        "Bình xét thi đua công khai, dân chủ; người đứng đầu đơn vị để xảy ra vi phạm không được "
        "bình xét thi đua cao trong năm."
    ),
    "dien_hinh": (
        "Chú trọng phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến, gương người tốt, "
        "việc tốt; giới thiệu trên Trang thông tin điện tử của đơn vị."
    ),
    "quy": "Quỹ thi đua, khen thưởng được trích lập, chi đúng đối tượng, đúng mức theo quy định.",
    "kien_nghi": (
        "Công tác thi đua, khen thưởng chưa có công chức chuyên trách, chỉ có công chức kiêm "
        "nhiệm; đề nghị quan tâm bố trí biên chế."
    ),
}
LIMITED = {
    "HS": "Một số hồ sơ đề nghị khen thưởng gửi chậm so với thời hạn; thiếu biên bản họp xét.",
}


def build_inspections(*, size: str, seed: int) -> dict[str, int]:
    rng = random.Random(f"tdkt-demo-inspections-{size}-{seed}")
    province = Unit.objects.filter(code=PROVINCE).first()
    if province is None:
        return {"inspections": 0}
    users = {u.username: u for u in User.objects.filter(username__startswith="tdkt.")}
    cluster = (
        Cluster.objects.filter(year=2025, memberships__unit=province).order_by("kind", "id").first()
    )
    head = plans.cluster_head(cluster) if cluster is not None else None
    inspector: Unit | None
    if cluster is not None and head is not None and head.pk != province.pk:
        inspector = head
    else:
        inspector = cluster.organizer if cluster is not None else province.parent
    if inspector is None:
        return {"inspections": 0}
    officer = officer_of(users, inspector)
    unit_officer = officer_of(users, province)

    inspection = plans.create_plan(
        actor=officer,
        inspector=inspector,
        cluster=cluster if cluster is not None and inspector.pk != province.pk else None,
        data=plans.PlanData(
            title=TITLE,
            year=2025,
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2025, 12, 31),
            purpose=(
                "Đánh giá đúng thực trạng công tác thi đua, khen thưởng năm 2025; kịp thời phát "
                "hiện, chấn chỉnh hạn chế; nhân rộng cách làm hay."
            ),
            method=(
                "Nghe đơn vị báo cáo tự kiểm tra; kiểm tra hồ sơ, tài liệu minh chứng; trao đổi "
                "với lãnh đạo, công chức làm công tác thi đua, khen thưởng."
            ),
            number="25",
            symbol="KH-VKS",
            place="Hà Nội" if inspector.parent_id is None else "",
            signed_on=dt.date(2026, 3, 10),
            signer_title="Viện trưởng",
            signer_name=_head(inspector, dt.date(2026, 3, 10)),
        ),
        now=at(dt.date(2026, 3, 10)),
    )
    day = dt.date(2026, 4, 6) + dt.timedelta(days=rng.randrange(0, 4))
    target = plans.add_target(
        actor=officer, inspection=inspection, unit=province, scheduled_on=day, version=None
    )
    for person, role in _team(rng, inspector, province):
        plans.add_member(
            actor=officer, inspection=inspection, person=person, role=role, version=None
        )
    plans.approve_plan(
        actor=None, inspection=inspection, version=None, now=at(dt.date(2026, 3, 12))
    )
    reports.save_self_report(
        actor=unit_officer,
        target=target,
        texts=SELF_REPORT,
        version=None,
        submit=True,
        now=at(dt.date(2026, 3, 30)),
    )
    plans.start_inspection(actor=officer, inspection=inspection, version=None, now=at(day))
    verdicts = {}
    for item in inspection.items.all():
        if item.code in LIMITED:
            verdicts[item.pk] = (Verdict.LIMITED, LIMITED[item.code])
        else:
            verdicts[item.pk] = (Verdict.PASSED, "")
    findings.record_findings(
        actor=officer, target=target, findings=verdicts, version=None, now=at(day, 16)
    )
    limited = target.findings.filter(verdict=Verdict.LIMITED).first()
    concluded_on = day + dt.timedelta(days=20)
    fixed = findings.add_recommendation(
        actor=officer,
        target=target,
        finding=limited,
        text="Gửi hồ sơ đề nghị khen thưởng đúng thời hạn, đủ biên bản họp xét của Hội đồng.",
        deadline=dt.date(2026, 6, 30),
        now=at(concluded_on),
    )
    findings.add_recommendation(
        actor=officer,
        target=target,
        text="Bố trí công chức chuyên trách công tác thi đua, khen thưởng.",
        deadline=dt.date(2026, 9, 30),
        now=at(concluded_on),
    )
    findings.conclude(
        actor=None,
        inspection=inspection,
        conclusion=(
            "VKSND tỉnh Quảng Trị tổ chức tốt các phong trào thi đua, bình xét công khai, dân chủ; "
            "còn hạn chế về thời hạn và thành phần hồ sơ đề nghị khen thưởng, chưa có công chức "
            "chuyên trách."
        ),
        number="31",
        version=None,
        now=at(concluded_on),
    )
    findings.report_fix(
        actor=unit_officer,
        recommendation=fixed,
        report=(
            "Đã ban hành quy trình nội bộ về hồ sơ đề nghị khen thưởng; các hồ sơ đợt tháng 6 "
            "gửi đúng hạn, đủ biên bản họp xét."
        ),
        fixed_on=dt.date(2026, 6, 20),
        version=None,
        now=at(dt.date(2026, 6, 22)),
    )
    findings.accept_fix(
        actor=officer, recommendation=fixed, version=None, now=at(dt.date(2026, 6, 25))
    )
    return {
        "inspections": Inspection.objects.count(),
        "inspection_recommendations": Recommendation.objects.count(),
    }


def _team(rng: random.Random, inspector: Unit, province: Unit) -> list[tuple[Person, str]]:
    """A head, a secretary and a member from the inspecting unit and its own departments."""
    own = Unit.objects.filter(
        Q(pk=inspector.pk)
        | Q(parent=inspector, level__in=[UnitLevel.PHONG, UnitLevel.DON_VI_TRUC_THUOC])
    ).values("pk")
    below_province = UnitScope.objects.filter(ancestor=province).values("descendant_id")
    people = list(
        Person.objects.filter(unit__in=own, left_on__isnull=True)
        .exclude(unit__in=below_province)
        .order_by("sort_key", "id")
    )
    if not people:
        return []
    leaders = [p for p in people if p.is_leader] or people
    head = rng.choice(leaders)
    rest = [p for p in people if p.pk != head.pk]
    team: list[tuple[Any, str]] = [(head, "truong_doan")]
    if rest:
        secretary = rng.choice(rest)
        team.append((secretary, "thu_ky"))
        rest = [p for p in rest if p.pk != secretary.pk]
    if rest:
        team.append((rng.choice(rest), "thanh_vien"))
    return team


def _head(unit: Unit, day: dt.date) -> str:
    row = (
        Position.objects.filter(unit=unit, is_unit_head=True, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("person")
        .order_by("-valid_from", "id")
        .first()
    )
    return row.person.full_name if row else ""
