"""Working days and legal periods, the Dutch way.

Laws count in two ways. Most periods are in calendar units ("within 6 weeks", "within 7 days");
by the Algemene termijnenwet such a period, when it ends on a Saturday, Sunday or a generally
recognised public holiday, runs on to the next day that is none of these (art. 1), and a period
of at least three days always holds at least two such days (art. 2). A few periods are in
working days (Wgs: "within 3 working days").

The public holidays are those of the Algemene termijnenwet, art. 3: New Year's Day, Easter
Monday, Ascension Day, Whit Monday, Christmas Day and Boxing Day, King's Day and 5 May. (Easter
Sunday and Whit Sunday are Sundays anyway.) Days the municipality is closed on top of these,
such as Good Friday or a bridge day, are `ClosedDay`s kept in the admin; they count as
non-working days here too.
"""

import calendar
import datetime
from functools import lru_cache

DAY = datetime.timedelta(days=1)
SATURDAY = 5


def easter_sunday(year: int) -> datetime.date:
    """Western Easter (the anonymous Gregorian algorithm of Meeus, Jones and Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@lru_cache(maxsize=256)
def dutch_public_holidays(year: int) -> dict[datetime.date, str]:
    """The generally recognised public holidays of the Algemene termijnenwet, art. 3."""
    easter = easter_sunday(year)
    kings_day = datetime.date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday the King's birthday is celebrated a day early
        kings_day -= DAY
    return {
        datetime.date(year, 1, 1): "Nieuwjaarsdag",
        easter + DAY: "Tweede Paasdag",
        kings_day: "Koningsdag",
        datetime.date(year, 5, 5): "Bevrijdingsdag",
        easter + 39 * DAY: "Hemelvaartsdag",
        easter + 50 * DAY: "Tweede Pinksterdag",
        datetime.date(year, 12, 25): "Eerste Kerstdag",
        datetime.date(year, 12, 26): "Tweede Kerstdag",
    }


class Calendar:
    """Which days count as working days: weekends and public holidays never do, nor the days
    the municipality is closed. Loads the closed days once, for the years it is asked about."""

    def __init__(self, closed_days=None):
        # None: read ClosedDay from the database, one query per year asked about.
        self._closed_days = None if closed_days is None else frozenset(closed_days)
        self._closed_by_year: dict[int, frozenset[datetime.date]] = {}

    def _closed(self, year: int) -> frozenset[datetime.date]:
        if self._closed_days is not None:
            return self._closed_days
        if year not in self._closed_by_year:
            from eigenplan.core.models import ClosedDay

            self._closed_by_year[year] = frozenset(
                ClosedDay.objects.filter(date__year=year).values_list("date", flat=True)
            )
        return self._closed_by_year[year]

    def is_working_day(self, day: datetime.date) -> bool:
        return (
            day.weekday() < SATURDAY
            and day not in dutch_public_holidays(day.year)
            and day not in self._closed(day.year)
        )

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The day on which `days` working days after `start` have passed (start itself does
        not count). Zero days is `start` itself."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        while days:
            day += DAY
            if self.is_working_day(day):
                days -= 1
        return day

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += DAY
        return day

    def legal_deadline(
        self,
        start: datetime.date,
        *,
        days: int = 0,
        weeks: int = 0,
        months: int = 0,
        working_days: int = 0,
    ) -> datetime.date:
        """The last day of a period that starts the day after `start`.

        In working days: simply the `working_days`-th working day. In calendar units (months
        first, then weeks and days), per the Algemene termijnenwet: a period ending on a
        non-working day ends on the next working day (art. 1), and a period of three days or
        more holds at least two working days (art. 2)."""
        if working_days:
            if days or weeks or months:
                raise ValueError("a period is in working days or in calendar units, not both")
            return self.add_working_days(start, working_days)
        if min(days, weeks, months) < 0:
            raise ValueError("a period must not be negative")
        nominal_end = add_months(start, months) + datetime.timedelta(days=days + 7 * weeks)
        end = self.next_working_day(nominal_end)
        # Art. 2 is about the period as the law sets it, not as art. 1 lengthened it: one day
        # from a Friday ends on Monday, with one working day in it, and that is right.
        if (nominal_end - start).days >= 3:
            within = sum(
                self.is_working_day(start + n * DAY) for n in range(1, (end - start).days + 1)
            )
            if within < 2:
                end = self.add_working_days(end, 2 - within)
        return end


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the last day of the month where that month is shorter
    (31 January plus one month is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def is_working_day(day: datetime.date) -> bool:
    return Calendar().is_working_day(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    return Calendar().add_working_days(start, days)


def legal_deadline(
    start: datetime.date, *, days: int = 0, weeks: int = 0, months: int = 0, working_days: int = 0
) -> datetime.date:
    return Calendar().legal_deadline(
        start, days=days, weeks=weeks, months=months, working_days=working_days
    )
