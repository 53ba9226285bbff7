"""Every change to support, mandate requests, decisions and letters goes through here: one
transaction per call, permission and validation first, an audit event last.

Mandate limits are checked here, on the server, whatever a page offers: a forged form that asks
to grant above the mandate is refused. Grants for one household take turns (the household row is
locked with SELECT ... FOR UPDATE), so two grants at once cannot both fit a budget that has room
for one."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from eigenplan.core.workdays import add_working_days, legal_deadline
from eigenplan.decisions.models import (
    Decision,
    DecisionLetter,
    DecisionSettings,
    Escalation,
    Frequency,
    Law,
    LegalGroundRule,
    MaatwerkKind,
    Mandate,
    MandateRequest,
    Provision,
    SupportItem,
    Unit,
    category_code,
    product_code,
)
from eigenplan.households.access import standing
from eigenplan.households.models import Household, Person, TeamMembership, TeamRole
from eigenplan.households.selectors import pen_holders
from eigenplan.notifications.models import Message
from eigenplan.notifications.services import email_each, site_url
from eigenplan.plans.models import Action, Performer
from eigenplan.privacy.audit import record_event

MAX_TEXT = 2000
MAX_VOLUME = 99_999_999  # LDT_Volume in the iWmo/iJw 3.2 basisschema
LONGEST_PERIOD = datetime.timedelta(days=5 * 366)


# --- small checks ---------------------------------------------------------------------------


def _text(value, *, field: str, required: bool = True) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise ValidationError({field: _("Vul dit in. Het mag kort zijn.")})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {field: _("Dit is te lang. Gebruik niet meer dan %(max)s tekens.") % {"max": MAX_TEXT}}
        )
    return text


def _require_coordinator(actor, household: Household) -> None:
    """Only the household's assigned coordinator prepares and grants its support."""
    if not standing(actor, household).is_coordinator:
        raise PermissionDenied(_("Alleen de regisseur van dit huishouden mag dit doen."))


def _mandate_of(user) -> Mandate | None:
    return Mandate.objects.filter(holder=user).select_related("holder").first()


def mandate_label(mandate: Mandate) -> str:
    laws = ", ".join(str(Law(law).label) for law in mandate.laws if law in Law.values)
    return _("%(name)s, mandaat niveau %(level)s (%(laws)s; tot %(budget)s euro per jaar)") % {
        "name": mandate.holder,
        "level": mandate.level,
        "laws": laws or _("geen wetten"),
        "budget": mandate.yearly_budget_per_household,
    }


# --- the legal ground -------------------------------------------------------------------------


@dataclass(frozen=True)
class Ground:
    law: str
    rule: LegalGroundRule | None


def derive_law(
    *,
    provision: Provision | None,
    product_category: str,
    maatwerk_kind: str,
    person: Person | None,
    on: datetime.date,
) -> Ground:
    """The law that the first matching rule (by priority) gives; without a matching rule the
    provision's own law. None found: a ValidationError that asks for the law by hand."""
    age = person.age_on(on) if person is not None else None
    for rule in LegalGroundRule.objects.filter(is_active=True).order_by("priority", "id"):
        if rule.matches(
            provision=provision, category=product_category, maatwerk_kind=maatwerk_kind, age=age
        ):
            return Ground(rule.law, rule)
    if provision is not None and provision.law:
        return Ground(provision.law, None)
    raise ValidationError(
        {"law": _("Er is geen regel die de wet bepaalt. Kies zelf de wet en schrijf op waarom.")}
    )


# --- support items ----------------------------------------------------------------------------


def _date(value, *, field: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ValidationError(
            {field: _("Dit is geen goede datum. Schrijf het zo: 2026-12-31.")}
        ) from None


def _volume(value) -> int:
    try:
        volume = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"volume": _("Vul een heel getal in, zoals 3.")}) from None
    if not 1 <= volume <= MAX_VOLUME:
        raise ValidationError({"volume": _("Vul een getal in van 1 of meer.")})
    return volume


def _price(value) -> Decimal:
    try:
        price = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"price_per_unit": _("Vul een bedrag in, zoals 45,50.")}) from None
    if price < 0 or price >= Decimal("100000000"):
        raise ValidationError({"price_per_unit": _("Vul een bedrag in van 0 of meer.")})
    return price


def _choice(value, choices, *, field: str, message: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: message})
    return value


def _maatwerk_fields(
    *,
    maatwerk_kind,
    description,
    product_category,
    product_code_value,
    unit,
    frequency,
    price_per_unit,
) -> dict:
    """Custom support is described by the coordinator: every field checked, every error
    reported at once."""
    errors: dict[str, list[str]] = {}
    fields: dict = {}

    def check(name, get):
        try:
            fields[name] = get()
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                errors.setdefault(key if key != "__all__" else name, []).extend(messages)

    def category():
        value = (product_category or "").strip()
        if not value:
            return value  # support outside the Wmo and the Jeugdwet has no iWmo/iJw category
        try:
            category_code(value)
        except ValidationError as error:
            raise ValidationError({"product_category": error.messages}) from None
        return value

    def code():
        value = (product_code_value or "").strip()
        if value:
            try:
                product_code(value)
            except ValidationError as error:
                raise ValidationError({"product_code": error.messages}) from None
        return value

    check(
        "maatwerk_kind",
        lambda: _choice(
            maatwerk_kind,
            MaatwerkKind,
            field="maatwerk_kind",
            message=_("Kies een voorziening, of kies wat voor maatwerk het is."),
        ),
    )
    check("description", lambda: _text(description, field="description"))
    check("product_category", category)
    check("product_code", code)
    check("unit", lambda: _choice(unit, Unit, field="unit", message=_("Kies een eenheid.")))
    check(
        "frequency",
        lambda: _choice(frequency, Frequency, field="frequency", message=_("Kies hoe vaak.")),
    )
    check("price_per_unit", lambda: _price(price_per_unit))
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def create_support_item(
    *,
    actor,
    action: Action,
    volume,
    start_date,
    end_date,
    provision: Provision | None = None,
    maatwerk_kind: str = "",
    description: str = "",
    product_category: str = "",
    product_code_value: str = "",
    unit: str = "",
    frequency: str = "",
    price_per_unit=None,
    person_id: int | None = None,
    law: str = "",
    law_reason: str = "",
) -> SupportItem:
    """Turn a professional action of the plan into support: a catalogue provision, or custom
    support (maatwerk) described by the coordinator. The legal ground is derived; a different
    law may be chosen with a reason."""
    goal = action.goal
    household = goal.plan.household
    _require_coordinator(actor, household)
    if action.performer != Performer.PROFESSIONAL:
        raise ValidationError(
            {"action": _("Alleen een actie van een professional kan ondersteuning worden.")}
        )
    start, end = _date(start_date, field="start_date"), _date(end_date, field="end_date")
    if end < start:
        raise ValidationError({"end_date": _("De einddatum ligt voor de begindatum.")})
    if end - start > LONGEST_PERIOD:
        raise ValidationError({"end_date": _("Kies een periode van hoogstens vijf jaar.")})
    person = None
    if person_id not in (None, ""):
        person = Person.objects.filter(pk=person_id, household=household).first()
        if person is None:
            raise ValidationError({"person_id": _("Kies iemand uit dit huishouden.")})
    elif goal.person_id is not None:
        person = goal.person
    if provision is not None:
        if not provision.is_active:
            raise ValidationError({"provision": _("Deze voorziening is niet meer in gebruik.")})
        fields = {
            "maatwerk_kind": "",
            "description": _text(description, field="description", required=False)
            or provision.plain_description,
            "product_category": provision.product_category,
            "product_code": provision.product_code,
            "unit": provision.unit,
            "frequency": provision.frequency,
            "price_per_unit": provision.price_per_unit,
        }
    else:
        fields = _maatwerk_fields(
            maatwerk_kind=maatwerk_kind,
            description=description,
            product_category=product_category,
            product_code_value=product_code_value,
            unit=unit,
            frequency=frequency,
            price_per_unit=price_per_unit,
        )
    try:
        ground = derive_law(
            provision=provision,
            product_category=fields["product_category"],
            maatwerk_kind=fields["maatwerk_kind"],
            person=person,
            on=start,
        )
    except ValidationError:
        if not law:
            raise
        ground = None
    chosen = law or (ground.law if ground else "")
    _choice(chosen, Law, field="law", message=_("Kies een wet uit de lijst."))
    reason = _text(law_reason, field="law_reason", required=False)
    if (ground is None or chosen != ground.law) and not reason:
        raise ValidationError(
            {"law_reason": _("U kiest een andere wet dan de regels. Schrijf op waarom.")}
        )
    item = SupportItem.objects.create(
        household=household,
        action=action,
        goal=goal,
        goal_text=goal.text,
        person=person,
        provision=provision,
        volume=_volume(volume),
        start_date=start,
        end_date=end,
        derived_law=ground.law if ground else chosen,
        derived_by=ground.rule if ground else None,
        law=chosen,
        law_correction_reason=reason if (ground is None or chosen != ground.law) else "",
        created_by=actor,
        **fields,
    )
    if ground is None:
        # Nothing derived: what the coordinator chose is all there is, and counts as corrected.
        SupportItem.objects.filter(pk=item.pk).update(derived_law="")
        item.derived_law = ""
    record_event(
        actor=actor,
        household=household,
        verb="create_support",
        obj=item,
        detail={"law": item.law, "derived_law": item.derived_law, "goal": goal.pk},
    )
    return item


@transaction.atomic
def correct_law(*, actor, item: SupportItem, law: str, reason: str) -> SupportItem:
    """The coordinator sets another legal ground than the rules gave, with a reason."""
    item = SupportItem.objects.select_for_update().get(pk=item.pk)
    _require_coordinator(actor, item.household)
    if item.status != SupportItem.Status.DRAFT:
        raise ValidationError(
            _("Hierover is al een besluit gevraagd. De wet kan niet meer anders.")
        )
    _choice(law, Law, field="law", message=_("Kies een wet uit de lijst."))
    reason = _text(reason, field="law_reason", required=law != item.derived_law)
    item.law = law
    item.law_correction_reason = reason if law != item.derived_law else ""
    item.save(update_fields=["law", "law_correction_reason"])
    record_event(
        actor=actor,
        household=item.household,
        verb="correct_legal_ground",
        obj=item,
        detail={"law": law, "derived_law": item.derived_law},
    )
    return item


# --- the mandate ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    fits: bool
    reason: str = ""


def granted_cost_in_year(household: Household, year: int, *, exclude=None) -> Decimal:
    items = SupportItem.objects.filter(
        household=household,
        status=SupportItem.Status.GRANTED,
        start_date__lte=datetime.date(year, 12, 31),
        end_date__gte=datetime.date(year, 1, 1),
    )
    if exclude is not None:
        items = items.exclude(pk=exclude.pk)
    return sum((item.cost_in_year(year) for item in items), Decimal("0"))


def mandate_fit(mandate: Mandate | None, item: SupportItem) -> Fit:
    """Whether the mandate covers this item: its law, and for every calendar year it runs the
    household's granted support plus this item within the yearly budget."""
    if mandate is None:
        return Fit(False, _("U heeft geen mandaat."))
    if not mandate.covers_law(item.law):
        return Fit(
            False,
            _("Uw mandaat geldt niet voor %(law)s.") % {"law": Law(item.law).label},
        )
    for year in item.years:
        total = granted_cost_in_year(item.household, year, exclude=item) + item.cost_in_year(year)
        if total > mandate.yearly_budget_per_household:
            return Fit(
                False,
                _(
                    "In %(year)s komt dit huishouden dan op %(total)s euro. Uw mandaat is "
                    "%(budget)s euro per jaar."
                )
                % {"year": year, "total": total, "budget": mandate.yearly_budget_per_household},
            )
    return Fit(True)


def _locked(item: SupportItem) -> SupportItem:
    """Lock the household (grants for one household take turns), then read the item again."""
    Household.objects.select_for_update().filter(pk=item.household_id).first()
    return (
        SupportItem.objects.select_for_update(of=("self",))
        .select_related("household")
        .get(pk=item.pk)
    )


def _decide(*, actor, item, mandate, outcome, reasons, request=None) -> Decision:
    decision = Decision.objects.create(
        support_item=item,
        household=item.household,
        outcome=outcome,
        decided_by=actor,
        decided_by_name=str(actor),
        mandate=mandate,
        mandate_label=mandate_label(mandate),
        goal_id=item.goal_id,
        goal_text=item.goal_text,
        law=item.law,
        reasons=reasons,
        request=request,
    )
    item.status = (
        SupportItem.Status.GRANTED
        if outcome == Decision.Outcome.GRANTED
        else SupportItem.Status.REFUSED
    )
    item.save(update_fields=["status"])
    return decision


@transaction.atomic
def grant_within_mandate(*, actor, item: SupportItem, reasons: str = "") -> Decision:
    """The coordinator grants support on their own mandate. Refused when it falls outside it."""
    item = _locked(item)
    _require_coordinator(actor, item.household)
    if item.status != SupportItem.Status.DRAFT:
        raise ValidationError(_("Over deze ondersteuning is al een besluit gevraagd of genomen."))
    mandate = _mandate_of(actor)
    fit = mandate_fit(mandate, item)
    if not fit.fits:
        raise PermissionDenied(
            _("Dit valt buiten uw mandaat. %(why)s Vraag een besluit aan de mandaathouder.")
            % {"why": fit.reason}
        )
    reasons = _text(reasons, field="reasons", required=False) or _(
        "Deze ondersteuning helpt bij het doel in het plan."
    )
    decision = _decide(
        actor=actor, item=item, mandate=mandate, outcome=Decision.Outcome.GRANTED, reasons=reasons
    )
    record_event(
        actor=actor,
        household=item.household,
        verb="grant_support",
        obj=decision,
        detail={"support_item": item.pk, "mandate": mandate.pk, "law": item.law},
    )
    return decision


def _holder_for(mandate: Mandate | None, item: SupportItem) -> Mandate | None:
    """Whom the request goes to: up the chain from the requester's mandate, the first holder
    whose mandate covers the item; else the top of the chain."""
    seen: set[int] = set()
    current = mandate.escalates_to if mandate is not None else None
    last = None
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        last = current
        if mandate_fit(current, item).fits:
            return current
        current = current.escalates_to
    return last


def _team_lead_mandate(household: Household) -> Mandate | None:
    leads = TeamMembership.objects.filter(team_id=household.team_id, role=TeamRole.LEAD)
    return (
        Mandate.objects.filter(holder__in=leads.values("user"))
        .select_related("holder")
        .order_by("level")
        .first()
    )


@transaction.atomic
def request_mandate_decision(*, actor, item: SupportItem, reasoning: str) -> MandateRequest:
    """Support above the coordinator's mandate goes to a mandate holder, with the goal it
    serves, the coordinator's reasoning and a deadline in working days."""
    item = _locked(item)
    _require_coordinator(actor, item.household)
    if item.status != SupportItem.Status.DRAFT:
        raise ValidationError(_("Over deze ondersteuning is al een besluit gevraagd of genomen."))
    reasoning = _text(reasoning, field="reasoning")
    holder = _holder_for(_mandate_of(actor), item) or _team_lead_mandate(item.household)
    if holder is None:
        raise ValidationError(
            _("Er is geen mandaathouder ingesteld. Vraag de beheerder om de mandaten in te vullen.")
        )
    days = DecisionSettings.current().mandate_deadline_working_days
    request = MandateRequest.objects.create(
        support_item=item,
        household=item.household,
        requested_by=actor,
        reasoning=reasoning,
        mandate=holder,
        deadline=add_working_days(timezone.localdate(), days),
    )
    item.status = SupportItem.Status.WAITING
    item.save(update_fields=["status"])
    _tell_mandate_holder(request, escalated=False)
    record_event(
        actor=actor,
        household=item.household,
        verb="request_mandate_decision",
        obj=request,
        detail={"support_item": item.pk, "mandate": holder.pk, "deadline": str(request.deadline)},
    )
    return request


@transaction.atomic
def decide_request(*, actor, request: MandateRequest, outcome: str, reasons: str) -> Decision:
    """The mandate holder grants or refuses, with reasons. A grant must fit their mandate."""
    request = (
        MandateRequest.objects.select_for_update(of=("self",))
        .select_related("mandate")
        .get(pk=request.pk)
    )
    if request.mandate.holder_id != actor.pk:
        raise PermissionDenied(_("Dit verzoek ligt niet bij u."))
    if request.status != MandateRequest.Status.OPEN:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    _choice(outcome, Decision.Outcome, field="outcome", message=_("Kies: toekennen of niet."))
    reasons = _text(reasons, field="reasons")
    item = _locked(request.support_item)
    if outcome == Decision.Outcome.GRANTED:
        fit = mandate_fit(request.mandate, item)
        if not fit.fits:
            raise PermissionDenied(_("Dit valt buiten uw mandaat. %(why)s") % {"why": fit.reason})
    decision = _decide(
        actor=actor,
        item=item,
        mandate=request.mandate,
        outcome=outcome,
        reasons=reasons,
        request=request,
    )
    request.status = MandateRequest.Status.DECIDED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    record_event(
        actor=actor,
        household=item.household,
        verb="decide_mandate_request",
        obj=decision,
        detail={"request": request.pk, "outcome": outcome, "mandate": request.mandate_id},
    )
    return decision


def _tell_mandate_holder(request: MandateRequest, *, escalated: bool) -> None:
    """E-mail the holder a request now lies with: that it is there, by when, and where to look.
    Nothing about the household or the support itself."""

    def compose(user):
        deadline = date_format(request.deadline, "l j F Y")
        if escalated:
            subject = _("Een verzoek om een besluit is naar u doorgestuurd")
            what = _(
                "Over een verzoek om een besluit is niet op tijd besloten. Daarom ligt het nu bij "
                "u. Besluit uiterlijk op %(date)s."
            ) % {"date": deadline}
        else:
            subject = _("Een verzoek om een besluit voor u")
            what = _(
                "Een regisseur vraagt u om een besluit over ondersteuning voor een huishouden. "
                "Besluit uiterlijk op %(date)s."
            ) % {"date": deadline}
        link = site_url(reverse("decisions:request", args=[request.pk]))
        return subject, [what, _("Bekijk het verzoek:") + "\n" + link]

    email_each(
        users=[request.mandate.holder],
        kind=Message.Kind.MANDATE_REQUEST,
        household=request.household,
        compose=compose,
    )


def escalate_overdue(*, today: datetime.date | None = None) -> int:
    """Move every open request whose deadline has passed one level up, with a new deadline.
    Idempotent: a moved request has a deadline in the future, so running again the same day
    moves nothing. A request at the top of the chain stays, overdue, on the dashboard. Returns
    how many were moved."""
    today = today or timezone.localdate()
    days = DecisionSettings.current().mandate_deadline_working_days
    moved = 0
    overdue = MandateRequest.objects.filter(
        status=MandateRequest.Status.OPEN, deadline__lt=today, mandate__escalates_to__isnull=False
    ).values_list("pk", flat=True)
    for pk in list(overdue):
        with transaction.atomic():
            request = (
                MandateRequest.objects.select_for_update(of=("self",))
                .select_related("mandate__escalates_to", "household")
                .filter(pk=pk, status=MandateRequest.Status.OPEN, deadline__lt=today)
                .first()
            )
            if request is None or request.mandate.escalates_to is None:
                continue  # decided or moved meanwhile
            step = Escalation.objects.create(
                request=request,
                from_mandate=request.mandate,
                to_mandate=request.mandate.escalates_to,
                missed_deadline=request.deadline,
                new_deadline=add_working_days(today, days),
            )
            request.mandate = step.to_mandate
            request.deadline = step.new_deadline
            request.escalations += 1
            request.save(update_fields=["mandate", "deadline", "escalations"])
            _tell_mandate_holder(request, escalated=True)
            record_event(
                actor=None,
                household=request.household,
                verb="escalate_mandate_request",
                obj=request,
                detail={
                    "from": step.from_mandate_id,
                    "to": step.to_mandate_id,
                    "missed": str(step.missed_deadline),
                },
            )
            moved += 1
    return moved


# --- the letter -------------------------------------------------------------------------------


@transaction.atomic
def issue_letter(*, actor, household: Household) -> DecisionLetter:
    """One letter for this decision moment: every decision of the household that is in no
    letter yet, across laws. Its HTML and PDF are made now and stored with it."""
    from eigenplan.decisions import letters  # rendering needs the models; no cycle at import

    Household.objects.select_for_update().filter(pk=household.pk).first()
    _require_coordinator(actor, household)
    decisions = list(
        Decision.objects.filter(household=household, letters__isnull=True)
        .select_related("support_item__provision", "support_item__person")
        .order_by("decided_at", "id")
    )
    if not decisions:
        raise ValidationError(_("Er zijn geen nieuwe besluiten voor een brief."))
    today = timezone.localdate()
    settings_row = DecisionSettings.current()
    with translation.override("nl"):  # the letter is in Dutch, whatever language the page has
        content = letters.LetterContent.build(
            household=household,
            decisions=decisions,
            issued_on=today,
            objection_deadline=legal_deadline(today, weeks=settings_row.objection_weeks),
            settings_row=settings_row,
            signed_by=str(actor),
        )
        html, pdf = letters.render_html(content), letters.render_pdf(content)
    letter = DecisionLetter.objects.create(
        household=household,
        title=content.title,
        language="nl",
        html=html,
        pdf=pdf,
        objection_deadline=content.objection_deadline,
        issued_by=actor,
    )
    letter.decisions.set(decisions)
    _tell_pen_holders_of_letter(letter)
    record_event(
        actor=actor,
        household=household,
        verb="issue_decision_letter",
        obj=letter,
        detail={"decisions": [d.pk for d in decisions]},
    )
    return letter


def _tell_pen_holders_of_letter(letter: DecisionLetter) -> None:
    """E-mail the pen holders that a letter with decisions is there: no decision in it, only
    where to read it and until when they may object."""
    link = site_url(reverse("decisions:letter", args=[letter.household_id, letter.pk]))

    def compose(user):
        return _("Er is een besluit over uw ondersteuning"), [
            _(
                "De gemeente heeft een besluit genomen over uw ondersteuning. U kunt de brief "
                "lezen in eigenplan. Bent u het er niet mee eens? Dan kunt u bezwaar maken tot en "
                "met %(date)s. In de brief staat hoe dat gaat."
            )
            % {"date": date_format(letter.objection_deadline, "j F Y")},
            _("Lees de brief:") + "\n" + link,
        ]

    email_each(
        users=pen_holders(letter.household),
        kind=Message.Kind.DECISION_LETTER,
        household=letter.household,
        compose=compose,
    )
