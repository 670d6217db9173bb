"""The loader carries the ledger's `sudden` mark to the engine, whose chains leave a sudden award
out (ND 152/2025 Art. 4(3): no basis for a merit proposal)."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.eligibility.scan import run_scan
from tdkt.records import services as records
from tests.conftest import Sector
from tests.eligibility.conftest import AS_OF, YEAR, decision, rate, staff


@pytest.mark.parametrize("sudden", [False, True])
def test_sudden_award_in_the_ledger_is_no_basis_for_the_next_bang_khen(
    sector: Sector, sudden: bool
) -> None:
    p = staff(sector.binh_dai)
    rate(p, *((y, "HTXS") for y in range(2020, 2026)))
    records.record_award(
        actor=None,
        award="BK_NGANH",
        year=2024,
        decision=decision(signed_on=dt.date(2024, 11, 5)),
        person=p,
        sudden=sudden,
    )
    outcome = run_scan(year=YEAR, as_of=AS_OF, person_ids=[p.pk], awards=["BK_NGANH"]).people[0]
    assert [a.sudden for a in outcome.ctx.facts.awards] == [sudden]
    merit = next(v for v in outcome.verdicts).reason("bk_nganh.merit")
    assert merit is not None
    # A merit Bằng khen of 2024 has used the years up to 2024; a sudden one has used none.
    assert ("đã được tính cho Bằng khen năm 2024" in merit.message) is not sudden
