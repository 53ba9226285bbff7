"""Emergency access: the one way a professional outside the household's team reads a file.

It needs a written reason, ends by itself, shows in the resident's access log, and is shown to
the resident and the coordinator on their pages for as long as it runs."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenplan.households.access import forget_standing, standing
from eigenplan.households.models import Household
from eigenplan.privacy.audit import record_event
from eigenplan.privacy.models import EmergencyAccess

MIN_REASON = 20
MAX_HOURS = 72


@transaction.atomic
def grant_emergency_access(
    *, actor, household: Household, reason: str, hours: int = 24
) -> EmergencyAccess:
    if not actor.is_authenticated or not actor.is_professional:
        raise PermissionDenied(_("Alleen professionals kunnen noodtoegang vragen."))
    view = standing(actor, household)
    if view.sees_whole_plan:
        raise ValidationError(
            {"household": _("U kunt dit huishouden al zien. Noodtoegang is niet nodig.")}
        )
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ValidationError(
            {
                "reason": _("Schrijf precies op waarom dit nu nodig is (minstens %(n)s tekens).")
                % {"n": MIN_REASON}
            }
        )
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Dit is te lang. Gebruik niet meer dan 2000 tekens.")})
    if not 1 <= hours <= MAX_HOURS:
        raise ValidationError(
            {"hours": _("Kies een tijd van 1 tot %(max)s uur.") % {"max": MAX_HOURS}}
        )
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        household=household,
        user=actor,
        reason=reason,
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=hours),
    )
    forget_standing(actor)
    record_event(
        actor=actor,
        household=household,
        verb="emergency_access",
        obj=access,
        detail={"reason": reason, "expires_at": access.expires_at.isoformat()},
    )
    return access


def active_emergency_accesses(household: Household) -> QuerySet[EmergencyAccess]:
    """Emergency accesses running now, for the banner the resident and coordinator see."""
    now = timezone.now()
    return EmergencyAccess.objects.filter(
        household=household, granted_at__lte=now, expires_at__gt=now
    ).select_related("user")
