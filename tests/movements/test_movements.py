"""A movement's life: drafted, launched down the tree, answered, measured, reviewed, closed — and
every refusal on the way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.movements.models import (
    Answer,
    AnswerStatus,
    DocumentNumber,
    MovementStatus,
    MovementTransition,
    ReviewKind,
)
from tdkt.movements.services import answers, reviews
from tdkt.movements.services import movements as services
from tests.movements.conftest import INDICATORS, LATER, NOW, data

pytestmark = pytest.mark.django_db


def review(kind: str = ReviewKind.INTERIM, **kw) -> reviews.ReviewData:
    return reviews.ReviewData(
        kind=kind,
        held_on=kw.pop("held_on", dt.date(2026, 7, 15)),
        period_label=kw.pop("period_label", "6 tháng đầu năm 2026"),
        summary="Các đơn vị triển khai nghiêm túc, đồng bộ.",
        symbol="BC-VKSTC",
        **kw,
    )


class TestDraft:
    def test_it_creates_a_draft_with_its_indicators_and_an_audit_entry(self, draft):
        assert draft.status == MovementStatus.DRAFT and draft.version == 1
        assert [i.name for i in draft.indicators.all()] == [i.name for i in INDICATORS]
        assert AuditEntry.objects.filter(action="movement.created", object_id=str(draft.pk))

    @pytest.mark.parametrize(
        "changes",
        [
            {"end_year": 2025},
            {"ends_on": dt.date(2025, 12, 1)},
            {"horizon_year": 2025},
            {"registration_deadline": dt.date(2026, 12, 31)},
            {"starts_on": dt.date(2027, 1, 1), "ends_on": dt.date(2027, 6, 1)},
            {"name": "   "},
            {"titles": ["BK_TTG"]},
        ],
    )
    def test_it_refuses_inconsistent_dates_and_values(self, sector, vkstc_officer, changes):
        with pytest.raises(InvalidData):
            services.create_movement(
                actor=vkstc_officer, issuer=sector.vkstc, data=data(**changes), now=NOW
            )

    def test_a_multi_year_movement_with_a_horizon(self, sector, vkstc_officer):
        movement = services.create_movement(
            actor=vkstc_officer,
            issuer=sector.ben_tre,
            data=data(
                kind="thematic",
                name="Phong trào thi đua “Đồng Khởi mới”",
                start_year=2020,
                end_year=2025,
                horizon_year=2030,
                starts_on=dt.date(2020, 3, 1),
                ends_on=dt.date(2025, 12, 31),
                registration_deadline=None,
                answer_deadline=None,
            ),
            now=NOW,
        )
        assert movement.period_label == "2020–2025, tầm nhìn đến năm 2030"

    def test_an_edit_on_a_stale_copy_is_refused(self, draft, vkstc_officer):
        services.update_movement(
            actor=vkstc_officer, movement=draft, data=data(slogan="Một"), version=1, now=NOW
        )
        with pytest.raises(Conflict) as exc:
            services.update_movement(
                actor=vkstc_officer, movement=draft, data=data(slogan="Hai"), version=1, now=NOW
            )
        assert exc.value.code == "stale_version"
        draft.refresh_from_db()
        assert draft.slogan == "Một" and draft.version == 2

    def test_a_launched_plan_is_not_edited(self, launched, vkstc_officer):
        with pytest.raises(TransitionNotAllowed):
            services.update_movement(actor=vkstc_officer, movement=launched, data=data(), now=NOW)

    def test_cancelling_a_draft_needs_a_coded_reason_of_20_characters(self, draft, vkstc_officer):
        with pytest.raises(InvalidData) as exc:
            services.cancel_movement(
                actor=vkstc_officer, movement=draft, reason_code="other", reason="Trùng", now=NOW
            )
        assert exc.value.code == "reason_required"
        with pytest.raises(InvalidData):
            services.cancel_movement(
                actor=vkstc_officer,
                movement=draft,
                reason_code="",
                reason="Trùng với kế hoạch đã ban hành trước đó",
                now=NOW,
            )
        services.cancel_movement(
            actor=vkstc_officer,
            movement=draft,
            reason_code="other",
            reason="Trùng với kế hoạch đã ban hành trước đó",
            now=NOW,
        )
        row = MovementTransition.objects.get(movement=draft)
        assert (row.from_status, row.to_status, row.reason_code) == ("draft", "cancelled", "other")
        with pytest.raises(TransitionNotAllowed) as final:
            services.launch_movement(
                actor=vkstc_officer,
                movement=draft,
                target_levels=["tinh"],
                number="1",
                symbol="KH-VKSTC",
                signed_on=dt.date(2026, 1, 10),
                now=NOW,
            )
        assert final.value.code == "final_state"


class TestLaunch:
    def test_it_pushes_a_pending_answer_to_every_active_unit_of_the_levels(self, sector, launched):
        units = set(Answer.objects.filter(movement=launched).values_list("unit", flat=True))
        # Active provinces and regional units under VKSTC on 10/01/2026; the merged ones are gone.
        assert units == {sector.quang_tri.pk, sector.kv1.pk, sector.ben_tre.pk}
        assert set(Answer.objects.values_list("status", flat=True)) == {AnswerStatus.PENDING}
        assert (
            launched.status == MovementStatus.LAUNCHED and launched.number_symbol == "12/KH-VKSTC"
        )
        assert DocumentNumber.objects.get(object_id=launched.pk).number == "12"
        entry = AuditEntry.objects.get(action="movement.launched")
        assert entry.after["receivers"] == 3

    def test_it_needs_a_number_and_a_signing_date(self, draft, vkstc_officer):
        with pytest.raises(InvalidData) as exc:
            services.launch_movement(
                actor=vkstc_officer,
                movement=draft,
                target_levels=["tinh"],
                number="",
                symbol="KH-VKSTC",
                signed_on=dt.date(2026, 1, 10),
                now=NOW,
            )
        assert exc.value.code == "document_incomplete"

    def test_it_refuses_levels_without_any_active_unit(self, draft, vkstc_officer):
        with pytest.raises(InvalidData) as exc:
            services.launch_movement(
                actor=vkstc_officer,
                movement=draft,
                target_levels=["cap_cao"],  # the sector has no high procuracy
                number="12",
                symbol="KH-VKSTC",
                signed_on=dt.date(2026, 1, 10),
                now=NOW,
            )
        assert exc.value.code == "no_receivers"

    def test_launching_twice_is_an_invalid_transition(self, launched, vkstc_officer):
        with pytest.raises(TransitionNotAllowed) as exc:
            services.launch_movement(
                actor=vkstc_officer,
                movement=launched,
                target_levels=["tinh"],
                number="13",
                symbol="KH-VKSTC",
                signed_on=dt.date(2026, 1, 10),
                now=NOW,
            )
        assert exc.value.code == "invalid_transition"

    def test_a_number_is_used_once_per_issuer_and_year(self, sector, launched, vkstc_officer):
        other = services.create_movement(
            actor=vkstc_officer, issuer=sector.vkstc, data=data(name="Phong trào khác"), now=NOW
        )
        with pytest.raises(Conflict) as exc:
            services.launch_movement(
                actor=vkstc_officer,
                movement=other,
                target_levels=["tinh"],
                number="12",
                symbol="KH-VKSTC",
                signed_on=dt.date(2026, 2, 1),
                now=NOW,
            )
        assert exc.value.code == "number_taken"
        other.refresh_from_db()
        assert other.status == MovementStatus.DRAFT  # nothing written


class TestAnswer:
    def plan(self, **kw) -> answers.PlanData:
        return answers.PlanData(
            number=kw.pop("number", "05"),
            symbol="KH-VKS",
            signed_on=dt.date(2026, 1, 13),
            place="Quảng Trị",
            contents="Thi đua hoàn thành xuất sắc các chỉ tiêu nghiệp vụ năm 2026.",
            **kw,
        )

    def answer(self, movement, unit) -> Answer:
        return Answer.objects.get(movement=movement, unit=unit)

    def test_acknowledge_then_plan_with_own_targets(self, sector, launched, officer):
        answer = self.answer(launched, sector.quang_tri)
        answers.acknowledge_answer(actor=officer, answer=answer, now=NOW)
        indicator = launched.indicators.first()
        answers.answer_with_plan(
            actor=officer,
            answer=answer,
            plan=self.plan(),
            targets={indicator.pk: Decimal(95)},
            now=NOW,
        )
        answer.refresh_from_db()
        assert answer.status == AnswerStatus.PLANNED and answer.number_symbol == "05/KH-VKS"
        assert [t.to_status for t in answer.transitions.all()] == ["acknowledged", "planned"]
        assert answer.values.get(indicator=indicator).target == Decimal(95)
        assert answer.title == "Thực hiện phong trào thi đua năm 2026"

    def test_a_second_save_corrects_the_plan_and_acknowledging_it_again_is_refused(
        self, sector, launched, officer
    ):
        answer = self.answer(launched, sector.quang_tri)
        answers.answer_with_plan(actor=officer, answer=answer, plan=self.plan(), now=NOW)
        answers.answer_with_plan(
            actor=officer, answer=answer, plan=self.plan(number="06"), version=2, now=NOW
        )
        assert AuditEntry.objects.filter(action="answer.updated").count() == 1
        assert (
            DocumentNumber.objects.get(object_id=answer.pk, object_type="movements.answer").number
            == "06"
        )
        with pytest.raises(TransitionNotAllowed) as exc:
            answers.acknowledge_answer(actor=officer, answer=answer, now=NOW)
        assert exc.value.code == "final_state"

    def test_a_plan_needs_its_number_and_date(self, sector, launched, officer):
        answer = self.answer(launched, sector.quang_tri)
        with pytest.raises(InvalidData):
            answers.answer_with_plan(
                actor=officer, answer=answer, plan=self.plan(number=""), now=NOW
            )

    def test_the_province_launches_its_own_movement_for_its_subtree(
        self, sector, launched, officer
    ):
        answer = self.answer(launched, sector.quang_tri)
        answers.answer_with_plan(actor=officer, answer=answer, plan=self.plan(), now=NOW)
        child = answers.launch_child_movement(actor=officer, answer=answer, now=NOW)
        assert child.parent == launched and child.issuer == sector.quang_tri
        assert child.status == MovementStatus.DRAFT
        assert "12/KH-VKSTC" in child.basis
        assert child.indicators.count() == 2
        services.launch_movement(
            actor=officer,
            movement=child,
            target_levels=["khu_vuc"],
            number="07",
            symbol="KH-VKS",
            signed_on=dt.date(2026, 1, 14),
            now=NOW,
        )
        assert list(child.answers.values_list("unit", flat=True)) == [sector.kv1.pk]
        with pytest.raises(InvalidData):
            answers.launch_child_movement(actor=officer, answer=answer, now=NOW)

    def test_answering_a_closed_movement_is_refused(self, sector, running, vkstc_officer, officer):
        reviews.record_review(
            actor=vkstc_officer, movement=running, data=review(ReviewKind.FINAL), now=LATER
        )
        with pytest.raises(TransitionNotAllowed) as exc:
            answers.acknowledge_answer(
                actor=officer, answer=self.answer(running, sector.quang_tri), now=LATER
            )
        assert exc.value.code == "final_state"


class TestResultsAndReviews:
    def test_results_only_while_running(self, sector, launched, vkstc_officer, officer):
        answer = Answer.objects.get(movement=launched, unit=sector.quang_tri)
        indicator = launched.indicators.first()
        with pytest.raises(TransitionNotAllowed):
            answers.report_results(
                actor=officer, answer=answer, results={indicator.pk: (Decimal(91), "")}, now=NOW
            )
        services.start_movement(actor=vkstc_officer, movement=launched, now=NOW)
        answers.report_results(
            actor=officer, answer=answer, results={indicator.pk: (Decimal(91), "Quý I")}, now=NOW
        )
        value = answer.values.get(indicator=indicator)
        assert value.actual == Decimal(91) and value.met is True

    def test_interim_reviews_gather_the_results_and_the_final_one_closes(
        self, sector, running, vkstc_officer, officer
    ):
        first, second = running.indicators.all()
        answer = Answer.objects.get(movement=running, unit=sector.quang_tri)
        answers.answer_with_plan(
            actor=officer,
            answer=answer,
            plan=TestAnswer().plan(),
            targets={second.pk: Decimal(3)},
            now=NOW,
        )
        answers.report_results(
            actor=officer,
            answer=answer,
            results={first.pk: (Decimal(88), ""), second.pk: (Decimal(3), "")},
            now=NOW,
        )
        r1 = reviews.record_review(actor=vkstc_officer, movement=running, data=review(), now=LATER)
        r2 = reviews.record_review(
            actor=vkstc_officer,
            movement=running,
            data=review(held_on=dt.date(2026, 9, 30), period_label="9 tháng năm 2026"),
            now=LATER,
        )
        assert (r1.seq, r2.seq) == (1, 2)
        running.refresh_from_db()
        assert running.status == MovementStatus.REVIEWED
        rows = {r["name"]: r for r in r1.indicator_results}
        assert rows["Tỷ lệ giải quyết án hình sự"]["met"] == 0  # 88 < 90
        assert rows["Sáng kiến được công nhận"]["met"] == 1  # 3 ≥ its own 3
        assert rows["Sáng kiến được công nhận"]["total_actual"] == "3"
        final = reviews.record_review(
            actor=vkstc_officer, movement=running, data=review(ReviewKind.FINAL), now=LATER
        )
        running.refresh_from_db()
        assert running.status == MovementStatus.CLOSED and final.kind == "final"
        assert [t.to_status for t in running.transitions.all()] == [
            "launched",
            "running",
            "reviewed",
            "reviewed",
            "closed",
        ]
        with pytest.raises(TransitionNotAllowed) as exc:
            reviews.record_review(actor=vkstc_officer, movement=running, data=review(), now=LATER)
        assert exc.value.code == "final_state"

    def test_a_review_before_running_is_an_invalid_transition(self, launched, vkstc_officer):
        with pytest.raises(TransitionNotAllowed) as exc:
            reviews.record_review(actor=vkstc_officer, movement=launched, data=review(), now=NOW)
        assert exc.value.code == "invalid_transition"

    def test_examples_are_kept_with_the_review(self, sector, running, vkstc_officer):
        r = reviews.record_review(
            actor=vkstc_officer,
            movement=running,
            data=review(),
            examples=[
                reviews.ExampleData(
                    "Dẫn đầu tỷ lệ giải quyết án", unit=sector.kv1, proposed_award="BK_NGANH"
                ),
                reviews.ExampleData("Có 2 sáng kiến cấp ngành", person=sector.an),
                reviews.ExampleData("   ", person=sector.an),  # empty: left out
            ],
            now=LATER,
        )
        assert [(e.unit, e.person) for e in r.examples.all()] == [
            (sector.kv1, None),
            (None, sector.an),
        ]
