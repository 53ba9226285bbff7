"""Until a professional has passed the second step of logging in (eigenplan.accounts
.second_factor), they reach nothing but the pages that set up or ask for the code, logging out
and the language switch. That holds for every page, Django's admin (/beheer/) included, and for
every API call made with the session: such a call is answered 403. An API call with a token is
left to the token (tokens for professionals are only given out with a code, see
eigenplan.api.views.auth).
"""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from eigenplan.accounts import second_factor
from eigenplan.accounts.sessions import API_PREFIX

OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "accounts:second_factor",
        "accounts:second_factor_setup",
        "accounts:logout",
        "set_language",
    }
)


def second_factor_url(user, next_url: str = "") -> str:
    """Where this user passes the second step: the code page, or setting up the app first."""
    name = (
        "accounts:second_factor"
        if second_factor.confirmed_device(user) is not None
        else "accounts:second_factor_setup"
    )
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class SecondFactorMiddleware:
    """Place it after the authentication middleware and SessionTimeoutMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if second_factor.required(user) and not second_factor.is_verified(request.session):
            if request.path.startswith(API_PREFIX):
                if "HTTP_AUTHORIZATION" in request.META:
                    request.user = AnonymousUser()  # the session does not count; the token may
                    return self.get_response(request)
                return JsonResponse(
                    {
                        "detail": _(
                            "U bent nog niet helemaal ingelogd. Vul eerst op de website de code "
                            "uit uw app in."
                        )
                    },
                    status=403,
                )
            request.second_factor_pending = True  # base.html shows no menu that leads nowhere
            if not self._open(request):
                next_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
                return redirect(second_factor_url(user, next_url))
        return self.get_response(request)

    @staticmethod
    def _open(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in OPEN_BEFORE_SECOND_FACTOR
