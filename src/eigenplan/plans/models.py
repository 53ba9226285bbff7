from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenplan.households.models import CircleMember, Household, Person


class LifeDomain(models.TextChoices):
    """The eight life domains that organise goals. The goal's text stays the resident's own."""

    HOUSING = "housing", _("Wonen")
    MONEY = "money", _("Geld")
    WORK = "work", _("Werk, school en dagbesteding")
    HEALTH = "health", _("Gezondheid")
    FAMILY = "family", _("Gezin en opvoeden")
    SOCIAL = "social", _("Sociale contacten")
    SAFETY = "safety", _("Veiligheid")
    DAILY_LIVING = "daily_living", _("Zelfzorg en huishouden")


class Plan(models.Model):
    """The household's own plan. Only the resident (or their representative) changes it
    directly; others make proposals. Approval freezes a PlanVersion."""

    household = models.OneToOneField(Household, on_delete=models.CASCADE, related_name="plan")
    strengths = models.TextField(_("wat goed gaat"), blank=True)
    dream = models.TextField(_("mijn droom"), blank=True)
    contributions = models.TextField(_("wat ik kan geven"), blank=True)
    revision = models.PositiveIntegerField(default=1)
    # Set by every content change, cleared by approval: "there is something new to approve".
    has_unapproved_changes = models.BooleanField(default=True)
    # What every plan page shows, kept here so that no page has to count: the services that
    # change proposals or approve recount both inside their transaction (refresh_summary).
    open_proposal_count = models.PositiveIntegerField(default=0)
    latest_version = models.ForeignKey(
        "PlanVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")

    def __str__(self) -> str:
        return f"Plan {self.household}"


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("doel"))
    life_domain = models.CharField(_("leefgebied"), max_length=16, choices=LifeDomain.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("voor wie"),
    )
    position = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["plan", "life_domain"])]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return self.text


class Performer(models.TextChoices):
    RESIDENT = "resident", _("Ikzelf of iemand uit mijn huishouden")
    CIRCLE_MEMBER = "circle_member", _("Iemand uit mijn kring")
    COMMUNITY = "community", _("Iets in de buurt")
    PROFESSIONAL = "professional", _("Een professional")


class Action(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", _("Nog niet begonnen")
        DOING = "doing", _("Bezig")
        DONE = "done", _("Klaar")
        STOPPED = "stopped", _("Gestopt")

    class Commitment(models.TextChoices):
        """Where an action assigned to a circle member stands: a request until they answer it
        (eigenplan.circle.services). Empty for actions done by anyone else."""

        NONE = "", _("Geen vraag aan de kring")
        REQUESTED = "requested", _("Gevraagd")
        ACCEPTED = "accepted", _("Toegezegd")
        DECLINED = "declined", _("Kan niet")
        HANDED_BACK = "handed_back", _("Teruggegeven")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("wat gaat er gebeuren?"))
    performer = models.CharField(_("wie doet het?"), max_length=16, choices=Performer.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("wie uit het huishouden"),
    )
    circle_member = models.ForeignKey(
        CircleMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("wie uit de kring"),
    )
    performer_name = models.CharField(
        _("naam van de organisatie of professional"), max_length=150, blank=True
    )
    due_date = models.DateField(_("wanneer klaar?"), null=True, blank=True)
    status = models.CharField(
        _("hoe staat het ervoor?"), max_length=8, choices=Status.choices, default=Status.TODO
    )
    commitment = models.CharField(
        _("antwoord van het kringlid"),
        max_length=12,
        choices=Commitment.choices,
        default=Commitment.NONE,
        blank=True,
    )
    # Why the circle member declined or handed the action back (in their own words).
    commitment_reason = models.TextField(_("reden"), blank=True)
    commitment_answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            # The circle's commitments: per circle member, only actions that are asked of one.
            models.Index(
                fields=["circle_member", "commitment"],
                name="plans_action_commitment",
                condition=~models.Q(commitment=""),
            )
        ]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self) -> str:
        return self.description

    @property
    def is_overdue(self) -> bool:
        return (
            self.due_date is not None
            and self.status in (self.Status.TODO, self.Status.DOING)
            and self.due_date < timezone.localdate()
        )

    @property
    def is_open_commitment(self) -> bool:
        """Asked of or promised by a circle member, and not finished or stopped."""
        return self.commitment in (
            self.Commitment.REQUESTED,
            self.Commitment.ACCEPTED,
        ) and self.status in (self.Status.TODO, self.Status.DOING)

    @property
    def performer_label(self) -> str:
        """Who does it, in words: a name where there is one."""
        if self.performer == Performer.CIRCLE_MEMBER and self.circle_member_id:
            return self.circle_member.name
        if self.performer == Performer.RESIDENT and self.person_id:
            return self.person.first_name
        if self.performer_name:
            return self.performer_name
        return str(self.get_performer_display())


class Proposal(models.Model):
    """A suggested change to the plan by someone who does not hold the pen. The resident
    accepts it, accepts it with changes, or declines it."""

    class Kind(models.TextChoices):
        ADD_GOAL = "add_goal", _("Nieuw doel")
        CHANGE_GOAL = "change_goal", _("Doel aanpassen")
        ADD_ACTION = "add_action", _("Nieuwe actie")
        CHANGE_ACTION = "change_action", _("Actie aanpassen")
        CHANGE_TEXT = "change_text", _("Tekst aanpassen")

    class Status(models.TextChoices):
        OPEN = "open", _("Wacht op uw antwoord")
        ACCEPTED = "accepted", _("Overgenomen")
        ACCEPTED_WITH_CHANGES = "accepted_changed", _("Overgenomen met aanpassingen")
        DECLINED = "declined", _("Niet overgenomen")
        OBSOLETE = "obsolete", _("Kan niet meer: het doel of de actie is weggehaald")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    payload = models.JSONField(default=dict)
    explanation = models.TextField(_("uitleg"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposals_made",
    )
    author_name = models.CharField(max_length=150)
    author_role = models.CharField(max_length=40)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    final_payload = models.JSONField(null=True, blank=True)
    decline_reason = models.TextField(_("reden"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals_answered",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["plan", "status"])]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.author_name})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ImmutableVersionError(Exception):
    pass


class PlanVersion(models.Model):
    """The plan as the resident approved it, frozen. Never changed, never deleted."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="plan_versions_approved",
    )
    approved_by_name = models.CharField(max_length=150)
    approved_at = models.DateTimeField()
    note = models.TextField(_("opmerking bij deze versie"), blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_number_per_plan")
        ]
        verbose_name = _("versie")
        verbose_name_plural = _("versies")

    def __str__(self) -> str:
        return f"Versie {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ImmutableVersionError("An approved plan version cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableVersionError("An approved plan version cannot be deleted.")


def refresh_summary(plans: models.QuerySet) -> int:
    """Recount the plans' open proposals and point them at their latest version, from the rows
    themselves: one UPDATE, for one plan (every service that changes either) or for all of
    them (seeding, migrations)."""
    open_count = (
        Proposal.objects.filter(plan=models.OuterRef("pk"), status=Proposal.Status.OPEN)
        .order_by()
        .values("plan")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    latest = PlanVersion.objects.filter(plan=models.OuterRef("pk")).order_by("-number")
    return plans.update(
        open_proposal_count=Coalesce(
            models.Subquery(open_count, output_field=models.IntegerField()), 0
        ),
        latest_version=models.Subquery(latest.values("pk")[:1]),
    )
