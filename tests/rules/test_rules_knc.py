"""Kỷ niệm chương "Vì sự nghiệp Kiểm sát": Thông tư 02/2024/TT-VKSTC Điều 21."""

from __future__ import annotations

from rules_builders import award, d, discipline, person, ratings, reason, verdict

from tdkt.rules.codes import Award, Discipline, Rating
from tdkt.rules.facts import Period
from tdkt.rules.verdict import Status

KNC = Award.KNC_VSNKS


def _since(start: str, *, other=(), **changes):
    return person(procuracy_service=(Period(d(start)),), other_legal_service=other, **changes)


def test_knc_is_given_after_fifteen_years_of_service():
    v = verdict(_since("2010-09-01"), KNC, as_of="2025-08-31")
    assert v.status is Status.ELIGIBLE
    assert "15 năm (trong ngành 15 năm)" in reason(v, "knc.service").message


def test_knc_is_refused_a_day_short_of_fifteen_years():
    v = verdict(_since("2010-09-01"), KNC, as_of="2025-08-30")
    assert v.status is Status.INELIGIBLE
    assert "còn thiếu 1 ngày" in reason(v, "knc.service").message


def test_knc_says_how_many_months_are_missing():
    v = verdict(_since("2010-11-27"), KNC, as_of="2025-03-26")
    service = reason(v, "knc.service")
    assert [(g.step, g.text, g.quantity) for g in service.gaps] == [
        ("service_months", "Còn thiếu 8 tháng công tác để được xét Kỷ niệm chương", 8)
    ]


def test_knc_excludes_the_time_a_discipline_was_executed():
    facts = _since(
        "2010-01-01", disciplines=(discipline(Discipline.KHIEN_TRACH, "2015-01-01", "2015-12-31"),)
    )
    v = verdict(facts, KNC, as_of="2025-06-30")
    assert v.status is Status.INELIGIBLE
    assert "đã trừ 1 năm thi hành kỷ luật" in reason(v, "knc.service").message


def test_knc_cannot_tell_before_october_2024_whether_discipline_time_counted():
    facts = _since(
        "2009-01-01", disciplines=(discipline(Discipline.KHIEN_TRACH, "2015-01-01", "2015-12-31"),)
    )
    v = verdict(facts, KNC, year=2024, as_of="2024-06-30")
    assert v.status is Status.NEEDS_REVIEW
    assert verdict(facts, KNC, year=2024, as_of="2024-10-01").status is Status.INELIGIBLE


def test_knc_counts_legal_work_outside_the_procuracy_after_five_years_inside():
    other = (Period(d("2008-01-01"), d("2014-12-31")),)
    inside_nine = _since("2015-01-01", other=other)
    assert verdict(inside_nine, KNC, as_of="2025-06-30").status is Status.ELIGIBLE
    inside_four = person(
        procuracy_service=(Period(d("2021-01-01")),),
        other_legal_service=(Period(d("2005-01-01"), d("2020-12-31")),),
    )
    v = verdict(inside_four, KNC, as_of="2025-06-30")
    assert v.status is Status.INELIGIBLE
    assert "trong ngành 4 năm 6 tháng" in reason(v, "knc.service").message


def test_knc_does_not_count_overlapping_outside_work_twice():
    facts = _since("2015-01-01", other=(Period(d("2014-01-01"), d("2020-12-31")),))
    v = verdict(facts, KNC, as_of="2025-06-30")
    assert "ngoài ngành 1 năm" in reason(v, "knc.service").message


def test_knc_is_given_only_once():
    facts = _since("2000-01-01", awards=(award(KNC, 2020, "2020-07-20"),))
    v = verdict(facts, KNC)
    assert v.status is Status.INELIGIBLE
    assert reason(v, "knc.once").message.startswith("Đã được tặng Kỷ niệm chương năm 2020")


def test_knc_needs_htt_since_october_2024_and_ht_before():
    facts = _since("2000-01-01", ratings=ratings(Rating.HT))
    assert verdict(facts, KNC, year=2024, as_of="2024-07-20").status is Status.ELIGIBLE
    assert verdict(facts, KNC, year=2025, as_of="2025-07-20").status is Status.INELIGIBLE


def test_knc_uses_last_years_rating_while_the_year_is_running():
    facts = _since("2000-01-01", ratings={2024: Rating.HTT})
    v = verdict(facts, KNC, as_of="2025-07-20")
    assert reason(v, "knc.rating").message == "Xếp loại Hoàn thành tốt nhiệm vụ năm 2024"


def test_knc_for_a_short_serving_head_points_to_the_leadership_path():
    v = verdict(_since("2015-01-01", is_unit_head=True), KNC, as_of="2025-07-20")
    service = reason(v, "knc.service")
    assert v.status is Status.NEEDS_REVIEW
    assert "8 năm liên tục giữ chức vụ lãnh đạo" in service.message
