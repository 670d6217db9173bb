"""A regime closed at a date, as data: the days after it that no regime covers get "needs review"
for every award, naming the text that ended; never an expired text applied, never a crash."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from rules_builders import d, discipline, person, unit

from tdkt.rules.caps import apply_caps
from tdkt.rules.catalogue import INDIVIDUAL_AWARDS
from tdkt.rules.codes import Award, Discipline, Rating
from tdkt.rules.engine import Engine
from tdkt.rules.errors import RuleDataError
from tdkt.rules.facts import SuddenAct
from tdkt.rules.params import default_parameters
from tdkt.rules.regimes import RegimeTable, default_regimes
from tdkt.rules.verdict import Status

ND152 = "Nghị định 152/2025/NĐ-CP"
MESSAGE = (
    "Chưa có quy định áp dụng cho ngày 02/03/2027: Nghị định 152/2025/NĐ-CP đã hết hiệu lực từ "
    "01/03/2027 và chưa có văn bản thay thế được nhập vào hệ thống"
)


def closed_table(*extra: dict) -> RegimeTable:
    """The shipped regimes, the last one (2026-10) closed on 28/02/2027 as ND 152 expires."""
    regimes = list(default_regimes().regimes)
    regimes[-1] = dataclasses.replace(regimes[-1], valid_to=date(2027, 2, 28), ceased=(ND152,))
    return RegimeTable([*regimes, *extra])


NEXT = {
    "id": "2027-07",
    "starts_on": "2027-07-01",
    "label": "Luật TĐKT 2022 sửa đổi 2026, Nghị định mới thay thế Nghị định 152/2025/NĐ-CP",
    "instruments": ["Nghị định X/2027/NĐ-CP (giả định kiểm thử)"],
    "confidence": "M",
    "note": "Giả định kiểm thử.",
}


@pytest.mark.parametrize(
    ("as_of", "regime"),
    [("2027-02-28", "2026-10"), ("2027-03-01", ""), ("2027-06-30", ""), ("2027-07-01", "2027-07")],
)
def test_a_closed_regime_ends_on_its_last_day_and_a_later_regime_covers_again(as_of, regime):
    chosen, legal_date = closed_table(NEXT).choose(d(as_of))
    assert chosen.id == regime
    assert chosen.is_gap is (regime == "")
    assert legal_date == d(as_of)


def test_an_expired_regime_gives_needs_review_on_every_award_naming_the_missing_text():
    engine = Engine(regimes=closed_table())
    facts = person(ratings={y: Rating.HTXS for y in range(2015, 2028)})
    verdicts = engine.evaluate(facts, INDIVIDUAL_AWARDS, 2027, date(2027, 3, 2))
    assert len(verdicts) == len(INDIVIDUAL_AWARDS)
    for v in verdicts:
        assert v.status is Status.NEEDS_REVIEW
        assert v.regime == ""
        assert [(r.rule, r.passed, r.message) for r in v.reasons] == [
            ("engine.no_regime", None, MESSAGE)
        ]
        assert v.reasons[0].citation == f"{ND152} (hết hiệu lực từ 01/03/2027)"


@pytest.mark.parametrize("as_of", ["2027-02-27", "2027-02-28"])
def test_an_expired_regime_still_applies_up_to_its_last_day(as_of):
    engine = Engine(regimes=closed_table())
    v = engine.evaluate(person(), [Award.LDTT], 2026, d(as_of))[0]
    assert v.regime == "2026-10"
    assert v.status is Status.ELIGIBLE


def test_an_expired_regime_scan_of_people_and_units_answers_without_caps():
    engine = Engine(regimes=closed_table())
    rows = engine.scan([("a", person()), ("u", unit())], 2027, date(2027, 3, 2))
    verdicts = [v for row in rows for v in row.verdicts]
    assert verdicts and all(v.status is Status.NEEDS_REVIEW for v in verdicts)
    caps = apply_caps([r.ctx for r in rows], [r.verdicts for r in rows], {Award.TTLDXS})
    assert caps == []


def test_an_expired_regime_also_stops_a_sudden_commendation():
    engine = Engine(regimes=closed_table())
    act = SuddenAct("Bắt giữ đối tượng truy nã", date(2027, 3, 1))
    v = engine.evaluate_sudden(person(), Award.BK_NGANH, act, 2027, date(2027, 3, 2))
    assert v.status is Status.NEEDS_REVIEW
    assert v.reasons[0].message == MESSAGE


def test_an_expired_regime_whose_year_end_parameter_ended_too_still_shows_the_year():
    shipped = default_parameters()
    year_end = shipped.history("emulation_year.end")[0].to_record()
    ended = shipped.override([{**year_end, "valid_to": "2027-02-28"}])
    engine = Engine(ended, closed_table())
    assert engine.emulation_period(2027, date(2027, 3, 2)) == (date(2027, 1, 1), date(2027, 12, 31))
    v = engine.evaluate(person(), [Award.CSTDCS], 2027, date(2027, 3, 2))[0]
    assert v.status is Status.NEEDS_REVIEW


def test_a_regime_closed_after_the_next_one_starts_is_refused_as_an_overlap():
    regimes = list(default_regimes().regimes)
    regimes[-2] = dataclasses.replace(regimes[-2], valid_to=date(2026, 10, 1))
    with pytest.raises(RuleDataError):
        RegimeTable(regimes)


def test_a_regime_closed_before_the_next_one_starts_leaves_a_gap_that_names_it():
    regimes = list(default_regimes().regimes)
    regimes[-2] = dataclasses.replace(
        regimes[-2], valid_to=date(2026, 8, 31), ceased=("Thông tư 15/2025/TT-BNV",)
    )
    table = RegimeTable(regimes)
    gap, _ = table.choose(date(2026, 9, 15))
    assert gap.gap.startswith("Chưa có quy định áp dụng cho ngày 15/09/2026: Thông tư 15/2025")
    assert table.choose(date(2026, 10, 1))[0].id == "2026-10"


def test_a_regime_closed_without_naming_the_texts_is_named_by_its_label():
    regimes = list(default_regimes().regimes)
    regimes[-1] = dataclasses.replace(regimes[-1], valid_to=date(2027, 2, 28))
    gap, _ = RegimeTable(regimes).choose(date(2027, 5, 1))
    assert regimes[-1].label in gap.gap
    assert "2026-10" not in gap.gap


def test_a_day_before_the_first_regime_is_still_refused_not_reviewed():
    with pytest.raises(LookupError):
        closed_table().choose(date(2019, 6, 27))


def test_a_regime_opened_after_an_expired_one_asks_for_the_values_that_ended_with_it():
    """The next regime is open, but the value that cited ND 152 has not been entered again: the
    rule that needs it answers "needs review", naming the expired text, never the key."""
    shipped = default_parameters()
    *before, last = shipped.history("discipline.bars_while_in_force")
    ended = shipped.override([*before, {**last.to_record(), "valid_to": "2027-02-28"}])
    engine = Engine(ended, closed_table({**NEXT, "starts_on": "2027-03-01"}))
    facts = person(
        ratings={y: Rating.HTT for y in range(2020, 2028)},
        disciplines=(discipline(Discipline.KHIEN_TRACH, "2026-06-01", "2027-05-31"),),
    )
    v = engine.evaluate(facts, [Award.LDTT], 2027, date(2027, 12, 15))[0]
    assert v.regime == "2027-07"
    assert v.status is Status.NEEDS_REVIEW
    r = next(r for r in v.reasons if r.rule == "ldtt.no_discipline")
    assert r.passed is None
    assert r.message == (
        "Chưa đủ dữ liệu để kết luận: chưa có quy định áp dụng cho ngày 15/12/2027 thay cho "
        "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4 (hết hiệu lực từ 01/03/2027)"
    )
