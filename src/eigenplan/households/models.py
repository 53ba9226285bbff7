import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from eigenplan.households import identifiers
from eigenplan.notifications.models import Message


class Team(models.Model):
    """A neighbourhood team (buurtteam, wijkteam): the professionals who work with the
    households of the neighbourhoods it serves. A professional outside a household's team has
    no access to it, except by emergency access."""

    name = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("buurtteam")
        verbose_name_plural = _("buurtteams")

    def __str__(self) -> str:
        return self.name


class TeamRole(models.TextChoices):
    """What a professional is in their team. Which parts of a household's file they see is the
    resident's decision per role (see privacy.consent); the assigned coordinator of a household
    is named on the household itself."""

    COORDINATOR = "coordinator", _("Regisseur")
    COLLEAGUE = "colleague", _("Teamlid")
    LEAD = "lead", _("Teamleider")


class TeamMembership(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("buurtteam")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("professional"),
    )
    role = models.CharField(_("rol in het team"), max_length=12, choices=TeamRole.choices)
    function = models.CharField(
        _("functie"),
        max_length=80,
        blank=True,
        help_text=_("Bijvoorbeeld: schuldhulpverlener, jongerenwerker, wijkverpleegkundige."),
    )

    class Meta:
        ordering = ["team", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="one_membership_per_team")
        ]
        verbose_name = _("lid van een buurtteam")
        verbose_name_plural = _("leden van buurtteams")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.team})"

    def clean(self) -> None:
        if self.user_id is not None and not self.user.is_professional:
            raise ValidationError(
                {"user": _("Alleen professionals (regisseur of teamleider) kunnen in een team.")}
            )


class Neighbourhood(models.Model):
    """A CBS neighbourhood (buurt); the unit for aggregated outcomes. One team serves it."""

    cbs_code = models.CharField(_("CBS-buurtcode"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="neighbourhoods",
        verbose_name=_("buurtteam"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")

    def __str__(self) -> str:
        return f"{self.name} ({self.cbs_code})"


class Household(models.Model):
    street = models.CharField(_("straat"), max_length=120)
    house_number = models.CharField(_("huisnummer"), max_length=12)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("plaats"), max_length=80)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("buurt"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_households",
        verbose_name=_("regisseur"),
    )
    # The team that works with the household: by default the team of its neighbourhood.
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("buurtteam"),
        help_text=_("Leeg laten: dan is het het team van de buurt."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the coordinator closed the file; retention counts from here (privacy/retention.py).
    closed_at = models.DateTimeField(_("dossier gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return f"{self.street} {self.house_number}, {self.city}"

    def save(self, *args, **kwargs):
        if self.team_id is None and self.neighbourhood_id is not None:
            self.team_id = (
                Neighbourhood.objects.filter(pk=self.neighbourhood_id)
                .values_list("team_id", flat=True)
                .first()
            )
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding and self.coordinator_id is not None:
            # The history of coordinators starts with the first one. Later changes go through
            # households.services.hand_over_household.
            coordinator = self.coordinator
            CoordinatorAssignment.objects.create(
                household=self,
                coordinator=coordinator,
                coordinator_name=str(coordinator)[:150],
                started_at=self.created_at,
            )

    def clean(self) -> None:
        """The assigned coordinator works in the household's team."""
        check_coordinator_in_team(self)

    @property
    def address(self) -> str:
        return f"{self.street} {self.house_number}, {self.postcode} {self.city}"


def check_coordinator_in_team(household: "Household") -> None:
    team_id = household.team_id
    if team_id is None and household.neighbourhood_id is not None:
        team_id = household.neighbourhood.team_id
    if household.coordinator_id is None or team_id is None:
        return
    members = TeamMembership.objects.filter(team_id=team_id, user_id=household.coordinator_id)
    if not members.exists():
        raise ValidationError(
            {
                "coordinator": _(
                    "Deze regisseur werkt niet in het buurtteam van dit huishouden. Kies iemand "
                    "uit het team, of zet de regisseur eerst in het team."
                )
            },
            code="coordinator_not_in_team",
        )


ADULT_AGE = 18
MAX_REVEAL_REASON_LENGTH = 500


class PersonQuerySet(models.QuerySet):
    def find_by_bsn(self, value) -> "PersonQuerySet":
        """The persons whose BSN is `value`, found through the keyed hash (during a hash key
        rotation under the old key too). A value that is no valid BSN finds nobody: use
        identifiers.validate_bsn first to tell someone why."""
        try:
            bsn = identifiers.validate_bsn(value)
        except ValidationError:
            return self.none()
        return self.filter(bsn_hash__in=identifiers.lookup_hashes(bsn)).exclude(bsn_hash="")


class Person(models.Model):
    """Someone who lives in the household. A person may have an account (a resident login).

    The BSN is kept only where a law prescribes it (UAVG art. 46), and never in plain text:
    `bsn_encrypted` holds it encrypted, `bsn_hash` a keyed hash to find it by (see
    households/identifiers.py). Set it with `set_bsn`, show it with `masked_bsn`, and take
    the whole number only through `reveal_bsn`, which asks for a reason and leaves an audit
    event."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="persons", verbose_name=_("huishouden")
    )
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("achternaam"), max_length=120)
    date_of_birth = models.DateField(_("geboortedatum"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    bsn_encrypted = models.TextField(
        _("BSN (versleuteld)"),
        blank=True,
        default="",
        editable=False,
        help_text="Fernet token of the BSN under the first key of EIGENPLAN_BSN_KEYS.",
    )
    bsn_hash = models.CharField(
        _("BSN-zoeksleutel"),
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text="HMAC-SHA256 of the BSN under EIGENPLAN_BSN_HASH_KEY, for exact lookups.",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["date_of_birth", "id"]
        indexes = [
            # Most persons have no BSN: the index holds only those who do.
            models.Index(
                fields=["bsn_hash"],
                name="households_person_bsn_hash",
                condition=~models.Q(bsn_hash=""),
            )
        ]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    # --- the BSN ---------------------------------------------------------------------------

    @property
    def has_bsn(self) -> bool:
        return bool(self.bsn_encrypted)

    def set_bsn(self, value: str | None) -> None:
        """Keep `value` as this person's BSN, encrypted and with its lookup hash; None or an
        empty value removes it. Raises ValidationError (plain Dutch) for a number that is not a
        BSN. Like set_password, it does not save."""
        if value is None or (isinstance(value, str) and not value.strip()):
            self.bsn_encrypted = ""
            self.bsn_hash = ""
            return
        bsn = identifiers.validate_bsn(value)
        self.bsn_encrypted = identifiers.encrypt_bsn(bsn)
        self.bsn_hash = identifiers.hash_bsn(bsn)

    @property
    def masked_bsn(self) -> str:
        """The BSN for display: only its last three digits ("••••••782"); empty without one."""
        if not self.bsn_encrypted:
            return ""
        return identifiers.mask_bsn(identifiers.decrypt_bsn(self.bsn_encrypted))

    def reveal_bsn(self, *, actor, reason: str) -> str | None:
        """The whole BSN, for a task a law prescribes. Needs the reason, which goes into an
        audit event (verb "reveal_bsn") with any BSN in it redacted; the number itself never
        does. None when no BSN is kept. Whether `actor` may see it is the caller's decision."""
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            raise ValidationError(
                {"reason": _("Schrijf op waarom u het hele BSN nodig heeft.")}, code="required"
            )
        if len(reason) > MAX_REVEAL_REASON_LENGTH:
            raise ValidationError(
                {"reason": _("Deze reden is te lang. Gebruik niet meer dan 500 tekens.")},
                code="max_length",
            )
        if not self.bsn_encrypted:
            return None
        bsn = identifiers.decrypt_bsn(self.bsn_encrypted)
        from eigenplan.privacy.audit import record_event  # the audit imports these models

        with transaction.atomic():
            record_event(
                actor=actor,
                household=self.household,
                verb="reveal_bsn",
                obj=self,
                detail={"reason": identifiers.redact_bsns(reason)},
            )
        return bsn

    def age_on(self, day: datetime.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def is_adult_on(self, day: datetime.date) -> bool:
        return self.age_on(day) >= ADULT_AGE


class Representative(models.Model):
    """Someone the household record names to act for a person: the parent of a minor, a legal
    guardian (voogd), a mentor or a curator. A representative holds the pen like the resident."""

    class Kind(models.TextChoices):
        PARENT = "parent", _("Ouder met gezag")
        GUARDIAN = "guardian", _("Voogd")
        MENTOR = "mentor", _("Mentor")
        CURATOR = "curator", _("Curator")

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="representatives"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representations"
    )
    represents = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("vertegenwoordigt"),
    )
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "represents"], name="one_representation")
        ]
        verbose_name = _("vertegenwoordiger")
        verbose_name_plural = _("vertegenwoordigers")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()}) voor {self.represents}"


class CircleMember(models.Model):
    """A person around the household: family, friend, neighbour, volunteer, peer expert or
    professional. A circle member need not have an account; the resident decides which life
    domains of the plan they may see."""

    class Relation(models.TextChoices):
        FAMILY = "family", _("Familie")
        FRIEND = "friend", _("Vriend of vriendin")
        NEIGHBOUR = "neighbour", _("Buur")
        VOLUNTEER = "volunteer", _("Vrijwilliger")
        PEER_EXPERT = "peer_expert", _("Ervaringsdeskundige")
        PROFESSIONAL = "professional", _("Professional")

    class Closeness(models.TextChoices):
        """How close the resident feels this person is: the ring they stand in on the circle
        picture (eigenplan.circle.ecogram)."""

        CLOSE = "close", _("Heel dichtbij")
        NEAR = "near", _("Dichtbij")
        FURTHER = "further", _("Verder weg")

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="circle", verbose_name=_("huishouden")
    )
    name = models.CharField(_("naam"), max_length=150)
    relation = models.CharField(_("relatie"), max_length=16, choices=Relation.choices)
    relation_detail = models.CharField(
        _("hoe kent u deze persoon?"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld: zus, buurvrouw van nummer 12, trainer van de voetbalclub."),
    )
    closeness = models.CharField(
        _("hoe dichtbij staat deze persoon?"),
        max_length=8,
        choices=Closeness.choices,
        default=Closeness.NEAR,
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="circle_memberships",
    )
    shared_life_domains = models.JSONField(
        _("gedeelde leefgebieden"),
        default=list,
        blank=True,
        help_text=_("De leefgebieden van het plan die dit kringlid mag zien."),
    )
    shares_dream = models.BooleanField(_("mag de droom en wat goed gaat zien"), default=False)
    shares_contact = models.BooleanField(
        _("mag het adres en de contactgegevens van het huishouden zien"), default=False
    )
    is_active = models.BooleanField(_("actief"), default=True)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("kringlid")
        verbose_name_plural = _("kringleden")

    def __str__(self) -> str:
        return self.name


class CircleInvitation(models.Model):
    """An invitation for a circle member to join the plan: a single-use link that expires, plus
    a one-time code the resident passes on. Only hashes of the link's token and the code are
    kept. See households.services.invite_circle_member."""

    Channel = Message.Channel

    class CodeBy(models.TextChoices):
        SCREEN = "screen", _("Ik geef de code zelf door")
        SMS = "sms", _("Per sms")

    class Status(models.TextChoices):
        PENDING = "pending", _("Verstuurd")
        ACCEPTED = "accepted", _("Aangenomen")
        BLOCKED = "blocked", _("Geblokkeerd")
        CANCELLED = "cancelled", _("Ingetrokken")

    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("huishouden"),
    )
    circle_member = models.ForeignKey(
        CircleMember,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("kringlid"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    channel = models.CharField(_("verstuurd per"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("e-mailadres of telefoonnummer"), max_length=254)
    code_by = models.CharField(_("code"), max_length=8, choices=CodeBy.choices)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    failed_attempts = models.PositiveSmallIntegerField(_("verkeerde codes"), default=0)
    created_at = models.DateTimeField(_("verstuurd op"))
    expires_at = models.DateTimeField(_("geldig tot"))
    finished_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    message = models.ForeignKey(
        "notifications.Message",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["address"], name="households_invitation_address")]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"{self.circle_member} ({self.status})"

    def state(self, now: datetime.datetime) -> str:
        """What the resident sees: sent, accepted, expired, blocked or cancelled."""
        if self.status == self.Status.PENDING:
            return "expired" if now >= self.expires_at else "sent"
        return self.status


class SignInLink(models.Model):
    """A single-use link by which a circle member without a password signs in again. Only a
    hash of its token is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inloglink")
        verbose_name_plural = _("inloglinks")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"


class CoordinatorAssignment(models.Model):
    """Who was the household's coordinator, from when until when, who assigned them and why.
    The open row (no end) is the current coordinator, the same as Household.coordinator: the
    database allows one open row per household, and households.services.hand_over_household
    changes both in one transaction."""

    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="coordinator_assignments",
        verbose_name=_("huishouden"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("regisseur"),
    )
    # The names as they were, for a history that outlives accounts.
    coordinator_name = models.CharField(_("naam van de regisseur"), max_length=150)
    started_at = models.DateTimeField(_("van"))
    ended_at = models.DateTimeField(_("tot"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegewezen door"),
    )
    assigned_by_name = models.CharField(_("toegewezen door"), max_length=150, blank=True)
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_coordinator_per_household",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="coordinator_assignment_ends_after_start",
            ),
        ]
        verbose_name = _("regisseur van een huishouden")
        verbose_name_plural = _("regisseurs van huishoudens")

    def __str__(self) -> str:
        return f"{self.coordinator_name} ({self.household_id})"
