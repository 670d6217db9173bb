"""A cluster's year: leaders by rotation, the pledge, the scoring sheet, scores with their history,
the ranking without one's own score and with ties, and the flag vote against its threshold."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.movements import selectors
from tdkt.movements.models import ScoreChange, SheetStatus
from tdkt.movements.services import clusters as services
from tdkt.org import services as org
from tdkt.org.models import ClusterRole
from tdkt.records import services as records
from tests.movements.conftest import LATER, NOW, A, cluster_of, points

pytestmark = pytest.mark.django_db


@pytest.fixture
def provinces(sector, ha_tinh):
    nghe_an = org.create_unit(
        actor=None,
        code="T-NA",
        name="Viện kiểm sát nhân dân tỉnh Nghệ An",
        level="tinh",
        parent=sector.vkstc,
    )
    return {"qt": sector.quang_tri, "bt": sector.ben_tre, "ht": ha_tinh, "na": nghe_an}


@pytest.fixture
def cluster(sector, provinces):
    return cluster_of(sector, *provinces.values())


def give(sheet, scorer, scored, total, reason="", now=NOW):
    return score(sheet, points(sheet, total), scorer, scored, reason=reason, now=now)


def score(sheet, given, scorer, scored, *, reason="", now=NOW):
    """`scorer` gives `scored` these points per criterion."""
    return services.submit_scores(
        actor=None, sheet=sheet, scorer=scorer, scored=scored, points=given, reason=reason, now=now
    )


def title(unit, year, award="TTLDTT"):
    decision = records.record_decision(
        actor=None,
        number=f"{unit.pk}{year}/QĐ-VKSTC",
        signed_on=dt.date(year + 1, 1, 20),
        level="nganh",
    )
    records.record_award(actor=None, award=award, year=year, decision=decision, unit=unit)


class TestLeaders:
    def test_a_unit_without_a_title_the_year_before_may_not_lead(self, cluster, provinces):
        title(provinces["qt"], 2025)
        with pytest.raises(InvalidData) as exc:
            services.appoint_cluster_leaders(
                actor=None, cluster=cluster, head=provinces["bt"], deputy=provinces["qt"]
            )
        assert exc.value.code == "not_recognised"
        assert "năm 2025" in exc.value.message
        services.appoint_cluster_leaders(
            actor=None, cluster=cluster, head=provinces["qt"], deputy=None
        )
        roles = dict(cluster.memberships.values_list("unit_id", "role"))
        assert roles[provinces["qt"].pk] == ClusterRole.HEAD
        assert list(roles.values()).count(ClusterRole.HEAD) == 1

    def test_a_merged_province_leads_on_its_predecessors_titles(self, sector, provinces):
        # The new Quảng Trị (01/07/2025) carries the 2024 title of Quảng Bình, merged into it.
        title(sector.quang_binh, 2024)
        cluster_2025 = org.create_cluster(
            actor=None,
            year=2025,
            kind="cum",
            name="Cụm 2025",
            organizer=sector.vkstc,
            members=[sector.quang_tri, provinces["ht"]],
        )
        assert services.recognised_in(sector.quang_tri, 2024)
        assert not services.recognised_in(provinces["ht"], 2024)
        services.appoint_cluster_leaders(
            actor=None, cluster=cluster_2025, head=sector.quang_tri, deputy=None
        )

    def test_head_and_deputy_must_be_members_and_different(self, cluster, provinces, sector):
        title(provinces["qt"], 2025)
        with pytest.raises(InvalidData):
            services.appoint_cluster_leaders(
                actor=None, cluster=cluster, head=provinces["qt"], deputy=provinces["qt"]
            )
        title(sector.van_phong, 2025)
        with pytest.raises(InvalidData):
            services.appoint_cluster_leaders(
                actor=None, cluster=cluster, head=sector.van_phong, deputy=None
            )


class TestPledge:
    def test_members_sign_once_and_the_text_is_then_fixed(self, cluster, provinces, vkstc_officer):
        pledge = services.save_pledge(
            actor=vkstc_officer,
            cluster=cluster,
            title="Giao ước thi đua năm 2026",
            content="Các đơn vị thành viên cam kết hoàn thành xuất sắc nhiệm vụ.",
            signed_on=dt.date(2026, 1, 20),
            place="Nghệ An",
            now=NOW,
        )
        services.sign_pledge(actor=None, pledge=pledge, unit=provinces["qt"], now=NOW)
        with pytest.raises(Conflict):
            services.sign_pledge(actor=None, pledge=pledge, unit=provinces["qt"], now=NOW)
        with pytest.raises(Conflict) as exc:
            services.save_pledge(
                actor=vkstc_officer, cluster=cluster, title="Sửa", content="Sửa nội dung", now=NOW
            )
        assert exc.value.code == "pledge_signed"

    def test_a_non_member_does_not_sign(self, cluster, sector, vkstc_officer):
        pledge = services.save_pledge(
            actor=vkstc_officer, cluster=cluster, title="Giao ước", content="Nội dung", now=NOW
        )
        with pytest.raises(InvalidData):
            services.sign_pledge(actor=None, pledge=pledge, unit=sector.kv1, now=NOW)


class TestSheet:
    def test_define_open_lock(self, cluster, vkstc_officer):
        sheet = services.define_sheet(
            actor=vkstc_officer, cluster=cluster, criteria=list(services.DEFAULT_CRITERIA), now=NOW
        )
        assert sheet.status == SheetStatus.DRAFT and selectors.max_total(sheet) == Decimal(100)
        with pytest.raises(InvalidData):
            services.open_scoring(
                actor=vkstc_officer, sheet=sheet, deadline=dt.date(2026, 1, 1), now=NOW
            )
        services.open_scoring(
            actor=vkstc_officer, sheet=sheet, deadline=dt.date(2026, 11, 30), now=NOW
        )
        with pytest.raises(TransitionNotAllowed) as exc:
            services.define_sheet(
                actor=vkstc_officer,
                cluster=cluster,
                criteria=list(services.DEFAULT_CRITERIA),
                now=NOW,
            )
        assert exc.value.code == "invalid_transition"
        services.lock_sheet(actor=vkstc_officer, sheet=sheet, now=NOW)
        assert [t.to_status for t in sheet.transitions.all()] == ["open", "locked"]
        with pytest.raises(TransitionNotAllowed) as final:
            services.lock_sheet(actor=vkstc_officer, sheet=sheet, now=NOW)
        assert final.value.code == "final_state"

    def test_criteria_need_positive_maxima_and_names(self, cluster, vkstc_officer):
        for bad in (
            [services.CriterionData("A", Decimal(0))],
            [services.CriterionData("A", Decimal(10), Decimal(0))],
            [services.CriterionData("A", Decimal(10)), services.CriterionData("A", Decimal(5))],
            [],
        ):
            with pytest.raises(InvalidData):
                services.define_sheet(actor=vkstc_officer, cluster=cluster, criteria=bad, now=NOW)


class TestScores:
    def test_every_criterion_must_be_scored(self, sheet, provinces):
        a, _b = sheet.criteria.all()
        with pytest.raises(InvalidData) as exc:
            score(sheet, {a.pk: Decimal(50)}, provinces["qt"], provinces["bt"])
        assert exc.value.code == "incomplete_scoring"

    def test_points_stay_within_the_maximum(self, sheet, provinces):
        a, b = sheet.criteria.all()
        with pytest.raises(InvalidData) as exc:
            score(sheet, {a.pk: Decimal(61), b.pk: Decimal(10)}, provinces["qt"], provinces["bt"])
        assert exc.value.code == "out_of_range"

    def test_a_non_member_does_not_score(self, sheet, sector, provinces):
        with pytest.raises(InvalidData) as exc:
            give(sheet, sector.kv1, provinces["qt"], 80)
        assert exc.value.code == "not_member"

    def test_after_the_deadline_or_the_lock_scores_are_refused(
        self, sheet, provinces, vkstc_officer
    ):
        with pytest.raises(InvalidData) as exc:
            give(sheet, provinces["qt"], provinces["bt"], 80, now=LATER.replace(month=12))
        assert exc.value.code == "deadline_passed"
        services.lock_sheet(actor=vkstc_officer, sheet=sheet, now=NOW)
        with pytest.raises(TransitionNotAllowed) as final:
            give(sheet, provinces["qt"], provinces["bt"], 80)
        assert final.value.code == "final_state"

    def test_a_change_needs_a_reason_and_every_value_is_kept(self, sheet, provinces):
        give(sheet, provinces["qt"], provinces["bt"], 80)
        with pytest.raises(InvalidData) as exc:
            give(sheet, provinces["qt"], provinces["bt"], 90)
        assert exc.value.code == "reason_required"
        give(sheet, provinces["qt"], provinces["bt"], 90, reason="Bổ sung minh chứng về sáng kiến")
        history = ScoreChange.objects.filter(
            score__scorer=provinces["qt"], score__criterion__name=A
        )
        assert [(h.old_points, h.new_points) for h in history.order_by("id")] == [
            (None, Decimal(48)),
            (Decimal(48), Decimal(54)),
        ]
        assert history.order_by("id").last().reason == "Bổ sung minh chứng về sáng kiến"

    def test_the_ranking_leaves_out_own_scores_and_shows_ties(self, sheet, provinces):
        qt, bt, ht, na = provinces["qt"], provinces["bt"], provinces["ht"], provinces["na"]
        for scorer, total in ((bt, 80), (ht, 90), (na, 85)):
            give(sheet, scorer, qt, total)
        give(sheet, qt, qt, 100)  # its own score: shown, never counted
        for scorer in (qt, ht, na):
            give(sheet, scorer, bt, 85)
        for scorer in (qt, bt, na):
            give(sheet, scorer, ht, 70)
        give(sheet, qt, na, 90)
        standings = selectors.ranking(sheet)
        table = [(s.unit, s.rank, s.tied, s.peer_score) for s in standings]
        assert table == [
            (na, 1, False, Decimal("90.00")),
            (bt, 2, True, Decimal("85.00")),
            (qt, 2, True, Decimal("85.00")),
            (ht, 4, False, Decimal("70.00")),
        ]
        qt_row = next(s for s in standings if s.unit == qt)
        assert qt_row.self_score == Decimal(100) and qt_row.scorers == 3


class TestFlagVote:
    def test_approvals_against_the_threshold(self, cluster, provinces, vkstc_officer):
        ballot = services.open_ballot(
            actor=vkstc_officer, cluster=cluster, candidate=provinces["na"], now=NOW
        )
        with pytest.raises(Conflict):
            services.open_ballot(
                actor=vkstc_officer, cluster=cluster, candidate=provinces["qt"], now=NOW
            )
        for key, approve in (("qt", True), ("bt", True), ("ht", False), ("na", True)):
            services.cast_vote(
                actor=None, ballot=ballot, voter=provinces[key], approve=approve, now=NOW
            )
        with pytest.raises(Conflict) as exc:
            services.cast_vote(
                actor=None, ballot=ballot, voter=provinces["ht"], approve=True, now=NOW
            )
        assert exc.value.code == "already_voted"
        services.close_ballot(actor=vkstc_officer, ballot=ballot, now=NOW)
        ballot.refresh_from_db()
        assert ballot.result["approvals"] == 3 and ballot.result["size"] == 4
        assert Fraction(ballot.result["share"]) == Fraction(3, 4)
        assert Fraction(ballot.result["threshold"]) == Fraction(4, 5)
        assert ballot.result["passed"] is False
        assert "Thông tư 02/2024/TT-VKSTC" in ballot.result["citation"]
        with pytest.raises(TransitionNotAllowed) as final:
            services.cast_vote(
                actor=None, ballot=ballot, voter=provinces["ht"], approve=True, now=NOW
            )
        assert final.value.code == "final_state"

    def test_all_members_approving_passes_and_feeds_the_engine(
        self, sheet, cluster, provinces, vkstc_officer
    ):
        for scorer in (provinces["qt"], provinces["bt"], provinces["ht"]):
            give(sheet, scorer, provinces["na"], 95)
        ballot = services.open_ballot(
            actor=vkstc_officer, cluster=cluster, candidate=provinces["na"], now=NOW
        )
        for unit in provinces.values():
            services.cast_vote(actor=None, ballot=ballot, voter=unit, approve=True, now=NOW)
        services.close_ballot(actor=vkstc_officer, ballot=ballot, now=NOW)
        ballot.refresh_from_db()
        assert ballot.result["passed"] is True
        facts = selectors.cluster_facts(2026)
        assert facts[provinces["na"].pk].rank == 1
        assert facts[provinces["na"].pk].size == 4
        assert facts[provinces["na"].pk].approval_votes == 4
        assert facts[provinces["qt"].pk].approval_votes is None

    def test_the_candidate_is_a_member(self, cluster, sector, vkstc_officer):
        with pytest.raises(InvalidData):
            services.open_ballot(
                actor=vkstc_officer, cluster=cluster, candidate=sector.kv1, now=NOW
            )
