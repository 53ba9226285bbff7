"""Requests for support (melding, aanvraag, hulpvraag), the legal clocks they start, and the
kitchen-table conversation with its report.

A request is written in the resident's own words. Recording it starts the legal clocks that
the municipality's DeadlineRules name for its law(s) and kind; each clock keeps a copy of the
rule as it was when it started, so editing a rule later never moves a running deadline.

The report of a conversation is the coordinator's, but it is a draft until the resident has read
it: only the resident's "gelezen" makes it final. What the resident adds (corrections and
comments) is append-only and stays visible, also where the coordinator disagrees."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenplan.households.models import Household
from eigenplan.privacy.models import AppendOnlyError, NeverChanged


class Law(models.TextChoices):
    WMO = "wmo", _("Wmo 2015")
    JEUGDWET = "jeugdwet", _("Jeugdwet")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet")
    WGS = "wgs", _("Wet gemeentelijke schuldhulpverlening")


class RequestKind(models.TextChoices):
    MELDING = "melding", _("Melding")
    AANVRAAG = "aanvraag", _("Aanvraag")
    HULPVRAAG = "hulpvraag", _("Hulpvraag")


class Trigger(models.TextChoices):
    """What starts a clock: a request of one kind (or of any kind), or a later event."""

    MELDING = "melding", _("Een melding")
    AANVRAAG = "aanvraag", _("Een aanvraag")
    HULPVRAAG = "hulpvraag", _("Een hulpvraag")
    ANY_REQUEST = "any_request", _("Elke vraag om hulp (melding, aanvraag of hulpvraag)")
    WRITTEN_PLAN_ASKED = "written_plan_asked", _("De ouders vragen het plan op papier")
    NO_FAMILY_GROUP_PLAN = "no_family_group_plan", _("Duidelijk: er komt geen familiegroepsplan")


# The events that start a clock after the request was recorded, and the laws they belong to.
EVENTS = {
    Trigger.WRITTEN_PLAN_ASKED: Law.JEUGDWET,
    Trigger.NO_FAMILY_GROUP_PLAN: Law.JEUGDWET,
}


class PeriodUnit(models.TextChoices):
    DAYS = "days", _("kalenderdagen")
    WEEKS = "weeks", _("weken")
    MONTHS = "months", _("maanden")
    WORKING_DAYS = "working_days", _("werkdagen")


class Urgency(models.TextChoices):
    ALWAYS = "always", _("Altijd")
    URGENT = "urgent", _("Alleen bij dreigende uitzetting of afsluiting")
    NOT_URGENT = "not_urgent", _("Alleen als er geen uitzetting of afsluiting dreigt")


class DeadlineRule(models.Model):
    """A legal period the municipality keeps: per law and what starts it. Seeded with the
    defaults of the law (migration 0002), edited in /beheer/. A rule marked unverified comes
    from secondary sources: an administrator checks it against the law before relying on it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    law = models.CharField(_("wet"), max_length=16, choices=Law.choices)
    starts_on = models.CharField(_("begint bij"), max_length=24, choices=Trigger.choices)
    urgency = models.CharField(
        _("wanneer"), max_length=12, choices=Urgency.choices, default=Urgency.ALWAYS
    )
    name = models.CharField(
        _("wat moet er gebeuren"),
        max_length=120,
        help_text=_("Zo ziet de inwoner het. Bijvoorbeeld: Onderzoek naar uw situatie."),
    )
    amount = models.PositiveIntegerField(_("termijn"))
    unit = models.CharField(_("eenheid"), max_length=12, choices=PeriodUnit.choices)
    source = models.CharField(
        _("bron"), max_length=200, help_text=_("Wet en artikel, bijvoorbeeld: Wmo 2015 art. 2.3.2.")
    )
    unverified = models.BooleanField(
        _("niet gecontroleerd"),
        default=False,
        help_text=_(
            "Aan: deze termijn komt uit andere bronnen dan de wettekst zelf. Controleer hem in de "
            "wet en zet dit dan uit."
        ),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["law", "id"]
        verbose_name = _("wettelijke termijn")
        verbose_name_plural = _("wettelijke termijnen")

    def __str__(self) -> str:
        return f"{self.get_law_display()}: {self.name} ({self.amount} {self.get_unit_display()})"

    @property
    def period(self) -> dict[str, int]:
        """The period as keyword arguments of core.workdays.legal_deadline."""
        return {str(self.unit): self.amount}

    def applies(self, *, urgent: bool) -> bool:
        return (
            self.urgency == Urgency.ALWAYS
            or (self.urgency == Urgency.URGENT and urgent)
            or (self.urgency == Urgency.NOT_URGENT and not urgent)
        )


class ClientSupport(models.Model):
    """Where residents find free independent client support (cliëntondersteuning), which the
    municipality must point to (Wmo 2015 art. 2.3.2). One row, kept in /beheer/."""

    organisation = models.CharField(_("organisatie"), max_length=150)
    text = models.TextField(
        _("uitleg voor de inwoner"),
        help_text=_("In eenvoudige woorden (taalniveau B1): wat doet een cliëntondersteuner?"),
    )
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("cliëntondersteuning")
        verbose_name_plural = _("cliëntondersteuning")

    def __str__(self) -> str:
        return self.organisation


class SupportRequest(models.Model):
    """A request for support, in the resident's own words."""

    class OwnPlan(models.TextChoices):
        OFFERED = "", _("Nog geen antwoord")
        YES = "yes", _("Ja, ik maak eerst mijn eigen plan")
        NO = "no", _("Nee, ik wil meteen een gesprek")

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="support_requests"
    )
    kind = models.CharField(_("soort"), max_length=12, choices=RequestKind.choices)
    laws = models.JSONField(_("wetten"), default=list)
    own_words = models.TextField(_("de vraag in eigen woorden"))
    threat_eviction = models.BooleanField(_("er dreigt een huisuitzetting"), default=False)
    threat_cutoff = models.BooleanField(
        _("er dreigt afsluiting van energie of water"), default=False
    )
    threat_insurance = models.BooleanField(_("de zorgverzekering dreigt te stoppen"), default=False)
    received_on = models.DateField(_("ontvangen op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="support_requests_recorded",
    )
    recorded_by_name = models.CharField(max_length=150)
    recorded_by_role = models.CharField(max_length=40)  # Standing.role_label at the time
    recorded_at = models.DateTimeField()
    own_plan = models.CharField(
        _("eerst een eigen plan?"),
        max_length=3,
        choices=OwnPlan.choices,
        blank=True,
        default=OwnPlan.OFFERED,
    )
    own_plan_answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["household", "-received_on"])]
        verbose_name = _("vraag om hulp")
        verbose_name_plural = _("vragen om hulp")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%d-%m-%Y} ({self.household_id})"

    @property
    def is_urgent(self) -> bool:
        """Wgs: eviction, cut-off of energy or water, or the end of health insurance threatens."""
        return self.threat_eviction or self.threat_cutoff or self.threat_insurance

    @property
    def law_labels(self) -> list[str]:
        return [str(Law(law).label) for law in self.laws if law in Law.values]


class Deadline(models.Model):
    """One running legal clock. A copy of its rule as it was when the clock started."""

    class Status(models.TextChoices):
        OPEN = "open", _("Loopt")
        MET = "met", _("Gedaan")
        STOPPED = "stopped", _("Gestopt")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="deadlines")
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="deadlines")
    rule = models.ForeignKey(
        DeadlineRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    law = models.CharField(max_length=16, choices=Law.choices)
    name = models.CharField(max_length=120)
    amount = models.PositiveIntegerField()
    unit = models.CharField(max_length=12, choices=PeriodUnit.choices)
    source = models.CharField(max_length=200)
    unverified = models.BooleanField(default=False)
    started_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by_name = models.CharField(max_length=150, blank=True)
    close_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["household", "due_on"],
                condition=models.Q(status="open"),
                name="conversations_open_deadline",
            )
        ]
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")

    def __str__(self) -> str:
        return f"{self.name}: {self.due_on:%d-%m-%Y} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())


class Conversation(models.Model):
    """A kitchen-table conversation: the resident's preparation, the coordinator's report, and
    the resident's reading of it."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Wordt voorbereid")
        DRAFT = "draft", _("Concept: de regisseur schrijft het verslag")
        FOR_READING = "for_reading", _("Concept: wacht tot de inwoner het heeft gelezen")
        FINAL = "final", _("Definitief: de inwoner heeft het gelezen")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="conversations")
    request = models.ForeignKey(
        SupportRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREPARING)
    # The resident's preparation, in their own words.
    going_well = models.TextField(_("wat gaat goed?"), blank=True)
    worries = models.TextField(_("waar maakt u zich zorgen over?"), blank=True)
    who_helps = models.TextField(_("wie helpt u?"), blank=True)
    wishes = models.TextField(_("wat wilt u?"), blank=True)
    prepared_at = models.DateTimeField(null=True, blank=True)
    # The report.
    held_on = models.DateField(_("datum van het gesprek"), null=True, blank=True)
    attendees = models.CharField(_("wie waren er bij?"), max_length=300, blank=True)
    discussed = models.TextField(_("wat hebben we besproken?"), blank=True)
    agreed = models.TextField(_("wat spraken we af?"), blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations_recorded",
    )
    coordinator_name = models.CharField(max_length=150, blank=True)
    # Moves on every change of the preparation or the report; "gelezen" names the revision read.
    revision = models.PositiveIntegerField(default=1)
    offered_for_reading_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["household", "-created_at"])]
        verbose_name = _("keukentafelgesprek")
        verbose_name_plural = _("keukentafelgesprekken")

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.household_id}, {self.created_at:%d-%m-%Y})"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    @property
    def has_report(self) -> bool:
        return self.status != self.Status.PREPARING

    @property
    def is_prepared(self) -> bool:
        return any((self.going_well, self.worries, self.who_helps, self.wishes))


class ReportNote(NeverChanged):
    """What someone adds to a report: the resident's correction or comment, or the
    coordinator's response to one. Never changed, never deleted."""

    changed_message = "A note on a report is never changed; add a new one."

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Dit klopt niet")
        COMMENT = "comment", _("Opmerking")
        RESPONSE = "response", _("Reactie van de regisseur")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField()
    in_reply_to = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="responses"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=150)
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]
        verbose_name = _("aanvulling op een verslag")
        verbose_name_plural = _("aanvullingen op verslagen")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.author_name})"

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("A note on a report is never deleted.")
