from django.conf import settings
from django.contrib.auth.models import AbstractUser, _user_has_perm
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Inwoner")
    CIRCLE_MEMBER = "circle_member", _("Kringlid")
    COORDINATOR = "coordinator", _("Regisseur")
    TEAM_LEAD = "team_lead", _("Teamleider")
    ANALYST = "analyst", _("Beleidsmedewerker")
    ADMINISTRATOR = "administrator", _("Beheerder")
    # A trained citizen who prepares and leads a family group conference (Eigen
    # Kracht-conferentie); independent: never a professional of the household's team. Sees a
    # household only through the conference it is assigned to (eigenplan.conferences).
    INDEPENDENT_COORDINATOR = "independent_coordinator", _("Onafhankelijk coördinator")


PROFESSIONAL_ROLES = frozenset({Role.COORDINATOR, Role.TEAM_LEAD})
# Everyone who works for the municipality logs in with a second factor (TOTP): the roles that
# work with households and the municipal roles. Residents and circle members do not.
SECOND_FACTOR_ROLES = frozenset(
    {
        Role.COORDINATOR,
        Role.TEAM_LEAD,
        Role.ANALYST,
        Role.ADMINISTRATOR,
        # Reads professionals' concerns about a household: the same login as the professionals.
        Role.INDEPENDENT_COORDINATOR,
    }
)


class User(AbstractUser):
    """Anyone who logs in. What they may see follows from their links to households, not the role
    alone: a resident through their Person record, a circle member through a CircleMember record,
    a coordinator through the households assigned to them."""

    role = models.CharField(_("rol"), max_length=32, choices=Role.choices, default=Role.RESIDENT)
    display_name = models.CharField(_("naam"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_professional(self) -> bool:
        return self.role in PROFESSIONAL_ROLES

    @property
    def needs_second_factor(self) -> bool:
        """Professionals, municipal staff and anyone who may use the admin log in with a second
        factor (eigenplan.accounts.second_factor)."""
        return self.role in SECOND_FACTOR_ROLES or self.is_staff or self.is_superuser

    def has_perm(self, perm, obj=None) -> bool:
        """About an object (a household) only the rules decide, for a superuser too: being
        the admin's superuser gives no standing with any household's plan."""
        if obj is not None:
            return self.is_active and _user_has_perm(self, perm, obj)
        return super().has_perm(perm, obj)


class LoginThrottle(models.Model):
    """Failed logins for one key: a username or a client address, both stored only as a keyed
    hash (no names or IP addresses in this table). See eigenplan.accounts.throttle."""

    key = models.CharField(_("sleutel"), max_length=64, unique=True)
    failures = models.PositiveIntegerField(_("mislukte pogingen"), default=0)
    window_start = models.DateTimeField(_("begin van de telling"))
    locked_until = models.DateTimeField(_("geblokkeerd tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("blokkade na mislukte inlogpogingen")
        verbose_name_plural = _("blokkades na mislukte inlogpogingen")
        indexes = [models.Index(fields=["window_start"], name="accounts_throttle_window_idx")]

    def __str__(self) -> str:
        return f"{self.key[:12]}… ({self.failures})"


class TOTPDevice(models.Model):
    """A user's authenticator app: the shared secret for time-based one-time codes (RFC 6238,
    30 seconds, 6 digits). Unconfirmed until the user typed a first right code. `last_step` is
    the time step of the last code accepted, so no code is accepted twice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    secret = models.CharField(_("geheime sleutel"), max_length=64)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bevestigd"), null=True, blank=True)
    last_step = models.BigIntegerField(_("laatst gebruikte tijdstap"), default=0)

    class Meta:
        verbose_name = _("app voor inlogcodes")
        verbose_name_plural = _("apps voor inlogcodes")

    def __str__(self) -> str:
        return f"TOTP {self.user_id}{'' if self.confirmed_at else ' (niet bevestigd)'}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost, stored only as a password hash."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(_("hash van de code"), max_length=256)
    used_at = models.DateTimeField(_("gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("herstelcode")
        verbose_name_plural = _("herstelcodes")

    def __str__(self) -> str:
        return f"herstelcode {self.pk}{' (gebruikt)' if self.used_at else ''}"
