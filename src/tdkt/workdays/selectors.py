"""The year's calendar as the administrator's screen shows it: the package's public holidays and
weekend days worked beside the days entered from decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdkt.workdays.calendar import calendar, public_year
from tdkt.workdays.models import AdjustedDay


@dataclass(frozen=True)
class Line:
    day: dt.date
    working: bool  # what the day is once everything is applied
    label: str  # the holiday's name, or the kind of a stored day
    adjusted: AdjustedDay | None = None  # None: from the package's calendar


def year_lines(year: int) -> list[Line]:
    cal, public = calendar(), public_year(year)
    lines = [Line(day, cal.is_working_day(day), name) for day, name in public.holidays.items()]
    lines += [
        Line(day, cal.is_working_day(day), _("Ngày làm việc bù (thứ Bảy, Chủ nhật đi làm)"))
        for day in public.working_weekend_days
    ]
    stored = AdjustedDay.objects.filter(day__year=year)
    lines += [Line(a.day, cal.is_working_day(a.day), a.get_kind_display(), a) for a in stored]
    return sorted(lines, key=lambda line: (line.day, line.adjusted is not None))


def working_days_in(year: int) -> int:
    return calendar().working_days_between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))
