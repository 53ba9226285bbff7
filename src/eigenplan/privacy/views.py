"""The resident's access log: who read or changed their plan, in plain words. And the
resident's own data to take along: a JSON file and a readable page (AVG art. 15 and 20)."""

import datetime
import json
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from eigenplan.accounts.reauth import requires_recent_login
from eigenplan.households.access import standing
from eigenplan.households.models import Household
from eigenplan.plans.models import Action, LifeDomain, Performer
from eigenplan.plans.views import household_for
from eigenplan.privacy.export import export_household, record_export
from eigenplan.privacy.models import AuditEvent

PER_PAGE = 50

ROLES = {
    "coordinator": gettext_lazy("regisseur"),
    "team_member": gettext_lazy("medewerker van het buurtteam"),
    "team_lead": gettext_lazy("teamleider"),
    "emergency": gettext_lazy("met noodtoegang"),
    "circle_member": gettext_lazy("kringlid"),
    "household_member": gettext_lazy("iemand uit uw huishouden"),
    "resident": gettext_lazy("inwoner"),
    "independent_coordinator": gettext_lazy("onafhankelijk coördinator"),
}
READS = {
    "plan": gettext_lazy("uw plan bekeken"),
    "proposals": gettext_lazy("de voorstellen bij uw plan bekeken"),
    "versions": gettext_lazy("de goedgekeurde versies van uw plan bekeken"),
    "circle": gettext_lazy("uw kring bekeken"),
    "household": gettext_lazy("de gegevens van uw huishouden bekeken"),
    "conversations": gettext_lazy("uw vragen om hulp en gesprekken bekeken"),
    "decisions": gettext_lazy("uw ondersteuning en besluiten bekeken"),
    "conference": gettext_lazy("de Eigen Kracht-conferentie bekeken"),
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
    ("export", "household"): gettext_lazy("alle gegevens van uw huishouden gedownload"),
    ("emergency_access", "emergencyaccess"): gettext_lazy("noodtoegang tot uw plan gekregen"),
    ("answer_correction", "correctionrequest"): gettext_lazy(
        "uw vraag om iets te verbeteren beantwoord"
    ),
    ("extend_correction", "correctionrequest"): gettext_lazy(
        "meer tijd genomen om uw vraag om iets te verbeteren te beantwoorden"
    ),
    ("request_correction", "correctionrequest"): gettext_lazy("gevraagd om iets te verbeteren"),
    ("close_file", "household"): gettext_lazy("uw dossier gesloten"),
    ("reopen_file", "household"): gettext_lazy("uw dossier weer geopend"),
    ("invitation_accepted", "circleinvitation"): gettext_lazy(
        "uw uitnodiging aangenomen en doet nu mee"
    ),
    ("invitation_blocked", "circleinvitation"): gettext_lazy(
        "uw uitnodiging is geblokkeerd: er is te vaak een verkeerde code ingevuld"
    ),
    ("share", "rolesharingdecision"): gettext_lazy("veranderd wat het buurtteam mag zien"),
    ("create_support", "supportitem"): gettext_lazy("ondersteuning voor u klaargezet"),
    ("correct_legal_ground", "supportitem"): gettext_lazy(
        "de wet aangepast waarop uw ondersteuning rust"
    ),
    ("grant_support", "decision"): gettext_lazy("ondersteuning aan u toegekend"),
    ("request_mandate_decision", "mandaterequest"): gettext_lazy(
        "een collega gevraagd te besluiten over uw ondersteuning"
    ),
    ("decide_mandate_request", "decision"): gettext_lazy("besloten over uw ondersteuning"),
    ("escalate_mandate_request", "mandaterequest"): gettext_lazy(
        "de vraag over uw ondersteuning doorgegeven aan een leidinggevende, omdat er nog geen "
        "besluit was"
    ),
    ("issue_decision_letter", "decisionletter"): gettext_lazy(
        "een brief met besluiten voor u gemaakt"
    ),
    ("hand_over", "coordinatorassignment"): gettext_lazy("een nieuwe regisseur voor u gekozen"),
    # A circle member's answers to what the resident asked (eigenplan.circle).
    ("commitment_accept", "action"): gettext_lazy("ja gezegd tegen een vraag uit uw plan"),
    ("commitment_decline", "action"): gettext_lazy("nee gezegd tegen een vraag uit uw plan"),
    ("commitment_done", "action"): gettext_lazy("een afspraak uit uw plan op klaar gezet"),
    ("commitment_hand_back", "action"): gettext_lazy("een afspraak uit uw plan teruggegeven"),
    ("conference_step", "conference"): gettext_lazy(
        "een stap gezet in de Eigen Kracht-conferentie"
    ),
    ("create", "professionalinput"): gettext_lazy(
        "informatie of een voorwaarde voor de conferentie opgeschreven"
    ),
    ("assess", "professionalinput"): gettext_lazy("het plan van de conferentie beoordeeld"),
    ("remind", "conference"): gettext_lazy("een herinnering gestuurd om terug te kijken"),
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


# --- the resident's own data, to take along --------------------------------------------------

EXPORT_PERM = "privacy.export_data"
# Keys of the export whose values are ISO 8601 moments or days; the readable page shows them
# as dates.
MOMENT_KEYS = frozenset(
    [
        "exported_at",
        "created_at",
        "updated_at",
        "decided_at",
        "answered_at",
        "approved_at",
        "granted_at",
        "expires_at",
        "occurred_at",
        "received_at",
        "extended_at",
        "closed_at",
        "sent_at",
        "finished_at",
        "made_at",
        "referred_at",
        "meeting_at",
        "assessed_at",
        "reviewed_at",
        "stopped_at",
    ]
)
DAY_KEYS = frozenset({"date_of_birth", "due_date", "deadline", "first_deadline", "review_date"})
PAYLOAD_LABELS = {
    "field": gettext_lazy("Welk deel van het plan"),
    "text": gettext_lazy("Tekst"),
    "life_domain": gettext_lazy("Leefgebied"),
    "person_id": gettext_lazy("Voor wie"),
    "description": gettext_lazy("Wat gaat er gebeuren?"),
    "performer": gettext_lazy("Wie doet het?"),
    "circle_member_id": gettext_lazy("Wie uit de kring"),
    "performer_name": gettext_lazy("Naam van de organisatie of professional"),
    "due_date": gettext_lazy("Wanneer klaar?"),
    "status": gettext_lazy("Hoe staat het ervoor?"),
}
PLAN_TEXTS = {
    "strengths": gettext_lazy("Wat goed gaat"),
    "dream": gettext_lazy("Mijn droom"),
    "contributions": gettext_lazy("Wat ik kan geven"),
}


def _read_as_dates(value, key: str = ""):
    """The export with its ISO 8601 strings turned back into dates and times, for the page."""
    if isinstance(value, dict):
        return {k: _read_as_dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_read_as_dates(v) for v in value]
    if isinstance(value, str) and (key in MOMENT_KEYS or key in DAY_KEYS):
        try:
            if key in MOMENT_KEYS:
                return datetime.datetime.fromisoformat(value)
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _choice(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _payload_lines(payload, names: dict[str, dict[int, str]]) -> list[tuple[str, str]]:
    """What a proposal said, as (label, words) pairs, with names from the export itself."""
    if not isinstance(payload, dict):
        return []
    words = {
        "field": lambda v: str(PLAN_TEXTS.get(v, v)),
        "life_domain": lambda v: _choice(LifeDomain, v),
        "performer": lambda v: _choice(Performer, v),
        "status": lambda v: _choice(Action.Status, v),
        "person_id": lambda v: names["persons"].get(v, "—"),
        "circle_member_id": lambda v: names["circle"].get(v, "—"),
        "due_date": lambda v: formats.date_format(datetime.date.fromisoformat(v), "j F Y"),
    }
    lines = []
    for key, value in payload.items():
        if value in (None, "", []):
            continue
        try:
            shown = words[key](value) if key in words else str(value)
        except (TypeError, ValueError):
            shown = str(value)
        lines.append((str(PAYLOAD_LABELS.get(key, key)), shown))
    return lines


def _for_reading(data: dict) -> dict:
    names = {
        "persons": {p["id"]: f"{p['first_name']} {p['last_name']}" for p in data["persons"]},
        "circle": {m["id"]: m["name"] for m in data["circle"]},
    }
    readable = _read_as_dates(data)
    for shown, proposal in zip(readable["proposals"], data["proposals"], strict=True):
        shown["proposed"] = _payload_lines(proposal["payload"], names)
        shown["final"] = _payload_lines(proposal["final_payload"], names)
    for invitation in readable["invitations"]:
        invitation["member"] = names["circle"].get(invitation["circle_member_id"], "")
    return readable


@requires_recent_login
def my_data(request, household_id):
    """What the download holds, in plain words, and the two ways to get it. The password is asked
    here already (not only on the downloads), so that after confirming it the resident comes
    back to this page and not to a re-authentication page that stays open behind a download."""
    household, _view = household_for(request, household_id, EXPORT_PERM)
    return render(request, "privacy/my_data.html", {"household": household})


@never_cache
@requires_recent_login
@require_GET
def my_data_download(request, household_id):
    household, _view = household_for(request, household_id, EXPORT_PERM)
    data = export_household(household)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    record_export(actor=request.user, household=household, file_format="json")
    response = HttpResponse(body, content_type="application/json")
    filename = f"eigenplan-mijn-gegevens-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@requires_recent_login
@require_GET
def my_data_overview(request, household_id):
    household, _view = household_for(request, household_id, EXPORT_PERM)
    data = export_household(household)
    record_export(actor=request.user, household=household, file_format="html")
    return render(
        request,
        "privacy/my_data_overview.html",
        {"household": household, "data": _for_reading(data)},
    )
