"""The engine's own promises: pure Python, every rule cited, parameters dated and honest,
messages without formatting slips, every award evaluable in every regime."""

from __future__ import annotations

import ast
import gc
import json
import re
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pytest
from rules_builders import (
    award,
    discipline,
    initiative,
    leave,
    person,
    titles,
    unit,
)

import tdkt.rules
from tdkt.rules.catalogue import COLLECTIVE_AWARDS, INDIVIDUAL_AWARDS, all_rules
from tdkt.rules.codes import Award, Discipline, InitiativeScope, LeaveKind, Subject
from tdkt.rules.engine import ALREADY_GRANTED, Engine, Rule
from tdkt.rules.errors import MissingParameter, RuleDataError
from tdkt.rules.params import ParameterSet, default_parameters
from tdkt.rules.regimes import default_regimes

RULES_DIR = Path(tdkt.rules.__file__).parent
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]")


def test_the_engine_imports_no_django_and_nothing_else_of_ours():
    for path in RULES_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith("django"), f"{path.name} imports {name}"
                if name.startswith("tdkt."):
                    assert name.startswith("tdkt.rules"), f"{path.name} imports {name}"


def test_every_rule_has_a_stable_code_and_a_citation():
    for rule in all_rules():
        assert re.fullmatch(r"[a-z0-9_]+\.[a-z_]+", rule.code), rule.code
        assert rule.cite and all(c.strip() for c in rule.cite.values())
        assert rule.confidence in ("C", "P", "M")


def test_every_parameter_record_is_dated_cited_and_honest_about_uncertainty():
    records = list(default_parameters().records())
    assert len(records) > 100
    for rec in records:
        assert rec.citation.strip()
        if rec.confidence in ("P", "M"):
            assert rec.note.strip(), rec.key


def test_the_parameter_file_is_plain_records():
    text = resources.files("tdkt.rules").joinpath("parameters.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert {"key", "value", "valid_from", "valid_to", "citation", "confidence", "note"} == set(
        data["parameters"][0]
    )


@pytest.mark.parametrize(
    ("on", "value"),
    [
        ("2018-07-01", 1_390_000),
        ("2019-07-01", 1_490_000),
        ("2023-06-30", 1_490_000),
        ("2023-07-01", 1_800_000),
        ("2024-07-01", 2_340_000),
        ("2026-06-30", 2_340_000),
        ("2026-07-01", 2_530_000),
    ],
)
def test_base_salary_history(on, value):
    assert default_parameters().get("money.base_salary", date.fromisoformat(on)) == value


def test_a_parameter_set_rejects_overlapping_dates_and_unexplained_guesses():
    rec = {
        "key": "k",
        "value": 1,
        "valid_from": "2024-01-01",
        "valid_to": None,
        "citation": "Luật",
        "confidence": "C",
    }
    with pytest.raises(RuleDataError):
        ParameterSet([rec, {**rec, "valid_from": "2025-01-01"}])
    with pytest.raises(RuleDataError):
        ParameterSet([{**rec, "confidence": "M"}])
    with pytest.raises(RuleDataError):
        ParameterSet([{**rec, "confidence": "X", "note": "?"}])
    params = ParameterSet(
        [{**rec, "valid_to": "2024-12-31"}, {**rec, "valid_from": "2025-01-01", "value": 2}]
    )
    assert params.get("k", date(2024, 12, 31)) == 1
    assert params.get("k", date(2025, 1, 1)) == 2
    with pytest.raises(MissingParameter):
        params.get("k", date(2023, 12, 31))


def test_the_django_side_can_pass_edited_parameters():
    edited = default_parameters().override(
        [
            {
                "key": "ldtt.min_months_since_recruitment",
                "value": 4,
                "valid_from": "2019-06-28",
                "valid_to": None,
                "citation": "Quyết định giả định",
                "confidence": "M",
                "note": "kiểm thử",
            }
        ]
    )
    facts = person(recruited_on=date(2025, 8, 1))
    engine = Engine(edited)
    [v] = engine.evaluate(facts, [Award.LDTT], 2025, date(2025, 12, 15))
    assert v.status.value == "eligible"
    assert v.reason("ldtt.new_recruit").citation == "Quyết định giả định"


def _rich_person():
    return person(
        titles=titles(Award.CSTDCS, 2019, 2020, 2021, 2023, 2024) + titles(Award.CSTD_NGANH, 2021),
        awards=(award(Award.BK_NGANH, 2018, "2019-01-10"), award(Award.BK_TTG, 2020)),
        initiatives=(
            initiative("A", "2024-05-01"),
            initiative("B", "2023-05-01", InitiativeScope.NGANH, used_for="X"),
        ),
        disciplines=(discipline(Discipline.KHIEN_TRACH, "2022-02-01"),),
        leaves=(leave(LeaveKind.OM, "2024-03-01", "2024-04-10"),),
        is_unit_head=True,
        head_unit_ratings={2024: "HTT"},
    )


@pytest.mark.parametrize("regime", [r.id for r in default_regimes().regimes])
def test_every_award_is_evaluable_on_the_first_and_last_day_of_every_regime(regime):
    regimes = default_regimes().regimes
    i = [r.id for r in regimes].index(regime)
    first = regimes[i].starts_on
    days = [first]
    if i + 1 < len(regimes):
        days.append(regimes[i + 1].starts_on - timedelta(days=1))
    engine = Engine()
    for on in days:
        for facts, awards in ((_rich_person(), INDIVIDUAL_AWARDS), (unit(), COLLECTIVE_AWARDS)):
            for v in engine.evaluate(facts, awards, on.year, on):
                assert v.regime == regime
                for r in v.reasons:
                    # the information that an award is already decided cites nothing
                    assert r.message and (r.citation or r.rule == ALREADY_GRANTED)
                    assert VIETNAMESE.search(r.message), r.message
                    assert not re.search(r"None|\{|\}|\[|\]|<|>", r.message), r.message


def test_a_rule_can_stop_applying_after_a_named_regime():
    def always(ctx, r):
        return r.ok("Đạt")

    rule = Rule(
        "demo.until",
        Award.LDTT,
        Subject.INDIVIDUAL,
        always,
        {"pre-2024": "Văn bản cũ"},
        until="2024-01",
    )
    engine = Engine(rules=[rule])
    assert [b.code for b in engine.rules_for("2024-01", Award.LDTT, Subject.INDIVIDUAL)] == [
        "demo.until"
    ]
    assert engine.rules_for("2024-10", Award.LDTT, Subject.INDIVIDUAL) == ()


def test_scan_keeps_for_each_candidate_the_awards_that_fit_and_restores_the_collector():
    rows = Engine().scan(
        [("P", person()), ("U", unit())], 2025, date(2025, 12, 15), [Award.LDTT, Award.TTLDTT]
    )
    assert [(r.key, [v.award for v in r.verdicts]) for r in rows] == [
        ("P", [Award.LDTT]),
        ("U", [Award.TTLDTT]),
    ]
    assert gc.isenabled()


def test_a_scan_makes_no_reference_cycles():
    # The scan command pauses the cyclic collector. A reason keeps its message's arguments until the
    # message is read: they must never hold the context, which holds the verdicts.
    engine = Engine()
    candidates = [
        ("rich", _rich_person()),
        ("plain", person()),
        ("new", person(recruited_on=date(2025, 8, 1), procuracy_service=())),
        ("unit", unit()),
    ]
    gc.collect()
    gc.disable()
    try:
        rows = engine.scan(candidates, 2025, date(2025, 12, 15))
        assert sum(len(r.verdicts) for r in rows) == 3 * len(INDIVIDUAL_AWARDS) + len(
            COLLECTIVE_AWARDS
        )
        del rows
        assert gc.collect() == 0
    finally:
        gc.enable()
