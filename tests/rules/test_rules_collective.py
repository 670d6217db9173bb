"""Collective titles and forms: TTLĐTT (Luật 2022 Điều 28), TTLĐXS (Điều 27; TT 02/2024 Điều 18),
Cờ thi đua ngành (TT 02/2024 Điều 17), Cờ thi đua của Chính phủ, Giấy khen, Bằng khen."""

from __future__ import annotations

import pytest
from rules_builders import ratings, reason, titles, unit, verdict

from tdkt.rules.codes import Award, Discipline, Rating
from tdkt.rules.facts import Cluster, Members
from tdkt.rules.verdict import JUDGMENT, Status

HTXS, HTT, HT = Rating.HTXS, Rating.HTT, Rating.HT


def members(**changes):
    base = {"total": 20, "completed_tasks": 20, "ldtt": 16, "cstdcs": 2, "disciplined": ()}
    base.update(changes)
    return Members(**base)


@pytest.mark.parametrize(
    ("ldtt", "passed", "missing"),
    [(14, True, 0), (13, False, 1), (20, True, 0), (10, False, 4)],
)
def test_ttldtt_needs_seventy_percent_of_members_at_ldtt(ldtt, passed, missing):
    v = verdict(unit(ratings=ratings(HTT), members=members(ldtt=ldtt)), Award.TTLDTT)
    r = reason(v, "ttldtt.members_ldtt")
    assert r.passed is passed
    assert sum(g.quantity for g in r.gaps) == missing


def test_ttldtt_needed_only_half_of_members_before_2024():
    facts = unit(ratings=ratings(HTT), members=members(ldtt=10))
    assert verdict(facts, Award.TTLDTT, year=2023, as_of="2023-12-20").status is Status.ELIGIBLE
    assert verdict(facts, Award.TTLDTT, year=2023, as_of="2024-01-10").status is Status.INELIGIBLE


def test_ttldtt_message_gives_the_count_and_the_share():
    v = verdict(unit(members=members(ldtt=15)), Award.TTLDTT)
    assert reason(v, "ttldtt.members_ldtt").message == (
        "15/20 thành viên (75%) đạt Lao động tiên tiến, từ 70% trở lên"
    )


@pytest.mark.parametrize(
    ("level", "passed"),
    [(Discipline.KHIEN_TRACH, True), (Discipline.CANH_CAO, False), (Discipline.CACH_CHUC, False)],
)
def test_ttldtt_is_refused_when_a_member_is_disciplined_at_canh_cao_or_above(level, passed):
    v = verdict(unit(members=members(disciplined=(level,))), Award.TTLDTT)
    assert reason(v, "ttldtt.members_discipline").passed is passed


def test_ttldtt_asks_for_review_without_a_members_block():
    assert verdict(unit(members=None), Award.TTLDTT).status is Status.NEEDS_REVIEW


def test_ttldxs_is_eligible_for_an_excellent_unit():
    assert verdict(unit(), Award.TTLDXS).status is Status.ELIGIBLE


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"ratings": ratings(HTT)}, "ttldxs.rating"),
        ({"members": members(completed_tasks=19)}, "ttldxs.members_completed"),
        ({"members": members(ldtt=13)}, "ttldxs.members_ldtt"),
        ({"members": members(cstdcs=0)}, "ttldxs.members_cstdcs"),
        ({"unit_violation_years": frozenset({2025})}, "ttldxs.unit_violation"),
    ],
)
def test_ttldxs_is_refused_when_one_criterion_fails(changes, rule):
    v = verdict(unit(**changes), Award.TTLDXS)
    assert v.status is Status.INELIGIBLE
    assert [r.rule for r in v.reasons if r.passed is False] == [rule]


def test_ttldxs_member_discipline_bar_was_dropped_by_the_2022_law():
    facts = unit(members=members(disciplined=(Discipline.CANH_CAO,)))
    old = verdict(facts, Award.TTLDXS, year=2023, as_of="2023-12-20")
    new = verdict(facts, Award.TTLDXS, year=2023, as_of="2024-01-10")
    assert old.status is Status.INELIGIBLE
    assert new.status is Status.ELIGIBLE
    assert new.reason("ttldxs.members_discipline") is None


def test_co_nganh_goes_to_the_cluster_leader_meeting_ttldxs():
    v = verdict(unit(), Award.CO_NGANH)
    assert v.status is Status.ELIGIBLE
    assert reason(v, "co_nganh.requires_ttldxs").message == (
        "Đủ điều kiện Tập thể lao động xuất sắc năm 2025 (xét đồng thời)"
    )


def test_co_nganh_is_refused_to_the_second_of_the_cluster_since_october_2024():
    facts = unit(cluster=Cluster(rank=2, size=6, approval_votes=6))
    assert verdict(facts, Award.CO_NGANH).status is Status.INELIGIBLE
    old = verdict(facts, Award.CO_NGANH, year=2023, as_of="2023-12-20")
    assert old.status is Status.ELIGIBLE
    assert old.reason("co_nganh.cluster_leader") is None


@pytest.mark.parametrize(("votes", "passed"), [(5, True), (4, False)])
def test_co_nganh_needs_eighty_percent_of_the_cluster(votes, passed):
    v = verdict(unit(cluster=Cluster(rank=1, size=6, approval_votes=votes)), Award.CO_NGANH)
    assert reason(v, "co_nganh.cluster_vote").passed is passed


def test_co_nganh_is_refused_to_a_unit_with_a_violation():
    v = verdict(unit(unit_violation_years=frozenset({2025})), Award.CO_NGANH)
    assert v.status is Status.INELIGIBLE
    assert reason(v, "co_nganh.unit_violation").passed is False
    assert reason(v, "co_nganh.requires_ttldxs").passed is False


def test_co_nganh_asks_for_review_without_cluster_results():
    assert verdict(unit(cluster=None), Award.CO_NGANH).status is Status.NEEDS_REVIEW


def test_co_cp_is_left_to_the_council_and_never_eligible_by_itself():
    v = verdict(unit(), Award.CO_CP)
    assert v.status is Status.NEEDS_REVIEW
    assert reason(v, "co_cp.merit").kind == JUDGMENT
    assert verdict(unit(cluster=Cluster(2, 6, 6)), Award.CO_CP).status is Status.INELIGIBLE


def test_collective_giay_khen_needs_judgment_and_htt():
    assert verdict(unit(), Award.GIAY_KHEN).status is Status.NEEDS_REVIEW
    assert verdict(unit(ratings=ratings(HT)), Award.GIAY_KHEN).status is Status.INELIGIBLE


def test_collective_bang_khen_two_excellent_years_or_titles():
    assert verdict(unit(), Award.BK_NGANH).status is Status.ELIGIBLE
    mixed = unit(ratings=ratings(HTT, y2025=HTXS), titles=titles(Award.TTLDXS, 2024))
    assert verdict(mixed, Award.BK_NGANH).status is Status.ELIGIBLE
    short = verdict(unit(ratings=ratings(HTT, y2025=HTXS)), Award.BK_NGANH)
    assert short.status is Status.NEEDS_REVIEW
    assert reason(short, "bk_nganh.merit").kind == JUDGMENT


def test_collective_bkttg_is_not_encoded_beyond_review():
    v = verdict(unit(), Award.BK_TTG)
    assert v.status is Status.NEEDS_REVIEW
    assert "chưa được đối chiếu" in reason(v, "bk_ttg.collective_criteria").message


def test_an_individual_title_cannot_be_asked_for_a_unit():
    with pytest.raises(ValueError):
        verdict(unit(), Award.LDTT)
