"""Reads of the fund, scoped to the user: the leaders, TĐKT and finance officers of the unit and of
the levels above it read it (`fund.view`); finance keeps it (`fund.manage`). What a user may not
read answers 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tdkt.funds import ledger
from tdkt.funds.models import CASH_SIGN, COMMITMENT_SIGN, Fund, FundEntry
from tdkt.org.models import Unit, UnitLevel
from tdkt.org.selectors import pick_units
from tdkt.workflow.access import restrict_by_unit, restrict_units

# The levels that issue award decisions and so keep a fund (decisions.services.LEVELS).
FUND_LEVELS = (UnitLevel.TOI_CAO, UnitLevel.TINH, UnitLevel.CAP_CAO, UnitLevel.DON_VI_TRUC_THUOC)


def funds_for(user: Any, action: str = "fund.view") -> QuerySet[Fund]:
    return restrict_by_unit(user, Fund.objects.select_related("unit"), "unit", action)


def get_fund_for_user(user: Any, pk: Any, action: str = "fund.view") -> Fund:
    try:
        return funds_for(user, action).get(pk=pk)
    except (Fund.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_entry_for_user(user: Any, pk: Any, action: str = "fund.view") -> FundEntry:
    qs = restrict_by_unit(
        user, FundEntry.objects.select_related("fund__unit"), "fund__unit", action
    )
    try:
        return qs.get(pk=pk)
    except (FundEntry.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def managed_units(user: Any) -> QuerySet[Unit]:
    """The units whose fund the user keeps, among those that issue decisions, still active."""
    return (
        restrict_units(user, action="fund.manage")
        .filter(level__in=FUND_LEVELS, dissolved_on__isnull=True)
        .order_by("name")
    )


def pick_fund_units(
    user: Any, *, query: str = "", action: str = "fund.manage", active: bool = True, **more: Any
) -> QuerySet[Unit]:
    """The unit picker's search: org's, kept to the units the user keeps a fund for (whatever
    `action` the request named) at the levels that keep one."""
    return pick_units(user, query=query, action="fund.manage", active=active, **more).filter(
        level__in=FUND_LEVELS
    )


def entries(fund: Fund) -> QuerySet[FundEntry]:
    return fund.entries.select_related("reversal_of", "decision", "awardee").order_by(
        "entry_date", "id"
    )


def reversed_ids(fund: Fund) -> set[int]:
    return set(
        fund.entries.filter(reversal_of__isnull=False).values_list("reversal_of_id", flat=True)
    )


@dataclass
class MonthPoint:
    month: int
    last_day: dt.date
    balance_general: int
    balance_reserved: int
    outstanding: int

    @property
    def balance(self) -> int:
        return self.balance_general + self.balance_reserved


def by_month(fund: Fund) -> list[MonthPoint]:
    """The balances at the end of each month of the fund's year (the chart and its table)."""
    general = reserved = outstanding = 0
    points = []
    rows = list(
        fund.entries.order_by("entry_date", "id").values_list(
            "entry_date", "kind", "amount", "reserved_amount", "reversal_of_id"
        )
    )
    i = 0
    for month in range(1, 13):
        last = (dt.date(fund.year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        while i < len(rows) and rows[i][0] <= last:
            _day, kind, amount, part, reversal = rows[i]
            sign = -1 if reversal else 1
            cash = CASH_SIGN[kind] * sign
            general += cash * (amount - part)
            reserved += cash * part
            outstanding += COMMITMENT_SIGN.get(kind, 0) * sign * amount
            i += 1
        points.append(MonthPoint(month, last, general, reserved, outstanding))
    # Entries dated after the year (a reward of the year paid in January) count in December.
    while i < len(rows):
        _day, kind, amount, part, reversal = rows[i]
        sign = -1 if reversal else 1
        cash = CASH_SIGN[kind] * sign
        points[-1].balance_general += cash * (amount - part)
        points[-1].balance_reserved += cash * part
        points[-1].outstanding += COMMITMENT_SIGN.get(kind, 0) * sign * amount
        i += 1
    return points


def chart_spec(points: list[MonthPoint], labels: dict[str, str]) -> dict[str, Any]:
    return {
        "labels": [f"{p.month:02d}" for p in points],
        "datasets": [
            {"label": labels["general"], "data": [p.balance_general for p in points]},
            {"label": labels["reserved"], "data": [p.balance_reserved for p in points]},
            {"label": labels["outstanding"], "data": [p.outstanding for p in points]},
        ],
    }


def previous_carry(fund: Fund) -> int | None:
    """What the previous year's fund would carry over now (None: no previous fund), to show a
    difference with the opening line posted when the year was opened."""
    previous = Fund.objects.filter(unit=fund.unit_id, year=fund.year - 1).first()
    if previous is None:
        return None
    return ledger.carried_over(previous)[0]
