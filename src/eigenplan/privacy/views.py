"""The resident's access log: who read or changed their plan, in plain words."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenplan.households.access import standing
from eigenplan.households.models import Household
from eigenplan.privacy.models import AuditEvent

PER_PAGE = 50

ROLES = {
    "coordinator": gettext_lazy("regisseur"),
    "circle_member": gettext_lazy("kringlid"),
    "household_member": gettext_lazy("iemand uit uw huishouden"),
    "resident": gettext_lazy("inwoner"),
}
READS = {
    "plan": gettext_lazy("uw plan bekeken"),
    "proposals": gettext_lazy("de voorstellen bij uw plan bekeken"),
    "versions": gettext_lazy("de goedgekeurde versies van uw plan bekeken"),
    "circle": gettext_lazy("uw kring bekeken"),
    "household": gettext_lazy("de gegevens van uw huishouden bekeken"),
}
PROPOSALS = {
    "add_goal": gettext_lazy("een doel voorgesteld"),
    "change_goal": gettext_lazy("een verandering van een doel voorgesteld"),
    "add_action": gettext_lazy("een actie voorgesteld"),
    "change_action": gettext_lazy("een verandering van een actie voorgesteld"),
    "change_text": gettext_lazy("een verandering van de tekst van uw plan voorgesteld"),
}
CHANGES = {
    ("propose", "proposal"): gettext_lazy("een voorstel gedaan"),
    ("accept", "proposal"): gettext_lazy("een voorstel overgenomen"),
    ("decline", "proposal"): gettext_lazy("een voorstel niet overgenomen"),
    ("create", "goal"): gettext_lazy("een doel toegevoegd"),
    ("update", "goal"): gettext_lazy("een doel aangepast"),
    ("delete", "goal"): gettext_lazy("een doel weggehaald"),
    ("create", "action"): gettext_lazy("een actie toegevoegd"),
    ("update", "action"): gettext_lazy("een actie aangepast"),
    ("delete", "action"): gettext_lazy("een actie weggehaald"),
    ("update", "plan"): gettext_lazy("de tekst van uw plan aangepast"),
    ("create", "circlemember"): gettext_lazy("iemand aan uw kring toegevoegd"),
    ("update", "circlemember"): gettext_lazy("iemand in uw kring aangepast"),
    ("remove", "circlemember"): gettext_lazy("iemand uit uw kring gehaald"),
    ("approve", "planversion"): gettext_lazy("uw plan goedgekeurd"),
    ("reveal_bsn", "person"): gettext_lazy(
        "het burgerservicenummer (BSN) van iemand uit uw huishouden bekeken"
    ),
}


@dataclass(frozen=True)
class Entry:
    at: datetime.datetime  # local time
    who: str
    role: str  # "regisseur bij Buurtteam Lindehof", or empty
    what: str  # "uw plan bekeken"
    why: str


def _role(event: AuditEvent) -> str:
    role = str(ROLES.get(event.actor_role, ""))
    if role and event.actor_organisation:
        return _("%(role)s bij %(organisation)s") % {
            "role": role,
            "organisation": event.actor_organisation,
        }
    return role or event.actor_organisation


def _what(event: AuditEvent) -> str:
    if event.verb == "view":
        return str(READS.get(event.object_type, _("gegevens van uw huishouden bekeken")))
    if event.verb == "propose" and event.detail.get("kind") in PROPOSALS:
        return str(PROPOSALS[event.detail["kind"]])
    return str(CHANGES.get((event.verb, event.object_type), _("iets in uw plan veranderd")))


def _why(event: AuditEvent) -> str:
    detail = event.detail if isinstance(event.detail, dict) else {}
    return str(detail.get("why") or detail.get("reason") or "")


def describe(event: AuditEvent) -> Entry:
    return Entry(
        at=timezone.localtime(event.occurred_at),
        who=event.actor_name,
        role=_role(event),
        what=_what(event),
        why=_why(event),
    )


def access_log_of(household: Household):
    """What others did with the household's data, newest first. The pen holders' own actions
    are left out: this is what they did not do themselves."""
    return (
        AuditEvent.objects.filter(household_id=household.pk)
        .exclude(actor_role="resident")
        .only(
            "occurred_at",
            "actor_name",
            "actor_role",
            "actor_organisation",
            "verb",
            "object_type",
            "detail",
        )
        .order_by("-occurred_at", "-id")
    )


def _by_day(entries: list[Entry]) -> list[tuple[datetime.date, list[Entry]]]:
    days: list[tuple[datetime.date, list[Entry]]] = []
    for entry in entries:
        day = entry.at.date()
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(entry)
    return days


@login_required
def access_log(request, household_id):
    household = get_object_or_404(Household, pk=household_id)
    if not standing(request.user, household).has_any_access:
        raise Http404
    if not request.user.has_perm("privacy.view_access_log", household):
        raise PermissionDenied
    page = Paginator(access_log_of(household), PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "privacy/access_log.html",
        {
            "household": household,
            "page": page,
            "days": _by_day([describe(event) for event in page.object_list]),
        },
    )
