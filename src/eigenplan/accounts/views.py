from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from eigenplan.accounts.forms import LoginForm, ReauthenticateForm
from eigenplan.accounts.reauth import mark_verified


def demo_accounts():
    """The demo accounts listed on the login page, only in demo mode."""
    if not settings.DEMO_MODE:
        return []
    from eigenplan.core.demo_data import DEMO_ACCOUNTS

    return DEMO_ACCOUNTS


class LoginView(auth_views.LoginView):
    """Username and password, behind the login throttle (eigenplan.accounts.throttle)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["demo_accounts"] = demo_accounts()
        context["throttled_message"] = context["form"].throttled_message()
        return context


@require_POST
def demo_login(request):
    """Log in as a demo account with one button. Exists only in demo mode."""
    if not settings.DEMO_MODE:
        raise Http404
    usernames = {account.username for account in demo_accounts()}
    username = request.POST.get("username", "")
    if username not in usernames:
        messages.error(request, _("Dit demo-account bestaat niet."))
        return redirect("accounts:login")
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        messages.error(request, _("De demo is nog niet geladen. Start eerst 'make demo'."))
        return redirect("accounts:login")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("home")


class LogoutView(auth_views.LogoutView):
    next_page = "accounts:login"


def _safe_next(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password")
@never_cache
@csrf_protect
@login_required
@require_http_methods(["GET", "POST"])
def reauthenticate(request):
    """Type your password once more before a sensitive action (eigenplan.accounts.reauth); then
    back to where you were going."""
    next_url = _safe_next(request)
    form = ReauthenticateForm(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        request.session.cycle_key()
        mark_verified(request)
        return redirect(next_url)
    return render(request, "accounts/reauthenticate.html", {"form": form, "next": next_url})
