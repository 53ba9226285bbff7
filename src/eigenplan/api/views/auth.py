"""A token for a program that talks to the API, for a username and password: DRF's
ObtainAuthToken behind the same login throttle as the login page
(eigenplan.accounts.throttle). Refused attempts answer 429 with Retry-After."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken

from eigenplan.accounts.throttle import LoginThrottled, authenticate_throttled
from eigenplan.api import serializers as api


class LoginRefused(exceptions.Throttled):
    """429 with the throttle's own Dutch message and Retry-After."""

    def __init__(self, throttled: LoginThrottled):
        super().__init__(detail=throttled.message)  # no wait here: DRF would append English
        self.wait = throttled.retry_after


class ThrottledAuthTokenSerializer(AuthTokenSerializer):
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
        attrs["user"] = user
        return attrs


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
