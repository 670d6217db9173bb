"""Forms of commendation for individuals: Giấy khen (Luật 2022 Điều 75), Bằng khen ngành (Điều 74),
Bằng khen Thủ tướng (Điều 73), Huân chương Lao động hạng Ba (Điều 44)."""

from __future__ import annotations

from rules_builders import award, discipline, initiative, person, ratings, reason, titles, verdict

from tdkt.rules.codes import Award, Discipline, Rating
from tdkt.rules.verdict import JUDGMENT, Status

BK = Award.BK_NGANH
BKTTG = Award.BK_TTG
HCLD3 = Award.HCLD_3
HTXS, HTT, HT = Rating.HTXS, Rating.HTT, Rating.HT


# --- Giấy khen -----------------------------------------------------------------------------------


def test_giay_khen_is_never_eligible_by_itself_because_merit_needs_judgment():
    v = verdict(person(), Award.GIAY_KHEN)
    assert v.status is Status.NEEDS_REVIEW
    merit = reason(v, "giay_khen.merit")
    assert merit.passed is None and merit.kind == JUDGMENT
    assert merit.message.startswith("Cần Hội đồng đánh giá")


def test_giay_khen_is_refused_below_htt():
    assert verdict(person(ratings=ratings(HT)), Award.GIAY_KHEN).status is Status.INELIGIBLE


# --- Bằng khen ngành, point d --------------------------------------------------------------------


def _two_initiatives(*, used_for=None):
    return (
        initiative("SK-1", "2024-05-01", used_for=used_for),
        initiative("SK-2", "2025-05-01"),
    )


def test_bk_nganh_two_consecutive_cstdcs_and_two_unused_initiatives_are_enough():
    facts = person(titles=titles(Award.CSTDCS, 2024, 2025), initiatives=_two_initiatives())
    v = verdict(facts, BK)
    assert v.status is Status.ELIGIBLE
    assert reason(v, "bk_nganh.merit").message.startswith(
        "Điểm d: 2 lần liên tục Chiến sĩ thi đua cơ sở (các năm 2024–2025)"
    )


def test_bk_nganh_two_htxs_years_and_two_initiatives_are_enough():
    facts = person(ratings=ratings(HTT, y2024=HTXS, y2025=HTXS), initiatives=_two_initiatives())
    assert verdict(facts, BK).status is Status.ELIGIBLE


def test_bk_nganh_two_cstdcs_without_initiatives_leave_only_the_judgment_path():
    v = verdict(person(titles=titles(Award.CSTDCS, 2024, 2025)), BK)
    merit = reason(v, "bk_nganh.merit")
    assert v.status is Status.NEEDS_REVIEW
    assert merit.kind == JUDGMENT
    assert "cần Hội đồng đánh giá" in merit.message
    assert [(g.step, g.quantity) for g in merit.gaps] == [("initiative_co_so", 2)]


def test_bk_nganh_does_not_count_an_initiative_spent_on_another_award():
    facts = person(
        titles=titles(Award.CSTDCS, 2024, 2025),
        initiatives=_two_initiatives(used_for="CSTDCS-2024"),
    )
    v = verdict(facts, BK)
    assert v.status is Status.NEEDS_REVIEW
    assert (
        "SK-1 (đã dùng cho Chiến sĩ thi đua cơ sở năm 2024)" in reason(v, "bk_nganh.merit").message
    )


def test_bk_nganh_keeps_one_initiative_for_a_cstdcs_decided_now_on_that_initiative():
    # Bộ Nội vụ's second case: CSTĐCS 2025 rests on an initiative, so that one is spent.
    facts = person(titles=titles(Award.CSTDCS, 2024), initiatives=_two_initiatives())
    v = verdict(facts, BK)
    assert v.status is Status.NEEDS_REVIEW
    assert "sau khi để 1 sáng kiến cho Chiến sĩ thi đua cơ sở năm 2025" in (
        reason(v, "bk_nganh.merit").message
    )
    three = (*_two_initiatives(), initiative("SK-3", "2025-09-01"))
    facts = person(titles=titles(Award.CSTDCS, 2024), initiatives=three)
    assert verdict(facts, BK).status is Status.ELIGIBLE


def test_bk_nganh_does_not_reuse_years_of_an_earlier_bang_khen():
    facts = person(
        titles=titles(Award.CSTDCS, 2023, 2024, 2025),
        initiatives=_two_initiatives(),
        awards=(award(BK, 2024, "2025-01-20"),),
    )
    v = verdict(facts, BK)
    assert v.status is Status.NEEDS_REVIEW
    assert "đã được tính cho Bằng khen năm 2024" in reason(v, "bk_nganh.merit").message


def test_bk_nganh_is_refused_to_someone_disciplined_in_the_year():
    facts = person(
        titles=titles(Award.CSTDCS, 2024, 2025),
        initiatives=_two_initiatives(),
        disciplines=(discipline(Discipline.CANH_CAO, "2025-02-01", "2026-01-31"),),
    )
    assert verdict(facts, BK).status is Status.INELIGIBLE


def test_bk_nganh_had_no_cstdcs_path_before_2024():
    facts = person(
        titles=titles(Award.CSTDCS, 2022, 2023),
        initiatives=(initiative("SK-1", "2022-05-01"), initiative("SK-2", "2023-05-01")),
    )
    before = verdict(facts, BK, year=2023, as_of="2023-12-20")
    after = verdict(facts, BK, year=2023, as_of="2024-01-15")
    assert before.status is Status.NEEDS_REVIEW
    assert reason(before, "bk_nganh.merit").kind == JUDGMENT
    assert after.status is Status.ELIGIBLE


# --- Bằng khen Thủ tướng, point b ----------------------------------------------------------------


def _bkttg_candidate(**changes):
    base = {
        "awards": (award(BK, 2019, "2020-01-10"),),
        "titles": titles(Award.CSTDCS, 2021, 2023, 2025),
    }
    base.update(changes)
    return person(**base)


def test_bk_ttg_five_years_htt_after_the_bang_khen_with_three_cstdcs():
    v = verdict(_bkttg_candidate(), BKTTG)
    assert v.status is Status.ELIGIBLE
    message = reason(v, "bk_ttg.merit").message
    assert "quyết định ngày 10/01/2020" in message
    assert "5 năm liên tục các năm 2021–2025" in message
    assert reason(v, "bk_ttg.merit").citation == "Luật TĐKT 2022, Điều 73 khoản 1 điểm b"


def test_bk_ttg_counts_from_the_year_after_the_bang_khen_decision():
    # BK for 2020 decided in 2021: the run 2022–2025 is only four years
    v = verdict(_bkttg_candidate(awards=(award(BK, 2020, "2021-02-01"),)), BKTTG)
    merit = reason(v, "bk_ttg.merit")
    assert v.status is Status.NEEDS_REVIEW
    assert ("consecutive_years", 1) in [(g.step, g.quantity) for g in merit.gaps]


def test_bk_ttg_with_two_cstdcs_is_one_cstdcs_short():
    v = verdict(_bkttg_candidate(titles=titles(Award.CSTDCS, 2021, 2023)), BKTTG)
    merit = reason(v, "bk_ttg.merit")
    assert merit.kind == JUDGMENT
    assert [(g.step, g.quantity) for g in merit.gaps] == [("cstdcs_years", 1)]


def test_bk_ttg_run_is_broken_by_a_year_below_htt():
    facts = _bkttg_candidate(ratings=ratings(HTT, y2023=HT))
    merit = reason(verdict(facts, BKTTG), "bk_ttg.merit")
    assert "2 năm liên tục các năm 2024–2025" in merit.message


def test_bk_ttg_without_a_bang_khen_needs_one_first():
    merit = reason(verdict(person(), BKTTG), "bk_ttg.merit")
    assert merit.gaps[0].step == "bk_nganh_award"


def test_bk_ttg_asks_for_review_when_the_bang_khen_decision_date_is_missing():
    v = verdict(_bkttg_candidate(awards=(award(BK, 2019),)), BKTTG)
    assert v.status is Status.NEEDS_REVIEW
    assert "thiếu ngày quyết định" in reason(v, "bk_ttg.merit").message


def test_bk_ttg_before_2024_needed_five_htxs_years_and_five_initiatives():
    inits = tuple(initiative(f"SK-{y}", f"{y}-05-01") for y in range(2019, 2024))
    facts = person(
        ratings=ratings(HTXS),
        awards=(award(BK, 2017, "2018-01-15"),),
        initiatives=inits,
    )
    assert verdict(facts, BKTTG, year=2023, as_of="2023-12-20").status is Status.ELIGIBLE
    fewer = person(
        ratings=ratings(HTXS), awards=(award(BK, 2017, "2018-01-15"),), initiatives=inits[1:]
    )
    v = verdict(fewer, BKTTG, year=2023, as_of="2023-12-20")
    assert v.status is Status.NEEDS_REVIEW
    assert [(g.step, g.quantity) for g in reason(v, "bk_ttg.merit").gaps] == [
        ("initiative_co_so", 1)
    ]


# --- Huân chương Lao động hạng Ba ----------------------------------------------------------------


def test_hcld3_needs_bkttg_then_five_years_with_one_htxs_and_three_cstdcs():
    facts = person(
        awards=(award(BKTTG, 2019, "2020-03-01"),),
        titles=titles(Award.CSTDCS, 2021, 2022, 2024),
        ratings=ratings(HTT, y2022=HTXS),
    )
    assert verdict(facts, HCLD3).status is Status.ELIGIBLE
    no_htxs = person(
        awards=(award(BKTTG, 2019, "2020-03-01"),), titles=titles(Award.CSTDCS, 2021, 2022, 2024)
    )
    merit = reason(verdict(no_htxs, HCLD3), "hcld3.merit")
    assert [(g.step, g.quantity) for g in merit.gaps] == [("htxs_years", 1)]


def test_higher_orders_are_not_encoded_and_go_to_review():
    v = verdict(person(), Award.HCLD_2)
    assert v.status is Status.NEEDS_REVIEW
    assert reason(v, "engine.not_encoded").message.startswith(
        "Chưa có quy tắc xét Huân chương Lao động hạng Nhì"
    )
