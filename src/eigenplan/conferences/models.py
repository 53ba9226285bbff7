"""The family group conference (Eigen Kracht-conferentie): the household's circle makes the plan
itself, in private family time, after the professionals said what they know and which
conditions a plan must meet for safety. A conference moves through fixed steps (Status); only
conferences.services moves it, one audited transition at a time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eigenplan.households.models import CircleMember, Household, Person
from eigenplan.plans.models import Action, Goal, LifeDomain, Performer, PlanVersion


class Status(models.TextChoices):
    REFERRED = "referred", _("Aangemeld")
    PREPARING = "preparing", _("Voorbereiding")
    INFORMATION = "information", _("Informatieronde")
    PRIVATE_TIME = "private_time", _("Eigen tijd van de familie")
    PRESENTED = "presented", _("Plan gepresenteerd")
    ASSESSMENT = "assessment", _("Beoordeling door de professionals")
    APPROVED = "approved", _("Plan goedgekeurd")
    FOLLOW_UP = "follow_up", _("Terugkijken gepland")
    REVIEWED = "reviewed", _("Teruggekeken")
    STOPPED = "stopped", _("Gestopt")


# The steps in their order, as every page shows them.
STEPS = (
    Status.REFERRED,
    Status.PREPARING,
    Status.INFORMATION,
    Status.PRIVATE_TIME,
    Status.PRESENTED,
    Status.ASSESSMENT,
    Status.APPROVED,
    Status.FOLLOW_UP,
    Status.REVIEWED,
)
# A household has at most one conference in these steps.
OPEN_STATUSES = tuple(s for s in STEPS if s != Status.REVIEWED)
# From the presentation on, the family's plan is no longer private.
PRESENTED_OR_LATER = STEPS[STEPS.index(Status.PRESENTED) :]


class Conference(models.Model):
    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="conferences",
        verbose_name=_("huishouden"),
    )
    status = models.CharField(
        _("stap"), max_length=16, choices=Status.choices, default=Status.REFERRED
    )
    question = models.TextField(
        _("vraag van de conferentie"),
        help_text=_("Waar moet het plan een antwoord op geven? In gewone woorden."),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemeld door"),
    )
    referred_by_name = models.CharField(max_length=150)
    referred_at = models.DateTimeField(_("aangemeld op"))
    independent_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conferences_coordinated",
        verbose_name=_("onafhankelijk coördinator"),
    )
    # The preparation with the family.
    meeting_at = models.DateTimeField(_("datum en tijd"), null=True, blank=True)
    meeting_place = models.CharField(_("plaats"), max_length=200, blank=True)
    language = models.CharField(_("taal"), max_length=80, blank=True)
    interpreter = models.CharField(
        _("tolk"),
        max_length=120,
        blank=True,
        help_text=_("Leeg laten als er geen tolk nodig is."),
    )
    # What happened when.
    started_at = models.DateTimeField(null=True, blank=True)
    private_time_started_at = models.DateTimeField(null=True, blank=True)
    presented_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_version = models.ForeignKey(
        PlanVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versie van het plan"),
    )
    review_date = models.DateField(_("datum om terug te kijken"), null=True, blank=True)
    # Set when the reminder before the review date is queued; cleared when the date moves.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-referred_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status__in=OPEN_STATUSES),
                name="conferences_one_open_per_household",
            )
        ]
        indexes = [
            models.Index(fields=["status", "review_date"], name="conferences_review_idx"),
        ]
        verbose_name = _("Eigen Kracht-conferentie")
        verbose_name_plural = _("Eigen Kracht-conferenties")

    def __str__(self) -> str:
        return f"Conferentie {self.household} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def plan_is_presented(self) -> bool:
        return self.status in PRESENTED_OR_LATER


class Participant(models.Model):
    """Someone the family invites to the conference: from the circle, or someone new."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("naam"), max_length=150)
    relation = models.CharField(
        _("wie is het?"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld: oma, buurvrouw, trainer van de voetbalclub."),
    )
    circle_member = models.ForeignKey(
        CircleMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self) -> str:
        return self.name


class ProfessionalInput(models.Model):
    """What a professional brings to the information round: what they know and do, and where
    safety is at stake their concern and the condition the plan must meet (the bottom line).
    The professionals' assessment of the presented plan is recorded per condition."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Informatie")
        CONDITION = "condition", _("Zorg en voorwaarde")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="inputs")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=150)
    author_organisation = models.CharField(max_length=150, blank=True)
    text = models.TextField(_("wat weet u, wat doet u?"))
    # For a condition: the concern is `text`, the condition the plan must meet is this.
    condition = models.TextField(_("waar moet het plan aan voldoen?"), blank=True)
    # The assessment of the presented plan (conditions only).
    is_met = models.BooleanField(_("het plan voldoet hieraan"), null=True, blank=True)
    assessment_reason = models.TextField(_("waarom?"), blank=True)
    assessed_by_name = models.CharField(max_length=150, blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("inbreng van een professional")
        verbose_name_plural = _("inbreng van professionals")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.author_name})"

    @property
    def is_condition(self) -> bool:
        return self.kind == self.Kind.CONDITION

    @property
    def is_assessed(self) -> bool:
        return self.is_met is not None


class DraftGoal(models.Model):
    """A goal of the family's plan, made in private family time. Starts as a copy of the
    household plan's goal (`source_goal`) or new; on approval it becomes the plan's goal."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="draft_goals")
    source_goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("doel"))
    life_domain = models.CharField(_("leefgebied"), max_length=16, choices=LifeDomain.choices)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("doel in het familieplan")
        verbose_name_plural = _("doelen in het familieplan")

    def __str__(self) -> str:
        return self.text


class DraftAction(models.Model):
    """An action of the family's plan: who does what by when."""

    goal = models.ForeignKey(DraftGoal, on_delete=models.CASCADE, related_name="actions")
    source_action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.TextField(_("wat gaat er gebeuren?"))
    performer = models.CharField(_("wie doet het?"), max_length=16, choices=Performer.choices)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    circle_member = models.ForeignKey(
        CircleMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    performer_name = models.CharField(max_length=150, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=8, choices=Action.Status.choices, default=Action.Status.TODO
    )
    position = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("actie in het familieplan")
        verbose_name_plural = _("acties in het familieplan")

    def __str__(self) -> str:
        return self.description

    # The same words for who does it as the plan's actions use.
    performer_label = Action.performer_label
