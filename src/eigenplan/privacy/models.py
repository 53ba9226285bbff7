from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class NeverChanged(models.Model):
    """A record that is written once and then only read: a change is a new record."""

    changed_message = "This record is never changed; record a new one."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError(self.changed_message)
        super().save(*args, **kwargs)


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events are never changed.")

    def delete(self):
        raise AppendOnlyError("Audit events are never deleted.")

    delete.alters_data = True
    delete.queryset_only = True
    update.alters_data = True


class AuditEvent(models.Model):
    """One thing someone did with a household's data, or read of it. Append-only and
    hash-chained: written only through `privacy.audit`, never updated or deleted (on PostgreSQL a
    trigger refuses it). Who and which household are plain numbers, not foreign keys, so that
    deleting a user or a household leaves their events exactly as they were."""

    sequence = models.BigIntegerField(unique=True)  # the place in the chain, from 1
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_name = models.CharField(max_length=150)
    actor_role = models.CharField(max_length=40)  # Standing.role_label at the time
    actor_organisation = models.CharField(max_length=150, blank=True, default="")
    household_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    verb = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["household_id", "-occurred_at"], name="privacy_event_household"),
            # The last read of the same thing by the same person: is it less than 15 minutes ago?
            models.Index(
                fields=["actor_id", "household_id", "object_type", "-occurred_at"],
                condition=Q(verb="view"),
                name="privacy_event_last_view",
            ),
        ]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")

    def __str__(self) -> str:
        return f"{self.sequence}: {self.actor_name} {self.verb} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are never deleted.")


class AuditChainHead(models.Model):
    """The newest link of the audit chain, in one row. Appending locks this row, so events get
    their sequence numbers one writer at a time; `audit verify` checks that the chain reaches it
    (so deleting the newest events is seen too)."""

    ROW = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ROW)
    sequence = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.sequence}: {self.hash}"


class SharingDecision(NeverChanged):
    """What the resident decided one circle member may see: given, changed or withdrawn.

    A decision is never changed; the next one is a new row, and the newest is in force. The
    circle member row keeps a copy of the newest decision, written in the same transaction, so
    that every permission check reads one row and a withdrawal counts from the next request."""

    changed_message = "A sharing decision is never changed; record a new one."

    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="sharing_decisions"
    )
    circle_member = models.ForeignKey(
        "households.CircleMember", on_delete=models.CASCADE, related_name="sharing_decisions"
    )
    shared_life_domains = models.JSONField(default=list)
    shares_dream = models.BooleanField(default=False)
    shares_contact = models.BooleanField(default=False)
    decided_by_id = models.BigIntegerField(null=True)
    decided_by_name = models.CharField(max_length=150)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["circle_member", "-decided_at"])]
        verbose_name = _("besluit over delen")
        verbose_name_plural = _("besluiten over delen")

    def __str__(self) -> str:
        return f"{self.circle_member_id}: {self.shared_life_domains} ({self.decided_at:%Y-%m-%d})"

    @property
    def is_withdrawal(self) -> bool:
        return not self.shared_life_domains and not self.shares_dream and not self.shares_contact


class EmergencyAccess(NeverChanged):
    """A professional outside the household's team reads the file in an emergency: with a
    written reason, for a limited time, visible to the resident and the coordinator."""

    changed_message = "Emergency access is never changed; it expires."

    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    reason = models.TextField(_("reden"))
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at", "-id"]
        indexes = [models.Index(fields=["user", "household", "-expires_at"])]
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.household_id} until {self.expires_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.granted_at <= timezone.now() < self.expires_at


class FilePart(models.TextChoices):
    """Parts of a household's file the resident shares, besides the goals per life domain
    (whose parts are the life domains' own values, e.g. "housing")."""

    DREAM = "dream", _("Mijn droom en wat goed gaat")
    CONVERSATIONS = "conversations", _("Gesprekken en verslagen")
    DECISIONS = "decisions", _("Besluiten")
    DOCUMENTS = "documents", _("Documenten")


class ProfessionalRole(models.TextChoices):
    """The professionals of the household's own team, as the resident decides about them."""

    COORDINATOR = "coordinator", _("Mijn regisseur")
    TEAM_MEMBER = "team_member", _("Andere medewerkers van het buurtteam")
    TEAM_LEAD = "team_lead", _("De teamleider")


class RoleSharingDecision(NeverChanged):
    """What the resident decided the professionals in one role of the household's team may see.

    Like SharingDecision, a decision is never changed: the next one is a new row and the newest
    is in force from the next request on. Without any decision the defaults in
    privacy.consent.DEFAULT_ROLE_PARTS hold."""

    changed_message = "A sharing decision is never changed; record a new one."

    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="role_sharing_decisions"
    )
    role = models.CharField(max_length=16, choices=ProfessionalRole.choices)
    parts = models.JSONField(default=list)  # life domain values and FilePart values
    decided_by_id = models.BigIntegerField(null=True)
    decided_by_name = models.CharField(max_length=150)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [
            models.Index(
                fields=["household", "role", "-decided_at", "-id"], name="privacy_role_sharing"
            )
        ]
        verbose_name = _("besluit over delen met een rol")
        verbose_name_plural = _("besluiten over delen met een rol")

    def __str__(self) -> str:
        return f"{self.household_id} {self.role}: {self.parts} ({self.decided_at:%Y-%m-%d})"

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("A sharing decision is never deleted; record a new one.")

    @property
    def is_withdrawal(self) -> bool:
        return not self.parts


# --- GDPR rights: correction requests and retention --------------------------------------------


class CorrectionRequest(models.Model):
    """The resident asks for a correction of what is kept about them (AVG art. 16). The
    coordinator answers within one calendar month (art. 12(3)), or extends that once by two
    more months with a reason the resident reads. See privacy/corrections.py."""

    class Part(models.TextChoices):
        PLAN = "plan", _("Mijn plan")
        GOAL = "goal", _("Een doel of een actie")
        PERSON = "person", _("Gegevens over mij of mijn huishouden, zoals naam of adres")
        CIRCLE = "circle", _("Mijn kring")
        OTHER = "other", _("Iets anders")

    class Status(models.TextChoices):
        OPEN = "open", _("Wacht op antwoord")
        CORRECTED = "corrected", _("Verbeterd")
        DECLINED = "declined", _("Niet verbeterd")

    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="correction_requests"
    )
    requested_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="correction_requests_made",
    )
    requested_by_name = models.CharField(max_length=150)
    part = models.CharField(_("over welk deel"), max_length=8, choices=Part.choices, blank=True)
    what_is_wrong = models.TextField(_("wat klopt er niet?"))
    what_it_should_be = models.TextField(_("wat moet er staan?"), blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    first_deadline = models.DateField()  # one calendar month after receipt
    deadline = models.DateField()  # the first deadline, or three months after receipt
    extension_reason = models.TextField(_("reden voor meer tijd"), blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("antwoord"), blank=True)
    answered_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="correction_requests_answered",
    )
    answered_by_name = models.CharField(max_length=150, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["household", "status"], name="privacy_correction_household"),
            models.Index(fields=["status", "deadline"], name="privacy_correction_deadline"),
        ]
        verbose_name = _("correctieverzoek")
        verbose_name_plural = _("correctieverzoeken")

    def __str__(self) -> str:
        return f"{self.pk}: {self.household_id} ({self.status}, {self.deadline})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_extended(self) -> bool:
        return self.extended_at is not None

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.deadline < (today or timezone.localdate())


class RetentionRule(models.Model):
    """How long one kind of data is kept. The defaults live in code (privacy/retention.py) and
    are not verified as law: an administrator confirms each rule in /beheer/ before the
    scheduled task enforces it. A change of the period takes the confirmation away."""

    class Unit(models.TextChoices):
        DAYS = "days", _("dagen")
        MONTHS = "months", _("maanden")
        YEARS = "years", _("jaar")

    kind = models.CharField(_("soort gegevens"), max_length=40, unique=True)
    amount = models.PositiveIntegerField(_("termijn"))
    unit = models.CharField(_("eenheid"), max_length=6, choices=Unit.choices)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    confirmed_by_name = models.CharField(_("bevestigd door"), max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self) -> str:
        return f"{self.kind}: {self.amount} {self.unit}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
