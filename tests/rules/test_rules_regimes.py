"""Regimes are chosen by as_of (or by the dossier date under the 2026 transitional rule), and the
same facts give different verdicts on either side of 2024-01-01, 2024-10-01 and 2025-07-01."""

from __future__ import annotations

from datetime import date

import pytest
from rules_builders import d, discipline, initiative, person, ratings, reason, titles, verdict

from tdkt.rules.codes import Award, Discipline, Rating, Subject
from tdkt.rules.engine import Engine
from tdkt.rules.errors import RuleDataError
from tdkt.rules.regimes import RegimeTable, default_regimes
from tdkt.rules.verdict import Status


@pytest.mark.parametrize(
    ("as_of", "regime"),
    [
        ("2019-06-28", "pre-2024"),
        ("2023-12-31", "pre-2024"),
        ("2024-01-01", "2024-01"),
        ("2024-09-30", "2024-01"),
        ("2024-10-01", "2024-10"),
        ("2025-06-30", "2024-10"),
        ("2025-07-01", "2025-07"),
        ("2026-09-30", "2025-07"),
        ("2026-10-01", "2026-10"),
    ],
)
def test_the_regime_in_force_is_chosen_by_as_of(as_of, regime):
    chosen, legal_date = default_regimes().choose(d(as_of))
    assert chosen.id == regime
    assert legal_date == d(as_of)


def test_a_dossier_received_before_october_2026_is_decided_under_the_old_law():
    regime, legal_date = default_regimes().choose(d("2026-11-05"), d("2026-09-20"))
    assert regime.id == "2025-07"
    assert legal_date == d("2026-09-20")
    v = verdict(
        person(), Award.LDTT, year=2026, as_of="2026-11-05", dossier_received_on=d("2026-09-20")
    )
    assert v.regime == "2025-07"


def test_a_dossier_date_does_not_move_a_regime_without_a_transitional_rule():
    regime, _ = default_regimes().choose(d("2025-08-01"), d("2025-06-01"))
    assert regime.id == "2025-07"


def test_no_regime_is_known_before_the_2019_sector_circular():
    with pytest.raises(LookupError):
        default_regimes().choose(d("2019-06-27"))


def test_a_new_regime_is_a_data_change_that_inherits_open_ended_rules():
    records = [*default_regimes().regimes]
    extra = RegimeTable(
        [
            *records,
            {
                "id": "2027-01",
                "starts_on": "2027-01-01",
                "label": "Thông tư mới (giả định trong kiểm thử)",
                "instruments": ["Thông tư X/2026/TT-VKSTC"],
                "confidence": "M",
            },
        ]
    )
    engine = Engine(regimes=extra)
    v = engine.evaluate(
        person(ratings=ratings(Rating.HTXS)), [Award.CSTDCS], 2026, date(2027, 3, 1)
    )
    assert v[0].regime == "2027-01"
    assert v[0].status is Status.ELIGIBLE
    bound = {
        b.code: b.citation for b in engine.rules_for("2027-01", Award.CSTDCS, Subject.INDIVIDUAL)
    }
    assert bound["cstdcs.unit_head"] == "Thông tư 02/2024/TT-VKSTC, Điều 14 khoản 2"


def test_a_rule_that_names_an_unknown_regime_is_rejected():
    table = RegimeTable([r for r in default_regimes().regimes if r.id != "2024-10"])
    with pytest.raises(RuleDataError):
        Engine(regimes=table)


def test_ldtt_new_hire_threshold_changes_from_ten_to_six_months_on_2024_01_01():
    facts = person(recruited_on=d("2023-05-01"))  # 8 months at the end of 2023
    before = verdict(facts, Award.LDTT, year=2023, as_of="2023-12-31")
    after = verdict(facts, Award.LDTT, year=2023, as_of="2024-01-01")
    assert before.status is Status.INELIGIBLE
    assert "dưới 10 tháng" in reason(before, "ldtt.new_recruit").message
    assert after.status is Status.ELIGIBLE
    assert reason(before, "ldtt.new_recruit").citation.startswith("Thông tư 01/2019/TT-VKSTC")
    assert reason(after, "ldtt.new_recruit").citation == "Thông tư 01/2024/TT-BNV"


def test_cstdcs_initiative_is_mandatory_before_2024_and_optional_after():
    facts = person(ratings=ratings(Rating.HTXS))
    assert verdict(facts, Award.CSTDCS, 2023, "2023-12-31").status is Status.INELIGIBLE
    assert verdict(facts, Award.CSTDCS, 2023, "2024-01-01").status is Status.ELIGIBLE
    with_initiative = person(
        ratings=ratings(Rating.HTT), initiatives=(initiative("SK", "2023-04-01"),)
    )
    assert verdict(with_initiative, Award.CSTDCS, 2023, "2023-12-31").status is Status.ELIGIBLE


def test_a_discipline_still_executed_bars_titles_only_from_july_2025():
    facts = person(disciplines=(discipline(Discipline.KHIEN_TRACH, "2024-11-20", "2025-11-19"),))
    before = verdict(facts, Award.LDTT, as_of="2025-06-30")
    after = verdict(facts, Award.LDTT, as_of="2025-07-01")
    assert before.status is Status.ELIGIBLE
    assert after.status is Status.INELIGIBLE
    assert (
        reason(after, "ldtt.no_discipline").citation == "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4"
    )


def test_a_discipline_without_an_end_date_is_reviewed_when_recent():
    facts = person(disciplines=(discipline(Discipline.KHIEN_TRACH, "2024-08-01"),))
    v = verdict(facts, Award.LDTT)
    assert v.status is Status.NEEDS_REVIEW
    old = person(disciplines=(discipline(Discipline.KHIEN_TRACH, "2020-08-01"),))
    assert verdict(old, Award.LDTT).status is Status.ELIGIBLE


def test_the_unit_head_rule_starts_with_the_sector_circular_on_2024_10_01():
    facts = person(ratings=ratings(Rating.HTXS), is_unit_head=True, head_unit_ratings={2024: "HTT"})
    assert verdict(facts, Award.CSTDCS, 2024, "2024-09-30").status is Status.ELIGIBLE
    assert verdict(facts, Award.CSTDCS, 2024, "2024-10-01").status is Status.INELIGIBLE


def test_cstd_nganh_chain_is_cited_from_the_law_in_force():
    facts = person(ratings=ratings(Rating.HTXS), titles=titles(Award.CSTDCS, 2021, 2022))
    old = verdict(facts, Award.CSTD_NGANH, 2023, "2023-12-20")
    new = verdict(facts, Award.CSTD_NGANH, 2023, "2024-01-20")
    assert reason(old, "cstd_nganh.chain").citation.startswith("Luật TĐKT 2003, Điều 22")
    assert reason(new, "cstd_nganh.chain").citation == "Luật TĐKT 2022, Điều 22 khoản 1 điểm a"
