"""Support from the plan and the decisions about it.

A professional action in the resident's plan becomes a SupportItem: a provision from the
municipality's catalogue (Provision, in iWmo/iJw 3.2 terms) or custom support (maatwerk). Its
legal ground is derived from the LegalGroundRules and may be corrected with a reason. The
coordinator grants what their Mandate allows; above it a MandateRequest goes to a mandate
holder, with a deadline that escalates one level when it is missed. Every Decision says who
decided, on what mandate, for which goal; a DecisionLetter (beschikking) covers all decisions of
one decision moment."""

import datetime
import math
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenplan.privacy.models import NeverChanged


class Law(models.TextChoices):
    """The legal ground of support. A general provision needs no decision (beschikking)."""

    JEUGDWET = "jeugdwet", _("Jeugdwet")
    WMO = "wmo", _("Wmo 2015")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet")
    WGS = "wgs", _("Wet gemeentelijke schuldhulpverlening")
    GENERAL = "general", _("Algemene voorziening (geen beschikking nodig)")


class Unit(models.TextChoices):
    """iWmo/iJw 3.2 code list WJ756 (Eenheid)."""

    MINUTE = "01", _("Minuut")
    HOUR = "04", _("Uur")
    DAY_AND_NIGHT = "14", _("Etmaal")
    PART_OF_DAY = "16", _("Dagdeel (4 uur)")
    PIECES_OUTPUT = "82", _("Stuks (output)")
    EURO = "83", _("Euro's")
    PIECES_EFFORT = "84", _("Stuks (inspanning)")


class Frequency(models.TextChoices):
    """iWmo/iJw 3.2 code list WMO757 (Frequentie)."""

    PER_DAY = "1", _("Per dag")
    PER_WEEK = "2", _("Per week")
    PER_MONTH = "4", _("Per maand")
    TOTAL = "6", _("Totaal binnen de periode")


class MaatwerkKind(models.TextChoices):
    """What custom support is about, so that the rules can find its legal ground."""

    YOUTH = "youth", _("Hulp voor een kind of jongere")
    SUPPORT = "support", _("Ondersteuning thuis of meedoen")
    INCOME = "income", _("Inkomen of werk")
    DEBTS = "debts", _("Schulden")
    OTHER = "other", _("Iets anders")


category_code = RegexValidator(r"^\d{2}$", _("Een productcategorie is twee cijfers, zoals 02."))
product_code = RegexValidator(
    r"^\S{1,5}$", _("Een productcode is 1 tot 5 tekens zonder spaties, zoals 02A01.")
)


class Provision(models.Model):
    """One provision of the municipality's catalogue."""

    reference = models.CharField(
        _("kenmerk"),
        max_length=30,
        unique=True,
        help_text=_("Het eigen nummer van de gemeente. Hiermee herkent de import een regel."),
    )
    name = models.CharField(_("naam"), max_length=150)
    plain_description = models.TextField(
        _("uitleg voor inwoners"),
        help_text=_("In gewone woorden (taalniveau B1). Dit ziet de inwoner in het plan."),
    )
    product_category = models.CharField(
        _("productcategorie (iWmo/iJw)"),
        max_length=2,
        blank=True,
        validators=[category_code],
        help_text=_("Leeg voor ondersteuning buiten de Wmo en de Jeugdwet, zoals schuldhulp."),
    )
    product_code = models.CharField(
        _("productcode (iWmo/iJw)"), max_length=5, blank=True, validators=[product_code]
    )
    unit = models.CharField(_("eenheid"), max_length=2, choices=Unit.choices)
    frequency = models.CharField(_("frequentie"), max_length=1, choices=Frequency.choices)
    price_per_unit = models.DecimalField(
        _("prijs per eenheid (euro)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    law = models.CharField(
        _("wet"),
        max_length=16,
        choices=Law.choices,
        blank=True,
        help_text=_("Leeg laten: dan bepalen de regels voor de wettelijke grondslag de wet."),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")

    def __str__(self) -> str:
        return self.name


class LegalGroundRule(models.Model):
    """A rule that derives the law from what the support is and for whom. The first matching
    rule by priority (lowest number first) decides; an empty condition matches anything."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    priority = models.PositiveIntegerField(_("volgorde"), default=100)
    provision = models.ForeignKey(
        Provision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rules",
        verbose_name=_("voorziening"),
    )
    product_category = models.CharField(
        _("productcategorie"), max_length=2, blank=True, validators=[category_code]
    )
    maatwerk_kind = models.CharField(
        _("soort maatwerk"), max_length=10, choices=MaatwerkKind.choices, blank=True
    )
    min_age = models.PositiveSmallIntegerField(_("vanaf leeftijd"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(
        _("tot leeftijd"), null=True, blank=True, help_text=_("Tot, dus niet tot en met.")
    )
    law = models.CharField(_("wet"), max_length=16, choices=Law.choices)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["priority", "id"]
        verbose_name = _("regel voor de wettelijke grondslag")
        verbose_name_plural = _("regels voor de wettelijke grondslag")

    def __str__(self) -> str:
        return f"{self.priority}: {self.name}"

    def matches(self, *, provision, category: str, maatwerk_kind: str, age: int | None) -> bool:
        if self.provision_id is not None and (
            provision is None or provision.pk != self.provision_id
        ):
            return False
        if self.product_category and self.product_category != category:
            return False
        if self.maatwerk_kind and self.maatwerk_kind != maatwerk_kind:
            return False
        if self.min_age is not None and (age is None or age < self.min_age):
            return False
        return not (self.max_age is not None and (age is None or age >= self.max_age))


class Mandate(models.Model):
    """What one professional may grant alone: kinds of support (laws) and a yearly budget per
    household. A request above it goes to a holder of a higher level; a missed deadline moves it
    on to `escalates_to`."""

    holder = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mandate",
        verbose_name=_("mandaathouder"),
    )
    level = models.PositiveSmallIntegerField(
        _("niveau"), default=1, help_text=_("1 is de regisseur; hoger is de teamleider enzovoort.")
    )
    laws = models.JSONField(
        _("soorten ondersteuning"),
        default=list,
        blank=True,
        help_text=_("De wetten waarvoor deze persoon zelf mag besluiten."),
    )
    yearly_budget_per_household = models.DecimalField(
        _("budget per huishouden per jaar (euro)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    escalates_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bij een gemiste termijn naar"),
        help_text=_("Wie een verzoek krijgt als de termijn voorbij is. Eén niveau hoger."),
    )

    class Meta:
        ordering = ["level", "holder__display_name"]
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")

    def __str__(self) -> str:
        return f"{self.holder} ({_('niveau')} {self.level})"

    def covers_law(self, law: str) -> bool:
        return law in (self.laws or [])


class DecisionSettings(models.Model):
    """The municipality's settings for decisions: one row."""

    ROW = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ROW)
    mandate_deadline_working_days = models.PositiveSmallIntegerField(
        _("termijn voor de mandaathouder (werkdagen)"), default=5
    )
    objection_weeks = models.PositiveSmallIntegerField(
        _("bezwaartermijn (weken)"),
        default=6,
        help_text=_("Algemene wet bestuursrecht art. 6:7: zes weken."),
    )
    municipality_department = models.CharField(
        _("afzender van de brieven"), max_length=150, default="Team Sociaal Domein"
    )

    class Meta:
        verbose_name = _("instellingen voor besluiten")
        verbose_name_plural = _("instellingen voor besluiten")

    def __str__(self) -> str:
        return str(_("Instellingen voor besluiten"))

    @classmethod
    def current(cls) -> "DecisionSettings":
        found = cls.objects.filter(pk=cls.ROW).first()
        return found if found is not None else cls(pk=cls.ROW)


class LetterText(models.Model):
    """A text of the decision letter that the municipality words itself."""

    class Key(models.TextChoices):
        INTRO = "intro", _("Begin van de brief")
        OBJECTION = "objection", _("Hoe maakt u bezwaar")
        GENERAL = "general", _("Uitleg bij een algemene voorziening")
        CLOSING = "closing", _("Einde van de brief")

    key = models.CharField(_("tekst"), max_length=12, choices=Key.choices, unique=True)
    text = models.TextField(
        _("inhoud"),
        help_text=_(
            "Schrijf in taalniveau B1. U mag {weken} gebruiken voor de bezwaartermijn en "
            "{uiterlijk} voor de laatste dag."
        ),
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("tekst voor de beschikking")
        verbose_name_plural = _("teksten voor de beschikking")

    def __str__(self) -> str:
        return str(self.get_key_display())


class SupportItem(models.Model):
    """Support for a household that follows from a professional action in its plan."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nog niet aangevraagd")
        WAITING = "waiting", _("Wacht op de mandaathouder")
        GRANTED = "granted", _("Toegekend")
        REFUSED = "refused", _("Niet toegekend")

    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="support_items"
    )
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_items",
        verbose_name=_("actie in het plan"),
    )
    goal = models.ForeignKey(
        "plans.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_items",
        verbose_name=_("doel"),
    )
    goal_text = models.TextField(_("doel"))  # as it was, should the goal be removed later
    person = models.ForeignKey(
        "households.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_items",
        verbose_name=_("voor wie"),
    )
    provision = models.ForeignKey(
        Provision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_items",
        verbose_name=_("voorziening"),
    )
    maatwerk_kind = models.CharField(
        _("soort maatwerk"), max_length=10, choices=MaatwerkKind.choices, blank=True
    )
    description = models.TextField(
        _("wat krijgt de inwoner?"), help_text=_("In gewone woorden. Dit ziet de inwoner.")
    )
    product_category = models.CharField(_("productcategorie"), max_length=2, blank=True)
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    unit = models.CharField(_("eenheid"), max_length=2, choices=Unit.choices)
    frequency = models.CharField(_("frequentie"), max_length=1, choices=Frequency.choices)
    volume = models.PositiveIntegerField(_("omvang"))
    price_per_unit = models.DecimalField(_("prijs per eenheid"), max_digits=10, decimal_places=2)
    start_date = models.DateField(_("vanaf"))
    end_date = models.DateField(_("tot en met"))
    derived_law = models.CharField(_("afgeleide wet"), max_length=16, choices=Law.choices)
    derived_by = models.ForeignKey(
        LegalGroundRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    law = models.CharField(_("wet"), max_length=16, choices=Law.choices)
    law_correction_reason = models.TextField(_("reden voor een andere wet"), blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["household", "status"])]
        verbose_name = _("ondersteuning")
        verbose_name_plural = _("ondersteuning")

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_maatwerk(self) -> bool:
        return self.provision_id is None

    @property
    def law_was_corrected(self) -> bool:
        return self.law != self.derived_law

    def occurrences_between(self, first: datetime.date, last: datetime.date) -> int:
        """How often the volume is given from `first` to `last` (inclusive) within the period."""
        start, end = max(first, self.start_date), min(last, self.end_date)
        if end < start:
            return 0
        days = (end - start).days + 1
        if self.frequency == Frequency.PER_DAY:
            return days
        if self.frequency == Frequency.PER_WEEK:
            return math.ceil(days / 7)
        if self.frequency == Frequency.PER_MONTH:
            return (end.year - start.year) * 12 + end.month - start.month + 1
        # Total within the period: counted in the year the period starts.
        return 1 if first <= self.start_date <= last else 0

    def cost_between(self, first: datetime.date, last: datetime.date) -> Decimal:
        return self.price_per_unit * self.volume * self.occurrences_between(first, last)

    def cost_in_year(self, year: int) -> Decimal:
        return self.cost_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @property
    def total_cost(self) -> Decimal:
        return self.cost_between(self.start_date, self.end_date)

    @property
    def years(self) -> range:
        return range(self.start_date.year, self.end_date.year + 1)


class MandateRequest(models.Model):
    """A request to a mandate holder to decide on support above the coordinator's mandate."""

    class Status(models.TextChoices):
        OPEN = "open", _("Wacht op een besluit")
        DECIDED = "decided", _("Besloten")

    support_item = models.OneToOneField(
        SupportItem, on_delete=models.CASCADE, related_name="mandate_request"
    )
    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="mandate_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reasoning = models.TextField(_("waarom deze ondersteuning?"))
    mandate = models.ForeignKey(
        Mandate, on_delete=models.PROTECT, related_name="requests", verbose_name=_("ligt bij")
    )
    deadline = models.DateField(_("uiterlijk besluiten op"))
    escalations = models.PositiveSmallIntegerField(_("keer doorgezet"), default=0)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["household", "status"]),
        ]
        verbose_name = _("verzoek aan een mandaathouder")
        verbose_name_plural = _("verzoeken aan een mandaathouder")

    def __str__(self) -> str:
        return f"{self.support_item} ({self.get_status_display()})"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.deadline < today


class Escalation(NeverChanged):
    """A missed deadline: the request moved one level up."""

    request = models.ForeignKey(MandateRequest, on_delete=models.CASCADE, related_name="steps")
    from_mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="+")
    to_mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="+")
    missed_deadline = models.DateField()
    new_deadline = models.DateField()
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("doorzetting")
        verbose_name_plural = _("doorzettingen")

    def __str__(self) -> str:
        return f"{self.from_mandate} → {self.to_mandate}"


class Decision(NeverChanged):
    """A decision on one support item: who decided, on what mandate, for which goal, why."""

    changed_message = "A decision is never changed; a new decision is a new record."

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Toegekend")
        REFUSED = "refused", _("Niet toegekend")

    support_item = models.ForeignKey(
        SupportItem, on_delete=models.CASCADE, related_name="decisions"
    )
    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="decisions"
    )
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by_name = models.CharField(max_length=150)
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="decisions")
    mandate_label = models.CharField(max_length=200)
    goal = models.ForeignKey(
        "plans.Goal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    goal_text = models.TextField()
    law = models.CharField(max_length=16, choices=Law.choices)
    reasons = models.TextField(_("redenen"))
    request = models.ForeignKey(
        MandateRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "id"]
        indexes = [models.Index(fields=["household", "decided_at"])]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.support_item}"


class DecisionLetter(NeverChanged):
    """The decision letter (beschikking) of one decision moment: every decision of the household
    not yet in a letter. Its HTML and PDF are stored as sent, never made again."""

    changed_message = "A decision letter is never changed; a new letter is a new record."

    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="decision_letters"
    )
    decisions = models.ManyToManyField(Decision, related_name="letters")
    title = models.CharField(max_length=200)
    language = models.CharField(max_length=8, default="nl")
    html = models.TextField()
    pdf = models.BinaryField()
    objection_deadline = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")

    def __str__(self) -> str:
        return self.title
