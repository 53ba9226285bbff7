"""A token for a program that talks to the API, for a username and password: DRF's
ObtainAuthToken behind the same login throttle as the login page
(eigenplan.accounts.throttle). Refused attempts answer 429 with Retry-After. Professionals, who
log in with two steps (eigenplan.accounts.second_factor), also send the current code from their
app as `code`."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken

from eigenplan.accounts import services, throttle
from eigenplan.accounts.throttle import LoginThrottled, authenticate_throttled
from eigenplan.api import serializers as api


class LoginRefused(exceptions.Throttled):
    """429 with the throttle's own Dutch message and Retry-After."""

    def __init__(self, throttled: LoginThrottled):
        super().__init__(detail=throttled.message)  # no wait here: DRF would append English
        self.wait = throttled.retry_after


class ThrottledAuthTokenSerializer(AuthTokenSerializer):
    code = serializers.CharField(
        label=_("Code"),
        required=False,
        write_only=True,
        help_text=_("Voor medewerkers: de code van 6 cijfers uit de app voor inlogcodes."),
    )

    def validate(self, attrs):
        username, password = attrs.get("username"), attrs.get("password")
        if not (username and password):
            return super().validate(attrs)
        try:
            user = authenticate_throttled(
                self.context.get("request"), username=username, password=password
            )
        except LoginThrottled as throttled:
            raise LoginRefused(throttled) from None
        if user is None:
            raise serializers.ValidationError(
                _("Unable to log in with provided credentials."), code="authorization"
            )
        if user.needs_second_factor:
            self._second_step(user, attrs.get("code", ""))
        attrs["user"] = user
        return attrs

    def _second_step(self, user, code: str) -> None:
        request = self.context.get("request")
        try:
            services.verify(request=request, user=user, code=code)
        except PermissionDenied:
            raise serializers.ValidationError(
                {"code": _("Stel eerst op de website inloggen in twee stappen in.")}
            ) from None
        except DjangoValidationError as wrong:
            if wrong.code == throttle.THROTTLED:
                try:
                    throttle.check(request, user.get_username(), throttle.CODE)
                except LoginThrottled as throttled:
                    raise LoginRefused(throttled) from None
            raise serializers.ValidationError({"code": wrong.messages}) from None


class ObtainToken(ObtainAuthToken):
    serializer_class = ThrottledAuthTokenSerializer

    @extend_schema(
        request=ThrottledAuthTokenSerializer,
        responses={
            200: ThrottledAuthTokenSerializer,
            400: api.FieldErrorsSerializer,
            429: api.ErrorDetailSerializer,
        },
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
