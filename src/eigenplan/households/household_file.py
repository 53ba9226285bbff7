"""The household file: one page for the coordinator with the plan, the circle, what needs
attention, what happened, and a section per app (conversations and legal deadlines, requests
and decisions, reviews) that shows "nog niets" until the app fills it.

Slots declared here: "conversations" (conversations and legal deadlines, part
"conversations"), "requests" (meldingen and applications, part "decisions"), "decisions"
(decisions and mandate requests, part "decisions"), "reviews" (plan reviews, always shown).

An app fills a section from its `<app>/workspace.py` (found by itself, like the attention
providers):

    from eigenplan.households.household_file import SectionContent, section

    @section("decisions")
    def decisions(household, view) -> SectionContent | None:
        return SectionContent("decisions/_file_section.html", {"decisions": [...]})

The section's template gets the content's context as `data`, and `household` and `view`;
"households/_file_lines.html" shows `data.lines` ({text, url, date} each) for a simple list. A
filler runs a fixed number of queries and returns None when there is nothing yet. Whether the
viewer may see the section at all is decided here from its `part` (privacy.parts) through the
Standing, before the filler is called. A new kind of section is declared with
`declare(key, title, part, order)`."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenplan.households.access import Standing
from eigenplan.households.attention import AttentionItem, attention_for, by_kind, discover, visible
from eigenplan.households.models import CoordinatorAssignment, Household
from eigenplan.privacy.models import AuditEvent, FilePart


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    part: str | None  # None: every viewer of the file sees it
    order: int


@dataclass(frozen=True)
class SectionContent:
    template: str
    context: dict


Filler = Callable[[Household, Standing], SectionContent | None]

_sections: dict[str, Section] = {}
_fillers: dict[str, Filler] = {}


def declare(key: str, title, part: str | None, order: int) -> None:
    _sections[key] = Section(key=key, title=title, part=part, order=order)


# The slots other apps fill; until they do, the file says there is nothing yet.
declare("conversations", _("Gesprekken en termijnen"), FilePart.CONVERSATIONS, 10)
declare("requests", _("Meldingen en aanvragen"), FilePart.CONVERSATIONS, 20)
declare("decisions", _("Besluiten"), FilePart.DECISIONS, 30)
declare("reviews", _("Evaluaties"), None, 40)


def section(key: str) -> Callable[[Filler], Filler]:
    """Register the filler of the section `key` (declared above or with `declare`)."""

    def register(function: Filler) -> Filler:
        _fillers[key] = function
        return function

    return register


@dataclass(frozen=True)
class FilledSection:
    section: Section
    allowed: bool  # False: the resident does not share this part with the viewer
    content: SectionContent | None


def sections_for(household: Household, view: Standing) -> list[FilledSection]:
    discover()
    filled = []
    for item in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        allowed = item.part is None or view.may_see(item.part)
        filler = _fillers.get(item.key)
        content = filler(household, view) if allowed and filler is not None else None
        filled.append(FilledSection(item, allowed, content))
    return filled


# --- what happened ------------------------------------------------------------------------------

HISTORY_LENGTH = 30
# Events about the file itself, not the plan's content: shown also to a coordinator with whom
# the resident does not share the whole plan.
FILE_EVENTS = frozenset(
    ["coordinatorassignment", "household", "correctionrequest", "emergencyaccess"]
)
# What an event says, for a professional. Apps add theirs (from their workspace module).
HISTORY: dict[tuple[str, str], str] = {
    ("create", "goal"): _("voegde een doel toe"),
    ("update", "goal"): _("paste een doel aan"),
    ("delete", "goal"): _("haalde een doel weg"),
    ("create", "action"): _("voegde een actie toe"),
    ("update", "action"): _("paste een actie aan"),
    ("delete", "action"): _("haalde een actie weg"),
    ("update", "plan"): _("paste de tekst van het plan aan"),
    ("approve", "planversion"): _("keurde het plan goed"),
    ("propose", "proposal"): _("deed een voorstel"),
    ("accept", "proposal"): _("nam een voorstel over"),
    ("decline", "proposal"): _("nam een voorstel niet over"),
    ("create", "circlemember"): _("zette iemand in de kring"),
    ("update", "circlemember"): _("paste iemand in de kring aan"),
    ("remove", "circlemember"): _("haalde iemand uit de kring"),
    ("invitation_sent", "circleinvitation"): _("nodigde iemand uit de kring uit"),
    ("invitation_cancelled", "circleinvitation"): _("trok een uitnodiging in"),
    ("invitation_accepted", "circleinvitation"): _("nam de uitnodiging aan en doet nu mee"),
    ("share", "rolesharingdecision"): _("veranderde wat het buurtteam mag zien"),
    ("hand_over", "coordinatorassignment"): _("droeg het huishouden over aan een nieuwe regisseur"),
    ("hand_over", "household"): _("haalde de regisseur weg"),
    ("close_file", "household"): _("sloot het dossier"),
    ("reopen_file", "household"): _("opende het dossier weer"),
    ("emergency_access", "emergencyaccess"): _("kreeg noodtoegang"),
    ("request_correction", "correctionrequest"): _("vroeg om iets te verbeteren"),
    ("answer_correction", "correctionrequest"): _("beantwoordde een vraag om iets te verbeteren"),
}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime.datetime
    who: str
    what: str


def history_of(household: Household, view: Standing) -> list[HistoryEntry]:
    """What happened in the household's file, newest first, from the audit trail: the changes,
    not the reads (those are in the resident's access log). Someone who does not see the whole
    plan sees the events about the file itself and their own."""
    events = AuditEvent.objects.filter(household_id=household.pk).exclude(verb="view")
    if not view.sees_whole_plan:
        events = events.filter(Q(object_type__in=FILE_EVENTS) | Q(actor_id=view.user_id))
    events = events.only("occurred_at", "actor_name", "verb", "object_type").order_by(
        "-occurred_at", "-id"
    )[:HISTORY_LENGTH]
    return [
        HistoryEntry(
            at=timezone.localtime(event.occurred_at),
            who=event.actor_name,
            what=str(HISTORY.get((event.verb, event.object_type), _("veranderde iets"))),
        )
        for event in events
    ]


# --- the coordinator -----------------------------------------------------------------------------


def coordinator_history(household: Household) -> list[CoordinatorAssignment]:
    return list(
        CoordinatorAssignment.objects.filter(household=household).order_by("-started_at", "-id")[
            :50
        ]
    )


def current_assignment(household: Household) -> CoordinatorAssignment | None:
    """The open assignment of the household's coordinator; None without a coordinator. For a
    coordinator from before the history was kept: an unsaved row since registration."""
    if household.coordinator_id is None:
        return None
    found = (
        CoordinatorAssignment.objects.filter(household=household, ended_at__isnull=True)
        .order_by("-started_at")
        .first()
    )
    if found is not None and found.coordinator_id == household.coordinator_id:
        return found
    coordinator = household.coordinator
    return CoordinatorAssignment(
        household=household,
        coordinator=coordinator,
        coordinator_name=str(coordinator),
        started_at=household.created_at,
    )


def attention_of(household: Household, view: Standing) -> list[AttentionItem]:
    return by_kind(visible(attention_for([household.pk])[household.pk], view.shared_parts))
