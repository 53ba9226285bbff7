"""Login throttling: too many wrong passwords for one username, or from one client address, and
logging in is refused for a while.

Counted in the database (LoginThrottle), not in a process's memory, so the limits hold across
all gunicorn workers. Usernames and addresses are stored only as a keyed hash (HMAC with
SECRET_KEY): the table says how often *something* failed, not who tried.

Used by every place that checks a password: the login page, the API token endpoint and the
re-authentication page (``authenticate_throttled``), and with ``kind=CODE`` by every place that
checks a second-factor code (eigenplan.accounts.second_factor).

Limits (settings.LOGIN_THROTTLE): after ``per_username`` failures for a username, or ``per_ip``
failures from one client address, within ``window_minutes``, logins for that username or from
that address are refused for ``lockout_minutes`` - even with the right password. A successful
login clears the username's count (not the address's: one valid account must not reset an
attacker's count). IPv6 addresses count per /64 network, which is what one subscriber gets.

Behind a reverse proxy, set EIGENPLAN_PROXY_COUNT, or every request seems to come from the proxy
and the per-address limit locks out everyone at once.
"""

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from eigenplan.accounts.models import LoginThrottle

DEFAULTS = {"per_username": 5, "per_ip": 20, "window_minutes": 15, "lockout_minutes": 15}
_HASH_SALT = "eigenplan.accounts.throttle"
# What is being guessed. Codes (eigenplan.accounts.second_factor) have their own count per user,
# with the same limits; the count per client address is shared with passwords.
PASSWORD = "password"  # noqa: S105 - the name of a kind of guess, not a password
CODE = "code"
# The ValidationError code of a refused attempt, for forms that show the lockout differently.
THROTTLED = "throttled"


class LoginThrottled(Exception):
    """Logging in is refused until `until`. `kind` says what was guessed: a password or a
    second-factor code."""

    def __init__(self, until: datetime, kind: str = PASSWORD):
        self.until = until
        self.kind = kind
        super().__init__(self.message)

    @property
    def retry_after(self) -> int:
        """Seconds until the next attempt is allowed (for the Retry-After header)."""
        return max(1, math.ceil((self.until - timezone.now()).total_seconds()))

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))

    @property
    def message(self) -> str:
        if self.kind == CODE:
            return ngettext(
                "U heeft te vaak een verkeerde code ingevuld. "
                "Probeer het over %(minutes)d minuut opnieuw.",
                "U heeft te vaak een verkeerde code ingevuld. "
                "Probeer het over %(minutes)d minuten opnieuw.",
                self.minutes,
            ) % {"minutes": self.minutes}
        return ngettext(
            "U heeft te vaak een verkeerd wachtwoord ingevuld. "
            "Probeer het over %(minutes)d minuut opnieuw.",
            "U heeft te vaak een verkeerd wachtwoord ingevuld. "
            "Probeer het over %(minutes)d minuten opnieuw.",
            self.minutes,
        ) % {"minutes": self.minutes}


@dataclass(frozen=True)
class _Counter:
    key: str
    limit: int


def _config() -> dict:
    return {**DEFAULTS, **getattr(settings, "LOGIN_THROTTLE", {})}


def _hash(kind: str, value: str) -> str:
    return salted_hmac(_HASH_SALT, f"{kind}:{value}", algorithm="sha256").hexdigest()


def client_address(request) -> str:
    """The client's address as far as we can trust it: REMOTE_ADDR, or with
    EIGENPLAN_PROXY_COUNT = n proxies in front, the n-th address from the right in
    X-Forwarded-For (the one our outermost proxy saw; anything left of it the client can forge).
    IPv6 addresses are reduced to their /64 network."""
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    proxies = getattr(settings, "EIGENPLAN_PROXY_COUNT", 0)
    if proxies > 0 and request is not None:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    return normalise_address(address)


def normalise_address(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:100] or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _normalise_username(username: str) -> str:
    return (username or "").strip().casefold()


def username_key(username: str) -> str:
    return _hash("username", _normalise_username(username))


def address_key(address: str) -> str:
    return _hash("ip", normalise_address(address))


def code_key(username: str) -> str:
    return _hash("code", _normalise_username(username))


def _counters(request, username: str, kind: str = PASSWORD) -> list[_Counter]:
    config = _config()
    own_key = code_key(username) if kind == CODE else username_key(username)
    return [
        _Counter(own_key, config["per_username"]),
        _Counter(address_key(client_address(request)), config["per_ip"]),
    ]


def check(request, username: str, kind: str = PASSWORD) -> None:
    """Raise LoginThrottled when the username or the client address is locked out now."""
    now = timezone.now()
    keys = [counter.key for counter in _counters(request, username, kind)]
    until = (
        LoginThrottle.objects.filter(key__in=keys, locked_until__gt=now)
        .order_by("-locked_until")
        .values_list("locked_until", flat=True)
        .first()
    )
    if until is not None:
        raise LoginThrottled(until, kind)


def record_failure(request, username: str, kind: str = PASSWORD) -> bool:
    """Count one failed attempt for the username and the client address; lock a key out when it
    reaches its limit. Each counter is updated under a row lock, so parallel workers do not lose
    counts. True when this attempt started a lockout."""
    config = _config()
    now = timezone.now()
    window = timedelta(minutes=config["window_minutes"])
    lockout = timedelta(minutes=config["lockout_minutes"])
    locked = False
    for counter in _counters(request, username, kind):
        with transaction.atomic():
            row, _created = LoginThrottle.objects.select_for_update().get_or_create(
                key=counter.key, defaults={"window_start": now}
            )
            if row.window_start <= now - window:
                row.failures, row.window_start = 0, now
            row.failures += 1
            if row.failures >= counter.limit:
                # Locked out; once the lockout ends the count starts afresh.
                row.locked_until = now + lockout
                row.failures, row.window_start = 0, now
                locked = True
            row.save()
    # Forget counters that can no longer lock anyone out.
    LoginThrottle.objects.filter(window_start__lte=now - window).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    ).delete()
    return locked


def record_success(request, username: str, kind: str = PASSWORD) -> None:
    """The right password (or code): the username's count starts again (the address's does
    not)."""
    key = code_key(username) if kind == CODE else username_key(username)
    LoginThrottle.objects.filter(key=key).delete()


def authenticate_throttled(request, *, username: str, password: str):
    """django.contrib.auth.authenticate behind the throttle. Returns the user or None (wrong
    credentials, counted); raises LoginThrottled when refused, without checking the password -
    also on the attempt that reaches the limit, so the person learns it at once."""
    check(request, username)
    user = authenticate(request, username=username, password=password)
    if user is None:
        record_failure(request, username)
        check(request, username)
    else:
        record_success(request, username)
    return user
