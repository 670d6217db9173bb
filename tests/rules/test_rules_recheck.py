"""Re-checking a year whose awards are already decided: evaluating award A for year Y asks whether
A is within reach for Y on these facts, so A's own record of Y is not an earlier grant of A, and an
initiative spent on that record counts again for A (and for nothing else). A record of Y−1 is an
earlier grant as before. The verdict says, without a condition, that A is already decided for Y."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rules_builders import award, initiative, person, ratings, reason, titles, unit, verdict

from tdkt.rules.codes import Award, InitiativeScope, Rating
from tdkt.rules.engine import ALREADY_GRANTED
from tdkt.rules.facts import PersonFacts, UnitFacts, record_id
from tdkt.rules.verdict import Status

HTXS, HTT = Rating.HTXS, Rating.HTT
NGANH, TOAN_QUOC = InitiativeScope.NGANH, InitiativeScope.TOAN_QUOC
BK = Award.BK_NGANH

# CSTĐCS 2023–2025 and an initiative of the sector: CSTĐ ngành 2025 is within reach.
CSTD_NGANH_BASIS = titles(Award.CSTDCS, 2023, 2024, 2025)
# ... and CSTĐ ngành 2025 recorded, with the sector initiative it used.
CSTD_NGANH_2025 = person(
    titles=CSTD_NGANH_BASIS + titles(Award.CSTD_NGANH, 2025),
    initiatives=(initiative("SK-N", "2025-03-01", NGANH, record_id("CSTD_NGANH", 2025)),),
)
# Rated HTXS 2024 and 2025, CSTĐCS 2024 and 2025: Bằng khen ngành point d, with two initiatives.
BK_BASIS = {
    "ratings": ratings(HTT, y2024=HTXS, y2025=HTXS),
    "titles": titles(Award.CSTDCS, 2024, 2025),
}


def _bk_initiatives(spent_on: str | None) -> tuple:
    return (
        initiative("SK-1", "2024-05-01", used_for=spent_on),
        initiative("SK-2", "2025-05-01", used_for=spent_on),
    )


@dataclass(frozen=True)
class Expect:
    award: Award
    status: Status
    rule: str  # the rule that reads earlier grants or spent initiatives
    passed: bool | None
    decided: bool  # the verdict carries common.already_granted


@dataclass(frozen=True)
class Case:
    name: str
    facts: PersonFacts | UnitFacts
    expect: Expect


# Bằng khen ngành: re-checked for its own year, or not reached again on years already counted.
BK_RECHECKED = Expect(BK, Status.ELIGIBLE, "bk_nganh.merit", True, True)
BK_NOT_REACHED = Expect(BK, Status.NEEDS_REVIEW, "bk_nganh.merit", None, False)


CASES = [
    Case(
        "CSTĐ ngành 2025 recorded: still within reach for 2025 on the same facts",
        CSTD_NGANH_2025,
        Expect(Award.CSTD_NGANH, Status.ELIGIBLE, "cstd_nganh.chain", True, True),
    ),
    Case(
        "CSTĐ ngành 2025 recorded: the initiative it used counts for its re-check",
        CSTD_NGANH_2025,
        Expect(Award.CSTD_NGANH, Status.ELIGIBLE, "cstd_nganh.initiative", True, True),
    ),
    Case(
        "CSTĐ ngành 2024 recorded: the years 2023–2025 overlap an earlier one",
        person(
            titles=CSTD_NGANH_BASIS + titles(Award.CSTD_NGANH, 2024),
            initiatives=(initiative("SK-N", "2025-03-01", NGANH),),
        ),
        Expect(Award.CSTD_NGANH, Status.INELIGIBLE, "cstd_nganh.chain", False, False),
    ),
    Case(
        "an initiative spent on CSTĐ ngành 2024 stays spent for 2025",
        person(
            titles=CSTD_NGANH_BASIS,
            initiatives=(initiative("SK-N", "2025-03-01", NGANH, record_id("CSTD_NGANH", 2024)),),
        ),
        Expect(Award.CSTD_NGANH, Status.INELIGIBLE, "cstd_nganh.initiative", False, False),
    ),
    Case(
        "Bằng khen ngành 2025 recorded with the two initiatives it used: the re-check counts them",
        person(
            **BK_BASIS,
            awards=(award(BK, 2025, "2026-01-20"),),
            initiatives=_bk_initiatives(record_id(BK, 2025)),
        ),
        BK_RECHECKED,
    ),
    Case(
        "initiatives spent on a Bằng khen ngành 2025 that is not the candidate's stay spent",
        person(**BK_BASIS, initiatives=_bk_initiatives(record_id(BK, 2025))),
        BK_NOT_REACHED,
    ),
    Case(
        "Bằng khen ngành 2024 recorded: its years are not counted again for 2025",
        person(
            **BK_BASIS, awards=(award(BK, 2024, "2025-01-20"),), initiatives=_bk_initiatives(None)
        ),
        BK_NOT_REACHED,
    ),
    Case(
        "initiatives spent on Bằng khen ngành 2024 stay spent for 2025",
        person(**BK_BASIS, initiatives=_bk_initiatives(record_id(BK, 2024))),
        BK_NOT_REACHED,
    ),
    Case(
        "initiatives spent on Bằng khen ngành 2025 do not count for CSTĐCS 2025",
        person(
            ratings=ratings(HTT),
            titles=titles(Award.LDTT, 2025),
            awards=(award(BK, 2025, "2026-01-20"),),
            initiatives=_bk_initiatives(record_id(BK, 2025)),
        ),
        Expect(Award.CSTDCS, Status.INELIGIBLE, "cstdcs.merit", False, False),
    ),
    Case(
        "Kỷ niệm chương 2025 recorded: given once, and that once is the one re-checked",
        person(awards=(award(Award.KNC_VSNKS, 2025, "2025-12-01"),)),
        Expect(Award.KNC_VSNKS, Status.ELIGIBLE, "knc.once", True, True),
    ),
    Case(
        "Kỷ niệm chương 2024 recorded: already given",
        person(awards=(award(Award.KNC_VSNKS, 2024, "2024-12-01"),)),
        Expect(Award.KNC_VSNKS, Status.INELIGIBLE, "knc.once", False, False),
    ),
    Case(
        "CSTĐ toàn quốc 2025 recorded: its own CSTĐ ngành titles still count for 2025",
        person(
            titles=titles(Award.CSTD_NGANH, 2022, 2025) + titles(Award.CSTD_TQ, 2025),
            initiatives=(
                initiative("SK-Q", "2025-02-01", TOAN_QUOC, record_id(Award.CSTD_TQ, 2025)),
            ),
        ),
        Expect(Award.CSTD_TQ, Status.ELIGIBLE, "cstd_tq.chain", True, True),
    ),
    Case(
        "CSTĐ toàn quốc 2024 recorded: the CSTĐ ngành titles before it are used",
        person(
            titles=titles(Award.CSTD_NGANH, 2022, 2025) + titles(Award.CSTD_TQ, 2024),
            initiatives=(initiative("SK-Q", "2025-02-01", TOAN_QUOC),),
        ),
        Expect(Award.CSTD_TQ, Status.INELIGIBLE, "cstd_tq.chain", False, False),
    ),
    Case(
        "a unit's Bằng khen ngành 2025 recorded: still within reach for 2025",
        unit(awards=(award(BK, 2025, "2026-01-20"),)),
        BK_RECHECKED,
    ),
    Case(
        "a unit's Bằng khen ngành 2024 recorded: its years are not counted again",
        unit(awards=(award(BK, 2024, "2025-01-20"),)),
        BK_NOT_REACHED,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_recorded_award_is_re_checked_for_its_own_year(case: Case) -> None:
    expect = case.expect
    v = verdict(case.facts, expect.award)
    assert v.status is expect.status, [(r.rule, r.passed, r.message) for r in v.reasons]
    assert reason(v, expect.rule).passed is expect.passed
    assert (v.reason(ALREADY_GRANTED) is not None) is expect.decided


def test_the_bang_khen_re_check_counts_its_own_initiatives_once_and_no_other():
    # SK-3 was spent on CSTĐCS 2025: the Bằng khen may not count it, and no initiative is
    # reserved for that CSTĐCS either, since it is recorded (one initiative, one use).
    facts = person(
        **BK_BASIS,
        awards=(award(BK, 2025, "2026-01-20"),),
        initiatives=(
            *_bk_initiatives(record_id(BK, 2025)),
            initiative("SK-3", "2025-06-01", used_for=record_id(Award.CSTDCS, 2025)),
        ),
    )
    merit = reason(verdict(facts, BK), "bk_nganh.merit").message
    assert "2 sáng kiến cấp cơ sở chưa dùng (cần 2)" in merit
    assert "SK-3 (đã dùng cho Chiến sĩ thi đua cơ sở năm 2025)" in merit
    cstdcs = reason(verdict(facts, Award.CSTDCS), "cstdcs.merit")
    assert cstdcs.passed is True


def test_the_verdict_says_the_award_is_already_decided_with_the_decision_date():
    facts = person(**BK_BASIS, awards=(award(BK, 2025, "2026-01-20"),))
    info = reason(verdict(facts, BK), ALREADY_GRANTED)
    assert info.passed is True
    assert info.citation == ""
    assert info.message == (
        "Đã có quyết định tặng Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao năm 2025 "
        "(quyết định ngày 20/01/2026)"
    )
    title = person(titles=titles(Award.LDTT, 2025))
    assert reason(verdict(title, Award.LDTT), ALREADY_GRANTED).message == (
        "Đã có quyết định tặng Lao động tiên tiến năm 2025"
    )


def test_only_the_award_decided_for_the_year_carries_the_information():
    facts = person(titles=titles(Award.LDTT, 2024, 2025) + titles(Award.CSTDCS, 2024))
    assert verdict(facts, Award.LDTT).reason(ALREADY_GRANTED) is not None
    assert verdict(facts, Award.CSTDCS).reason(ALREADY_GRANTED) is None
    assert verdict(facts, Award.LDTT, year=2026, as_of="2026-12-15").reason(ALREADY_GRANTED) is None
