"""Chiến sĩ thi đua cơ sở: Luật TĐKT 2022 Điều 23; Thông tư 02/2024/TT-VKSTC Điều 14."""

from __future__ import annotations

import pytest
from rules_builders import (
    d,
    discipline,
    initiative,
    person,
    ratings,
    reason,
    titles,
    verdict,
)

from tdkt.rules.codes import Award, Discipline, Rating
from tdkt.rules.verdict import Status

CSTDCS = Award.CSTDCS


def test_cstdcs_is_eligible_on_an_htxs_rating_alone_since_2024():
    v = verdict(person(ratings=ratings(Rating.HTXS)), CSTDCS)
    assert v.status is Status.ELIGIBLE
    assert reason(v, "cstdcs.requires_ldtt").message == "Đạt tiêu chuẩn Lao động tiên tiến năm 2025"
    assert reason(v, "cstdcs.merit").message == "Xếp loại Hoàn thành xuất sắc nhiệm vụ năm 2025"
    assert reason(v, "cstdcs.merit").citation == "Luật TĐKT 2022, Điều 23 khoản 2"


def test_cstdcs_is_eligible_on_an_unused_initiative_of_the_year():
    facts = person(initiatives=(initiative("SK-1", "2025-10-01"),))
    v = verdict(facts, CSTDCS)
    assert v.status is Status.ELIGIBLE
    assert "SK-1" in reason(v, "cstdcs.merit").message


def test_cstdcs_does_not_count_an_initiative_already_used():
    facts = person(initiatives=(initiative("SK-1", "2025-10-01", used_for="BK_NGANH-2024"),))
    v = verdict(facts, CSTDCS)
    assert v.status is Status.INELIGIBLE
    used = "SK-1 (đã dùng cho Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao năm 2024)"
    assert used in reason(v, "cstdcs.merit").message


def test_cstdcs_does_not_count_an_initiative_of_another_year():
    facts = person(initiatives=(initiative("SK-1", "2024-12-20"),))
    assert verdict(facts, CSTDCS).status is Status.INELIGIBLE


def test_cstdcs_asks_for_review_without_a_rating_or_an_initiative():
    v = verdict(person(ratings={}), CSTDCS)
    assert v.status is Status.NEEDS_REVIEW
    assert "chưa có xếp loại năm 2025" in reason(v, "cstdcs.merit").message


def test_cstdcs_required_an_initiative_before_2024_even_with_htxs():
    facts = person(ratings=ratings(Rating.HTXS))
    before = verdict(facts, CSTDCS, year=2023, as_of="2023-12-20")
    after = verdict(facts, CSTDCS, year=2023, as_of="2024-01-15")
    assert before.regime == "pre-2024"
    assert before.status is Status.INELIGIBLE
    assert "bắt buộc trước năm 2024" in reason(before, "cstdcs.merit").message
    assert after.regime == "2024-01"
    assert after.status is Status.ELIGIBLE


def test_cstdcs_fails_when_ldtt_fails_and_says_why():
    facts = person(
        ratings=ratings(Rating.HTXS),
        disciplines=(discipline(Discipline.KHIEN_TRACH, "2025-03-10", "2026-03-09"),),
    )
    v = verdict(facts, CSTDCS)
    assert v.status is Status.INELIGIBLE
    message = reason(v, "cstdcs.requires_ldtt").message
    assert message.startswith("Không đạt tiêu chuẩn Lao động tiên tiến năm 2025: bị kỷ luật")


def test_cstdcs_accepts_a_recorded_ldtt_title():
    facts = person(ratings=ratings(Rating.HTXS), recruited_on=None, titles=titles(Award.LDTT, 2025))
    v = verdict(facts, CSTDCS)
    assert (
        reason(v, "cstdcs.requires_ldtt").message == "Đã được công nhận Lao động tiên tiến năm 2025"
    )
    assert v.status is Status.ELIGIBLE


@pytest.mark.parametrize(
    ("unit_result", "status"),
    [
        ("HTXS", Status.ELIGIBLE),
        ("TTLDXS", Status.ELIGIBLE),
        ("CO_NGANH", Status.ELIGIBLE),
        ("HTT", Status.INELIGIBLE),
        ("TTLDTT", Status.INELIGIBLE),
        (None, Status.NEEDS_REVIEW),
    ],
)
def test_cstdcs_of_a_unit_head_needs_an_excellent_unit_from_october_2024(unit_result, status):
    results = {} if unit_result is None else {2025: unit_result}
    facts = person(ratings=ratings(Rating.HTXS), is_unit_head=True, head_unit_ratings=results)
    assert verdict(facts, CSTDCS).status is status


def test_cstdcs_head_of_unit_rule_did_not_apply_before_october_2024():
    facts = person(ratings=ratings(Rating.HTXS), is_unit_head=True, head_unit_ratings={2024: "HTT"})
    assert verdict(facts, CSTDCS, year=2024, as_of="2024-09-30").status is Status.ELIGIBLE
    assert verdict(facts, CSTDCS, year=2024, as_of="2024-10-01").status is Status.INELIGIBLE


def test_cstdcs_refuses_the_head_of_a_unit_with_a_violation_that_year():
    facts = person(
        ratings=ratings(Rating.HTXS),
        is_unit_head=True,
        head_unit_ratings={2025: "HTXS"},
        unit_violation_years=frozenset({2025}),
    )
    v = verdict(facts, CSTDCS)
    assert v.status is Status.INELIGIBLE
    assert reason(v, "cstdcs.unit_violation").passed is False
    # the head still gets LĐTT: the decision bars only titles above it
    assert verdict(facts, Award.LDTT).status is Status.ELIGIBLE


def test_cstdcs_does_not_report_head_rules_for_someone_who_heads_nothing():
    v = verdict(person(ratings=ratings(Rating.HTXS)), CSTDCS)
    assert [r.rule for r in v.reasons] == ["cstdcs.requires_ldtt", "cstdcs.merit"]


def test_cstdcs_asks_for_review_when_it_is_unknown_whether_the_person_heads_a_unit():
    v = verdict(person(ratings=ratings(Rating.HTXS), is_unit_head=None), CSTDCS)
    assert v.status is Status.NEEDS_REVIEW
    assert "có phải thủ trưởng đơn vị hay không" in reason(v, "cstdcs.unit_head").message


def test_cstdcs_keeps_the_2022_merit_rule_under_the_2026_amendment_until_confirmed():
    facts = person(ratings=ratings(Rating.HTXS))
    v = verdict(facts, CSTDCS, year=2026, as_of=d("2026-12-15"))
    assert v.regime == "2026-10"
    assert v.status is Status.ELIGIBLE
    assert "Luật 06/2026/QH16" in reason(v, "cstdcs.merit").citation
