"""Working days and legal periods against the real Dutch calendar (core.workdays)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eigenplan.core.models import ClosedDay
from eigenplan.core.workdays import (
    Calendar,
    add_months,
    add_working_days,
    dutch_public_holidays,
    easter_sunday,
    is_working_day,
    legal_deadline,
)

D = datetime.date
PLAIN = Calendar(closed_days=())  # no municipal closed days: no database needed
dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2000, D(2000, 4, 23)), (2019, D(2019, 4, 21)), (2024, D(2024, 3, 31)),
     (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)), (2027, D(2027, 3, 28)),
     (2038, D(2038, 4, 25)), (2285, D(2285, 3, 22))],
)  # fmt: skip
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_the_public_holidays_of_2026():
    assert sorted(dutch_public_holidays(2026)) == [
        D(2026, 1, 1),
        D(2026, 4, 6),  # Easter Monday
        D(2026, 4, 27),  # King's Day, a Monday
        D(2026, 5, 5),
        D(2026, 5, 14),  # Ascension Day
        D(2026, 5, 25),  # Whit Monday
        D(2026, 12, 25),
        D(2026, 12, 26),
    ]


def test_kings_day_moves_to_saturday_when_27_april_is_a_sunday():
    assert D(2025, 4, 26) in dutch_public_holidays(2025)
    assert D(2025, 4, 27) not in dutch_public_holidays(2025)


def test_three_working_days_over_christmas():
    # Thursday 24 December 2026: Christmas (Fri), the weekend, then Mon, Tue, Wed.
    assert PLAIN.add_working_days(D(2026, 12, 24), 3) == D(2026, 12, 30)


def test_three_working_days_over_easter():
    # Good Friday is not a public holiday of the Algemene termijnenwet; Easter Monday is.
    assert PLAIN.add_working_days(D(2026, 4, 3), 3) == D(2026, 4, 9)


def test_a_closed_day_of_the_municipality_is_skipped():
    good_friday_closed = Calendar(closed_days=[D(2026, 4, 3)])
    assert good_friday_closed.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)
    assert PLAIN.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 3)


@pytest.mark.django_db
def test_closed_days_kept_in_the_admin_count():
    assert add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 3)
    ClosedDay.objects.create(date=D(2026, 4, 3), name="Goede Vrijdag")
    assert not is_working_day(D(2026, 4, 3))
    assert add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)
    assert legal_deadline(D(2026, 3, 27), days=7) == D(2026, 4, 7)


def test_calendar_period_ending_on_a_holiday_runs_on():
    # 7 days after Saturday 19 December 2026 is Saturday 26 December (Boxing Day).
    assert PLAIN.legal_deadline(D(2026, 12, 19), days=7) == D(2026, 12, 28)
    # 6 weeks after a melding on 14 November 2026 ends on Boxing Day too.
    assert PLAIN.legal_deadline(D(2026, 11, 14), weeks=6) == D(2026, 12, 28)
    # An ordinary case: 2 weeks after Monday 2 November 2026.
    assert PLAIN.legal_deadline(D(2026, 11, 2), weeks=2) == D(2026, 11, 16)


def test_a_period_shorter_than_three_days_only_runs_on_past_the_weekend():
    # One day from Friday 3 January 2025 ends on Monday the 6th (art. 1 only).
    assert PLAIN.legal_deadline(D(2025, 1, 3), days=1) == D(2025, 1, 6)


def test_a_period_of_three_days_holds_two_working_days():
    # 3 days after Thursday 24 December 2026 would end on Sunday the 27th; Monday the 28th is
    # then the only working day in it, so the period runs one working day more.
    assert PLAIN.legal_deadline(D(2026, 12, 24), days=3) == D(2026, 12, 29)


def test_months_end_at_the_end_of_a_shorter_month():
    assert add_months(D(2027, 1, 31), 1) == D(2027, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    # ... and a month that ends on a Sunday runs on to Monday.
    assert PLAIN.legal_deadline(D(2027, 1, 31), months=1) == D(2027, 3, 1)


def test_working_days_and_calendar_units_do_not_mix():
    with pytest.raises(ValueError):
        PLAIN.legal_deadline(D(2026, 1, 1), days=2, working_days=2)
    with pytest.raises(ValueError):
        PLAIN.add_working_days(D(2026, 1, 1), -1)


def _working_days_between(start, end):
    """Working days in (start, end]."""
    return sum(
        PLAIN.is_working_day(start + datetime.timedelta(n))
        for n in range(1, (end - start).days + 1)
    )


@given(start=dates, days=st.integers(min_value=1, max_value=60))
def test_working_day_deadline_is_the_nth_working_day(start, days):
    end = PLAIN.add_working_days(start, days)
    assert PLAIN.is_working_day(end)
    assert end.weekday() < 5 and end not in dutch_public_holidays(end.year)
    assert _working_days_between(start, end) == days
    assert end - start >= datetime.timedelta(days=days)


@given(first=dates, second=dates, days=st.integers(min_value=0, max_value=30))
def test_a_later_start_never_gives_an_earlier_deadline(first, second, days):
    first, second = sorted((first, second))
    assert PLAIN.add_working_days(first, days) <= PLAIN.add_working_days(second, days)
    assert PLAIN.legal_deadline(first, days=days) <= PLAIN.legal_deadline(second, days=days)


@given(
    start=dates,
    days=st.integers(min_value=0, max_value=60),
    weeks=st.integers(min_value=0, max_value=12),
    months=st.integers(min_value=0, max_value=12),
)
def test_a_calendar_period_ends_on_a_working_day_not_before_its_length(start, days, weeks, months):
    end = PLAIN.legal_deadline(start, days=days, weeks=weeks, months=months)
    plain_end = add_months(start, months) + datetime.timedelta(days=days + 7 * weeks)
    assert end >= plain_end
    assert PLAIN.is_working_day(end)
    if (plain_end - start).days >= 3:
        assert _working_days_between(start, end) >= 2
    # It never runs on further than needed: the days between the plain end and the deadline
    # are all non-working, unless art. 2 needed more working days.
    if _working_days_between(start, end) > 2:
        assert _working_days_between(plain_end, end) <= 1
