"""Funds for the tests: a unit's fund with an allocation, a decision of VKSND tối cao signed on
SIGNED (Chiến sĩ thi đua ngành 3.0 × 2.340.000 = 7.020.000 đ; Bằng khen ngành 1.5 × 2.340.000 =
3.510.000 đ), the days the tests pay and revoke."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tdkt.decisions.models import Awardee, Decision
from tdkt.funds import services
from tdkt.funds.models import Fund
from tdkt.workflow.clock import at_noon
from tests.nominations.builders import World, signed_decision, voted

SIGNED = dt.date(2026, 1, 20)
PAID = dt.date(2026, 2, 2)
REVOKED = dt.date(2026, 3, 1)
LATER = at_noon(dt.date(2026, 9, 30))  # "today" of the tests that enter vouchers
CSTD, BK = 7_020_000, 3_510_000
REASON = "Kết luận thanh tra xác định thành tích năm 2025 được kê khai không trung thực."


def decision_of(world: World, number: str = "31") -> Decision:
    return signed_decision(world, voted(world), SIGNED, number=number)


def line(decision: Decision, award: str) -> Awardee:
    return decision.awardees.get(award=award)


def fund_with(unit: Any, year: int, salary_fund: int, actor: Any = None) -> Fund:
    """The unit's fund of `year` (opened if need be) with one allocation on 10/01."""
    fund = Fund.objects.filter(unit=unit, year=year).first() or services.open_fund_year(
        actor=actor, unit=unit, year=year, now=LATER
    )
    services.record_allocation(
        actor=actor,
        fund=fund,
        salary_fund=salary_fund,
        entry_date=dt.date(year, 1, 10),
        voucher=f"TL-{year}",
        now=LATER,
    )
    return fund
