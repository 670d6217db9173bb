"""Each reward is the coefficient × the base salary in force on the signing day, rounded up to the
next 10,000 đồng, with both stored on the line (legal-facts §7): base salary 1,800,000 until
30/06/2024, 2,340,000 from 01/07/2024, 2,530,000 from 01/07/2026; the individual Bằng khen of the
sector went from 1.0 to 1.5 × on 01/07/2025 (ND 152/2025)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.nominations.builders import signed_decision, voted

pytestmark = pytest.mark.django_db


def decide_on(world, day: dt.date, year: int):
    decision = signed_decision(world, voted(world, year=year, day=day), day)
    return {a.award: a for a in decision.awardees.all()}


@pytest.mark.parametrize(
    ("day", "year", "base", "cstd", "bk", "bk_coef"),
    [
        (dt.date(2024, 6, 28), 2023, 1_800_000, 5_400_000, 1_800_000, "1.00"),
        (dt.date(2024, 7, 1), 2023, 2_340_000, 7_020_000, 2_340_000, "1.00"),
        (dt.date(2025, 6, 30), 2024, 2_340_000, 7_020_000, 2_340_000, "1.00"),
        (dt.date(2025, 7, 1), 2024, 2_340_000, 7_020_000, 3_510_000, "1.50"),
        (dt.date(2026, 7, 1), 2025, 2_530_000, 7_590_000, 3_800_000, "1.50"),
    ],
)
def test_money_on_both_sides_of_each_change(world, day, year, base, cstd, bk, bk_coef):
    lines = decide_on(world, day, year)
    assert lines["CSTD_NGANH"].amount == cstd
    assert lines["CSTD_NGANH"].coefficient == Decimal("3.00")
    assert lines["BK_NGANH"].amount == bk and lines["BK_NGANH"].coefficient == Decimal(bk_coef)
    assert {a.base_salary for a in lines.values()} == {base}
    assert "mức lương cơ sở" in lines["BK_NGANH"].money_citation
    assert lines["BK_NGANH"].money_status == "unpaid"
