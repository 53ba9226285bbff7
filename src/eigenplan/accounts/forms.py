from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from eigenplan.accounts.throttle import THROTTLED, LoginThrottled, authenticate_throttled


class LoginForm(AuthenticationForm):
    """Django's login form, with every password check behind the login throttle."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = authenticate_throttled(
                    self.request, username=username, password=password
                )
            except LoginThrottled as throttled:
                raise ValidationError(throttled.message, code=THROTTLED) from None
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def throttled_message(self) -> str | None:
        if self.is_bound and self.has_error(NON_FIELD_ERRORS, THROTTLED):
            return self.non_field_errors()[0]
        return None


class AdminLoginForm(LoginForm, AdminAuthenticationForm):
    """The admin's login (/beheer/login/) behind the same throttle: otherwise it would be a
    way around it. Staff only, as before (AdminAuthenticationForm.confirm_login_allowed)."""


class ReauthenticateForm(forms.Form):
    """The logged-in user's own password, once more."""

    password = forms.CharField(label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput)

    def __init__(self, request, *args, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        try:
            confirmed = authenticate_throttled(
                self.request, username=user.get_username(), password=password
            )
        except LoginThrottled as throttled:
            raise ValidationError(throttled.message, code=THROTTLED) from None
        if confirmed is None or confirmed.pk != user.pk:
            raise ValidationError(
                _("Dit wachtwoord klopt niet. Probeer het opnieuw."), code="invalid"
            )
        return password


class SecondFactorForm(forms.Form):
    """A code from the authenticator app (or a recovery code), checked by a service:
    `services.verify` for the second step of logging in, `services.confirm_setup` to confirm a
    new app. After `is_valid()`, `result` holds what the service returned."""

    code = forms.CharField(label=_("Code"), max_length=64, strip=True)

    def __init__(self, request, service, *args, **kwargs):
        self.request = request
        self.service = service
        self.result = None
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"]
        self.result = self.service(request=self.request, user=self.request.user, code=code)
        return code
