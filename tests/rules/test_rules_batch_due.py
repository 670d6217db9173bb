"""Caps across a batch (Thông tư 02/2024/TT-VKSTC Điều 18 khoản 2; Nghị định 91/2017 Điều 9) and the
due list built from the rules' gaps."""

from __future__ import annotations

from datetime import date

from rules_builders import d, initiative, person, ratings, titles, unit

from tdkt.rules.codes import Award, InitiativeScope, Rating
from tdkt.rules.contract import answer
from tdkt.rules.due import due_steps
from tdkt.rules.facts import Members, Period


def _unit_case(i, **changes):
    case = {
        "id": f"DV-{i:02d}",
        "kind": "collective",
        "ratings": {"2024": "HTXS", "2025": "HTXS"},
        "titles": [],
        "awards": [],
        "unit_violation_years": [],
        "members": {"total": 20, "completed_tasks": 20, "ldtt": 16, "cstdcs": 2, "disciplined": []},
        "cluster": {"rank": 1, "size": 6, "approval_votes": 6},
    }
    case.update(changes)
    return case


def _batch(cases, as_of="2025-12-15", year=2025, awards=("TTLDTT", "TTLDXS")):
    return answer({"year": year, "as_of": as_of, "awards": list(awards), "cases": cases})


def test_ttldxs_cap_is_twenty_percent_of_units_rated_ttldtt():
    result = _batch([_unit_case(i) for i in range(10)])
    assert result["caps"] == [
        {
            "award": "TTLDXS",
            "limit": 2,
            "basis": 10,
            "eligible_before_cap": 10,
            "citation": "Thông tư 02/2024/TT-VKSTC, Điều 18 khoản 2",
        }
    ]
    assert len(result["verdicts"]) == 20
    assert {v["id"] for v in result["verdicts"]} == {f"DV-{i:02d}" for i in range(10)}


def test_ttldxs_cap_allows_at_least_one_unit():
    result = _batch([_unit_case(i) for i in range(3)])
    assert result["caps"][0]["limit"] == 1


def test_ttldxs_cap_basis_counts_only_units_reaching_ttldtt():
    weak = {"total": 20, "completed_tasks": 20, "ldtt": 10, "cstdcs": 0, "disciplined": []}
    cases = [_unit_case(i) for i in range(7)] + [_unit_case(i, members=weak) for i in range(7, 10)]
    cap = _batch(cases)["caps"][0]
    assert (cap["basis"], cap["limit"], cap["eligible_before_cap"]) == (7, 1, 7)


def test_no_ttldxs_cap_is_reported_before_the_2024_sector_circular():
    assert _batch([_unit_case(i) for i in range(5)], as_of="2024-09-30", year=2024)["caps"] == []


def test_cstdcs_cap_was_fifteen_percent_of_ldtt_before_2024():
    cases = [
        {
            "id": f"CB-{i}",
            "kind": "individual",
            "recruited_on": "2010-01-01",
            "is_unit_head": False,
            "ratings": {"2023": "HTXS"},
            "titles": [],
            "awards": [],
            "initiatives": [
                {"id": f"SK-{i}", "scope": "co_so", "recognized_on": "2023-06-01", "used_for": None}
            ],
            "disciplines": [],
            "leaves": [],
            "unit_violation_years": [],
        }
        for i in range(20)
    ]
    result = _batch(cases, as_of="2023-12-20", year=2023, awards=("LDTT", "CSTDCS"))
    assert result["caps"][0] | {"citation": None} == {
        "award": "CSTDCS",
        "limit": 3,
        "basis": 20,
        "eligible_before_cap": 20,
        "citation": None,
    }
    assert _batch(cases, as_of="2024-01-10", year=2023, awards=("CSTDCS",))["caps"] == []


def test_a_batch_without_awards_evaluates_every_encoded_award_of_each_kind():
    result = answer({"year": 2025, "as_of": "2025-12-15", "cases": [_unit_case(1)]})
    assert [v["award"] for v in result["verdicts"]] == [
        "TTLDTT",
        "TTLDXS",
        "CO_NGANH",
        "CO_CP",
        "GIAY_KHEN",
        "BK_NGANH",
        "BK_TTG",
    ]


# --- the due list --------------------------------------------------------------------------------


def test_due_list_says_one_more_cstdcs_year_is_missing_for_the_sector_title():
    facts = person(
        ratings={2023: Rating.HTXS, 2024: Rating.HTXS},
        titles=titles(Award.CSTDCS, 2023, 2024),
        initiatives=(initiative("SK-N", "2024-05-01", InitiativeScope.NGANH),),
    )
    steps = due_steps(facts, 2025, date(2025, 3, 1), awards=[Award.CSTD_NGANH])
    assert [(s.award, s.step, s.text, s.quantity) for s in steps] == [
        (Award.CSTD_NGANH, "cstdcs_years", "Cần thêm 1 năm Chiến sĩ thi đua cơ sở", 1)
    ]


def test_due_list_says_one_sector_initiative_is_missing():
    facts = person(ratings=ratings(Rating.HTXS), titles=titles(Award.CSTDCS, 2023, 2024))
    steps = due_steps(facts, 2025, date(2025, 12, 15), awards=[Award.CSTD_NGANH])
    assert [s.text for s in steps] == ["Cần 1 sáng kiến cấp ngành"]


def test_due_list_skips_awards_two_steps_away():
    facts = person(ratings=ratings(Rating.HTXS), titles=titles(Award.CSTDCS, 2024))
    assert due_steps(facts, 2025, date(2025, 12, 15), awards=[Award.CSTD_NGANH]) == []


def test_due_list_gives_the_months_missing_for_the_commemorative_medal():
    facts = person(procuracy_service=(Period(d("2010-11-27")),))
    steps = due_steps(facts, 2025, date(2025, 3, 26), awards=[Award.KNC_VSNKS])
    assert [(s.step, s.text, s.quantity) for s in steps] == [
        ("service_months", "Còn thiếu 8 tháng công tác để được xét Kỷ niệm chương", 8)
    ]


def test_due_list_ignores_awards_blocked_by_something_that_is_not_a_step():
    facts = person(
        procuracy_service=(Period(d("2010-11-27")),),
        awards=(),
        ratings=ratings(Rating.KHT),
    )
    assert due_steps(facts, 2025, date(2025, 3, 26), awards=[Award.KNC_VSNKS]) == []


def test_due_list_for_a_unit_counts_members_short_of_ldtt():
    facts = unit(members=Members(total=20, completed_tasks=20, ldtt=13, cstdcs=1, disciplined=()))
    steps = due_steps(facts, 2025, date(2025, 12, 15))
    assert [(s.award, s.step, s.quantity) for s in steps] == [
        (Award.TTLDTT, "ldtt_members", 1),
        (Award.TTLDXS, "ldtt_members", 1),
    ]
