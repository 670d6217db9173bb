"""Working days (ngày làm việc): Monday to Friday, less Vietnam's public holidays, with the days a
Government decision moves in or out (`AdjustedDay`: a Friday off, the Saturday worked for it).

The public holidays are those of the Labour Code 2019 Art. 112 as the `holidays` package ships them
(its data, read with the package; nothing is fetched): Tết Dương lịch, Tết Nguyên đán with the days
in lieu when a Tết day falls on a weekend, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 with the day next to
it, days in lieu of a holiday on a weekend, and the swaps already decided in years the package
knows. A stored day wins over the package.

The package's years are kept for the life of the process. The stored days are few: every call
reads them and keeps the years already worked out while they are unchanged, so that a change made
in one process holds in all of them at once (as eligibility.parameters does for parameters)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass

import holidays

from tdkt.workdays.models import AdjustedDay, DayKind

ONE_DAY = dt.timedelta(days=1)
WEEKEND = frozenset({5, 6})  # Saturday, Sunday


@dataclass(frozen=True)
class PublicYear:
    """What the package says of one year: its holidays by name and the weekend days worked."""

    holidays: Mapping[dt.date, str]
    working_weekend_days: frozenset[dt.date]


@functools.lru_cache(maxsize=64)
def public_year(year: int) -> PublicYear:
    # The package files a swap under the year of the day off, and the Saturday worked for it may
    # lie in the year before (27/12/2014 for 02/01/2015): the neighbouring years are read too.
    table = holidays.country_holidays("VN", years=range(year - 1, year + 2), language="vi")
    return PublicYear(
        holidays={d: name for d, name in sorted(table.items()) if d.year == year},
        working_weekend_days=frozenset(d for d in table.weekend_workdays if d.year == year),
    )


class Calendar:
    """The working days under one reading of the stored days (day → `DayKind`)."""

    def __init__(self, adjusted: Mapping[dt.date, str]) -> None:
        self.adjusted = dict(adjusted)
        self._off: dict[int, frozenset[dt.date]] = {}

    def days_off(self, year: int) -> frozenset[dt.date]:
        if year not in self._off:
            self._off[year] = self._work_out(year)
        return self._off[year]

    def _work_out(self, year: int) -> frozenset[dt.date]:
        public = public_year(year)
        off = set(public.holidays)
        day = dt.date(year, 1, 1)
        while day.year == year:
            if day.weekday() in WEEKEND and day not in public.working_weekend_days:
                off.add(day)
            day += ONE_DAY
        for day, kind in self.adjusted.items():
            if day.year == year and kind == DayKind.DAY_OFF:
                off.add(day)
            elif day.year == year:
                off.discard(day)
        return frozenset(off)

    def is_working_day(self, day: dt.date) -> bool:
        return day not in self.days_off(day.year)

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start` (before it when n < 0); `start` itself is not
        counted, whatever it is, and n = 0 gives `start`."""
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """The working days after `a` up to and including `b` (negative when b < a): the inverse
        of `add_working_days`, whose result b gives back n."""
        if b < a:
            return -self.working_days_between(b, a)
        return sum(self.is_working_day(a + k * ONE_DAY) for k in range(1, (b - a).days + 1))


_current: Calendar | None = None


def calendar() -> Calendar:
    """The calendar with the stored days as they are now."""
    global _current
    stored = dict(AdjustedDay.objects.values_list("day", "kind"))
    current = _current
    if current is None or current.adjusted != stored:
        current = _current = Calendar(stored)
    return current


def is_working_day(day: dt.date) -> bool:
    return calendar().is_working_day(day)


def add_working_days(start: dt.date, n: int) -> dt.date:
    return calendar().add_working_days(start, n)


def working_days_between(a: dt.date, b: dt.date) -> int:
    return calendar().working_days_between(a, b)
