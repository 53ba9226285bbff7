"""Every write about how people log in: setting up, using and resetting the second factor.

Codes are guessed behind the login throttle (eigenplan.accounts.throttle, kind CODE): 5 wrong
codes for one user within 15 minutes lock the second step for 15 minutes (and 20 wrong
passwords or codes from one address lock that address). A lockout, a set-up and a reset are
audit events.
"""

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenplan.accounts import throttle, totp
from eigenplan.accounts.models import RecoveryCode, TOTPDevice
from eigenplan.privacy.audit import record_event

WRONG_CODE = "wrong_code"


def _wrong_code(request, user) -> ValidationError:
    """Count a wrong code; the error to show (the lockout's when this one locked it)."""
    if throttle.record_failure(request, user.get_username(), throttle.CODE):
        record_event(actor=user, household=None, verb="second_factor_locked", obj=user)
    try:
        throttle.check(request, user.get_username(), throttle.CODE)
    except throttle.LoginThrottled as locked:
        return ValidationError(locked.message, code=throttle.THROTTLED)
    return ValidationError(
        _("Deze code klopt niet. Kijk in uw app en vul de code in die u nu ziet."),
        code=WRONG_CODE,
    )


def _check_throttle(request, user) -> None:
    try:
        throttle.check(request, user.get_username(), throttle.CODE)
    except throttle.LoginThrottled as locked:
        raise ValidationError(locked.message, code=throttle.THROTTLED) from None


def begin_setup(*, user) -> TOTPDevice:
    """The device being set up: a new secret, or the one already shown (so reloading the page
    keeps the key the user may have typed into their app). Refused when one is confirmed."""
    if not user.needs_second_factor:
        raise PermissionDenied
    with transaction.atomic():
        device, _created = TOTPDevice.objects.select_for_update().get_or_create(
            user=user, defaults={"secret": totp.new_secret()}
        )
        if device.is_confirmed:
            raise PermissionDenied
    return device


def confirm_setup(*, request, user, code: str) -> list[str]:
    """The first right code from the app confirms it. Returns fresh recovery codes, to be shown
    once: only their hashes are kept."""
    _check_throttle(request, user)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user).first()
        if device is None or device.is_confirmed:
            raise PermissionDenied
        step = totp.matching_step(device.secret, code, after=device.last_step)
        if step is not None:
            device.confirmed_at = timezone.now()
            device.last_step = step
            device.save(update_fields=["confirmed_at", "last_step"])
            codes = _replace_recovery_codes(user)
            throttle.record_success(request, user.get_username(), throttle.CODE)
            record_event(actor=user, household=None, verb="second_factor_set_up", obj=user)
            return codes
    raise _wrong_code(request, user)


def _replace_recovery_codes(user) -> list[str]:
    codes = totp.new_recovery_codes()
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=make_password(totp.normalise_code(code)))
        for code in codes
    )
    return codes


def verify(*, request, user, code: str) -> str:
    """Check a code from the app or a recovery code. Returns how ("totp" or "recovery");
    raises ValidationError with a plain message when it is wrong or guessing is locked."""
    _check_throttle(request, user)
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=False)
            .first()
        )
        if device is None:
            raise PermissionDenied
        step = totp.matching_step(device.secret, code, after=device.last_step)
        if step is not None:
            device.last_step = step  # the same code is never accepted twice
            device.save(update_fields=["last_step"])
            how = "totp"
        elif totp.looks_like_recovery_code(code) and _use_recovery_code(user, code):
            how = "recovery"
        else:
            how = ""
        if how:
            throttle.record_success(request, user.get_username(), throttle.CODE)
            if how == "recovery":
                record_event(actor=user, household=None, verb="recovery_code_used", obj=user)
            return how
    raise _wrong_code(request, user)


def _use_recovery_code(user, code: str) -> bool:
    typed = totp.normalise_code(code)
    for stored in RecoveryCode.objects.select_for_update().filter(user=user, used_at__isnull=True):
        if check_password(typed, stored.code_hash):
            stored.used_at = timezone.now()
            stored.save(update_fields=["used_at"])
            return True
    return False


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def reset(*, actor, user) -> bool:
    """Remove a user's app and recovery codes (lost phone): at the next login they set up a new
    one. Only an administrator (or the command line, actor None) may do this. True when there
    was something to remove."""
    if actor is not None and not (actor.is_superuser or actor.role == "administrator"):
        raise PermissionDenied
    with transaction.atomic():
        removed, _by_model = TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        throttle.record_success(None, user.get_username(), throttle.CODE)
        record_event(actor=actor, household=None, verb="second_factor_reset", obj=user)
    return bool(removed)
