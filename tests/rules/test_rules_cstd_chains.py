"""Chiến sĩ thi đua ngành (Luật 2022 Điều 22) and toàn quốc (Điều 21): chains of titles."""

from __future__ import annotations

from rules_builders import discipline, initiative, person, ratings, reason, titles, verdict

from tdkt.rules.codes import Award, Discipline, InitiativeScope, Rating
from tdkt.rules.verdict import Status

NGANH = Award.CSTD_NGANH
TQ = Award.CSTD_TQ
SCOPE_NGANH = InitiativeScope.NGANH


def _nganh_candidate(**changes):
    base = {
        "ratings": ratings(Rating.HTXS),
        "titles": titles(Award.CSTDCS, 2023, 2024),
        "initiatives": (initiative("SK-N", "2024-06-01", SCOPE_NGANH),),
    }
    base.update(changes)
    return person(**base)


def test_cstd_nganh_counts_the_third_cstdcs_decided_in_the_same_review():
    v = verdict(_nganh_candidate(), NGANH)
    assert v.status is Status.ELIGIBLE
    assert reason(v, "cstd_nganh.chain").message == (
        "Đạt Chiến sĩ thi đua cơ sở 3 năm liên tục, các năm 2023–2025 (năm 2025 xét đồng thời)"
    )


def test_cstd_nganh_refuses_two_cstdcs_years_and_names_the_missing_one():
    v = verdict(_nganh_candidate(titles=titles(Award.CSTDCS, 2024)), NGANH)
    r = reason(v, "cstd_nganh.chain")
    assert v.status is Status.INELIGIBLE
    assert "thiếu năm 2023" in r.message
    assert [(g.step, g.quantity) for g in r.gaps] == [("cstdcs_years", 1)]


def test_cstd_nganh_asks_for_review_when_this_years_cstdcs_is_undecided():
    v = verdict(_nganh_candidate(ratings={2023: Rating.HTXS, 2024: Rating.HTXS}), NGANH)
    assert v.status is Status.NEEDS_REVIEW
    assert reason(v, "cstd_nganh.chain").passed is None


def test_cstd_nganh_does_not_reuse_years_counted_for_an_earlier_title():
    facts = _nganh_candidate(titles=titles(Award.CSTDCS, 2022, 2023, 2024) + titles(NGANH, 2024))
    v = verdict(facts, NGANH)
    assert v.status is Status.INELIGIBLE
    assert "năm 2024" in reason(v, "cstd_nganh.chain").message


def test_cstd_nganh_needs_an_initiative_of_sector_scope_not_a_local_one():
    local = _nganh_candidate(initiatives=(initiative("SK-1", "2024-06-01"),))
    v = verdict(local, NGANH)
    assert v.status is Status.INELIGIBLE
    assert reason(v, "cstd_nganh.initiative").gaps[0].text == "Cần 1 sáng kiến cấp ngành"


def test_cstd_nganh_accepts_a_national_initiative_but_not_a_used_one():
    national = (initiative("SK-Q", "2023-05-01", InitiativeScope.TOAN_QUOC),)
    assert verdict(_nganh_candidate(initiatives=national), NGANH).status is Status.ELIGIBLE
    used = (initiative("SK-N", "2024-06-01", SCOPE_NGANH, used_for="CSTD_NGANH-2021"),)
    assert verdict(_nganh_candidate(initiatives=used), NGANH).status is Status.INELIGIBLE


def test_cstd_nganh_is_refused_to_a_head_whose_unit_had_a_violation():
    facts = _nganh_candidate(
        is_unit_head=True, head_unit_ratings={2025: "HTXS"}, unit_violation_years=frozenset({2025})
    )
    assert reason(verdict(facts, NGANH), "cstd_nganh.unit_violation").passed is False


def _tq_candidate(nganh_years, **changes):
    base = {
        "ratings": ratings(Rating.HTXS),
        "titles": titles(NGANH, *nganh_years),
        "initiatives": (initiative("SK-Q", "2022-06-01", InitiativeScope.TOAN_QUOC),),
    }
    base.update(changes)
    return person(**base)


def test_cstd_tq_needs_two_consecutive_sector_titles_three_years_apart():
    v = verdict(_tq_candidate((2021, 2024)), TQ)
    assert v.status is Status.ELIGIBLE
    assert "các năm 2021, 2024" in reason(v, "cstd_tq.chain").message


def test_cstd_tq_refuses_sector_titles_that_are_not_consecutive():
    v = verdict(_tq_candidate((2020, 2024)), TQ)
    assert v.status is Status.INELIGIBLE
    assert "thiếu năm 2021" in reason(v, "cstd_tq.chain").message


def test_cstd_tq_lapses_when_not_proposed_the_year_after_the_second_sector_title():
    v = verdict(_tq_candidate((2020, 2023)), TQ)
    r = reason(v, "cstd_tq.chain")
    assert v.status is Status.INELIGIBLE
    assert "quá thời hạn đề nghị" in r.message
    assert "Nghị định 98/2023/NĐ-CP, Điều 32" in r.citation


def test_cstd_tq_does_not_reuse_a_chain_already_rewarded():
    facts = _tq_candidate(
        (2018, 2021, 2024), titles=titles(NGANH, 2018, 2021, 2024) + titles(TQ, 2022)
    )
    assert verdict(facts, TQ).status is Status.INELIGIBLE


def test_cstd_tq_needs_a_national_initiative():
    facts = _tq_candidate(
        (2021, 2024), initiatives=(initiative("SK-N", "2022-06-01", SCOPE_NGANH),)
    )
    assert reason(verdict(facts, TQ), "cstd_tq.initiative").passed is False


def test_cstd_tq_is_refused_while_a_discipline_is_being_executed():
    facts = _tq_candidate(
        (2021, 2024),
        disciplines=(discipline(Discipline.KHIEN_TRACH, "2024-11-01", "2025-10-31"),),
    )
    v = verdict(facts, TQ)
    assert v.status is Status.INELIGIBLE
    assert "Đang thi hành kỷ luật" in reason(v, "cstd_tq.no_discipline").message
