"""Calendar periods: one month after 31 January is the last day of February; retention keeps
data through its last day and removes it from the next local midnight, exactly."""

import datetime
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eigenplan.privacy.periods import (
    add_months,
    last_day_kept,
    removal_cutoff,
    removal_moment,
)

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2027, 1, 31), 1, D(2027, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2027, 3, 15), 1, D(2027, 4, 15)),
        (D(2027, 3, 31), 1, D(2027, 4, 30)),
        (D(2027, 12, 31), 1, D(2028, 1, 31)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),
        (D(2027, 2, 28), 1, D(2027, 3, 28)),  # the same day, not the month's end
        (D(2027, 3, 31), -1, D(2027, 2, 28)),
        (D(2027, 1, 15), -13, D(2025, 12, 15)),
    ],
)
def test_calendar_months(day, months, expected):
    assert add_months(day, months) == expected


def test_data_is_kept_through_its_last_day_and_removed_at_the_next_midnight(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    reference = datetime.datetime(2027, 1, 31, 23, 30, tzinfo=AMSTERDAM)
    assert last_day_kept(reference, 1, "months") == D(2027, 2, 28)
    assert removal_moment(reference, 1, "months") == datetime.datetime(2027, 3, 1, tzinfo=AMSTERDAM)
    # The local day counts, not the UTC one (22:30 UTC on 31 January is still 31 January here).
    assert last_day_kept(reference.astimezone(datetime.UTC), 1, "months") == D(2027, 2, 28)


moments = st.datetimes(
    min_value=datetime.datetime(2020, 1, 1),
    max_value=datetime.datetime(2035, 12, 31),
    timezones=st.just(AMSTERDAM),
)


@settings(max_examples=400, deadline=None)
@given(
    reference=moments,
    now=moments,
    amount=st.integers(min_value=0, max_value=40),
    unit=st.sampled_from(["days", "months", "years"]),
)
def test_the_cutoff_of_a_run_removes_exactly_what_has_passed_its_period(
    reference, now, amount, unit
):
    # One query per run ("reference before the cutoff") must agree with the period of each
    # record ("now at or after its removal moment"), for any moment, month end or leap day.
    due = now >= removal_moment(reference, amount, unit)
    assert (reference < removal_cutoff(now, amount, unit)) == due
