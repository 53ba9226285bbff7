"""Two-factor authentication: who needs it, and whether this session has passed it.

Professionals and municipal staff (User.needs_second_factor) log in with their password and then
a code from an authenticator app (TOTP), or a one-time recovery code. The session remembers that
the second step was passed, when and how; until then SecondFactorMiddleware
(eigenplan.accounts.middleware) lets them reach only the pages that set up or ask for the code.

How the second factor was passed ("method"):
- ``totp``: a code from the app; ``recovery``: a recovery code;
- ``sso``: the municipality's identity provider said it asked for a second factor itself
  (its ``amr``/``acr`` claims, see eigenplan.accounts.oidc);
- ``demo``: the one-click demo login, which exists only in demo mode.
"""

from eigenplan.accounts.models import TOTPDevice
from eigenplan.accounts.sessions import now_timestamp

SECOND_FACTOR = "_ep_second_factor"
# How this session logged in: "password", "sso", "digid" or "demo" (for re-authentication).
LOGIN_METHOD = "_ep_login_method"


def required(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.needs_second_factor)


def is_verified(session) -> bool:
    return bool(session.get(SECOND_FACTOR))


def mark_verified(session, method: str) -> None:
    session[SECOND_FACTOR] = {"at": now_timestamp(), "method": method}


def method(session) -> str:
    return (session.get(SECOND_FACTOR) or {}).get("method", "")


def set_login_method(session, how: str) -> None:
    session[LOGIN_METHOD] = how


def login_method(session) -> str:
    return session.get(LOGIN_METHOD, "password")


def confirmed_device(user) -> TOTPDevice | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
