"""Periods counted in calendar days, months and years, the way the law counts them.

A period in months ends on the same day of the month, or on the last day of the month when that
day does not exist there (EU Regulation 1182/71 art. 3(2)(c), which the AVG's "one month" of art.
12(3) follows): a request received on 31 January is due on 28 February (29 in a leap year), one
received on 15 March on 15 April.

We do not move a deadline that falls on a weekend or public holiday to the next working day
(art. 3(4) of that regulation allows it): the deadline shown is never later than the legal one.

Retention is counted on local calendar days too: data whose period ends on day D is kept all
of day D and is due for removal from the start of the next day (local midnight). `removal_cutoff`
turns that into one moment per run, so that "everything with a reference moment before the
cutoff" is exactly the data whose period has ended; tests/privacy/test_periods.py proves the two
agree for any moment.
"""

import calendar
import datetime

from django.utils import timezone


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months` calendar months (negative: minus), on the last day of the month when
    the same day does not exist there."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_last_day_of_month(day: datetime.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def add_period(day: datetime.date, amount: int, unit: str) -> datetime.date:
    """`day` plus a period of `amount` days, months or years ("days", "months", "years")."""
    if unit == "days":
        return day + datetime.timedelta(days=amount)
    if unit == "months":
        return add_months(day, amount)
    if unit == "years":
        return add_months(day, 12 * amount)
    raise ValueError(f"unknown unit {unit!r}")


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Local midnight at the start of `day`, as an aware moment."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def last_day_kept(reference: datetime.datetime, amount: int, unit: str) -> datetime.date:
    """The last day data with this reference moment is kept: its local date plus the period."""
    return add_period(timezone.localdate(reference), amount, unit)


def removal_moment(reference: datetime.datetime, amount: int, unit: str) -> datetime.datetime:
    """When data with this reference moment is due for removal: the start of the day after
    the last day it is kept."""
    return start_of_day(last_day_kept(reference, amount, unit) + datetime.timedelta(days=1))


def removal_cutoff(now: datetime.datetime, amount: int, unit: str) -> datetime.datetime:
    """Data with a reference moment before this is due for removal at `now`.

    The last day kept must be before today: the newest reference day D with D + period <= today
    - 1. Adding days and months keeps the order of days (two days in one month may land on the
    same last day, never in the other order), so every day up to that D qualifies and no later
    day does."""
    yesterday = timezone.localdate(now) - datetime.timedelta(days=1)
    if unit == "days":
        newest = yesterday - datetime.timedelta(days=amount)
    else:
        months = amount * 12 if unit == "years" else amount
        newest = add_months(yesterday, -months)
        if is_last_day_of_month(yesterday):
            # Every day of the month `months` back ends on or before the last day of this one.
            newest = newest.replace(day=calendar.monthrange(newest.year, newest.month)[1])
    return start_of_day(newest + datetime.timedelta(days=1))
