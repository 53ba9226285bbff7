"""Retention: how long each kind of data is kept, and the removal of what has passed its period.

Every kind has a default period in code. The defaults are *unverified*: nobody has checked
them against the municipality's legal duties (Archiefwet and the Selectielijst gemeenten, the
Jeugdwet, the Wmo 2015, the Participatiewet, its own privacy policy). A default therefore does
nothing until an administrator confirms its rule in /beheer/ (privacy/admin.py); changing a
period there takes the confirmation away again. The resident's page shows every rule, and says
when a period has not been confirmed yet.

`enforce` (run by the task in privacy/tasks.py and by `eigenplan retention`) removes, per kind,
exactly what has passed its period (privacy/periods.py: kept through the last day of the period,
removed from the next local midnight), in one transaction per kind, and writes one audit event
per kind with counts only: no names, no household numbers, no text.

The audit trail itself is *not* removed by the task: it is hash-chained and append-only (on
PostgreSQL a trigger refuses every DELETE), and removing its oldest events would break
`eigenplan audit verify`. Its period is shown and kept as a rule, with the action "keep".
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from eigenplan.accounts.models import LoginThrottle, Role, User
from eigenplan.households.models import CircleMember, Household, Person, Representative
from eigenplan.plans.models import Proposal
from eigenplan.privacy.audit import record_event
from eigenplan.privacy.models import (
    CorrectionRequest,
    EmergencyAccess,
    RetentionRule,
    SharingDecision,
)
from eigenplan.privacy.periods import last_day_kept, removal_cutoff

DELETE, ANONYMISE, KEEP = "delete", "anonymise", "keep"
# What a removed circle member is called once anonymised.
ANONYMOUS_MEMBER = "Oud kringlid"

UNVERIFIED_NOTE = _(
    "Standaardtermijn van eigenplan, niet gecontroleerd als wettelijke termijn. Controleer "
    "hem met de privacy officer (FG) en de archiefregels van uw gemeente en bevestig hem daarna."
)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # what the data is, for the resident
    counted_from: str  # "after ..." for the resident
    action: str  # DELETE, ANONYMISE or KEEP
    amount: int  # the default period
    unit: str  # "days", "months" or "years"
    remove: Callable[[datetime.datetime, datetime.datetime, bool], int] | None = None


# --- what each kind removes: (cutoff, now, dry_run) -> how many -------------------------------


def _remove_closed_households(cutoff, now, dry_run) -> int:
    """The whole file of a household closed before the cutoff: persons, representatives,
    circle, plan with goals, actions, proposals and versions, sharing decisions, emergency
    accesses and correction requests (all follow the household). The accounts of residents
    and circle members who have no link to any other household go too."""
    households = Household.objects.filter(closed_at__lt=cutoff)
    ids = list(households.values_list("pk", flat=True))
    if dry_run or not ids:
        return len(ids)
    user_ids = set()
    for model in (Person, Representative, CircleMember):
        user_ids.update(
            model.objects.filter(household_id__in=ids, user__isnull=False).values_list(
                "user_id", flat=True
            )
        )
    Household.objects.filter(pk__in=ids).delete()
    User.objects.filter(
        pk__in=user_ids,
        role__in=[Role.RESIDENT, Role.CIRCLE_MEMBER],
        is_staff=False,
        is_superuser=False,
        person__isnull=True,
        representations__isnull=True,
        circle_memberships__isnull=True,
    ).delete()
    return len(ids)


def _remove_answered_proposals(cutoff, now, dry_run) -> int:
    proposals = (
        Proposal.objects.filter(status__in=[Proposal.Status.DECLINED, Proposal.Status.OBSOLETE])
        .annotate(reference=Coalesce("answered_at", "created_at"))
        .filter(reference__lt=cutoff)
    )
    ids = list(proposals.values_list("pk", flat=True))
    if not dry_run and ids:
        Proposal.objects.filter(pk__in=ids).delete()
    return len(ids)


def _anonymise_removed_circle_members(cutoff, now, dry_run) -> int:
    """A circle member removed before the cutoff (the withdrawal of all sharing is their last
    sharing decision): the history of what they might see is deleted, and the member record,
    which old actions still point to, keeps no name, contact details, own words or account."""
    members = (
        CircleMember.objects.filter(is_active=False)
        .annotate(removed_at=Max("sharing_decisions__decided_at"))
        .filter(removed_at__lt=cutoff)
    )
    ids = list(members.values_list("pk", flat=True))
    if dry_run or not ids:
        return len(ids)
    SharingDecision.objects.filter(circle_member_id__in=ids).delete()
    CircleMember.objects.filter(pk__in=ids).update(
        name=ANONYMOUS_MEMBER,
        relation_detail="",
        email="",
        phone="",
        user=None,
        shared_life_domains=[],
        shares_dream=False,
        shares_contact=False,
    )
    return len(ids)


def _delete(queryset, dry_run) -> int:
    if dry_run:
        return queryset.count()
    _total, per_model = queryset.delete()
    return per_model.get(queryset.model._meta.label, 0)


def _remove_ended_emergency_accesses(cutoff, now, dry_run) -> int:
    return _delete(EmergencyAccess.objects.filter(expires_at__lt=cutoff), dry_run)


def _remove_answered_correction_requests(cutoff, now, dry_run) -> int:
    return _delete(
        CorrectionRequest.objects.exclude(status=CorrectionRequest.Status.OPEN).filter(
            answered_at__lt=cutoff
        ),
        dry_run,
    )


def _remove_login_counts(cutoff, now, dry_run) -> int:
    # Never a row that locks someone out right now.
    return _delete(
        LoginThrottle.objects.filter(window_start__lt=cutoff).filter(
            Q(locked_until__isnull=True) | Q(locked_until__lte=now)
        ),
        dry_run,
    )


def _remove_ended_sessions(cutoff, now, dry_run) -> int:
    return _delete(Session.objects.filter(expire_date__lt=cutoff), dry_run)


def _remove_old_messages(cutoff, now, dry_run) -> int:
    """E-mails and text messages (with their address and text) made before the cutoff; never one
    still waiting to be sent."""
    from eigenplan.notifications.models import Message

    waiting = [Message.Status.QUEUED, Message.Status.SENDING]
    return _delete(
        Message.objects.filter(created_at__lt=cutoff).exclude(status__in=waiting), dry_run
    )


KINDS: list[Kind] = [
    Kind(
        "closed_household",
        _(
            "Uw dossier: de mensen in uw huishouden, uw plan met doelen en acties, alle "
            "versies en voorstellen, uw kring en uw account"
        ),
        _("nadat uw regisseur uw dossier heeft gesloten"),
        DELETE,
        7,
        "years",
        _remove_closed_households,
    ),
    Kind(
        "answered_proposals",
        _("Voorstellen die u niet heeft overgenomen, of die niet meer konden"),
        _("na uw antwoord op het voorstel"),
        DELETE,
        1,
        "years",
        _remove_answered_proposals,
    ),
    Kind(
        "removed_circle_members",
        _("Mensen die u uit uw kring heeft gehaald, en wat zij van uw plan mochten zien"),
        _("nadat u hen uit uw kring heeft gehaald"),
        ANONYMISE,
        1,
        "years",
        _anonymise_removed_circle_members,
    ),
    Kind(
        "emergency_access",
        _("Noodtoegang: wie uw plan in een noodgeval mocht lezen, en waarom"),
        _("nadat de noodtoegang is gestopt"),
        DELETE,
        1,
        "years",
        _remove_ended_emergency_accesses,
    ),
    Kind(
        "correction_requests",
        _("Uw vragen om iets te verbeteren, en onze antwoorden"),
        _("na ons antwoord"),
        DELETE,
        2,
        "years",
        _remove_answered_correction_requests,
    ),
    Kind(
        "login_throttle",
        _("Tellingen van verkeerde wachtwoorden (zonder naam of adres)"),
        _("na de eerste poging"),
        DELETE,
        1,
        "days",
        _remove_login_counts,
    ),
    Kind(
        "sessions",
        _("Gegevens dat u bent ingelogd (uw sessie)"),
        _("nadat u bent uitgelogd of uw sessie is gestopt"),
        DELETE,
        1,
        "days",
        _remove_ended_sessions,
    ),
    Kind(
        "messages",
        _("E-mails en sms-berichten die wij stuurden, zoals uitnodigingen voor uw kring"),
        _("nadat het bericht is gemaakt"),
        DELETE,
        6,
        "months",
        _remove_old_messages,
    ),
    Kind(
        "audit_trail",
        _("Het logboek: wie wat deed of bekeek in uw plan"),
        _("na wat er gebeurde"),
        KEEP,
        7,
        "years",
        None,
    ),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


# --- rules -------------------------------------------------------------------------------------


def ensure_rules() -> None:
    """A rule row for every kind, with the default period and not confirmed. Existing rows are
    left exactly as they are."""
    existing = set(RetentionRule.objects.values_list("kind", flat=True))
    RetentionRule.objects.bulk_create(
        [
            RetentionRule(kind=kind.key, amount=kind.amount, unit=kind.unit)
            for kind in KINDS
            if kind.key not in existing
        ],
        ignore_conflicts=True,
    )


def period_words(amount: int, unit: str) -> str:
    if unit == "days":
        return ngettext("%(n)s dag", "%(n)s dagen", amount) % {"n": amount}
    if unit == "months":
        return ngettext("%(n)s maand", "%(n)s maanden", amount) % {"n": amount}
    return ngettext("%(n)s jaar", "%(n)s jaar", amount) % {"n": amount}


@dataclass(frozen=True)
class Rule:
    """A kind with the period in force: the rule's row, or the default when it has none."""

    kind: Kind
    amount: int
    unit: str
    confirmed: bool
    confirmed_at: datetime.datetime | None = None

    @property
    def key(self) -> str:
        return self.kind.key

    @property
    def period(self) -> str:
        return period_words(self.amount, self.unit)

    @property
    def enforced(self) -> bool:
        return self.kind.action != KEEP and self.confirmed

    def last_day_kept(self, reference: datetime.datetime) -> datetime.date:
        return last_day_kept(reference, self.amount, self.unit)


def current_rules() -> list[Rule]:
    """Every kind with its period in force, in the order of KINDS. One query."""
    rows = {row.kind: row for row in RetentionRule.objects.all()}
    rules = []
    for kind in KINDS:
        row = rows.get(kind.key)
        if row is None:
            rules.append(Rule(kind, kind.amount, kind.unit, confirmed=False))
        else:
            rules.append(
                Rule(kind, row.amount, row.unit, row.is_confirmed, confirmed_at=row.confirmed_at)
            )
    return rules


def rule_for(key: str) -> Rule:
    return next(rule for rule in current_rules() if rule.key == key)


# --- enforcing ---------------------------------------------------------------------------------

ENFORCED, NOT_CONFIRMED = "enforced", "not_confirmed"


def enforce(*, dry_run: bool = False, now: datetime.datetime | None = None) -> dict:
    """Remove or anonymise, per confirmed kind, what has passed its period. Returns per kind
    {"action", "status", "count", "removed_before"}. An unconfirmed rule removes nothing.
    A dry run counts and changes nothing, and writes no audit event; a real run writes one per
    kind (also for an unconfirmed one, with count 0), with no personal data in it."""
    if not dry_run:
        ensure_rules()
    now = now or timezone.now()
    report = {}
    for rule in current_rules():
        kind = rule.kind
        if kind.action == KEEP:
            continue
        if not rule.confirmed:
            outcome = {"action": kind.action, "status": NOT_CONFIRMED, "count": 0}
            if not dry_run:
                _record(kind, outcome)
            report[kind.key] = outcome
            continue
        cutoff = removal_cutoff(now, rule.amount, rule.unit)
        with transaction.atomic():
            count = kind.remove(cutoff, now, dry_run)
            outcome = {
                "action": kind.action,
                "status": ENFORCED,
                "count": count,
                "removed_before": timezone.localtime(cutoff).isoformat(),
                "period": f"{rule.amount} {rule.unit}",
            }
            if not dry_run:
                _record(kind, outcome)
        report[kind.key] = outcome
    return report


def _record(kind: Kind, outcome: dict) -> None:
    record_event(
        actor=None,
        household=None,
        verb="retention",
        detail={"kind": kind.key, **outcome},
    )
