"""The demo's nomination dossiers (hồ sơ đề nghị khen thưởng) of the current cycle: regional
procuracies (khu vực) proposing to their province, provinces proposing to VKSND tối cao, for the
Kỷ niệm chương "Vì sự nghiệp Kiểm sát" (long-serving staff who do not hold it yet) and for the
sector's Bằng khen for a recent achievement (thủ tục đơn giản), so that neither needs the 2026
ratings. Some dossiers are still drafts, some sent, some taken in, and some taken in and posted
for public comment (trang "Lấy ý kiến"), with a comment or two from the public.

Written only through the nomination services, as the demo accounts where the unit has one
(Khu vực 1 - Quảng Trị, VKSND tỉnh Quảng Trị, VKSND tối cao), as the system elsewhere.
Deterministic from the seed: people are taken in id order, the days are fixed in the autumn of
2026; only the comment periods follow today's date, so that they are open whenever the demo is
built. Uploads are small PDFs made in memory."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.demo.cluster_work import officer_of
from tdkt.nominations.models import (
    Candidate,
    ComponentKind,
    Dossier,
    DossierKind,
    Stance,
    VerdictStatus,
)
from tdkt.nominations.services import components, dossiers, moves, publicity
from tdkt.org.models import Unit, UnitLevel, UnitScope
from tdkt.people.models import Person, Position
from tdkt.records.models import AwardEntry
from tdkt.rules.codes import Award
from tdkt.workflow.clock import at_noon

YEAR = 2026
FIRST_DAY = dt.date(2026, 11, 2)  # the dossiers are drawn up from early November 2026
KNC_SERVICE_YEARS = 15
HOME = "t25-quang-tri"

DRAFT, SUBMITTED, RECEIVED, PUBLISHED = "draft", "submitted", "received", "published"

SUDDEN_ACHIEVEMENTS = (
    "Có thành tích xuất sắc trong thực hành quyền công tố, kiểm sát điều tra vụ án mua bán trái "
    "phép chất ma túy đặc biệt nghiêm trọng, góp phần triệt phá đường dây ma túy xuyên tỉnh.",
    "Kịp thời phát hiện vi phạm nghiêm trọng của bản án sơ thẩm, đề xuất kháng nghị phúc thẩm; "
    "kháng nghị được Tòa án cấp phúc thẩm chấp nhận toàn bộ.",
    "Có thành tích đột xuất trong kiểm sát điều tra vụ án tham nhũng, góp phần thu hồi cho Nhà "
    "nước trên 12 tỷ đồng.",
    "Tham gia cứu hộ, hỗ trợ nhân dân khắc phục hậu quả mưa lũ tháng 10/2026, được cấp ủy và "
    "chính quyền địa phương ghi nhận, biểu dương.",
    "Phát hiện và kiến nghị khắc phục nhiều vi phạm trong giải quyết tố giác, tin báo về tội "
    "phạm, được Viện trưởng Viện kiểm sát nhân dân tối cao biểu dương.",
    "Trực tiếp kiểm sát việc khám nghiệm hiện trường vụ án giết người, phối hợp làm rõ đối tượng "
    "gây án trong 48 giờ.",
)
JUSTIFICATIONS = {
    str(Award.KNC_VSNKS): (
        "Đồng chí có thời gian công tác pháp luật ở ngành khác trước khi chuyển về ngành Kiểm "
        "sát; đơn vị đề nghị cộng nối thời gian công tác để xét tặng Kỷ niệm chương."
    ),
    str(Award.BK_NGANH): (
        "Thành tích đột xuất đặc biệt xuất sắc, có tác dụng nêu gương trong toàn ngành; đơn vị "
        "đề nghị Hội đồng xem xét khen thưởng theo thủ tục đơn giản."
    ),
}
SUMMARIES = {
    DossierKind.COMMEMORATIVE: (
        "Căn cứ Thông tư 02/2024/TT-VKSTC, đơn vị đề nghị tặng Kỷ niệm chương «Vì sự nghiệp "
        "Kiểm sát» cho các đồng chí có thời gian công tác liên tục trong ngành từ 15 năm trở lên, "
        "hoàn thành tốt nhiệm vụ được giao."
    ),
    DossierKind.SUDDEN: (
        "Đơn vị đề nghị tặng Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao theo thủ "
        "tục đơn giản cho các đồng chí có thành tích đột xuất trong năm 2026."
    ),
}
PUBLIC_COMMENTS = (
    (
        Stance.APPROVE,
        "Trần Văn Hòa",
        "Tôi là người dân ở địa bàn, nhiều lần được đồng chí tiếp và hướng dẫn tận tình khi "
        "đến làm việc. Tôi tán thành đề nghị khen thưởng.",
    ),
    (
        Stance.OPINION,
        "",
        "Đề nghị đơn vị công khai thêm thành tích cụ thể của từng người trên cổng thông tin để "
        "người dân được biết và góp ý đầy đủ hơn.",
    ),
)


@dataclass(frozen=True)
class Plan:
    sender: Unit
    kind: str
    state: str


def pdf_upload(name: str, text: str) -> SimpleUploadedFile:
    """A minimal PDF made in memory (enough for the upload check: it starts with %PDF-)."""
    body = f"%PDF-1.4\n% {text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()
    return SimpleUploadedFile(name, body, content_type="application/pdf")


class DemoNominations:
    def __init__(self, *, size: str, seed: int) -> None:
        self.rng = random.Random(f"tdkt-demo-nominations-{size}-{seed}")
        self.small = size == "small"
        self.users = {u.username: u for u in User.objects.filter(username__startswith="tdkt.")}
        self.today = timezone.localdate()
        self.counts: Counter[str] = Counter()
        self.knc_holders = set(
            AwardEntry.objects.filter(
                award=Award.KNC_VSNKS, person__isnull=False, revoked_on__isnull=True
            ).values_list("person_id", flat=True)
        )
        self.proposed: set[tuple[int, str]] = set()
        self.published: list[Any] = []

    # -- which dossiers -------------------------------------------------------------------------

    def plans(self) -> list[Plan]:
        provinces = list(
            Unit.objects.filter(level=UnitLevel.TINH, dissolved_on__isnull=True).order_by("code")
        )
        home = next(p for p in provinces if p.code == HOME)
        others = [p for p in provinces if p.code != HOME]

        def region(province: Unit, n: int) -> Unit:
            regions = list(
                Unit.objects.filter(
                    parent=province, level=UnitLevel.KHU_VUC, dissolved_on__isnull=True
                ).order_by("code")
            )
            return regions[(n - 1) % len(regions)]

        c, s = DossierKind.COMMEMORATIVE, DossierKind.SUDDEN
        p2 = others[0]
        plans = [
            Plan(region(home, 1), c, PUBLISHED),
            Plan(home, s, PUBLISHED),
            Plan(region(home, 2), s, SUBMITTED),
            Plan(region(p2, 1), c, DRAFT),
        ]
        if not self.small:
            p3 = others[1 % len(others)]
            plans += [
                Plan(region(p3, 1), c, PUBLISHED),
                Plan(p2, c, PUBLISHED),
                Plan(region(p2, 2), s, RECEIVED),
                Plan(p3, s, SUBMITTED),
            ]
        return plans

    def build(self) -> dict[str, int]:
        for i, plan in enumerate(self.plans()):
            self.dossier(plan, FIRST_DAY + dt.timedelta(days=2 * i))
        self.comments()
        return {
            "dossiers": self.counts["dossiers"],
            "dossier_candidates": self.counts["candidates"],
            "comment_periods": self.counts["periods"],
            "public_comments": self.counts["comments"],
        }

    # -- one dossier ----------------------------------------------------------------------------

    def people(self, sender: Unit) -> list[Person]:
        """The sender's own staff: a regional procuracy's subtree; a province's own office and
        departments (its regional procuracies propose for themselves)."""
        if sender.level == UnitLevel.TINH:
            units = [
                sender.pk,
                *Unit.objects.filter(parent=sender, level=UnitLevel.PHONG).values_list(
                    "pk", flat=True
                ),
            ]
        else:
            units = list(
                UnitScope.objects.filter(ancestor=sender).values_list("descendant_id", flat=True)
            )
        heads = set(
            Position.objects.filter(
                unit_id__in=units, is_unit_head=True, valid_to__isnull=True
            ).values_list("person_id", flat=True)
        )
        return [
            p
            for p in Person.objects.filter(unit_id__in=units, left_on__isnull=True)
            .select_related("unit")
            .order_by("id")
            if p.pk not in heads
        ]

    def candidates_for(self, plan: Plan) -> list[tuple[Person, str]]:
        staff = self.people(plan.sender)
        if plan.kind == DossierKind.COMMEMORATIVE:
            award = str(Award.KNC_VSNKS)
            limit = dt.date(YEAR - KNC_SERVICE_YEARS, 12, 31)
            pool = [
                p
                for p in staff
                if p.recruited_on is not None
                and p.recruited_on <= limit
                and p.pk not in self.knc_holders
            ]
            want = self.rng.randint(2, 3)
        else:
            award = str(Award.BK_NGANH)
            pool = staff
            want = self.rng.randint(2, 3)
        pool = [p for p in pool if (p.pk, award) not in self.proposed]
        chosen = sorted(self.rng.sample(pool, min(want, len(pool))), key=lambda p: p.pk)
        return [(p, award) for p in chosen]

    def dossier(self, plan: Plan, day: dt.date) -> Dossier | None:
        chosen = self.candidates_for(plan)
        if not chosen:
            return None
        author = officer_of(self.users, plan.sender)
        receiver = plan.sender.reports_to()
        assert receiver is not None
        taker = officer_of(self.users, receiver)
        dossier = dossiers.create_dossier(
            actor=author,
            unit=plan.sender,
            kind=plan.kind,
            year=YEAR,
            summary=SUMMARIES[DossierKind(plan.kind)],
        )
        self.counts["dossiers"] += 1
        head = (
            Position.objects.filter(unit=plan.sender, is_unit_head=True, valid_to__isnull=True)
            .select_related("person")
            .order_by("id")
            .first()
        )
        if head is not None:
            dossiers.update_dossier(
                actor=author,
                dossier=dossier,
                version=dossier.version,
                number=str(100 + dossier.pk),
                signer_name=head.person.full_name,
                signer_title=(head.post or head.get_post_kind_display())[:150],
            )
        achievements = list(SUDDEN_ACHIEVEMENTS)
        self.rng.shuffle(achievements)
        for n, (person, award) in enumerate(chosen):
            if award == Award.KNC_VSNKS:
                assert person.recruited_on is not None
                years = YEAR - person.recruited_on.year
                text = (
                    f"Công tác liên tục trong ngành Kiểm sát nhân dân từ năm "
                    f"{person.recruited_on.year} ({years} năm); hoàn thành tốt nhiệm vụ được giao."
                )
            else:
                text = achievements[n % len(achievements)]
            candidate = dossiers.add_candidate(
                actor=author,
                dossier=dossier,
                version=dossier.version,
                award=award,
                person=person,
                achievement=text,
                act_on=day - dt.timedelta(days=5 + n) if plan.kind == DossierKind.SUDDEN else None,
                now=at_noon(day),
            )
            dossier.refresh_from_db(fields=["version"])
            self.proposed.add((person.pk, award))
            self.counts["candidates"] += 1
            if plan.kind == DossierKind.SUDDEN:
                components.upload_component(
                    actor=author,
                    dossier=dossier,
                    kind=ComponentKind.ACHIEVEMENT,
                    candidate=candidate,
                    upload=pdf_upload(
                        f"xac-nhan-thanh-tich-{n + 1}.pdf",
                        f"Xác nhận thành tích đột xuất của {person.full_name}",
                    ),
                )
            self.justify(candidate, dossier)
        components.upload_component(
            actor=author,
            dossier=dossier,
            kind=ComponentKind.MINUTES,
            upload=pdf_upload("bien-ban-hop-xet.pdf", "Biên bản họp xét thi đua, khen thưởng"),
        )
        if plan.state == DRAFT:
            return dossier
        dossier.refresh_from_db()
        moves.submit_dossier(
            actor=author,
            dossier=dossier,
            version=dossier.version,
            now=at_noon(day + dt.timedelta(1)),
        )
        if plan.state == SUBMITTED:
            return dossier
        moves.receive_dossier(actor=taker, dossier=dossier, version=dossier.version)
        if plan.state == PUBLISHED:
            self.publish(dossier, taker, receiver)
        return dossier

    def justify(self, candidate: Candidate, dossier: Dossier) -> None:
        if candidate.verdict_status != VerdictStatus.INELIGIBLE:
            return
        author = officer_of(self.users, dossier.unit)
        dossiers.update_candidate(
            actor=author,
            candidate=candidate,
            version=dossier.version,
            justification=JUSTIFICATIONS[candidate.award],
        )
        dossier.refresh_from_db(fields=["version"])

    def publish(self, dossier: Dossier, taker: Any, receiver: Unit) -> None:
        # Posted today or a few days ago: at least five working days, so open today.
        start = self.today - dt.timedelta(days=self.rng.randint(0, 3))
        period = publicity.publish_for_comment(
            actor=taker,
            dossier=dossier,
            version=dossier.version,
            working_days=self.rng.choice((5, 7, 10)),
            starts_on=start,
            channels=f"Cổng thông tin điện tử và bảng tin tại trụ sở {receiver.name}",
            now=at_noon(start),
        )
        self.published.append(period)
        self.counts["periods"] += 1

    def comments(self) -> None:
        wanted = PUBLIC_COMMENTS[:1] if self.small else PUBLIC_COMMENTS
        if not self.published:
            return
        period = self.published[0]
        first = period.dossier.candidates.order_by("order", "id").first()
        for n, (stance, name, text) in enumerate(wanted):
            publicity.add_public_comment(
                period=period,
                stance=stance,
                text=text,
                name=name,
                candidate=first if n == 0 else None,
            )
            self.counts["comments"] += 1


def build_nominations(size: str, seed: int) -> dict[str, int]:
    return DemoNominations(size=size, seed=seed).build()
