"""A clock the test moves by hand: django.utils.timezone.now is replaced for the test, so
everything that asks Django for the time (the login throttle, the session clocks, Django's own
session expiry) sees the same frozen moment until the test moves it on."""

import datetime

from django.utils import timezone


class Clock:
    def __init__(self, start: datetime.datetime):
        self.now = start

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += datetime.timedelta(**delta)

    @classmethod
    def install(cls, monkeypatch) -> "Clock":
        clock = cls(timezone.now().replace(microsecond=0))
        monkeypatch.setattr(timezone, "now", clock)
        return clock
