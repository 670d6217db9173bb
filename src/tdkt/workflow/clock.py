"""The injected clock. Every service that records when something happened takes `now:
datetime | None = None` (the demo writes past events, tests pin the clock) and reads it through
these two functions; no service takes a bare date. `review_year` is the review calendar: the one
year every page and command opens on by default."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now(value: dt.datetime | None = None) -> dt.datetime:
    """`value`, or the present moment."""
    return value or timezone.now()


def today(value: dt.datetime | None = None) -> dt.date:
    """The local calendar day of `value` (or of the present moment)."""
    moment = now(value)
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def at_noon(day: dt.date) -> dt.datetime:
    """A moment on `day` for callers (the demo, commands) that only know the date."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


# A year's review (ratings, then titles and awards, then the decisions of the levels above) runs
# from about November of the year (the sector's working year ends on 30/11, legal-facts.md §6)
# to about March of the next (unit reviews, then councils November–January and the decisions of
# the levels above: workflows.md §4, §7, §8). Until that window closes, pages open on the year
# under review; after it, on the year in progress, whose facts are entered next.
REVIEW_ENDS_IN_MONTH = 3


def review_year(today: dt.date | None = None) -> int:
    """The year every page and command opens on by default: the year under review until the end
    of its review window (March of the next year), else the year in progress. 10/12/2026 → 2026,
    15/02/2027 → 2026, 15/06/2027 → 2027."""
    day = today or timezone.localdate()
    return day.year - 1 if day.month <= REVIEW_ENDS_IN_MONTH else day.year
