from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


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


class SharingDecision(models.Model):
    """What the resident decided one circle member may see: given, changed or withdrawn.

    A decision is never changed; the next one is a new row, and the newest is in force. The
    circle member row keeps a copy of the newest decision, written in the same transaction, so
    that every permission check reads one row and a withdrawal counts from the next request."""

    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="sharing_decisions"
    )
    circle_member = models.ForeignKey(
        "households.CircleMember", on_delete=models.CASCADE, related_name="sharing_decisions"
    )
    shared_life_domains = models.JSONField(default=list)
    shares_dream = models.BooleanField(default=False)
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

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("A sharing decision is never changed; record a new one.")
        super().save(*args, **kwargs)

    @property
    def is_withdrawal(self) -> bool:
        return not self.shared_life_domains and not self.shares_dream


class EmergencyAccess(models.Model):
    """A professional outside the household's team reads the file in an emergency: with a
    written reason, for a limited time, visible to the resident and the coordinator."""

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

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("Emergency access is never changed; it expires.")
        super().save(*args, **kwargs)

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


class RoleSharingDecision(models.Model):
    """What the resident decided the professionals in one role of the household's team may see.

    Like SharingDecision, a decision is never changed: the next one is a new row and the newest
    is in force from the next request on. Without any decision the defaults in
    privacy.consent.DEFAULT_ROLE_PARTS hold."""

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

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("A sharing decision is never changed; record a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("A sharing decision is never deleted; record a new one.")

    @property
    def is_withdrawal(self) -> bool:
        return not self.parts
