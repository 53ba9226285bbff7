"""Sessions end by themselves: after EIGENPLAN_SESSION_IDLE_MINUTES without a request (30 by
default) and in any case EIGENPLAN_SESSION_MAX_MINUTES after logging in (8 hours).

The session remembers when its user logged in, when they last did something and when they last
proved who they are with their password (for eigenplan.accounts.reauth). The last activity is
written at most once a minute, so a busy user does not cost a database write per request; the
idle time is therefore measured to within a minute, erring on the safe side.

A page request in an expired session is logged out and sent to the login page with a plain
message; after logging in the user comes back to the page they asked for. An API call in an
expired session is logged out and gets the API's own 401/403 answer.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout, user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

LOGIN_AT = "_ep_login_at"
LAST_ACTIVITY = "_ep_last_activity"
VERIFIED_AT = "_ep_verified_at"
ACTIVITY_RESOLUTION_SECONDS = 60
API_PREFIX = "/api/"


def now_timestamp() -> float:
    return timezone.now().timestamp()


def idle_seconds() -> int:
    return int(getattr(settings, "EIGENPLAN_SESSION_IDLE_MINUTES", 30)) * 60


def max_seconds() -> int:
    return int(getattr(settings, "EIGENPLAN_SESSION_MAX_MINUTES", 8 * 60)) * 60


@receiver(user_logged_in, dispatch_uid="eigenplan.accounts.sessions.start")
def start_session_clock(sender, request, user, **kwargs):
    """A fresh login: the idle clock, the absolute clock and the password clock all start now."""
    session = getattr(request, "session", None)
    if session is None:
        return
    now = now_timestamp()
    session[LOGIN_AT] = now
    session[LAST_ACTIVITY] = now
    session[VERIFIED_AT] = now


class SessionTimeoutMiddleware:
    """Ends sessions that were idle too long or are too old. Place it after the authentication
    and messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:  # a logged-in session; no need to load the user for this
            now = now_timestamp()
            login_at = session.get(LOGIN_AT)
            last = session.get(LAST_ACTIVITY)
            if login_at is None or last is None:
                # A session from before these clocks existed: start them now.
                session[LOGIN_AT] = login_at = now if login_at is None else login_at
                session[LAST_ACTIVITY] = last = now
            if now - login_at > max_seconds():
                return self._expired(
                    request,
                    _("U was al lang ingelogd. Daarom bent u uitgelogd. Log opnieuw in."),
                )
            if now - last > idle_seconds():
                return self._expired(request, _("U was een tijd niet actief. Log opnieuw in."))
            if now - last >= ACTIVITY_RESOLUTION_SECONDS:
                session[LAST_ACTIVITY] = now
        return self.get_response(request)

    def _expired(self, request, message):
        logout(request)
        if request.path.startswith(API_PREFIX):
            return self.get_response(request)  # anonymous now: the API answers 401/403
        messages.warning(request, message)
        if request.method in ("GET", "HEAD"):
            return redirect_to_login(request.get_full_path())
        # What was posted is lost with the session; the form can be opened again after login.
        return redirect(settings.LOGIN_URL)
