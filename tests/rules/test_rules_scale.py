"""The engine over a whole sector: every candidate gets a verdict for every award it is asked.

How long it takes is a benchmark (bench/bench_engine.py), not a test: a timed assertion fails on a
busy machine and proves nothing on an idle one."""

from __future__ import annotations

import pytest

from tdkt.rules.engine import Engine
from tdkt.rules.verdict import Status
from tests.rules.synthetic import ANNUAL, AS_OF, sector


@pytest.mark.slow
def test_the_annual_scan_of_the_sector_gives_each_candidate_its_annual_verdicts():
    rows = Engine().scan(sector(), 2025, AS_OF, ANNUAL)
    assert len(rows) == 15_700
    assert sum(len(r.verdicts) for r in rows) == 31_400
    assert {Status.ELIGIBLE, Status.INELIGIBLE} <= {v.status for r in rows for v in r.verdicts}


@pytest.mark.slow
def test_every_encoded_award_is_answered_for_the_whole_sector():
    rows = Engine().scan(sector(), 2025, AS_OF)
    assert sum(len(r.verdicts) for r in rows) == 15_000 * 9 + 700 * 7
