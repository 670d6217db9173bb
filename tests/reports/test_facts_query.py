"""The dashboard's figures are grouped by the holder's tier in the database (issue 16); they must
stay exactly what a fresh count of the ledger lines gives, after a signing, a revocation and an
import. (The registered holders, now counted as two semi-joins, are checked against the ledger in
dashboard/test_figures.py::test_registrations_are_set_against_the_titles_won.)"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from tdkt.records import services as records
from tdkt.records.models import AwardEntry
from tdkt.reports import stats
from tests.conftest import Sector

SCOPE = stats.Scope(None, 2015, 2025)


def _facts(scope: stats.Scope) -> Counter[tuple[Any, ...]]:
    return Counter(
        {
            (f.year, f.award, f.kind, f.subject, f.level, f.tier, f.leader, f.female): f.count
            for f in stats.facts(scope)
        }
    )


def _fresh(scope: stats.Scope) -> Counter[tuple[Any, ...]]:
    """Line by line, in Python: what the grouped query must add up to."""
    tiers = stats.unit_tiers()
    found: Counter[tuple[Any, ...]] = Counter()
    for e in stats.entries_in(scope).select_related("decision", "person"):
        tier = tiers.get(e.holder_unit_id, stats.CENTRAL)  # type: ignore[arg-type]
        if e.person is not None:
            female = e.person.gender == "female"
            key = (stats.INDIVIDUAL, e.decision.level, tier, e.holder_leader, female)
        else:
            key = (stats.COLLECTIVE, e.decision.level, tier, False, False)
        found[(e.year, e.award, e.kind, *key)] += 1
    return found


def _decision(sector: Sector, number: str, level: str = "tinh") -> Any:
    return records.record_decision(
        actor=None,
        number=number,
        signed_on=dt.date(2025, 1, 20),
        level=level,
        issuer=sector.quang_tri,
        signer_name="Lê Văn Cường",
        signer_title="Viện trưởng",
    )


def test_the_figures_equal_a_fresh_count_after_signing_revoking_and_importing(
    sector: Sector,
) -> None:
    assert _facts(SCOPE) == _fresh(SCOPE) and sum(_fresh(SCOPE).values()) == 2
    decision = _decision(sector, "20/QĐ-VKS")
    for year in (2022, 2023, 2024):
        records.record_award(
            actor=None, award="LDTT", year=year, decision=decision, person=sector.binh
        )
        records.record_award(
            actor=None, award="TTLDTT", year=year, decision=decision, unit=sector.kv1
        )
    records.record_award(actor=None, award="CSTDCS", year=2024, decision=decision, person=sector.an)
    assert _facts(SCOPE) == _fresh(SCOPE) and sum(_fresh(SCOPE).values()) == 9
    tiers = {f.tier for f in stats.facts(SCOPE)}
    assert tiers == {stats.PROVINCIAL, stats.GRASSROOTS}  # Quảng Bình; the district and region

    entry = AwardEntry.objects.get(award="LDTT", year=2023, person=sector.binh)
    records.revoke_award(
        actor=None,
        entry=entry,
        revoked_on=dt.date(2025, 3, 1),
        reason="Thu hồi do hồ sơ đề nghị kê khai không trung thực",
    )
    assert _facts(SCOPE) == _fresh(SCOPE) and sum(_fresh(SCOPE).values()) == 8

    key = ("99/QĐ-VKSTC", dt.date(2025, 2, 2), "VKSND tối cao")
    records.bulk_record_awards(
        actor=None,
        decisions=[records.DecisionSpec(key[0], key[1], "nganh", issuer_name=key[2])],
        awards=[
            records.AwardSpec("BK_NGANH", 2024, key, person_id=sector.an.pk),
            records.AwardSpec("BK_NGANH", 2024, key, unit_id=sector.van_phong.pk),
            records.AwardSpec("GIAY_KHEN", 2021, key, person_id=sector.binh.pk),
        ],
    )
    assert _facts(SCOPE) == _fresh(SCOPE) and sum(_fresh(SCOPE).values()) == 11
    assert stats.CENTRAL in {f.tier for f in stats.facts(SCOPE)}  # Văn phòng VKSND tối cao
    one_unit = stats.Scope(sector.quang_tri, 2015, 2025)
    assert _facts(one_unit) == _fresh(one_unit) and 0 < sum(_fresh(one_unit).values()) < 11
