"""Single sign-on for professionals through the municipality's OpenID Connect provider
(mozilla-django-oidc, authorization code flow with PKCE, nonce and state). The configured claim
  (EIGENPLAN_OIDC_CLAIM, e.g. ``email``) must match exactly one active account with a
professional role (EIGENPLAN_OIDC_USER_FIELD: its e-mail address or username). Nobody is ever
created or given rights by logging in: an unknown person is refused with a plain message.
The second factor: when the ID token's ``amr`` (or ``acr``) says the identity provider itself
  asked for a second factor (EIGENPLAN_OIDC_MFA_AMR / _ACR), the session counts as passed;
  otherwise eigenplan asks for its own TOTP code, as after a password.

Residents log in with DigiD through django-digid-eherkenning (eigenplan.accounts.digid), which
shares the way back (CallbackOutcome) with this module.

Endpoints come from the provider's discovery document (fetched when first needed, kept for an
hour). The ID token must be signed (RS256) by a key from the provider's JWKS and name the
provider as issuer and this client as audience.

Re-authentication (eigenplan.accounts.reauth): someone who logged in this way and has no
password of ours confirms who they are with a fresh round trip (``?opnieuw=1`` asks the
provider for ``prompt=login`` and ``max_age=0``), which must bring back the same person.
"""

import logging
import time

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from eigenplan.accounts import reauth, second_factor
from eigenplan.accounts.models import SECOND_FACTOR_ROLES
from eigenplan.accounts.oidc_config import SSO, Provider

logger = logging.getLogger(__name__)

DISCOVERY_SECONDS = 3600
_discovery_cache: dict[str, tuple[float, dict]] = {}
# The request attribute that tells the backend which provider this callback is for.
PROVIDER_ATTRIBUTE = "eigenplan_oidc_provider"
FAILURE_ATTRIBUTE = "eigenplan_oidc_failure"
UNKNOWN = "unknown"


def provider(name: str) -> Provider | None:
    return getattr(settings, "OIDC_PROVIDERS", {}).get(name)


def enabled(name: str) -> bool:
    return provider(name) is not None


def discovery(prov: Provider) -> dict:
    cached = _discovery_cache.get(prov.discovery_url)
    if cached is not None and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    response = requests.get(prov.discovery_url, timeout=prov.timeout)
    response.raise_for_status()
    document = response.json()
    for key in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not document.get(key):
            raise ImproperlyConfigured(f"The OIDC discovery document has no {key}.")
    _discovery_cache[prov.discovery_url] = (time.monotonic(), document)
    return document


def forget_discovery() -> None:
    _discovery_cache.clear()


def provider_setting(prov: Provider, attr: str, *args):
    """mozilla-django-oidc's settings, per provider."""
    fixed = {
        "OIDC_RP_CLIENT_ID": prov.client_id,
        "OIDC_RP_CLIENT_SECRET": prov.client_secret,
        "OIDC_RP_SCOPES": prov.scopes,
        "OIDC_RP_SIGN_ALGO": prov.sign_algo,
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_AUTHENTICATION_CALLBACK_URL": prov.callback_url_name,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_CREATE_USER": False,
        "OIDC_TIMEOUT": prov.timeout,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        "LOGIN_REDIRECT_URL_FAILURE": settings.LOGIN_URL,
    }
    if attr in fixed:
        return fixed[attr]
    endpoints = {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
        "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
        "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
        "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    }
    if attr in endpoints:
        return discovery(prov).get(endpoints[attr])
    return import_from_settings(attr, *args)


class OIDCBackend(OIDCAuthenticationBackend):
    """Answers only on a callback of one of our providers; never creates accounts."""

    def __init__(self, *args, **kwargs):
        # mozilla-django-oidc reads every endpoint here; Django makes a backend for every login
        # and every request's user, so that waits until a callback really needs it.
        self.UserModel = get_user_model()
        self.provider = None

    def get_settings(self, attr, *args):
        return provider_setting(self.provider, attr, *args)

    def authenticate(self, request, **kwargs):
        prov = getattr(request, PROVIDER_ATTRIBUTE, None) if request is not None else None
        if prov is None:
            return None
        self.provider = prov
        self.OIDC_OP_TOKEN_ENDPOINT = self.get_settings("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = self.get_settings("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = self.get_settings("OIDC_OP_JWKS_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = prov.client_id
        self.OIDC_RP_CLIENT_SECRET = prov.client_secret
        self.OIDC_RP_SIGN_ALGO = prov.sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The signature and nonce (mozilla-django-oidc), and also who issued the token and for
        whom: mozilla-django-oidc checks neither."""
        payload = super().verify_token(token, **kwargs)
        if payload.get("iss") != discovery(self.provider)["issuer"]:
            raise SuspiciousOperation("ID token from another issuer.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.provider.client_id not in audiences:
            raise SuspiciousOperation("ID token for another client.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed from the userinfo endpoint when the claim we match
        on is not in the token (only for the same subject)."""
        claims = dict(payload)
        if self.provider.claim not in claims and self.OIDC_OP_USER_ENDPOINT:
            extra = super().get_userinfo(access_token, id_token, payload)
            if extra.get("sub") == payload.get("sub"):
                claims = {**extra, **claims}
        return claims

    def verify_claims(self, claims):
        return bool(claims.get(self.provider.claim))

    def filter_users_by_claims(self, claims):
        value = str(claims.get(self.provider.claim, "")).strip()
        users = self.UserModel.objects.filter(is_active=True)
        if not value:
            return users.none()
        return users.filter(
            **{f"{self.provider.user_field}__iexact": value}, role__in=SECOND_FACTOR_ROLES
        )

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("The identity provider sent no usable claim.")
        users = list(self.filter_users_by_claims(claims)[:2])
        if len(users) != 1:
            # Nobody, or more than one account: refuse either way, and never say the value.
            setattr(self.request, FAILURE_ATTRIBUTE, UNKNOWN)
            return None
        user = users[0]
        user.eigenplan_idp_mfa = self.provider.name == SSO and self._says_mfa(payload)
        user.eigenplan_auth_time = payload.get("auth_time")
        return user

    def _says_mfa(self, payload) -> bool:
        amr = payload.get("amr") or []
        amr = {amr} if isinstance(amr, str) else set(amr)
        return bool(amr & self.provider.mfa_amr) or payload.get("acr") in self.provider.mfa_acr


class ProviderMixin:
    provider_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.provider = provider(self.provider_name)
        if self.provider is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_settings(self, attr, *args):
        return provider_setting(self.provider, attr, *args)


class LoginStart(ProviderMixin, OIDCAuthenticationRequestView):
    """To the provider's login page. `?opnieuw=1`: make the person log in there again, also
    when the provider still knows them (for re-authentication)."""

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except (requests.RequestException, ValueError, ImproperlyConfigured):
            logger.warning("OIDC provider %s unreachable", self.provider.name, exc_info=True)
            messages.error(request, unreachable_message())
            return redirect(settings.LOGIN_URL)
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        return super().get(request)

    def get_extra_params(self, request):
        if request.GET.get("opnieuw"):
            return {"prompt": "login", "max_age": "0"}
        return {}


def unreachable_message() -> str:
    return _("Inloggen lukt nu niet: de inlogdienst antwoordt niet. Probeer het later opnieuw.")


def failure_message(provider_name: str, reason: str | None) -> str:
    if reason == UNKNOWN and provider_name == "digid":
        return _(
            "U bent ingelogd met DigiD, maar wij kunnen u niet vinden in eigenplan. Misschien "
            "heeft de gemeente u nog niet ingeschreven. Neem contact op met uw buurtteam."
        )
    if reason == UNKNOWN:
        return _(
            "U bent ingelogd bij uw organisatie, maar er is in eigenplan geen medewerker met dit "
            "account. Vraag de beheerder van eigenplan om uw account te koppelen."
        )
    return _("Het inloggen is niet gelukt. Probeer het opnieuw.")


class CallbackOutcome:
    """The way back from a provider, for single sign-on and DigiD alike: refused logins get a
    plain message; a round trip while logged in is a re-authentication."""

    method = ""  # "sso" or "digid": the login method kept in the session

    def finish(self, request, get):
        try:
            return get(request)
        except (SuspiciousOperation, jwt.InvalidTokenError, jwt.PyJWKError) as refused:
            # Wrong state, nonce, signature, issuer or audience, or an expired token: someone
            # may be replaying or forging a login. Nothing about the person is in these
            # messages.
            logger.warning("OIDC login refused (%s): %s", self.method, refused)
            return self.login_failure()
        except (requests.RequestException, ValueError, ImproperlyConfigured):
            logger.warning("OIDC provider %s failed", self.method, exc_info=True)
            messages.error(request, unreachable_message())
            return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))

    def login_failure(self):
        request = self.request
        reason = getattr(request, FAILURE_ATTRIBUTE, None)
        messages.error(request, failure_message(self.method, reason))
        return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))

    def login_success(self):
        request, user = self.request, self.user
        current = request.user
        if current.is_authenticated and current.pk != user.pk:
            # A round trip to confirm who you are brought back someone else: not them.
            auth.logout(request)
            messages.error(
                request,
                _("U logde in als iemand anders dan eerst. Log opnieuw in met uw eigen account."),
            )
            return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))
        if current.is_authenticated:
            # Re-authentication: the provider must really have asked again (prompt=login,
            # max_age=0), which its auth_time shows.
            if not _fresh(getattr(user, "eigenplan_auth_time", None)):
                messages.error(request, _("Het bevestigen is niet gelukt. Probeer het opnieuw."))
                return HttpResponseRedirect(resolve_url(settings.LOGIN_REDIRECT_URL))
            request.session.cycle_key()
            reauth.mark_verified(request)
        else:
            auth.login(request, user)
        session = request.session
        second_factor.set_login_method(session, self.method)
        if getattr(user, "eigenplan_idp_mfa", False):
            second_factor.mark_verified(session, "sso")
        return HttpResponseRedirect(self.success_url)


class LoginCallback(ProviderMixin, CallbackOutcome, OIDCAuthenticationCallbackView):
    """Back from the provider: check state, nonce and token, find the account, log in."""

    method = SSO

    def get(self, request):
        setattr(request, PROVIDER_ATTRIBUTE, self.provider)
        return self.finish(request, super().get)


def _fresh(auth_time, max_age_seconds: int = 300) -> bool:
    try:
        age = timezone.now().timestamp() - float(auth_time)
    except (TypeError, ValueError):
        return False
    return -60 <= age <= max_age_seconds


def login_start(name):
    return LoginStart.as_view(provider_name=name)


def login_callback(name):
    return LoginCallback.as_view(provider_name=name)
