"""Khen thưởng đột xuất: no chain of earlier titles, the act judged by people, discipline and the
unit-violation veto still applying; sudden awards feed no later merit chain (ND 152 Art. 4(3))."""

from __future__ import annotations

from datetime import date

import pytest
from rules_builders import (
    d,
    discipline,
    initiative,
    person,
    ratings,
    reason,
    titles,
    unit,
    verdict,
)

from tdkt.rules.codes import Award, Discipline, Rating, award_fits
from tdkt.rules.contract import answer
from tdkt.rules.engine import Engine, default_engine
from tdkt.rules.facts import AwardRecord, SuddenAct
from tdkt.rules.params import default_parameters
from tdkt.rules.sudden import SUDDEN_FORMS, simplified_procedure
from tdkt.rules.verdict import JUDGMENT, Status

ACT = SuddenAct("Dũng cảm cứu người bị đuối nước tại sông Hàm Luông", date(2026, 11, 2))
AS_OF = date(2026, 11, 20)


def sudden(facts, code=Award.BK_NGANH, act=ACT, as_of=AS_OF, year=2026, engine=None):
    return (engine or default_engine()).evaluate_sudden(facts, code, act, year, as_of)


@pytest.mark.parametrize(
    ("code", "facts"),
    [(c, f) for c in SUDDEN_FORMS for f in (person(), unit()) if award_fits(c, f.subject)],
)
def test_a_sudden_award_names_the_act_the_council_must_judge(code, facts):
    v = sudden(facts, code)
    assert v.status is Status.NEEDS_REVIEW
    act = reason(v, "sudden.act")
    assert act.passed is None and act.kind == JUDGMENT
    assert act.message.startswith(
        "Hội đồng cần đánh giá thành tích đột xuất: Dũng cảm cứu người bị đuối nước tại sông Hàm "
        "Luông (ngày 02/11/2026)"
    )
    assert all(r.rule.startswith("sudden.") for r in v.reasons)


def test_a_sudden_award_needs_no_chain_of_earlier_titles_or_forms():
    nobody = person(ratings=ratings(Rating.HT), titles=(), awards=())
    merit = verdict(nobody, Award.BK_TTG, year=2026, as_of="2026-11-20")
    v = sudden(nobody, Award.BK_TTG)
    assert "chưa được tặng Bằng khen" in reason(merit, "bk_ttg.merit").message
    assert v.status is Status.NEEDS_REVIEW
    assert reason(v, "sudden.no_chain").passed is True
    assert (
        "không xét danh hiệu, hình thức khen thưởng đã có" in reason(v, "sudden.no_chain").message
    )


@pytest.mark.parametrize(
    ("decided_on", "ends_on", "status"),
    [
        ("2026-01-01", "2026-12-31", Status.INELIGIBLE),  # decided in the year of the act
        ("2025-12-31", "2026-01-01", Status.INELIGIBLE),  # still executed in 2026 (ND 152)
        ("2025-12-31", "2025-12-31", Status.NEEDS_REVIEW),  # over before the year began
    ],
)
def test_a_sudden_award_is_barred_by_discipline_at_the_year_boundary(decided_on, ends_on, status):
    facts = person(disciplines=(discipline(Discipline.KHIEN_TRACH, decided_on, ends_on),))
    v = sudden(facts)
    assert v.status is status
    assert reason(v, "sudden.no_discipline").passed is (status is not Status.INELIGIBLE)


@pytest.mark.parametrize(
    ("violation_years", "status"),
    [(frozenset({2026}), Status.INELIGIBLE), (frozenset({2025}), Status.NEEDS_REVIEW)],
)
def test_a_sudden_award_keeps_the_unit_violation_veto(violation_years, status):
    head = person(is_unit_head=True, unit_violation_years=violation_years)
    v = sudden(head)
    assert v.status is status
    if status is Status.INELIGIBLE:
        assert "không được đề nghị khen thưởng đột xuất" in reason(v, "sudden.unit_head").message
        assert reason(v, "sudden.unit_head").citation.startswith("Quy định của hệ thống")
    collective = sudden(unit(unit_violation_years=violation_years))
    assert collective.status is status


def test_a_sudden_award_without_an_account_of_the_act_names_what_is_missing():
    v = sudden(person(), act=SuddenAct(None, None))
    assert v.status is Status.NEEDS_REVIEW
    assert reason(v, "sudden.act").message.startswith(
        "Chưa đủ dữ liệu để kết luận: thiếu mô tả thành tích đột xuất"
    )
    assert "thiếu ngày lập thành tích đột xuất" in reason(v, "sudden.timing").message


def _limit(days):
    """The engine with the simplified procedure's time limit of ND 152 set to `days`."""
    shipped = default_parameters()
    *before, last = shipped.history("sudden.max_days_after_act")
    return Engine(shipped.override([*before, {**last.to_record(), "value": days}]))


@pytest.mark.parametrize(
    ("as_of", "passed", "words"),
    [
        ("2026-12-02", True, "Đề nghị sau 30 ngày"),
        ("2026-12-03", None, "quá thời hạn 30 ngày của thủ tục đơn giản"),
        ("2026-11-01", False, "sau ngày xét"),
    ],
)
def test_a_sudden_proposal_is_timed_from_the_act_by_a_dated_parameter(as_of, passed, words):
    v = sudden(person(), as_of=d(as_of), engine=_limit(30))
    r = reason(v, "sudden.timing")
    assert r.passed is passed
    assert words in r.message


def test_a_sudden_proposal_without_a_known_time_limit_asks_the_council_to_judge_timeliness():
    r = reason(sudden(person()), "sudden.timing")
    assert r.passed is None and r.kind == JUDGMENT
    assert "Hội đồng xem xét tính kịp thời" in r.message
    assert r.citation == "Luật TĐKT 2022, Điều 85; Nghị định 152/2025/NĐ-CP"


def test_a_title_has_no_sudden_path():
    with pytest.raises(ValueError):
        sudden(person(), Award.CSTDCS)


def bang_khen(year: int, decided_on: str, sudden: bool) -> AwardRecord:
    return AwardRecord(Award.BK_NGANH, year, d(decided_on), sudden=sudden)


def _chain(sudden_anchor: bool):
    """HTT 2020–2025 with three CSTĐCS, after a Bằng khen of 2019 (sudden or on merit)."""
    return person(
        ratings=ratings(Rating.HTT),
        titles=titles(Award.CSTDCS, 2021, 2022, 2023),
        awards=(bang_khen(2019, "2020-01-10", sudden_anchor),),
    )


@pytest.mark.parametrize(("sudden_anchor", "passed"), [(False, True), (True, None)])
def test_a_sudden_award_does_not_open_a_merit_chain(sudden_anchor, passed):
    v = verdict(_chain(sudden_anchor), Award.BK_TTG, year=2025, as_of="2025-12-15")
    r = reason(v, "bk_ttg.merit")
    assert r.passed is passed
    if sudden_anchor:
        assert "chưa được tặng Bằng khen của Viện trưởng" in r.message


@pytest.mark.parametrize(("sudden_before", "passed"), [(False, None), (True, True)])
def test_a_sudden_award_does_not_use_up_the_years_of_a_merit_bang_khen(sudden_before, passed):
    facts = person(
        ratings=ratings(Rating.HTT),
        titles=titles(Award.CSTDCS, 2024, 2025),
        awards=(bang_khen(2024, "2024-06-01", sudden_before),),
        initiatives=(initiative("SK 1", "2024-05-01"), initiative("SK 2", "2025-05-01")),
    )
    r = reason(verdict(facts, Award.BK_NGANH), "bk_nganh.merit")
    assert r.passed is passed


def test_a_sudden_award_is_marked_in_the_contract_and_feeds_no_chain():
    case = {
        "year": 2025,
        "as_of": "2025-12-15",
        "awards": ["BK_TTG"],
        "candidate": {
            "kind": "individual",
            "ratings": {str(y): "HTT" for y in range(2019, 2026)},
            "titles": [{"code": "CSTDCS", "year": y} for y in (2021, 2022, 2023)],
            "awards": [
                {"code": "BK_NGANH", "year": 2019, "decided_on": "2020-01-10", "sudden": True}
            ],
            "disciplines": [],
        },
    }
    merit = answer(case)["verdicts"][0]["reasons"][0]
    assert merit["passed"] is None
    assert "chưa được tặng Bằng khen" in merit["message"]


@pytest.mark.parametrize(
    ("on", "words"),
    [("2023-06-01", "Nghị định 91/2017/NĐ-CP, Điều 55"), ("2026-12-01", "Nghị định 152/2025")],
)
def test_the_simplified_procedure_of_a_sudden_award_is_read_from_dated_parameters(on, words):
    procedure = simplified_procedure(d(on))
    assert procedure.max_days_after_act is None
    assert procedure.requires_council_minutes is False
    assert words in procedure.citation
