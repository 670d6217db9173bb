"""Months of work in the evaluation year are counted up to the earlier of the day of evaluation and
the end of the year (eligibility-contract.md, "Decisions the product has made")."""

from __future__ import annotations

import pytest
from rules_builders import d, leave, person, reason, verdict

from tdkt.rules.codes import Award, LeaveKind
from tdkt.rules.params import default_parameters
from tdkt.rules.verdict import Status

LDTT = Award.LDTT


@pytest.mark.parametrize(
    ("recruited_on", "year", "as_of", "passed", "words"),
    [
        # The contract's example: TT 01/2019 (10 months), evaluated on 10/12/2022.
        ("2022-02-15", 2022, "2022-12-10", False, "có 9 tháng 26 ngày công tác tính đến ngày xét"),
        ("2022-02-15", 2022, "2022-12-13", False, "9 tháng 29 ngày"),
        ("2022-02-15", 2022, "2022-12-14", True, "có 10 tháng công tác tính đến ngày xét 14/12"),
        ("2022-02-15", 2022, "2023-01-10", True, "10 tháng 17 ngày công tác tính đến 31/12/2022"),
        # TT 02/2024 (6 months).
        ("2025-07-01", 2025, "2025-12-30", False, "5 tháng 30 ngày"),
        ("2025-07-01", 2025, "2025-12-31", True, "6 tháng công tác tính đến 31/12/2025"),
        ("2025-06-15", 2025, "2025-12-14", True, "có 6 tháng công tác tính đến ngày xét"),
        ("2025-06-16", 2025, "2025-12-14", False, "5 tháng 29 ngày"),
    ],
)
def test_months_since_recruitment_count_only_up_to_the_day_of_evaluation(
    recruited_on, year, as_of, passed, words
):
    v = verdict(person(recruited_on=d(recruited_on)), LDTT, year=year, as_of=as_of)
    r = reason(v, "ldtt.new_recruit")
    assert r.passed is passed
    assert words in r.message
    assert (v.status is Status.INELIGIBLE) is not passed


def test_months_of_the_contract_example_give_no_ldtt_where_the_whole_year_would():
    facts = person(recruited_on=d("2022-02-15"))
    early = verdict(facts, LDTT, year=2022, as_of="2022-12-10")
    whole = verdict(facts, LDTT, year=2022, as_of="2022-12-31")
    assert early.status is Status.INELIGIBLE
    assert "dưới 10 tháng" in reason(early, "ldtt.new_recruit").message
    assert whole.status is Status.ELIGIBLE


@pytest.mark.parametrize(
    ("as_of", "passed", "words"),
    [
        ("2025-12-13", True, "2 tháng 29 ngày"),  # 15/09 to 13/12: not yet three months
        ("2025-12-14", False, "3 tháng"),  # three months off work bar LĐTT
        ("2026-01-20", False, "3 tháng 17 ngày"),  # counted to 31/12 only
    ],
)
def test_months_off_work_count_only_up_to_the_day_of_evaluation(as_of, passed, words):
    facts = person(leaves=(leave(LeaveKind.OM, "2025-09-15", None),))
    r = reason(verdict(facts, LDTT, as_of=as_of), "ldtt.off_work")
    assert r.passed is passed
    assert words in r.message


def _year_ending(month_day: str):
    return default_parameters().override(
        [
            {
                "key": "emulation_year.end",
                "value": month_day,
                "valid_from": "2019-06-28",
                "valid_to": None,
                "citation": "Quy định của hệ thống (kiểm thử)",
                "confidence": "M",
                "note": "Năm công tác của Ngành kết thúc ngày 30/11 (giả định kiểm thử).",
            }
        ]
    )


@pytest.mark.parametrize(
    ("month_day", "passed", "words"),
    [
        ("12-31", True, "6 tháng 14 ngày công tác tính đến ngày xét 15/12/2025"),
        ("11-30", False, "5 tháng 29 ngày công tác tính đến 30/11/2025"),
    ],
)
def test_months_stop_at_the_evaluation_year_end_parameter_when_it_comes_first(
    month_day, passed, words
):
    facts = person(recruited_on=d("2025-06-02"))
    v = verdict(facts, LDTT, as_of="2025-12-15", params=_year_ending(month_day))
    r = reason(v, "ldtt.new_recruit")
    assert r.passed is passed
    assert words in r.message
