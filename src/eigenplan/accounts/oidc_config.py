"""The single sign-on provider from the environment, read by settings.py (so no models here):
the municipality's identity provider, for professionals (EIGENPLAN_OIDC_*), off until its
discovery URL and client id are set.

DigiD for residents is configured in the database instead (django-digid-eherkenning, see
eigenplan.accounts.digid).
"""

from dataclasses import dataclass, field

SSO = "sso"


@dataclass(frozen=True)
class Provider:
    name: str
    discovery_url: str
    client_id: str
    client_secret: str
    scopes: str
    # The claim that names the person, and (sso only) the User field it is matched with.
    claim: str
    user_field: str = ""
    # sso only: amr / acr values that say the identity provider asked for a second factor.
    mfa_amr: frozenset[str] = field(default_factory=frozenset)
    mfa_acr: frozenset[str] = field(default_factory=frozenset)
    sign_algo: str = "RS256"
    timeout: int = 10

    @property
    def login_url_name(self) -> str:
        return f"accounts:{self.name}_login"

    @property
    def callback_url_name(self) -> str:
        return f"accounts:{self.name}_callback"


def discovery_url(url: str) -> str:
    url = url.strip()
    suffix = "/.well-known/openid-configuration"
    return url if url.endswith(suffix) else url.rstrip("/") + suffix


def _words(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.replace(",", " ").split() if part.strip())


def providers_from_environment(environ) -> dict[str, Provider]:
    providers = {}
    if environ.get("EIGENPLAN_OIDC_DISCOVERY_URL") and environ.get("EIGENPLAN_OIDC_CLIENT_ID"):
        user_field = environ.get("EIGENPLAN_OIDC_USER_FIELD", "email").strip()
        if user_field not in ("email", "username"):
            raise ValueError("EIGENPLAN_OIDC_USER_FIELD must be 'email' or 'username'.")
        providers[SSO] = Provider(
            name=SSO,
            discovery_url=discovery_url(environ["EIGENPLAN_OIDC_DISCOVERY_URL"]),
            client_id=environ["EIGENPLAN_OIDC_CLIENT_ID"].strip(),
            client_secret=environ.get("EIGENPLAN_OIDC_CLIENT_SECRET", ""),
            scopes=environ.get("EIGENPLAN_OIDC_SCOPES", "openid email profile"),
            claim=environ.get("EIGENPLAN_OIDC_CLAIM", "email").strip(),
            user_field=user_field,
            mfa_amr=_words(environ.get("EIGENPLAN_OIDC_MFA_AMR", "mfa")),
            mfa_acr=_words(environ.get("EIGENPLAN_OIDC_MFA_ACR", "")),
        )
    return providers
