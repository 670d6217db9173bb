"""Engine time for a sector-wide scan: ~15,000 people and ~700 units for one year."""

from __future__ import annotations

import random
import time
from datetime import date

import pytest

from tdkt.rules.codes import Award, Discipline, InitiativeScope, LeaveKind, Rating
from tdkt.rules.engine import Engine
from tdkt.rules.facts import (
    AwardRecord,
    Cluster,
    DisciplineRecord,
    Initiative,
    Leave,
    Members,
    Period,
    PersonFacts,
    TitleRecord,
    UnitFacts,
)
from tdkt.rules.verdict import Status

AS_OF = date(2025, 12, 15)


def _sector(seed: int = 7):
    rnd = random.Random(seed)
    people = []
    for i in range(15_000):
        ratings = {
            y: rnd.choice((Rating.HTXS, Rating.HTT, Rating.HTT, Rating.HT))
            for y in range(2015, 2026)
        }
        cstdcs = tuple(
            TitleRecord(Award.CSTDCS, y) for y in range(2018, 2025) if ratings[y] is Rating.HTXS
        )
        start = date(rnd.randint(1995, 2025), rnd.randint(1, 12), 1)
        people.append(
            (
                f"CB-{i}",
                PersonFacts(
                    ratings=ratings,
                    titles=cstdcs + tuple(TitleRecord(Award.LDTT, y) for y in range(2015, 2025)),
                    awards=(AwardRecord(Award.BK_NGANH, 2019, date(2020, 1, 10)),)
                    if i % 5 == 0
                    else (),
                    initiatives=(
                        (Initiative(f"SK-{i}", InitiativeScope.CO_SO, date(2025, 10, 1)),)
                        if i % 3 == 0
                        else ()
                    ),
                    disciplines=(
                        (
                            DisciplineRecord(
                                Discipline.KHIEN_TRACH, date(2025, 3, 1), date(2026, 2, 28)
                            ),
                        )
                        if i % 50 == 0
                        else ()
                    ),
                    leaves=(
                        (Leave(LeaveKind.OM, date(2025, 2, 1), date(2025, 3, 15)),)
                        if i % 20 == 0
                        else ()
                    ),
                    recruited_on=start,
                    is_unit_head=i % 30 == 0,
                    unit_violation_years=frozenset(),
                    head_unit_ratings={2025: "HTXS"},
                    procuracy_service=(Period(start),),
                    other_legal_service=(),
                ),
            )
        )
    units = [
        (
            f"DV-{i}",
            UnitFacts(
                ratings={y: rnd.choice((Rating.HTXS, Rating.HTT)) for y in range(2020, 2026)},
                titles=(),
                awards=(),
                unit_violation_years=frozenset({2025}) if i % 40 == 0 else frozenset(),
                members=Members(20, 20, rnd.randint(12, 20), rnd.randint(0, 3), ()),
                cluster=Cluster(rnd.randint(1, 6), 6, rnd.randint(3, 6)),
            ),
        )
        for i in range(700)
    ]
    return people + units


@pytest.mark.slow
def test_the_annual_scan_of_the_sector_takes_well_under_a_second():
    candidates = _sector()
    engine = Engine()
    annual = (Award.LDTT, Award.CSTDCS, Award.TTLDTT, Award.TTLDXS)
    engine.scan(candidates[:10], 2025, AS_OF, annual)  # parameter view and rule tables
    started = time.perf_counter()
    rows = engine.scan(candidates, 2025, AS_OF, annual)
    elapsed = time.perf_counter() - started
    assert len(rows) == 15_700
    assert sum(len(r.verdicts) for r in rows) == 31_400
    assert {Status.ELIGIBLE, Status.INELIGIBLE} <= {v.status for r in rows for v in r.verdicts}
    assert elapsed < 1.0, f"{elapsed:.3f} s"


@pytest.mark.slow
def test_every_encoded_award_for_the_whole_sector_stays_within_a_few_seconds():
    candidates = _sector()
    engine = Engine()
    started = time.perf_counter()
    rows = engine.scan(candidates, 2025, AS_OF)
    elapsed = time.perf_counter() - started
    assert sum(len(r.verdicts) for r in rows) == 15_000 * 9 + 700 * 7
    assert elapsed < 4.0, f"{elapsed:.3f} s"
