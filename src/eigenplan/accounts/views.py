from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST


def demo_accounts():
    """The demo accounts listed on the login page, only in demo mode."""
    if not settings.DEMO_MODE:
        return []
    from eigenplan.core.demo_data import DEMO_ACCOUNTS

    return DEMO_ACCOUNTS


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["demo_accounts"] = demo_accounts()
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
