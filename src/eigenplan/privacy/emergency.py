"""Emergency access: the one way a professional outside the household's team reads a file.

It needs a written reason, ends by itself, shows in the resident's access log, and is shown to
the resident and the coordinator on their pages for as long as it runs."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from eigenplan.households.access import forget_standing, standing
from eigenplan.households.identifiers import redact_bsns
from eigenplan.households.models import Household, Person, Representative
from eigenplan.notifications.models import Message
from eigenplan.notifications.services import queue_message, site_url
from eigenplan.privacy.audit import organisation_of, record_event
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
    _notify(access)
    record_event(
        actor=actor,
        household=household,
        verb="emergency_access",
        obj=access,
        detail={"reason": reason, "expires_at": access.expires_at.isoformat()},
    )
    return access


def pen_holders(household: Household) -> list:
    """The users who hold the household's pen: its adults with an account and its
    representatives, each once (for messages about the household)."""
    today = timezone.localdate()
    adults = [
        person.user
        for person in Person.objects.filter(household=household, user__isnull=False)
        .select_related("user")
        .order_by("id")
        if person.is_adult_on(today)
    ]
    representatives = [
        rep.user
        for rep in Representative.objects.filter(household=household).select_related("user")
    ]
    return list({user.pk: user for user in adults + representatives}.values())


def _notify(access: EmergencyAccess) -> None:
    """Tell the pen holders and the coordinator by e-mail, on commit: who asked, when, until
    when, the reason in short, and where to see more. Nothing from the plan itself."""
    household = access.household
    asker = str(access.user)
    organisation = organisation_of(access.user, household) or ""
    reason = Truncator(redact_bsns(access.reason)).chars(120)
    recipients = [
        (user, reverse("privacy:access_log", args=[household.pk]))
        for user in pen_holders(household)
    ]
    if household.coordinator is not None:
        recipients.append((household.coordinator, reverse("plans:overview", args=[household.pk])))
    for user, path in recipients:
        if not user.email or not user.is_active:
            continue  # they still see it on their pages while it runs
        with translation.override("nl"):
            when = date_format(timezone.localtime(access.granted_at), "j F Y, H:i")
            until = date_format(timezone.localtime(access.expires_at), "j F Y, H:i")
            is_coordinator = user.pk == household.coordinator_id
            subject = (
                _("Noodtoegang bij een huishouden dat u begeleidt")
                if is_coordinator
                else _("Iemand kan uw plan lezen met noodtoegang")
            )
            opening = (
                _(
                    "%(asker)s (%(organisation)s) heeft noodtoegang gevraagd tot het plan van "
                    "huishouden nummer %(number)s. Diegene kan het plan lezen, niet veranderen."
                )
                if is_coordinator
                else _(
                    "%(asker)s (%(organisation)s) kan uw plan nu lezen met noodtoegang. Dit mag "
                    "alleen als het echt nodig is. Diegene kan uw plan lezen, niet veranderen."
                )
            ) % {"asker": asker, "organisation": organisation, "number": household.pk}
            body = "\n\n".join(
                [
                    _("Hallo %(name)s,") % {"name": user},
                    opening,
                    "\n".join(
                        [
                            _("Gevraagd op: %(when)s") % {"when": when},
                            _("Tot: %(until)s") % {"until": until},
                            _("Waarom: %(reason)s") % {"reason": reason},
                        ]
                    ),
                    (
                        _("Meer zien:")
                        if is_coordinator
                        else _("U ziet dit ook op de pagina 'Wie keek er?':")
                    )
                    + "\n"
                    + site_url(path),
                ]
            )
        queue_message(
            kind=Message.Kind.EMERGENCY_ACCESS,
            channel=Message.Channel.EMAIL,
            address=user.email,
            subject=str(subject),
            body=str(body),
            recipient=user,
            household=household,
            language="nl",
        )


def active_emergency_accesses(household: Household) -> QuerySet[EmergencyAccess]:
    """Emergency accesses running now, for the banner the resident and coordinator see."""
    now = timezone.now()
    return EmergencyAccess.objects.filter(
        household=household, granted_at__lte=now, expires_at__gt=now
    ).select_related("user")
