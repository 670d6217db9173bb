"""The JSON contract (shared/domain/eligibility-contract.md) and `tdkt eligibility check`."""

from __future__ import annotations

import copy
import io
import json

import pytest

from tdkt.rules.contract import answer, answer_text, check_command
from tdkt.rules.errors import ContractError

CASE = {
    "year": 2025,
    "as_of": "2025-12-15",
    "awards": ["LDTT", "CSTDCS"],
    "candidate": {
        "kind": "individual",
        "gender": "female",
        "birth_date": "1984-03-02",
        "recruited_on": "2010-09-01",
        "procuracy_service": [{"from": "2010-09-01", "to": None}],
        "other_legal_service": [{"from": "2006-01-01", "to": "2010-08-31"}],
        "is_unit_head": False,
        "ratings": {"2023": "HTT", "2024": "HTXS", "2025": "HTXS"},
        "titles": [{"code": "CSTDCS", "year": 2024}],
        "awards": [{"code": "BK_NGANH", "year": 2022, "decided_on": "2023-01-20"}],
        "initiatives": [
            {"id": "SK-2025-14", "scope": "co_so", "recognized_on": "2025-10-01", "used_for": None}
        ],
        "disciplines": [],
        "leaves": [],
        "unit_violation_years": [],
        "head_unit_ratings": {},
    },
}


def case(**candidate_changes):
    obj = copy.deepcopy(CASE)
    obj["candidate"].update(candidate_changes)
    return obj


def run(text: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = check_command("-", out, err, stdin=io.StringIO(text))
    return status, out.getvalue(), err.getvalue()


def test_a_case_gets_verdicts_in_the_contract_shape():
    result = answer(case())
    assert [v["award"] for v in result["verdicts"]] == ["LDTT", "CSTDCS"]
    cstdcs = result["verdicts"][1]
    assert set(cstdcs) == {"award", "status", "regime", "reasons"}
    assert cstdcs["status"] == "eligible"
    assert cstdcs["regime"] == "2025-07"
    assert cstdcs["reasons"][0] == {
        "rule": "cstdcs.requires_ldtt",
        "passed": True,
        "message": "Đạt tiêu chuẩn Lao động tiên tiến năm 2025",
        "citation": "Luật TĐKT 2022, Điều 23 khoản 1",
    }


def test_the_contract_example_candidate_is_ineligible_for_its_discipline_and_sick_leave():
    result = answer(
        case(
            disciplines=[
                {"level": "khien_trach", "decided_on": "2025-03-10", "ends_on": "2026-03-09"}
            ],
            leaves=[{"kind": "om", "from": "2025-02-01", "to": "2025-05-31"}],
        )
    )
    ldtt = result["verdicts"][0]
    assert ldtt["status"] == "ineligible"
    assert [r["rule"] for r in ldtt["reasons"] if r["passed"] is False] == [
        "ldtt.off_work",
        "ldtt.no_discipline",
    ]


def test_undecided_reasons_carry_passed_null():
    result = answer(case(ratings={}))
    assert result["verdicts"][0]["status"] == "needs_review"
    assert result["verdicts"][0]["reasons"][0]["passed"] is None


def test_a_left_out_fact_is_unknown_not_empty():
    obj = case()
    del obj["candidate"]["disciplines"]
    assert answer(obj)["verdicts"][0]["status"] == "needs_review"


def test_the_command_prints_the_answer_and_exits_zero():
    status, out, err = run(json.dumps(case()))
    assert status == 0 and err == ""
    assert json.loads(out)["verdicts"][0]["award"] == "LDTT"
    assert "Lao động tiên tiến" in out  # diacritics are printed, not escaped


def test_the_command_reads_a_file(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case()), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert check_command(str(path), out, err) == 0


def test_the_command_exits_two_for_a_missing_file(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert check_command(str(tmp_path / "none.json"), out, err) == 2
    assert "tệp không tồn tại" in err.getvalue()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "không phải JSON hợp lệ"),
        ('{"year": 2025, "year": 2026}', "Khoá bị lặp: 'year'"),
        ("[]", "đối tượng JSON"),
        ('{"hello": 1}', "Không nhận ra loại câu hỏi"),
    ],
)
def test_the_command_exits_two_with_a_vietnamese_message_for_bad_json(text, words):
    status, out, err = run(text)
    assert status == 2 and out == ""
    assert words in err


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (
            lambda o: o["candidate"].update(nickname="Lan"),
            "Khoá không được hỗ trợ: 'candidate.nickname'",
        ),
        (lambda o: o.update(extra=1), "Khoá không được hỗ trợ: 'extra'"),
        (lambda o: o.pop("as_of"), "Thiếu khoá bắt buộc: 'as_of'"),
        (lambda o: o.update(as_of="2025-02-30"), "Ngày không hợp lệ ở 'as_of': \"2025-02-30\""),
        (lambda o: o.update(as_of="20251215"), "Ngày không hợp lệ ở 'as_of'"),
        (
            lambda o: o["candidate"]["leaves"].append({"kind": "om", "from": "2025-13-01"}),
            "Ngày không hợp lệ ở 'candidate.leaves[0].from'",
        ),
        (lambda o: o.update(awards=["LDTT", "XYZ"]), "Mã không hợp lệ ở 'awards[1]': \"XYZ\""),
        (lambda o: o.update(awards=["TTLDXS"]), "'TTLDXS' ở 'awards[0]' không xét cho cá nhân"),
        (lambda o: o.update(year=True), "Giá trị ở 'year' phải là số nguyên"),
        (lambda o: o.update(as_of="2024-12-31"), "trước năm xét"),
        (lambda o: o.update(as_of="2018-01-01", year=2018), "Không có chế độ pháp lý"),
        (lambda o: o["candidate"].pop("kind"), "Mã không hợp lệ ở 'candidate.kind'"),
        (
            lambda o: o["candidate"]["ratings"].update({"2025": "A"}),
            "Mã không hợp lệ ở 'candidate.ratings.2025'",
        ),
        (
            lambda o: o["candidate"]["ratings"].update({"25": "HTT"}),
            "Năm không hợp lệ ở 'candidate.ratings.25'",
        ),
        (
            lambda o: o["candidate"]["titles"].append({"code": "BK_NGANH", "year": 2024}),
            "là hình thức khen thưởng, không phải danh hiệu thi đua",
        ),
        (
            lambda o: o["candidate"]["awards"].append({"code": "LDTT", "year": 2024}),
            "là danh hiệu thi đua, không phải hình thức khen thưởng",
        ),
        (
            lambda o: o["candidate"]["disciplines"].append(
                {"level": "giang_chuc", "decided_on": "2025-08-01"}
            ),
            "không còn áp dụng cho quyết định từ 2025-07-01",
        ),
        (
            lambda o: o["candidate"].update(members={"total": 3}),
            "Khoá không được hỗ trợ: 'candidate.members'",
        ),
        (
            lambda o: o["candidate"]["procuracy_service"].append(
                {"from": "2020-01-01", "to": "2019-01-01"}
            ),
            "'candidate.procuracy_service[1].to' (2019-01-01) trước",
        ),
    ],
)
def test_bad_input_is_refused_with_the_key_or_value_named(mutate, words):
    obj = case()
    mutate(obj)
    with pytest.raises(ContractError) as info:
        answer(obj)
    assert words in info.value.message
    status, _, err = run(json.dumps(obj))
    assert status == 2 and words in err


def test_the_old_discipline_forms_are_accepted_before_july_2025():
    obj = case(disciplines=[{"level": "ha_bac_luong", "decided_on": "2024-03-01", "ends_on": None}])
    assert answer(obj)["verdicts"][0]["award"] == "LDTT"


def test_a_batch_names_the_bad_case():
    obj = {"year": 2025, "as_of": "2025-12-15", "cases": [{"kind": "collective", "id": "A"}, {}]}
    with pytest.raises(ContractError, match=r"cases\[1\]\.id"):
        answer(obj)
    dup = {"year": 2025, "as_of": "2025-12-15", "cases": [{"id": "A", "kind": "collective"}] * 2}
    with pytest.raises(ContractError, match="Mã hồ sơ bị trùng"):
        answer(dup)


def test_a_batch_keeps_only_the_awards_that_fit_each_case():
    obj = {
        "year": 2025,
        "as_of": "2025-12-15",
        "awards": ["LDTT", "TTLDTT"],
        "cases": [{"id": "U", "kind": "collective"}, {"id": "P", "kind": "individual"}],
    }
    result = answer(obj)
    assert [(v["id"], v["award"]) for v in result["verdicts"]] == [("U", "TTLDTT"), ("P", "LDTT")]
    assert result["caps"] == []


def test_a_tally_is_answered_as_the_contract_shows():
    text = json.dumps(
        {
            "award": "CSTD_NGANH",
            "as_of": "2025-12-15",
            "council_size": 11,
            "approve": 10,
            "reject": 1,
            "absent_written": [],
        }
    )
    result = answer_text(text)
    assert result["passed"] is True
    assert result["required_share"] == 0.9
    assert result["approve_share"] == 0.909


def test_a_tally_counts_written_opinions_of_absent_members():
    obj = {
        "award": "CSTDCS",
        "as_of": "2025-12-15",
        "council_size": 10,
        "approve": 7,
        "reject": 1,
        "absent_written": ["approve", {"member": "Ủy viên B", "vote": "reject"}],
    }
    assert answer(obj)["passed"] is True


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"approve": 11}, "vượt quá số thành viên"),
        ({"council_size": 0}, "'council_size' phải từ 1"),
        ({"absent_written": ["maybe"]}, "Mã không hợp lệ ở 'absent_written[0]'"),
        ({"award": "NOPE"}, "Mã không hợp lệ ở 'award'"),
    ],
)
def test_a_bad_tally_is_refused(changes, words):
    obj = {"award": "CSTDCS", "as_of": "2025-12-15", "council_size": 10, "approve": 8}
    obj.update(changes)
    with pytest.raises(ContractError) as info:
        answer(obj)
    assert words in info.value.message


def test_a_money_question_is_answered_as_the_contract_shows():
    result = answer({"award": "LDTT", "subject": "individual", "decided_on": "2025-03-01"})
    assert result == {
        "award": "LDTT",
        "amount": 710000,
        "coefficient": 0.3,
        "base_salary": 2340000,
        "citation": result["citation"],
    }
    assert "Nghị định 73/2024/NĐ-CP" in result["citation"]


@pytest.mark.parametrize(
    ("obj", "words"),
    [
        (
            {"award": "LDTT", "subject": "collective", "decided_on": "2025-03-01"},
            "không xét cho tập thể",
        ),
        ({"award": "LDTT", "subject": "both", "decided_on": "2025-03-01"}, "'subject'"),
        ({"award": "LDTT", "subject": "individual", "decided_on": "01/03/2025"}, "'decided_on'"),
        ({"award": "LDTT", "subject": "individual", "decided_on": "2017-01-01"}, "Không có hệ số"),
        ({"award": "KNC_VSNKS", "subject": "individual", "decided_on": "2023-07-20"}, "KNC_VSNKS"),
        ({"award": "LDTT", "subject": "individual"}, "Thiếu khoá bắt buộc: 'decided_on'"),
    ],
)
def test_a_bad_money_question_is_refused(obj, words):
    with pytest.raises(ContractError) as info:
        answer(obj)
    assert words in info.value.message
