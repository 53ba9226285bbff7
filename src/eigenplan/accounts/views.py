from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from eigenplan.accounts import digid, oidc, second_factor, services, totp
from eigenplan.accounts.forms import LoginForm, ReauthenticateForm, SecondFactorForm
from eigenplan.accounts.middleware import second_factor_url
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
        context["sso_enabled"] = oidc.enabled(oidc.SSO)
        context["digid_enabled"] = digid.enabled()
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        second_factor.set_login_method(self.request.session, "password")
        user = form.get_user()
        if second_factor.required(user) and not second_factor.is_verified(self.request.session):
            # Straight on to the second step, keeping where they were going.
            return redirect(second_factor_url(user, self.get_success_url()))
        return response


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
    # Demo mode only: the demo login stands for both steps, so professionals' demo accounts
    # need no app (README, "Demo accounts"). The password login asks for the code in demo mode
    # too.
    second_factor.set_login_method(request.session, "demo")
    if second_factor.required(user):
        second_factor.mark_verified(request.session, "demo")
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


def reauth_method(request) -> str:
    """How this user confirms who they are: the code from their app when they have one, a
    fresh round trip to the provider they logged in with when they have no password of ours,
    else their password."""
    user = request.user
    if second_factor.confirmed_device(user) is not None:
        return "code"
    how = second_factor.login_method(request.session)
    if how == oidc.SSO and oidc.enabled(how) and not user.has_usable_password():
        return how
    if how == digid.DIGID and digid.enabled() and not user.has_usable_password():
        return how
    return "password"


@sensitive_post_parameters("password", "code")
@never_cache
@csrf_protect
@login_required
@require_http_methods(["GET", "POST"])
def reauthenticate(request):
    """Confirm who you are once more before a sensitive action (eigenplan.accounts.reauth): with
    your password, the code from your app, or by logging in again at your identity provider or
    DigiD; then back to where you were going."""
    next_url = _safe_next(request)
    how = reauth_method(request)
    data = request.POST if request.method == "POST" else None
    if how == "code":
        form = SecondFactorForm(request, services.verify, data)
    elif how == "password":
        form = ReauthenticateForm(request, data)
    else:
        form = None
    if request.method == "POST" and form is not None and form.is_valid():
        request.session.cycle_key()
        mark_verified(request)
        return redirect(next_url)
    context = {"form": form, "next": next_url, "how": how}
    if form is None:
        query = urlencode({"next": next_url, "opnieuw": 1})
        start = "accounts:digid_login" if how == digid.DIGID else oidc.provider(how).login_url_name
        context["round_trip_url"] = f"{reverse(start)}?{query}"
    return render(request, "accounts/reauthenticate.html", context)


@sensitive_post_parameters("code")
@never_cache
@csrf_protect
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_page(request):
    """The second step of logging in: the code from the app, or a recovery code."""
    user, session = request.user, request.session
    next_url = _safe_next(request)
    if not second_factor.required(user) or second_factor.is_verified(session):
        return redirect(next_url)
    if second_factor.confirmed_device(user) is None:
        return redirect(second_factor_url(user, next_url))
    form = SecondFactorForm(request, services.verify, request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session.cycle_key()
        second_factor.mark_verified(session, form.result)
        mark_verified(request)
        if form.result == "recovery":
            left = services.recovery_codes_left(user)
            messages.warning(
                request,
                ngettext(
                    "U heeft een herstelcode gebruikt. U heeft nog %(count)d herstelcode over. "
                    "Telefoon kwijt? Vraag de beheerder om uw app opnieuw in te stellen.",
                    "U heeft een herstelcode gebruikt. U heeft nog %(count)d herstelcodes over. "
                    "Telefoon kwijt? Vraag de beheerder om uw app opnieuw in te stellen.",
                    left,
                )
                % {"count": left},
            )
        return redirect(next_url)
    recovery = bool(request.GET.get("herstelcode") or request.POST.get("herstelcode"))
    return render(
        request,
        "accounts/second_factor.html",
        {"form": form, "next": next_url, "recovery": recovery},
    )


@sensitive_post_parameters("code")
@never_cache
@csrf_protect
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    """Set up the authenticator app: scan the QR code or type the key, confirm with a first
    code; then the recovery codes, shown this once."""
    user = request.user
    next_url = _safe_next(request)
    if not second_factor.required(user):
        return redirect(next_url)
    if second_factor.confirmed_device(user) is not None:
        return redirect(second_factor_url(user, next_url))
    device = services.begin_setup(user=user)
    form = SecondFactorForm(request, services.confirm_setup, request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session.cycle_key()
        second_factor.mark_verified(request.session, "totp")
        mark_verified(request)
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": form.result, "next": next_url},
        )
    uri = totp.provisioning_uri(device.secret, user.get_username())
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "key": totp.grouped(device.secret),
            "qr": totp.qr_data_uri(uri),
        },
    )
