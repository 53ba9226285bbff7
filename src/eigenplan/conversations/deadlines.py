"""Which legal clocks a request or event starts, and when each is due.

The periods themselves live in DeadlineRule rows (seeded with DEFAULT_RULES, edited in the
admin); the counting is core.workdays': calendar periods move past weekends and public holidays
per the Algemene termijnenwet, working-day periods skip them."""

import datetime

from eigenplan.conversations.models import DeadlineRule, Law, PeriodUnit, Trigger, Urgency
from eigenplan.core.workdays import Calendar

# The defaults the migration seeds: (code, law, starts on, urgency, name, amount, unit, source,
# unverified). "Unverified" where the fact comes from secondary sources, not the law's text.
DEFAULT_RULES = [
    (
        "wmo-onderzoek",
        Law.WMO,
        Trigger.MELDING,
        Urgency.ALWAYS,
        "Onderzoek naar uw situatie",
        6,
        PeriodUnit.WEEKS,
        "Wmo 2015 art. 2.3.2 lid 1",
        False,
    ),
    (
        "wmo-persoonlijk-plan",
        Law.WMO,
        Trigger.MELDING,
        Urgency.ALWAYS,
        "Uw eigen plan (persoonlijk plan) geven",
        7,
        PeriodUnit.DAYS,
        "Wmo 2015 art. 2.3.2 lid 2",
        False,
    ),
    (
        "wmo-besluit",
        Law.WMO,
        Trigger.AANVRAAG,
        Urgency.ALWAYS,
        "Besluit op uw aanvraag",
        2,
        PeriodUnit.WEEKS,
        "Wmo 2015 art. 2.3.5 lid 1 (uit secundaire bronnen)",
        True,
    ),
    (
        "jeugdwet-plan-op-papier",
        Law.JEUGDWET,
        Trigger.WRITTEN_PLAN_ASKED,
        Urgency.ALWAYS,
        "Het plan op papier geven",
        14,
        PeriodUnit.DAYS,
        "Jeugdwet art. 4.1.3",
        False,
    ),
    (
        "jeugdwet-plan-zonder-familiegroepsplan",
        Law.JEUGDWET,
        Trigger.NO_FAMILY_GROUP_PLAN,
        Urgency.ALWAYS,
        "Het plan samen vaststellen",
        6,
        PeriodUnit.WEEKS,
        "Jeugdwet art. 4.1.3",
        False,
    ),
    (
        "participatiewet-besluit",
        Law.PARTICIPATIEWET,
        Trigger.AANVRAAG,
        Urgency.ALWAYS,
        "Besluit op uw aanvraag",
        8,
        PeriodUnit.WEEKS,
        "Awb art. 4:13 (uit secundaire bronnen)",
        True,
    ),
    (
        "participatiewet-voorschot",
        Law.PARTICIPATIEWET,
        Trigger.AANVRAAG,
        Urgency.ALWAYS,
        "Voorschot als er nog geen besluit is",
        4,
        PeriodUnit.WEEKS,
        "Participatiewet art. 52",
        False,
    ),
    (
        "wgs-eerste-gesprek",
        Law.WGS,
        Trigger.ANY_REQUEST,
        Urgency.NOT_URGENT,
        "Eerste gesprek over uw schulden",
        4,
        PeriodUnit.WEEKS,
        "Wgs art. 4 lid 1 (oudere tekst)",
        True,
    ),
    (
        "wgs-eerste-gesprek-spoed",
        Law.WGS,
        Trigger.ANY_REQUEST,
        Urgency.URGENT,
        "Eerste gesprek over uw schulden, met spoed",
        3,
        PeriodUnit.WORKING_DAYS,
        "Wgs art. 4 lid 2 (oudere tekst)",
        True,
    ),
]


def due_date(
    start: datetime.date, amount: int, unit: str, calendar: Calendar | None = None
) -> datetime.date:
    """The last day of a period of `amount` `unit`s that starts the day after `start`."""
    if unit not in PeriodUnit.values:
        raise ValueError(f"unknown unit {unit!r}")
    return (calendar or Calendar()).legal_deadline(start, **{unit: amount})


def rules_started_by(trigger: str, *, laws, urgent: bool, rules=None) -> list[DeadlineRule]:
    """The active rules that `trigger` starts for these laws. A request of a kind also starts
    the rules for "any request"."""
    triggers = {trigger}
    if trigger in (Trigger.MELDING, Trigger.AANVRAAG, Trigger.HULPVRAAG):
        triggers.add(Trigger.ANY_REQUEST)
    if rules is None:
        rules = DeadlineRule.objects.filter(is_active=True, starts_on__in=triggers, law__in=laws)
    return [
        rule
        for rule in rules
        if rule.is_active
        and rule.starts_on in triggers
        and rule.law in laws
        and rule.applies(urgent=urgent)
    ]


DEFAULT_CLIENT_SUPPORT = {
    "organisation": "Onafhankelijke cliëntondersteuning van de gemeente",
    "text": (
        "Een cliëntondersteuner helpt u gratis. Hij of zij werkt niet voor de gemeente. Die "
        "persoon kan met u meegaan naar het gesprek, en helpt u met uw vraag en uw plan."
    ),
}


def ensure_defaults(using: str = "default") -> None:
    """The default rules and client support text, when there are none at all."""
    from eigenplan.conversations.models import ClientSupport

    rules = DeadlineRule.objects.using(using)
    if not rules.exists():
        fields = ("code", "law", "starts_on", "urgency", "name", "amount", "unit", "source")
        rules.bulk_create(
            DeadlineRule(**dict(zip((*fields, "unverified"), values, strict=True)))
            for values in DEFAULT_RULES
        )
    if not ClientSupport.objects.using(using).exists():
        ClientSupport.objects.using(using).create(**DEFAULT_CLIENT_SUPPORT)
