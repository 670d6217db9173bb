"""Lao động tiên tiến: Luật TĐKT 2022 Điều 24; Thông tư 02/2024/TT-VKSTC Điều 15."""

from __future__ import annotations

import pytest
from rules_builders import d, discipline, leave, person, ratings, reason, verdict

from tdkt.rules.codes import Award, Discipline, LeaveKind, Rating
from tdkt.rules.verdict import Status

LDTT = Award.LDTT


@pytest.mark.parametrize(
    ("rating", "status", "passed"),
    [
        (Rating.HTXS, Status.ELIGIBLE, True),
        (Rating.HTT, Status.ELIGIBLE, True),
        (Rating.HT, Status.INELIGIBLE, False),
        (Rating.KHT, Status.INELIGIBLE, False),
    ],
)
def test_ldtt_needs_a_rating_of_htt_or_better(rating, status, passed):
    v = verdict(person(ratings=ratings(rating)), LDTT)
    assert v.status is status
    assert reason(v, "ldtt.rating").passed is passed


def test_ldtt_asks_for_review_when_the_year_has_no_rating():
    v = verdict(person(ratings={2024: Rating.HTT}), LDTT)
    assert v.status is Status.NEEDS_REVIEW
    r = reason(v, "ldtt.rating")
    assert r.passed is None
    assert "Chưa có kết quả xếp loại chất lượng năm 2025" in r.message


@pytest.mark.parametrize(
    ("recruited_on", "passed", "words"),
    [
        ("2025-07-01", True, "6 tháng"),  # 01/07 to 31/12 is exactly six months
        ("2025-07-02", False, "dưới 6 tháng"),
        ("2025-12-01", False, "1 tháng"),
        ("2024-12-31", True, "không thuộc trường hợp mới tuyển dụng"),
    ],
)
def test_ldtt_counts_whole_months_from_recruitment_to_the_end_of_the_year(
    recruited_on, passed, words
):
    v = verdict(person(recruited_on=d(recruited_on)), LDTT, as_of="2026-01-15")
    r = reason(v, "ldtt.new_recruit")
    assert r.passed is passed
    assert words in r.message
    assert r.citation == "Thông tư 02/2024/TT-VKSTC, Điều 15"


def test_ldtt_refuses_a_recruit_of_five_months_under_the_2024_rules():
    v = verdict(person(recruited_on=d("2025-07-15")), LDTT, as_of="2025-12-31")
    assert v.status is Status.INELIGIBLE
    assert (
        "Mới tuyển dụng ngày 15/07/2025, có 5 tháng 17 ngày"
        in reason(v, "ldtt.new_recruit").message
    )


def test_ldtt_asks_for_review_without_a_recruitment_date():
    v = verdict(person(recruited_on=None), LDTT)
    assert v.status is Status.NEEDS_REVIEW
    assert "Thiếu ngày tuyển dụng" in reason(v, "ldtt.new_recruit").message


@pytest.mark.parametrize(
    ("leaves", "passed"),
    [
        ((leave(LeaveKind.OM, "2025-02-01", "2025-04-30"),), False),  # exactly 3 months
        ((leave(LeaveKind.OM, "2025-02-01", "2025-04-29"),), True),  # 2 months 29 days
        (
            (
                leave(LeaveKind.OM, "2025-01-01", "2025-02-15"),
                leave(LeaveKind.KHONG_LUONG, "2025-06-01", "2025-07-15"),
            ),
            False,  # 1 m 15 d + 1 m 15 d = 3 months
        ),
        ((leave(LeaveKind.KHONG_LUONG, "2025-01-01", "2025-08-31"),), False),  # 8 months
        ((leave(LeaveKind.THAI_SAN, "2025-01-01", "2025-06-30"),), True),  # maternity counts
        ((leave(LeaveKind.DIEU_TRI_THUONG, "2025-03-01", "2025-08-31"),), True),
        ((leave(LeaveKind.HOC_TAP, "2025-01-01", "2025-12-31"),), True),
        ((leave(LeaveKind.OM, "2024-09-01", "2025-01-31"),), True),  # only January in 2025
    ],
)
def test_ldtt_refuses_three_months_or_more_off_work_but_not_maternity(leaves, passed):
    v = verdict(person(leaves=leaves), LDTT)
    assert reason(v, "ldtt.off_work").passed is passed


def test_ldtt_names_the_leave_that_bars_it():
    v = verdict(person(leaves=(leave(LeaveKind.OM, "2025-02-01", "2025-05-31"),)), LDTT)
    assert reason(v, "ldtt.off_work").message == (
        "Nghỉ công tác 4 tháng trong năm 2025 (nghỉ ốm), từ 3 tháng trở lên"
    )


def test_ldtt_asks_for_review_of_leave_before_the_sector_circular_of_october_2024():
    facts = person(leaves=(leave(LeaveKind.OM, "2024-02-01", "2024-05-31"),))
    before = verdict(facts, LDTT, year=2024, as_of="2024-09-30")
    after = verdict(facts, LDTT, year=2024, as_of="2024-10-01")
    assert before.status is Status.NEEDS_REVIEW
    assert "chưa được xác minh" in reason(before, "ldtt.off_work").message
    assert after.status is Status.INELIGIBLE


@pytest.mark.parametrize(
    "level", [Discipline.KHIEN_TRACH, Discipline.CANH_CAO, Discipline.CACH_CHUC]
)
def test_ldtt_refuses_anyone_disciplined_in_the_year(level):
    v = verdict(person(disciplines=(discipline(level, "2025-03-10", "2026-03-09"),)), LDTT)
    assert v.status is Status.INELIGIBLE
    assert "Bị kỷ luật trong năm 2025" in reason(v, "ldtt.no_discipline").message


def test_ldtt_counts_leave_only_up_to_the_day_of_evaluation():
    facts = person(leaves=(leave(LeaveKind.OM, "2025-10-01", None),))
    assert reason(verdict(facts, LDTT, as_of="2025-12-15"), "ldtt.off_work").passed is True
    assert reason(verdict(facts, LDTT, as_of="2026-01-10"), "ldtt.off_work").passed is False


def test_ldtt_ignores_a_discipline_decided_after_the_year():
    v = verdict(
        person(disciplines=(discipline(Discipline.KHIEN_TRACH, "2026-01-05"),)),
        LDTT,
        as_of="2026-01-10",
    )
    assert reason(v, "ldtt.no_discipline").passed is True


def test_ldtt_asks_for_review_when_disciplines_are_not_given():
    v = verdict(person(disciplines=None), LDTT)
    assert reason(v, "ldtt.no_discipline").passed is None


def test_ldtt_evaluates_every_rule_and_reports_every_failure():
    facts = person(
        ratings=ratings(Rating.HT),
        recruited_on=d("2025-08-01"),
        leaves=(leave(LeaveKind.OM, "2025-09-01", "2025-11-30"),),
        disciplines=(discipline(Discipline.KHIEN_TRACH, "2025-11-01"),),
    )
    v = verdict(facts, LDTT)
    assert [r.rule for r in v.reasons] == [
        "ldtt.rating",
        "ldtt.new_recruit",
        "ldtt.off_work",
        "ldtt.no_discipline",
    ]
    assert all(r.passed is False for r in v.reasons)
