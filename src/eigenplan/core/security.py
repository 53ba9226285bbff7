"""Security headers Django 5.2 does not set itself: Content-Security-Policy and
Permissions-Policy.

Django's own SecurityMiddleware already sends X-Content-Type-Options, Referrer-Policy,
Cross-Origin-Opener-Policy and HSTS (see settings.py); this middleware adds the rest. It is
deliberately small and mirrors the API that Django 6.0 brings (the ``SECURE_CSP`` setting as a
dict of directive -> sources, a ``csp_override`` decorator for one view), so that moving to
Django's built-in ``ContentSecurityPolicyMiddleware`` later is a change of import paths.

The policy is strict: no inline scripts, no inline styles (``style=""`` attributes included), no
eval, nothing from other origins. Every page of eigenplan works without JavaScript and loads only
its own static files, so it needs nothing more. A view that does need more (Swagger UI, for one)
says so with ``csp_override``, as narrowly as it can.
"""

from collections.abc import Callable, Iterable, Mapping
from functools import wraps

from django.conf import settings
from rest_framework.renderers import BrowsableAPIRenderer

SELF = "'self'"
NONE = "'none'"

CSP_HEADER = "Content-Security-Policy"
PERMISSIONS_POLICY_HEADER = "Permissions-Policy"

# A directive's value: a list of sources, True for a directive without sources (e.g.
# "upgrade-insecure-requests"), or None/False/[] to leave the directive out.
Directives = Mapping[str, Iterable[str] | bool | None]


def build_policy(directives: Directives) -> str:
    """A CSP header value from a dict of directives, in the dict's order."""
    parts = []
    for name, sources in directives.items():
        if sources is True:
            parts.append(name)
        elif sources:
            parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


def build_permissions_policy(features: Mapping[str, Iterable[str]]) -> str:
    """A Permissions-Policy header value: {"camera": []} -> "camera=()"."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


def csp_override(directives: Directives) -> Callable:
    """Give one view its own Content-Security-Policy instead of settings.SECURE_CSP. Pass the
    whole policy (start from settings.SECURE_CSP and change only what the view needs); an empty
    dict sends no policy at all. Works on function views and, with method_decorator on
    ``dispatch``, on class-based views."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            response = view(*args, **kwargs)
            response._csp_config = directives
            return response

        return wrapped

    return decorator


class SecurityHeadersMiddleware:
    """Add Content-Security-Policy and Permissions-Policy to every response that does not set
    them already. Place it right after django.middleware.security.SecurityMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.debug = settings.DEBUG
        self.policy = build_policy(getattr(settings, "SECURE_CSP", {}))
        self.permissions_policy = build_permissions_policy(
            getattr(settings, "PERMISSIONS_POLICY", {})
        )

    def __call__(self, request):
        response = self.get_response(request)
        override = getattr(response, "_csp_config", None)
        policy = self.policy if override is None else build_policy(override)
        if self.debug and response.status_code >= 400:
            # Django's own error pages in DEBUG (demo mode only) are styled inline; let a
            # developer read them. Production never runs with DEBUG.
            policy = ""
        if policy:
            response.headers.setdefault(CSP_HEADER, policy)
        if self.permissions_policy:
            response.headers.setdefault(PERMISSIONS_POLICY_HEADER, self.permissions_policy)
        return response


class StrictBrowsableAPIRenderer(BrowsableAPIRenderer):
    """DRF's browsable API without the one inline <style> it adds when Pygments is installed
    (CSS for highlighting code in Markdown descriptions; without the `markdown` package, which
    eigenplan does not use, nothing is highlighted anyway). Everything else of that page comes
    from static files, so it works under the strict policy."""

    def get_context(self, *args, **kwargs):
        context = super().get_context(*args, **kwargs)
        context["code_style"] = None
        return context
