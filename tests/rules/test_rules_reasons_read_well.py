"""What an officer reads carries no internal key: the engine's messages and citations, over many
synthetic cases (every award, every regime, a day after an expired regime, sudden awards), name no
identifier with an underscore, no file, no regime code. The JSON's `rule` and `regime` fields are
codes by contract and are not checked. A fact left out is named in Vietnamese."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date

import pytest
from rules_builders import award, d, discipline, initiative, leave, person, ratings, titles, unit
from test_rules_expired_regimes import closed_table

from tdkt.rules.codes import Award, Discipline, InitiativeScope, LeaveKind, Rating, awards_for
from tdkt.rules.codes import Subject as S
from tdkt.rules.engine import Engine
from tdkt.rules.facts import Cluster, Facts, Members, PersonFacts, SuddenAct, UnitFacts
from tdkt.rules.sudden import SUDDEN_FORMS
from tdkt.rules.verdict import FACT, Verdict

IDENTIFIER = re.compile(r"[A-Za-z0-9]+_[A-Za-z0-9_]+")
FILE_NAME = re.compile(r"\.(md|py|json)\b")
REGIME_CODE = re.compile(r"(?<![\d/])\d{4}-\d{2}(?!\d)")
INTERNAL = re.compile(r"eligibility-contract|legal-facts|seed \d|§|\([a-z]+\.[a-z]+")

DAYS = [  # one evaluation day in each regime, and one after the last regime has expired
    (2019, "2019-12-20"),
    (2023, "2023-12-20"),
    (2024, "2024-06-15"),
    (2024, "2024-12-15"),
    (2025, "2025-12-15"),
    (2026, "2026-12-15"),
    (2027, "2027-03-02"),
]


def people() -> Iterator[PersonFacts]:
    base = person()
    yield base
    yield person(
        ratings=ratings(Rating.HTXS),
        titles=titles(Award.CSTDCS, *range(2016, 2027)) + titles(Award.CSTD_NGANH, 2021, 2024),
        awards=(award(Award.BK_NGANH, 2019, "2020-01-10"), award(Award.BK_TTG, 2021)),
        initiatives=(
            initiative("SK 1", "2024-05-01"),
            initiative("SK 2", "2025-05-01", InitiativeScope.NGANH, used_for="CSTDCS-2025"),
            initiative("SK 3", "2026-03-01", InitiativeScope.TOAN_QUOC),
        ),
        is_unit_head=True,
        head_unit_ratings={y: "HTT" for y in range(2019, 2028)},
    )
    yield person(
        is_unit_head=True, unit_violation_years=frozenset(range(2019, 2028)), head_unit_ratings={}
    )
    yield person(
        recruited_on=d("2025-09-01"),
        disciplines=(discipline(Discipline.CANH_CAO, "2024-11-20", "2025-11-19"),),
        leaves=(
            leave(LeaveKind.OM, "2025-02-01", "2025-06-30"),
            leave(LeaveKind.THAI_SAN, "2026-01-01", None),
        ),
    )
    yield person(ratings={}, disciplines=(discipline(Discipline.KHIEN_TRACH, "2024-08-01"),))
    for field in dataclasses.fields(PersonFacts):  # each fact left out in turn
        if not field.name.startswith("_") and getattr(base, field.name) is not None:
            yield dataclasses.replace(base, **{field.name: None})


def units() -> Iterator[UnitFacts]:
    base = unit()
    yield base
    yield unit(
        unit_violation_years=frozenset(range(2019, 2028)),
        members=Members(20, 18, 10, 0, (Discipline.CANH_CAO,)),
        cluster=Cluster(3, 6, 2),
        titles=titles(Award.TTLDXS, 2024, 2025) + titles(Award.CO_NGANH, 2025),
        awards=(award(Award.BK_NGANH, 2024),),
    )
    yield unit(members=Members(0), cluster=Cluster())
    for field in dataclasses.fields(UnitFacts):
        if not field.name.startswith("_") and getattr(base, field.name) is not None:
            yield dataclasses.replace(base, **{field.name: None})


def verdicts() -> Iterator[Verdict]:
    engine = Engine(regimes=closed_table())
    act = SuddenAct("Phát hiện và ngăn chặn kịp thời một vụ vượt ngục", date(2019, 12, 1))
    cases: list[Facts] = [*people(), *units()]
    for year, day in DAYS:
        for facts in cases:
            ctx = engine.context(facts, year, d(day))
            for code in awards_for(facts.subject):
                yield ctx.verdict(code)
                if code in SUDDEN_FORMS:
                    yield ctx.sudden_verdict(code, act)
                    yield ctx.sudden_verdict(code, SuddenAct())


def human_texts(v: Verdict) -> Iterator[str]:
    for r in v.reasons:
        yield r.message
        yield r.citation
        yield from (g.text for g in r.gaps)


def test_no_verdict_text_names_an_identifier_a_file_or_a_regime_code():
    seen = 0
    offending: set[str] = set()
    for v in verdicts():
        for text in human_texts(v):
            seen += 1
            if any(p.search(text) for p in (IDENTIFIER, FILE_NAME, REGIME_CODE, INTERNAL)):
                offending.add(text)
    assert seen > 5_000
    assert sorted(offending) == []


def test_every_missing_fact_is_named_in_the_reason_that_needs_it():
    bare = [r for v in verdicts() for r in v.reasons if r.passed is None and r.kind == FACT]
    assert bare
    for r in bare:
        assert len(r.message) > 20 and r.message[0].isupper(), r.message


@pytest.mark.parametrize(
    ("field", "code", "words"),
    [
        ("recruited_on", Award.LDTT, "Thiếu ngày tuyển dụng"),
        ("leaves", Award.LDTT, "Thiếu dữ liệu nghỉ công tác"),
        ("disciplines", Award.LDTT, "Thiếu dữ liệu kỷ luật"),
        ("ratings", Award.LDTT, "Chưa có kết quả xếp loại chất lượng năm 2025"),
        ("is_unit_head", Award.CSTDCS, "có phải thủ trưởng đơn vị hay không"),
        ("initiatives", Award.CSTD_NGANH, "Thiếu dữ liệu sáng kiến"),
        ("titles", Award.CSTD_NGANH, "Thiếu dữ liệu danh hiệu đã đạt"),
        ("awards", Award.BK_NGANH, "Thiếu dữ liệu khen thưởng đã nhận"),
        ("procuracy_service", Award.KNC_VSNKS, "Thiếu quá trình công tác trong ngành"),
    ],
)
def test_a_missing_fact_of_a_person_is_named_in_vietnamese(field, code, words):
    facts = dataclasses.replace(person(ratings=ratings(Rating.HTXS)), **{field: None})
    v = Engine().evaluate(facts, [code], 2025, date(2025, 12, 15))[0]
    missing = [r.message for r in v.reasons if r.passed is None and r.kind == FACT]
    assert any(words in m for m in missing), missing


@pytest.mark.parametrize(
    ("changes", "code", "words"),
    [
        ({"members": Members(20, None, 16, 2, ())}, Award.TTLDXS, "thành viên hoàn thành nhiệm vụ"),
        ({"members": Members(20, 20, None, 2, ())}, Award.TTLDTT, "thành viên đạt Lao động tiên"),
        ({"cluster": Cluster(None, 6, 6)}, Award.CO_NGANH, "Thiếu thứ hạng trong cụm, khối"),
        ({"unit_violation_years": None}, Award.TTLDXS, "Thiếu dữ liệu vi phạm của đơn vị"),
    ],
)
def test_a_missing_fact_of_a_unit_is_named_in_vietnamese(changes, code, words):
    v = Engine().evaluate(unit(**changes), [code], 2025, date(2025, 12, 15))[0]
    missing = [r.message for r in v.reasons if r.passed is None and r.kind == FACT]
    assert any(words in m for m in missing), missing


def test_an_award_without_rules_names_the_regime_by_its_label():
    v = Engine().evaluate(person(), [Award.HCLD_2], 2025, date(2025, 12, 15))[0]
    assert "Nghị định 152/2025/NĐ-CP" in v.reasons[0].message
    assert v.regime == "2025-07"  # the JSON keeps the code
    assert not REGIME_CODE.search(v.reasons[0].message)


@pytest.mark.parametrize("subject", [S.INDIVIDUAL, S.COLLECTIVE])
def test_the_product_decision_on_unit_violations_is_cited_as_a_rule_of_the_system(subject):
    facts = (
        person(is_unit_head=True, unit_violation_years=frozenset({2025}))
        if subject is S.INDIVIDUAL
        else unit(unit_violation_years=frozenset({2025}))
    )
    code = Award.CSTDCS if subject is S.INDIVIDUAL else Award.TTLDXS
    v = Engine().evaluate(facts, [code], 2025, date(2025, 12, 15))[0]
    vetoes = [r for r in v.reasons if r.rule.endswith(("unit_violation", "unit_head"))]
    assert vetoes and all(
        r.citation.startswith(
            "Quy định của hệ thống (theo kết luận của Ngành về trách nhiệm người đứng đầu)"
        )
        for r in vetoes
        if r.passed is False
    )
