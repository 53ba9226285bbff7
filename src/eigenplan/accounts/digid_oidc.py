"""Residents log in with DigiD through django-digid-eherkenning's DigiD over OpenID Connect.

Only on PostgreSQL: mozilla-django-oidc-db's models use PostgreSQL array fields, so settings.py
installs these apps only there (eigenplan.accounts.digid tells the rest of eigenplan whether
DigiD is on).

An OpenID Connect broker in front of DigiD (the municipality's, or e.g. Signicat or Keycloak)
sends back the resident's BSN in a claim. The package and mozilla-django-oidc-db keep the whole
configuration in the database, edited in the admin (/beheer/, "OIDC clients" and "OIDC
providers") or filled by `eigenplan configure_digid`: the client ``digid-oidc`` (on/off, client
id and secret, scopes ``openid bsn``) with its options in django-digid-eherkenning's DigiD schema
(``identity_settings.bsn_claim_path``, ``["bsn"]``), and its provider (the broker's endpoints).
Off until that client is enabled: the login page then offers "Inloggen met DigiD".

The flow is mozilla-django-oidc-db's (authorization code, PKCE, nonce, state; the state says
which client). This module adds eigenplan's part: the plugin that turns the BSN into the
resident's account (Person.objects.find_by_bsn, the keyed hash; never a professional, nobody is
created), the backend that answers only on a DigiD callback and also checks the ID token's
issuer and audience, and the views around the package's, with plain Dutch messages. The BSN is
never logged, put in a URL, the session or a page: the tokens are not stored, and a refusal only
says that we could not find the person.

Re-authentication (eigenplan.accounts.reauth): ``/inloggen/digid/?opnieuw=1`` asks the broker
for ``prompt=login`` and ``max_age=0``; the way back must bring back the same resident, freshly
logged in (the ID token's auth_time).
"""

import logging

import requests
from digid_eherkenning.choices import DigiDAssuranceLevels
from digid_eherkenning.oidc.models import get_default_scopes_bsn
from digid_eherkenning.oidc.schemas import DIGID_OPTIONS_SCHEMA
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import BadRequest, ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.views import View
from glom import Path, glom
from mozilla_django_oidc_db.backends import OIDCAuthenticationBackend
from mozilla_django_oidc_db.config import store_config
from mozilla_django_oidc_db.exceptions import OIDCProviderOutage
from mozilla_django_oidc_db.models import OIDCClient
from mozilla_django_oidc_db.plugins import AbstractUserOIDCPluginProtocol, BaseOIDCPlugin
from mozilla_django_oidc_db.registry import register
from mozilla_django_oidc_db.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestInitView,
    OIDCCallbackView,
)

from eigenplan.accounts.digid import DIGID, IDENTIFIER
from eigenplan.accounts.models import SECOND_FACTOR_ROLES
from eigenplan.accounts.oidc import (
    FAILURE_ATTRIBUTE,
    UNKNOWN,
    CallbackOutcome,
    failure_message,
    unreachable_message,
)

logger = logging.getLogger(__name__)

DEFAULT_BSN_CLAIM = ["bsn"]


def enabled() -> bool:
    """Whether residents can log in with DigiD: the client is switched on in the admin."""
    return OIDCClient.objects.filter(
        identifier=IDENTIFIER, enabled=True, oidc_provider__isnull=False
    ).exists()


def options(bsn_claim_path: list[str]) -> dict:
    """The client's options in django-digid-eherkenning's DigiD schema. eigenplan reads only the
    BSN claim; the level of assurance (LoA) settings are there because the admin's form asks for
    them, and are not used."""
    return {
        "identity_settings": {"bsn_claim_path": bsn_claim_path},
        "loa_settings": {
            "claim_path": [],
            "default": DigiDAssuranceLevels.middle.value,
            "value_mapping": [],
        },
    }


def default_scopes() -> list[str]:
    return get_default_scopes_bsn()


@register(IDENTIFIER)
class DigiDPlugin(BaseOIDCPlugin, AbstractUserOIDCPluginProtocol):
    """mozilla-django-oidc-db's plugin for the ``digid-oidc`` client: from BSN to resident."""

    schema = DIGID_OPTIONS_SCHEMA
    # Not configurable: eigenplan never creates accounts and never keeps the tokens (the ID
    # token holds the BSN), and the way back is always ours.
    fixed_settings = {
        "OIDC_USE_PKCE": True,
        "OIDC_CREATE_USER": False,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:digid_callback",
        "OIDC_TIMEOUT": 10,
    }

    def get_schema(self):
        return DIGID_OPTIONS_SCHEMA

    def get_setting(self, attr, *args):
        if attr.upper() in self.fixed_settings:
            return self.fixed_settings[attr.upper()]
        return super().get_setting(attr, *args)

    def validate_settings(self) -> None:
        config = self.get_config()
        provider = config.oidc_provider
        if provider is None:
            raise ImproperlyConfigured("The DigiD OIDC client has no OIDC provider.")
        if config.oidc_rp_sign_algo.startswith(("RS", "ES")) and not (
            config.oidc_rp_idp_sign_key or provider.oidc_op_jwks_endpoint
        ):
            raise ImproperlyConfigured("DigiD over OIDC needs the provider's JWKS endpoint.")

    def bsn(self, claims) -> str:
        options = self.get_config().options or {}
        path = options.get("identity_settings", {}).get("bsn_claim_path") or DEFAULT_BSN_CLAIM
        value = glom(claims, Path(*path), default="")
        return str(value).strip() if isinstance(value, str | int) else ""

    def verify_claims(self, claims) -> bool:
        return bool(self.bsn(claims))

    def filter_users_by_claims(self, claims):
        from eigenplan.households.models import Person

        users = get_user_model().objects.filter(is_active=True)
        persons = Person.objects.find_by_bsn(self.bsn(claims)).filter(user__isnull=False)
        # Residents only: a professional never logs in with DigiD.
        return users.filter(pk__in=persons.values("user_id")).exclude(role__in=SECOND_FACTOR_ROLES)

    def create_user(self, claims):
        raise SuspiciousOperation("DigiD never creates accounts.")

    def update_user(self, user, claims):
        return user

    def get_extra_params(self, request, extra_params):
        if request.GET.get("opnieuw"):
            # Re-authentication: the broker must ask the resident to log in again.
            return {**extra_params, "prompt": "login", "max_age": "0"}
        return extra_params

    def handle_callback(self, request):
        return callback_view(request)


class DigiDBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc-db's backend, answering only on the way back from DigiD."""

    def authenticate(self, request, nonce=None, code_verifier=None):
        config = getattr(request, "_oidcdb_config", None) if request is not None else None
        if config is None or config.identifier != IDENTIFIER:
            return None
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def verify_token(self, token, **kwargs):
        """The signature and nonce (mozilla-django-oidc), and also who issued the token and for
        whom: mozilla-django-oidc checks neither."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.config.oidc_rp_client_id not in audiences:
            raise SuspiciousOperation("ID token for another client.")
        discovery = self.config.oidc_provider.oidc_op_discovery_endpoint
        if discovery:
            # OpenID Connect Discovery: the issuer is the discovery URL without its suffix.
            issuer = discovery.split("/.well-known/")[0].rstrip("/")
            if str(payload.get("iss", "")).rstrip("/") != issuer:
                raise SuspiciousOperation("ID token from another issuer.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims is not payload and claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("Userinfo about another subject.")
        plugin = register[IDENTIFIER]
        if not plugin.verify_claims(claims):
            raise SuspiciousOperation("The identity provider sent no BSN.")
        users = list(plugin.filter_users_by_claims(claims)[:2])
        if len(users) != 1:
            # Nobody, or more than one account: refuse either way, and never say the BSN.
            setattr(self.request, FAILURE_ATTRIBUTE, UNKNOWN)
            return None
        user = users[0]
        user.eigenplan_auth_time = payload.get("auth_time")
        return user


class LoginStart(OIDCAuthenticationRequestInitView):
    """To the DigiD broker (the package's init view). `?opnieuw=1`: make the resident log in
    there again (for re-authentication)."""

    identifier = IDENTIFIER
    allow_next_from_query = True

    def __init__(self, *args, **kwargs):
        # The parent reads the configuration here; that waits until we know DigiD is on.
        View.__init__(self, **kwargs)

    def get(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
            self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
            return super().get(request)
        except (OIDCProviderOutage, requests.RequestException, ImproperlyConfigured):
            logger.warning("DigiD provider unreachable or misconfigured", exc_info=True)
            messages.error(request, unreachable_message())
            return redirect(settings.LOGIN_URL)


class Callback(CallbackOutcome, OIDCAuthenticationCallbackView):
    """Back from the DigiD broker: the package checks state, nonce and token, our backend
    finds the resident; then log in, or confirm a re-authentication."""

    method = DIGID

    def get_settings(self, attr, *args):
        return register[IDENTIFIER].get_setting(attr, *args)

    def get(self, request):
        return self.finish(request, super().get)


callback_view = Callback.as_view()


class CallbackRouter(OIDCCallbackView):
    """mozilla-django-oidc-db's one way back, which finds the client from the state; a state we
    do not know (another browser, a replay) gets the plain failure message, not an error page."""

    def get(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        try:
            store_config(request)
        except BadRequest:
            return refused(request)
        if request._oidcdb_config.identifier != IDENTIFIER:
            return refused(request)
        return super().get(request, *args, **kwargs)


def refused(request):
    logger.warning("DigiD callback without a known state")
    messages.error(request, failure_message(DIGID, None))
    return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))


login_start = LoginStart.as_view()
login_callback = CallbackRouter.as_view()


def configure(
    *,
    discovery_url: str,
    client_id: str,
    client_secret: str,
    bsn_claim: str = "bsn",
    scopes: list[str] | None = None,
    enable: bool = True,
) -> OIDCClient:
    """Fill the package's DigiD configuration (as the admin would): the provider's endpoints
    from its discovery document, the client, and the claim that holds the BSN (dots for a
    nested claim: ``urn.nl.bsn``). For deployments that script their set-up."""
    from mozilla_django_oidc_db.forms import OIDCProviderForm
    from mozilla_django_oidc_db.models import OIDCProvider

    base_url = discovery_url.strip().split(".well-known/")[0].rstrip("/") + "/"
    endpoints = OIDCProviderForm.get_endpoints_from_discovery(base_url)
    for required in ("oidc_op_authorization_endpoint", "oidc_op_token_endpoint"):
        if not endpoints.get(required):
            raise ImproperlyConfigured(f"The discovery document has no {required}.")
    provider, _created = OIDCProvider.objects.update_or_create(
        identifier=IDENTIFIER,
        defaults={
            "oidc_op_discovery_endpoint": base_url,
            **{name: value or "" for name, value in endpoints.items()},
        },
    )
    client, _created = OIDCClient.objects.update_or_create(
        identifier=IDENTIFIER,
        defaults={
            "enabled": enable,
            "oidc_provider": provider,
            "oidc_rp_client_id": client_id.strip(),
            "oidc_rp_client_secret": client_secret,
            "oidc_rp_scopes_list": scopes or default_scopes(),
            "oidc_rp_sign_algo": "RS256",
            "options": options(bsn_claim.strip().split(".")),
        },
    )
    return client
