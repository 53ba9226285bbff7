"""The outbox: every e-mail and text message eigenplan sends, queued before it goes out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Where a message's secret part (a single-use link or a one-time code) goes in its body. The
# secret is kept apart from the body and forgotten once the message is delivered.
SECRET_MARK = "[[secret]]"  # noqa: S105 - a placeholder, not a secret


class Message(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Sms")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Wacht op verzenden")
        SENDING = "sending", _("Wordt verzonden")
        SENT = "sent", _("Verzonden")
        FAILED = "failed", _("Niet gelukt")
        OUTBOX = "outbox", _("Alleen in het postvak (demo)")

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Uitnodiging voor de kring")
        INVITATION_CODE = "invitation_code", _("Code bij een uitnodiging")
        SIGN_IN_LINK = "sign_in_link", _("Link om in te loggen")
        EMERGENCY_ACCESS = "emergency_access", _("Noodtoegang")
        COORDINATOR_CHANGED = "coordinator_changed", _("Nieuwe regisseur")
        COMMITMENT_REQUEST = "commitment_request", _("Vraag aan een kringlid")
        COMMITMENT_ANSWER = "commitment_answer", _("Antwoord van een kringlid")
        REVIEW_REMINDER = "review_reminder", _("Herinnering: terugkijken op het plan")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("kanaal"), max_length=8, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages_received",
        verbose_name=_("ontvanger"),
    )
    address = models.CharField(_("e-mailadres of telefoonnummer"), max_length=254)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    subject = models.CharField(_("onderwerp"), max_length=200, blank=True)
    body = models.TextField(_("tekst"))
    secret = models.CharField(
        _("geheim deel"),
        max_length=500,
        blank=True,
        help_text=_("De link of code in dit bericht. Wordt gewist zodra het bericht weg is."),
    )
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("huishouden"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(
        _("laatste fout"),
        max_length=200,
        blank=True,
        help_text=_("Alleen de soort fout, zonder persoonsgegevens."),
    )
    created_at = models.DateTimeField(_("gemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notif_msg_status_idx")]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_channel_display()}, {self.status})"

    def full_text(self) -> str:
        """The text as the recipient gets it; with the secret part gone once it was sent."""
        secret = self.secret or str(_("[niet meer bewaard]"))
        return self.body.replace(SECRET_MARK, secret)
