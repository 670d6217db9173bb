"""Calendar arithmetic the rules share: ISO dates, whole months, interval unions and differences.

Durations in the texts are counted in calendar months ("mới tuyển dụng dưới 06 tháng", "nghỉ từ 03
tháng", "15 năm công tác"), so lengths are measured as whole calendar months plus leftover days, not
as days divided by an average month: six months from 1 July end on 31 December, whatever the year.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable
from datetime import date, timedelta

Interval = tuple[date, date]  # both ends inclusive

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_ONE_DAY = timedelta(days=1)
DAYS_PER_MONTH = 30  # only to carry leftover days of several intervals into months


def parse_iso(text: str) -> date:
    """YYYY-MM-DD only (date.fromisoformat alone also takes 20250101 and week dates)."""
    if not _ISO.fullmatch(text):
        raise ValueError(text)
    return date.fromisoformat(text)


def vn(d: date) -> str:
    """A date as Vietnamese documents write it: 05/03/2025."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def add_months(d: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if d.day <= 28:
        return date(year, month, d.day)
    return date(year, month, min(d.day, monthrange(year, month)[1]))


def months_and_days(start: date, last: date) -> tuple[int, int]:
    """Whole calendar months and leftover days from `start` to `last`, both days included."""
    if last < start:
        return 0, 0
    end = last + _ONE_DAY
    months = (end.year - start.year) * 12 + end.month - start.month
    day = start.day
    if day <= 28:  # `months` after `start` falls in the month of `end`, on the same day
        if day <= end.day:
            return months, end.day - day
        before = (
            date(end.year, end.month - 1, day) if end.month > 1 else date(end.year - 1, 12, day)
        )
        return months - 1, (end - before).days
    anchor = add_months(start, months)
    if anchor > end:
        months -= 1
        anchor = add_months(start, months)
    return months, (end - anchor).days


def normalise(months: int, days: int) -> tuple[int, int]:
    extra, days = divmod(days, DAYS_PER_MONTH)
    return months + extra, days


def measure(intervals: Iterable[Interval]) -> tuple[int, int]:
    """Total length of disjoint intervals as (months, days). One interval is measured exactly;
    the leftover days of several are added and carried 30 to a month."""
    spans = list(intervals)
    if len(spans) == 1:
        return months_and_days(*spans[0])
    months = days = 0
    for start, last in spans:
        m, d = months_and_days(start, last)
        months += m
        days += d
    return normalise(months, days)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Union of intervals, sorted; touching intervals (one ends the day before the next) join."""
    out: list[Interval] = []
    for start, last in sorted(intervals):
        if out and start <= out[-1][1] + _ONE_DAY:
            if last > out[-1][1]:
                out[-1] = (out[-1][0], last)
        else:
            out.append((start, last))
    return out


def subtract(intervals: Iterable[Interval], cuts: Iterable[Interval]) -> list[Interval]:
    """The parts of `intervals` outside every cut."""
    pieces = merge(intervals)
    for cut_start, cut_last in merge(cuts):
        kept: list[Interval] = []
        for start, last in pieces:
            if cut_last < start or cut_start > last:
                kept.append((start, last))
                continue
            if start < cut_start:
                kept.append((start, cut_start - _ONE_DAY))
            if last > cut_last:
                kept.append((cut_last + _ONE_DAY, last))
        pieces = kept
    return pieces


def clip(interval: Interval, lo: date, hi: date) -> Interval | None:
    start, last = max(interval[0], lo), min(interval[1], hi)
    return (start, last) if start <= last else None


def duration_text(months: int, days: int = 0) -> str:
    """'4 tháng', '2 tháng 29 ngày', '15 năm 2 tháng', '12 ngày'."""
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} năm")
    if months:
        parts.append(f"{months} tháng")
    if days or not parts:
        parts.append(f"{days} ngày")
    return " ".join(parts)
