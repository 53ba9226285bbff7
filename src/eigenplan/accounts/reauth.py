"""Re-authentication before sensitive actions (exporting data, changing consent, ...).

    from eigenplan.accounts.reauth import requires_recent_login

    @requires_recent_login(max_age_minutes=5)
    def export(request, household_id): ...

A user who did not type their password in the last `max_age_minutes` (logging in counts) is sent
to /opnieuw-inloggen/ and, after confirming their password there, back to the page they asked
for. The redirect is always a GET: decorate the page that shows the action (its GET and its
POST); a POST from a page opened long ago is sent to confirm first and then to that page again,
not replayed. Anonymous users go to the login page, like login_required.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from eigenplan.accounts.sessions import VERIFIED_AT, now_timestamp

DEFAULT_MAX_AGE_MINUTES = 5


def mark_verified(request) -> None:
    """The user has just proved who they are with their password."""
    request.session[VERIFIED_AT] = now_timestamp()


def verified_within(request, max_age_minutes: float) -> bool:
    verified_at = request.session.get(VERIFIED_AT)
    if verified_at is None:
        return False
    age = now_timestamp() - verified_at
    return 0 <= age <= max_age_minutes * 60


def reauthenticate_url(next_url: str) -> str:
    return f"{reverse('accounts:reauthenticate')}?{urlencode({'next': next_url})}"


def requires_recent_login(view=None, *, max_age_minutes: float = DEFAULT_MAX_AGE_MINUTES):
    """Decorator: the view runs only for a user who typed their password in the last
    `max_age_minutes` minutes. Use as @requires_recent_login or
    @requires_recent_login(max_age_minutes=5)."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not verified_within(request, max_age_minutes):
                return redirect(reauthenticate_url(request.get_full_path()))
            return view_func(request, *args, **kwargs)

        return wrapped

    if view is not None:
        return decorator(view)
    return decorator
