"""Council tally on the whole membership (Nghị định 98/2023 Điều 30 khoản 7) and reward money
(coefficient × base salary on the decision date, rounded up to 10,000 đồng by default)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from rules_builders import d

from tdkt.rules.codes import Award
from tdkt.rules.council import tally
from tdkt.rules.errors import MissingParameter
from tdkt.rules.money import reward, round_amount
from tdkt.rules.params import default_parameters

AS_OF = date(2025, 12, 15)


@pytest.mark.parametrize(
    ("award", "size", "approve", "passed", "share"),
    [
        (Award.CSTD_NGANH, 10, 9, True, 0.9),
        (Award.CSTD_NGANH, 11, 10, True, 0.909),
        (Award.CSTD_NGANH, 10, 8, False, 0.8),
        (Award.CSTD_TQ, 11, 9, False, 0.818),
        (Award.CSTDCS, 10, 8, True, 0.8),
        (Award.CSTDCS, 11, 8, False, 0.727),
        (Award.CO_NGANH, 5, 4, True, 0.8),
        (Award.CO_CP, 9, 7, False, 0.778),
    ],
)
def test_council_threshold_is_counted_on_the_whole_membership(award, size, approve, passed, share):
    result = tally(award, AS_OF, size, approve, 0)
    assert result.passed is passed
    assert result.approve_share == share


def test_absent_members_without_a_written_opinion_count_against_the_candidate():
    # 9 of 10 present approve, one member absent without writing: 9/11 < 90 %
    assert tally(Award.CSTD_NGANH, AS_OF, 11, 9, 1).passed is False
    assert tally(Award.CSTD_NGANH, AS_OF, 11, 9, 0, ["approve"]).passed is True
    assert tally(Award.CSTD_NGANH, AS_OF, 11, 9, 0, ["reject"]).passed is False


def test_tally_answer_has_the_contract_shape():
    assert tally(Award.CSTD_NGANH, AS_OF, 11, 10, 1).to_json() == {
        "award": "CSTD_NGANH",
        "passed": True,
        "required_share": 0.9,
        "approve_share": 0.909,
        "citation": "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 "
        "(điều tương ứng của Nghị định 152/2025/NĐ-CP chưa xác định)",
    }


def test_cstdcs_threshold_is_cited_from_the_sector_circular():
    assert (
        tally(Award.CSTDCS, AS_OF, 10, 8).citation == "Thông tư 02/2024/TT-VKSTC, Điều 14 khoản 1"
    )


def test_awards_without_a_known_threshold_use_the_default_parameter():
    assert tally(Award.BK_NGANH, AS_OF, 10, 5).required_share == 0.5
    assert tally(Award.BK_NGANH, AS_OF, 10, 5).passed is True


def test_tally_rejects_more_ballots_than_members():
    with pytest.raises(ValueError):
        tally(Award.CSTDCS, AS_OF, 5, 4, 2)


@pytest.mark.parametrize(
    ("award", "subject", "decided_on", "amount", "coefficient", "base"),
    [
        (Award.LDTT, "individual", "2025-03-01", 710_000, 0.3, 2_340_000),
        (Award.LDTT, "individual", "2024-06-30", 540_000, 0.3, 1_800_000),
        (Award.LDTT, "individual", "2023-06-30", 450_000, 0.3, 1_490_000),  # 447,000 up
        (Award.CSTDCS, "individual", "2025-03-01", 2_340_000, 1.0, 2_340_000),
        (Award.TTLDTT, "collective", "2026-07-01", 2_030_000, 0.8, 2_530_000),  # 2,024,000 up
        (Award.CO_CP, "collective", "2026-07-01", 30_360_000, 12.0, 2_530_000),
        (Award.BK_TTG, "individual", "2026-07-01", 8_860_000, 3.5, 2_530_000),
        (Award.KNC_VSNKS, "individual", "2025-07-20", 1_410_000, 0.6, 2_340_000),
        (Award.HCLD_3, "collective", "2025-09-01", 21_060_000, 9.0, 2_340_000),
    ],
)
def test_money_is_coefficient_times_base_salary_rounded_up_to_ten_thousand(
    award, subject, decided_on, amount, coefficient, base
):
    result = reward(award, subject, d(decided_on))
    assert (result.amount, result.coefficient, result.base_salary) == (amount, coefficient, base)


def test_bang_khen_nganh_coefficient_rises_from_one_to_one_and_a_half_on_2025_07_01():
    before = reward(Award.BK_NGANH, "individual", d("2025-06-30"))
    after = reward(Award.BK_NGANH, "individual", d("2025-07-01"))
    assert (before.coefficient, before.amount) == (1.0, 2_340_000)
    assert (after.coefficient, after.amount) == (1.5, 3_510_000)
    assert after.citation.startswith("Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1")
    collective = reward(Award.BK_NGANH, "collective", d("2025-07-01"))
    assert collective.amount == 7_020_000


def test_money_answer_has_the_contract_shape():
    result = reward(Award.LDTT, "individual", d("2025-03-01")).to_json()
    assert set(result) == {"award", "amount", "coefficient", "base_salary", "citation"}
    assert result["amount"] == 710_000


@pytest.mark.parametrize(
    ("mode", "amount"), [("ceil", 2_030_000), ("nearest", 2_020_000), ("none", 2_024_000)]
)
def test_the_rounding_mode_is_a_setting(mode, amount):
    params = default_parameters().override(
        [
            {
                "key": "money.rounding",
                "value": mode,
                "valid_from": "2017-10-01",
                "valid_to": None,
                "citation": "Nghị định 152/2025/NĐ-CP, Điều 49",
                "confidence": "P",
                "note": "thử nghiệm",
            }
        ]
    )
    assert reward(Award.TTLDTT, "collective", d("2026-07-01"), params).amount == amount


def test_rounding_up_keeps_an_exact_multiple():
    assert round_amount(Fraction(2_340_000), "ceil", 10_000) == 2_340_000
    assert round_amount(Fraction(2_340_001), "ceil", 10_000) == 2_350_000


def test_money_refuses_a_title_for_the_wrong_subject():
    with pytest.raises(ValueError):
        reward(Award.LDTT, "collective", d("2025-03-01"))


def test_money_before_the_first_base_salary_record_is_missing():
    with pytest.raises(MissingParameter):
        reward(Award.LDTT, "individual", d("2018-06-30"))
