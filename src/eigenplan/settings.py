"""Settings for eigenplan, read from the environment.

Production is the default. Demo mode (EIGENPLAN_DEMO=1) allows unsafe conveniences: a fixed
secret key, DEBUG, the demo login page, public demo BSN keys. Production refuses to start
without SECRET_KEY and the BSN keys.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from eigenplan.accounts.oidc_config import providers_from_environment
from eigenplan.households.identifiers import keys_from_environment


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("EIGENPLAN_DATA_DIR", Path.cwd() / "var"))

DEMO_MODE = env_flag("EIGENPLAN_DEMO")
DEBUG = env_flag("DEBUG", default=DEMO_MODE)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEMO_MODE:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or run in demo mode "
            "(EIGENPLAN_DEMO=1) on a machine that only serves demo data."
        )
    SECRET_KEY = "demo-only-insecure-secret-key-never-use-in-production"  # noqa: S105

# The BSN is stored encrypted and found through a keyed hash (eigenplan.households.identifiers).
# EIGENPLAN_BSN_KEYS: comma-separated Fernet keys, the first encrypts, all decrypt;
# EIGENPLAN_BSN_HASH_KEY: the lookup hash key; EIGENPLAN_BSN_HASH_KEY_OLD: only while rehashing.
# Production refuses to start without them; demo mode has public demo keys.
BSN_KEYS, BSN_HASH_KEY, BSN_HASH_KEY_OLD = keys_from_environment(os.environ, demo_mode=DEMO_MODE)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEMO_MODE else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "eigenplan.core",
    "eigenplan.accounts",
    "eigenplan.households",
    "eigenplan.plans",
    "eigenplan.privacy",
    "eigenplan.notifications",
    "eigenplan.circle",
    "eigenplan.api",
    "eigenplan.conversations",
    "eigenplan.decisions",
    "eigenplan.community",
    "eigenplan.conferences",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "eigenplan.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "eigenplan.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "eigenplan.accounts.sessions.SessionTimeoutMiddleware",
    # Professionals reach nothing until they passed the second step of logging in.
    "eigenplan.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "eigenplan.urls"
WSGI_APPLICATION = "eigenplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eigenplan.core.context_processors.eigenplan",
                "eigenplan.privacy.context_processors.corrections",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'eigenplan.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE avoids lock upgrades that fail.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in-memory for tests

# Background work (messages, retention) goes through django-tasks, stored in the database and run
# by `eigenplan db_worker`: no broker to operate, and a task survives a restart.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Answer only on the way back from single sign-on (eigenplan.accounts.oidc) and from DigiD
    # (eigenplan.accounts.digid) respectively.
    "eigenplan.accounts.oidc.OIDCBackend",
]
# Single sign-on for professionals (EIGENPLAN_OIDC_*), off until configured
# (eigenplan.accounts.oidc_config, README "Configuration").
OIDC_PROVIDERS = providers_from_environment(os.environ)
# DigiD for residents: django-digid-eherkenning over OpenID Connect (mozilla-django-oidc-db),
# configured in the database (admin or `eigenplan configure_digid`), off until enabled there.
# Its models use PostgreSQL array fields, so only on PostgreSQL (eigenplan.accounts.digid).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS += [
        # The configuration models and their admin, and the JSON-schema form field with which
        # the admin edits the client's options (the BSN claim).
        "django_jsonform",
        "mozilla_django_oidc_db",
    ]
    AUTHENTICATION_BACKENDS += ["eigenplan.accounts.digid_oidc.DigiDBackend"]
    # mozilla-django-oidc-db's checks want its views named here; eigenplan routes them itself
    # (eigenplan.accounts.urls).
    OIDC_AUTHENTICATE_CLASS = "eigenplan.accounts.digid_oidc.LoginStart"
    OIDC_CALLBACK_CLASS = "eigenplan.accounts.digid_oidc.CallbackRouter"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Hardening: sessions, cookies, HTTPS, security headers (see SECURITY.md) ------------------
# Production is HTTPS only. Demo mode runs on plain http://127.0.0.1, where secure cookies would
# never come back and HSTS would pin localhost to https, so none of that applies there.

# A session ends after EIGENPLAN_SESSION_IDLE_MINUTES without a request, and in any case
# EIGENPLAN_SESSION_MAX_MINUTES after logging in (eigenplan.accounts.sessions).
EIGENPLAN_SESSION_IDLE_MINUTES = int(os.environ.get("EIGENPLAN_SESSION_IDLE_MINUTES", "30"))
EIGENPLAN_SESSION_MAX_MINUTES = 8 * 60
SESSION_COOKIE_AGE = EIGENPLAN_SESSION_MAX_MINUTES * 60  # the server-side backstop
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # shared computers: closing the browser logs out
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEMO_MODE and env_flag("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# No script reads the CSRF cookie: forms carry the token, the API docs page gets it in its script.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
if SESSION_COOKIE_SECURE:
    # "__Host-" cookies are only accepted over HTTPS, for this exact host and path "/": no
    # subdomain can set or overwrite them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# HTTPS: redirect http to https, HSTS for a year including subdomains; preload only on request
# (it is hard to undo). Behind a proxy that ends TLS, set SECURE_PROXY_SSL_HEADER (e.g.
# "X-Forwarded-Proto: https"), or Django sees every request as http: endless redirects, no HSTS.
SECURE_SSL_REDIRECT = not DEMO_MODE and env_flag("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 0 if DEMO_MODE else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD")
# Not preloading is a deliberate default (a municipality decides that for its whole domain), so
# `check --deploy` need not warn about it (security.W021). Everything else it reports counts.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]


def env_proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """Django's setting from e.g. "X-Forwarded-Proto: https" (or just "X-Forwarded-Proto")."""
    header, _sep, value = os.environ.get(name, "").partition(":")
    header = header.strip().upper().replace("-", "_")
    if not header:
        return None
    return (header if header.startswith("HTTP_") else f"HTTP_{header}", value.strip() or "https")


SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
# How many reverse proxies in front of eigenplan append to X-Forwarded-For. 0: the client is
# REMOTE_ADDR. Login throttling per client address needs this right behind a proxy.
EIGENPLAN_PROXY_COUNT = int(os.environ.get("EIGENPLAN_PROXY_COUNT", "0"))

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (eigenplan.core.security): nothing inline, nothing from elsewhere.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": []}

# Failed logins (eigenplan.accounts.throttle): after `per_username` failures for one username, or
# `per_ip` from one client address, within `window_minutes`, refuse logins for
# `lockout_minutes`. Counted in the database, so it holds across gunicorn workers.
LOGIN_THROTTLE = {"per_username": 5, "per_ip": 20, "window_minutes": 15, "lockout_minutes": 15}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous API call then gets 401 with WWW-Authenticate, not 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        # DRF's own, minus an inline <style> that the Content-Security-Policy would block.
        "eigenplan.core.security.StrictBrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "eigenplan.api.pagination.CountingLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "eigenplan.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "eigenplan API",
    "DESCRIPTION": "The household's own plan: households, circle, plans, goals, actions, "
    "proposals and versions. Every call obeys the same rules as the pages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page's assets come from the installed sidecar package, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No validator badge: it would send the schema's address to validator.swagger.io (and the
    # Content-Security-Policy blocks it anyway).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No BSN in any log line: the handler replaces numbers that pass the elfproef by [BSN], and
    # Django's own loggers write through it instead of through Django's default handlers.
    "filters": {"redact_bsn": {"()": "eigenplan.core.logging.RedactBSNFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_bsn"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        name: {
            "handlers": ["console"],
            "level": "INFO" if DEBUG else os.environ.get("LOG_LEVEL", "WARNING"),
            "propagate": False,
        }
        for name in ("django", "django.server")
    },
}

# --- Messages: e-mail and SMS (eigenplan.notifications) ---------------------------------------
# Every message is kept in the outbox (notifications.Message) and sent by `eigenplan db_worker`,
# with retries. In demo mode nothing is sent: messages are shown at /demo/berichten/.
EIGENPLAN_OUTBOX_ONLY = env_flag("EIGENPLAN_OUTBOX_ONLY", default=DEMO_MODE)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "eigenplan <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A class with send(to, text); the default only logs that a text message would have gone out.
EIGENPLAN_SMS_BACKEND = os.environ.get(
    "EIGENPLAN_SMS_BACKEND", "eigenplan.notifications.sms.LoggingBackend"
)
EIGENPLAN_MESSAGE_MAX_ATTEMPTS = int(os.environ.get("EIGENPLAN_MESSAGE_MAX_ATTEMPTS", "8"))
# The address in links in messages, e.g. https://eigenplan.gemeente.nl
EIGENPLAN_SITE_URL = os.environ.get(
    "EIGENPLAN_SITE_URL",
    "http://127.0.0.1:8000" if DEMO_MODE else f"https://{(ALLOWED_HOSTS or ['localhost'])[0]}",
)
# How long an invitation link for a circle member works, and a sign-in link for one without a
# password.
EIGENPLAN_INVITATION_DAYS = int(os.environ.get("EIGENPLAN_INVITATION_DAYS", "14"))
EIGENPLAN_SIGN_IN_LINK_MINUTES = int(os.environ.get("EIGENPLAN_SIGN_IN_LINK_MINUTES", "30"))

# From how many open commitments (asked or promised, not yet done) a circle member "carries a
# lot" on the resident's overview of the circle.
EIGENPLAN_CIRCLE_BUSY_THRESHOLD = int(os.environ.get("EIGENPLAN_CIRCLE_BUSY_THRESHOLD", "3"))

# The municipality's name as shown in the page header.
MUNICIPALITY_NAME = os.environ.get("EIGENPLAN_MUNICIPALITY", "Gemeente Voorbeeld")
