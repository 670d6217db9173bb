"""A synthetic sector for the engine: 15,000 people and 700 units with ten years of facts,
drawn from a seed. The scale tests and bench/bench_engine.py read it."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from tdkt.rules import facts
from tdkt.rules.codes import Award, Discipline, InitiativeScope, LeaveKind, Rating

AS_OF = date(2025, 12, 15)
ANNUAL = (Award.LDTT, Award.CSTDCS, Award.TTLDTT, Award.TTLDXS)


def sector(seed: int = 7) -> list[tuple[str, Any]]:
    rnd = random.Random(seed)
    people: list[tuple[str, Any]] = []
    for i in range(15_000):
        ratings = {
            y: rnd.choice((Rating.HTXS, Rating.HTT, Rating.HTT, Rating.HT))
            for y in range(2015, 2026)
        }
        cstdcs = tuple(
            facts.TitleRecord(Award.CSTDCS, y)
            for y in range(2018, 2025)
            if ratings[y] is Rating.HTXS
        )
        start = date(rnd.randint(1995, 2025), rnd.randint(1, 12), 1)
        people.append(
            (
                f"CB-{i}",
                facts.PersonFacts(
                    ratings=ratings,
                    titles=cstdcs
                    + tuple(facts.TitleRecord(Award.LDTT, y) for y in range(2015, 2025)),
                    awards=(facts.AwardRecord(Award.BK_NGANH, 2019, date(2020, 1, 10)),)
                    if i % 5 == 0
                    else (),
                    initiatives=(
                        (facts.Initiative(f"SK-{i}", InitiativeScope.CO_SO, date(2025, 10, 1)),)
                        if i % 3 == 0
                        else ()
                    ),
                    disciplines=(
                        (
                            facts.DisciplineRecord(
                                Discipline.KHIEN_TRACH, date(2025, 3, 1), date(2026, 2, 28)
                            ),
                        )
                        if i % 50 == 0
                        else ()
                    ),
                    leaves=(
                        (facts.Leave(LeaveKind.OM, date(2025, 2, 1), date(2025, 3, 15)),)
                        if i % 20 == 0
                        else ()
                    ),
                    recruited_on=start,
                    is_unit_head=i % 30 == 0,
                    unit_violation_years=frozenset(),
                    head_unit_ratings={2025: "HTXS"},
                    procuracy_service=(facts.Period(start),),
                    other_legal_service=(),
                ),
            )
        )
    units = [
        (
            f"DV-{i}",
            facts.UnitFacts(
                ratings={y: rnd.choice((Rating.HTXS, Rating.HTT)) for y in range(2020, 2026)},
                titles=(),
                awards=(),
                unit_violation_years=frozenset({2025}) if i % 40 == 0 else frozenset(),
                members=facts.Members(20, 20, rnd.randint(12, 20), rnd.randint(0, 3), ()),
                cluster=facts.Cluster(rnd.randint(1, 6), 6, rnd.randint(3, 6)),
            ),
        )
        for i in range(700)
    ]
    return people + units
