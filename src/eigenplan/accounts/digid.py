"""DigiD for residents, as the rest of eigenplan sees it: whether it is on, and its two URLs.

The login itself goes through django-digid-eherkenning's DigiD over OpenID Connect
(mozilla-django-oidc-db), in eigenplan.accounts.digid_oidc. Those apps keep their configuration
in PostgreSQL array fields, so settings.py installs them only on PostgreSQL; on SQLite (the demo,
a quick try-out) DigiD is simply off and its URLs answer 404.
"""

from django.apps import apps
from django.http import Http404

DIGID = "digid"  # the login method kept in the session
IDENTIFIER = "digid-oidc"  # mozilla-django-oidc-db's client and plugin


def available() -> bool:
    """Whether this installation can do DigiD at all (PostgreSQL, see settings.py)."""
    return apps.is_installed("mozilla_django_oidc_db")


def enabled() -> bool:
    """Whether residents can log in with DigiD now: switched on in the admin (/beheer/)."""
    if not available():
        return False
    from eigenplan.accounts import digid_oidc

    return digid_oidc.enabled()


def login_start(request, *args, **kwargs):
    if not available():
        raise Http404
    from eigenplan.accounts import digid_oidc

    return digid_oidc.login_start(request, *args, **kwargs)


def login_callback(request, *args, **kwargs):
    if not available():
        raise Http404
    from eigenplan.accounts import digid_oidc

    return digid_oidc.login_callback(request, *args, **kwargs)
