"""Which year the units are entering facts for."""

from __future__ import annotations

import datetime as dt

# A year's review (ratings, then titles and awards) runs from October–December into January of
# the next year: from October on, the screens open on the year that is ending; before that, on the
# year whose review may still be under way.
REVIEW_STARTS_IN_MONTH = 10


def review_year(today: dt.date) -> int:
    """The year under review on `today`: this year from October, else last year."""
    return today.year if today.month >= REVIEW_STARTS_IN_MONTH else today.year - 1
