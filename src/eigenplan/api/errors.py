"""Every API error as JSON, in the same plain Dutch as the pages.

Shapes:
- 400: {"errors": {field: [message, ...]}}; problems with the whole request under
  "non_field_errors".
- 403, 404 and the rest: {"detail": message}.
- 409: {"detail": message, "current": the object as it is now, or null}.
"""

import logging

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from eigenplan.core.errors import ConflictError

logger = logging.getLogger(__name__)


def exception_handler(exc, context) -> Response:
    set_rollback()
    return _response_for(exc, context)


def _response_for(exc, context) -> Response:
    if isinstance(exc, DjangoValidationError):
        return _invalid(_django_messages(exc))
    if isinstance(exc, exceptions.ValidationError):
        return _invalid(_drf_messages(exc.detail))
    if isinstance(exc, PermissionDenied):
        message = str(exc) or str(exceptions.PermissionDenied.default_detail)
        return Response({"detail": message}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, ConflictError):
        return Response(
            {"detail": str(exc.message), "current": _current_state(exc, context)},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, Http404):
        return Response({"detail": _("Niet gevonden.")}, status=status.HTTP_404_NOT_FOUND)
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    request = context.get("request")
    logger.error(
        "Unhandled error in API call %s %s",
        getattr(request, "method", "?"),
        getattr(request, "path", "?"),
        exc_info=exc,
    )
    return Response(
        {"detail": _("Er ging iets mis bij ons. Probeer het later nog een keer.")},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def _invalid(errors: dict) -> Response:
    return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)


def _django_messages(exc: DjangoValidationError) -> dict:
    if not hasattr(exc, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return {
        api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field: messages
        for field, messages in exc.message_dict.items()
    }


def _drf_messages(detail) -> dict:
    if isinstance(detail, dict):
        return detail
    return {api_settings.NON_FIELD_ERRORS_KEY: detail if isinstance(detail, list) else [detail]}


def _current_state(exc: ConflictError, context):
    # Only the view knows how its objects look to this user; without a view, show nothing.
    describe = getattr(context.get("view"), "describe_conflict", None)
    return describe(exc.current) if describe is not None else None
