"""Working days around Vietnam's public holidays, Tết included (the `holidays` package's data), and
around the days a Government decision moves (entered as data)."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.workdays import services
from tdkt.workdays.calendar import (
    add_working_days,
    calendar,
    is_working_day,
    public_year,
    working_days_between,
)
from tests.workdays.builders import DAY_OFF, SATURDAY_WORKED, enter, swap

pytestmark = pytest.mark.django_db
d = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (d(2027, 2, 3), True),  # Wednesday before Tết 2027
        (d(2027, 2, 4), False),  # 29 Tết, in lieu of Saturday 06/02 (mùng một)
        (d(2027, 2, 5), False),  # Giao thừa
        (d(2027, 2, 8), False),  # Mùng ba
        (d(2027, 2, 10), False),  # Mùng năm, in lieu of Sunday 07/02 (mùng hai)
        (d(2027, 2, 11), True),  # back to work
        (d(2026, 2, 13), True),  # Friday before Tết 2026
        (d(2026, 2, 16), False),  # Tết 2026: 16/02 to 20/02
        (d(2026, 2, 20), False),
        (d(2026, 2, 23), True),
        (d(2026, 4, 27), False),  # Giỗ Tổ Hùng Vương fell on Sunday 26/04: Monday in lieu
        (d(2026, 4, 29), True),
        (d(2026, 4, 30), False),
        (d(2026, 5, 1), False),
        (d(2026, 5, 4), True),
        (d(2027, 5, 3), False),  # 1/5/2027 is a Saturday: Monday in lieu
        (d(2026, 8, 22), True),  # Saturday worked for Monday 31/08 (decided, in the package)
        (d(2026, 8, 31), False),
        (d(2026, 9, 1), False),  # 2/9 and the day next to it
        (d(2026, 9, 2), False),
        (d(2026, 9, 3), True),
        (d(2027, 9, 3), False),  # 2/9/2027 is a Thursday: the Friday after
        (d(2026, 1, 17), False),  # an ordinary Saturday
        (d(2026, 1, 18), False),  # an ordinary Sunday
    ],
)
def test_holiday_calendar_knows_each_day(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        (d(2026, 1, 16), 1, d(2026, 1, 19)),  # Friday + 1 = Monday
        (d(2026, 1, 12), 0, d(2026, 1, 12)),
        (d(2027, 2, 3), 1, d(2027, 2, 11)),  # across Tết 2027
        (d(2027, 2, 1), 5, d(2027, 2, 15)),  # 2, 3, then 11, 12, 15 February
        (d(2026, 4, 29), 1, d(2026, 5, 4)),  # across 30/4 and 1/5
        (d(2026, 4, 30), 1, d(2026, 5, 4)),  # starting on a holiday
        (d(2026, 5, 1), 3, d(2026, 5, 6)),
        (d(2026, 8, 28), 1, d(2026, 9, 3)),  # across 31/8, 1/9, 2/9
        (d(2026, 8, 21), 1, d(2026, 8, 22)),  # the Saturday worked counts
        (d(2026, 5, 4), -1, d(2026, 4, 29)),  # backwards across the holidays
        (d(2026, 12, 31), 1, d(2027, 1, 4)),  # across the new year's day
    ],
)
def test_holiday_periods_add_working_days(start, n, end):
    assert add_working_days(start, n) == end


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        (d(2026, 1, 12), d(2026, 1, 23), 9),  # after Monday 12 up to Friday 23
        (d(2027, 2, 3), d(2027, 2, 11), 1),  # Tết 2027 in between
        (d(2027, 2, 3), d(2027, 2, 10), 0),
        (d(2026, 4, 29), d(2026, 5, 4), 1),
        (d(2026, 5, 4), d(2026, 4, 29), -1),
        (d(2026, 9, 2), d(2026, 9, 2), 0),
    ],
)
def test_holiday_aware_count_between_two_days(a, b, count):
    assert working_days_between(a, b) == count


@pytest.mark.parametrize("start", [d(2026, 4, 24), d(2026, 8, 20), d(2027, 1, 29), d(2027, 2, 6)])
def test_holiday_count_between_undoes_adding(start):
    for n in range(25):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_holiday_years_have_the_expected_number_of_working_days():
    # 2026: 261 weekdays, less 11 holidays on weekdays (1/1, five Tết days, 27/4, 30/4, 1/5,
    # 1/9, 2/9), less 31/8 and 24/11, plus Saturday 22/08 worked.
    assert working_days_between(d(2025, 12, 31), d(2026, 12, 31)) == 261 - 11 - 2 + 1


def test_the_package_names_the_holidays_in_vietnamese():
    names = public_year(2027).holidays
    assert names[d(2027, 2, 6)] == "Tết Nguyên Đán"
    assert "nghỉ bù" in names[d(2027, 5, 3)]
    assert public_year(2026).working_weekend_days == {d(2026, 8, 22)}


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        (d(2027, 4, 28), 1, d(2027, 5, 4)),  # 29/4 off by decision, 30/4, weekend, 3/5 in lieu
        (d(2027, 4, 23), 1, SATURDAY_WORKED),  # Friday + 1 = the Saturday worked
        (d(2027, 4, 23), 5, d(2027, 5, 4)),  # 24/4, 26, 27, 28/4, then 4/5
    ],
)
def test_holiday_swap_entered_as_data_moves_the_count(start, n, end):
    swap()
    assert not is_working_day(DAY_OFF) and is_working_day(SATURDAY_WORKED)
    assert add_working_days(start, n) == end
    assert working_days_between(start, end) == n


def test_holiday_swap_removed_gives_the_days_back():
    off, worked = swap()
    assert add_working_days(d(2027, 4, 28), 1) == d(2027, 5, 4)
    for adjusted in (off, worked):
        services.remove_adjusted_day(actor=None, adjusted=adjusted, reason="Nhập nhầm năm.")
    assert is_working_day(DAY_OFF) and not is_working_day(SATURDAY_WORKED)
    assert add_working_days(d(2027, 4, 28), 1) == DAY_OFF


def test_holiday_a_decision_can_make_a_package_holiday_a_working_day():
    culture_day = d(2026, 11, 24)
    assert not is_working_day(culture_day)
    enter(culture_day, "working_day")
    assert is_working_day(culture_day)


def test_holiday_calendar_is_kept_while_the_stored_days_are_unchanged(django_assert_num_queries):
    first = calendar()
    assert first.days_off(2027) is first.days_off(2027)  # each year worked out once
    with django_assert_num_queries(1):  # only the stored days are read again
        assert calendar() is first
    swap()
    assert calendar() is not first
    assert DAY_OFF in calendar().days_off(2027)
