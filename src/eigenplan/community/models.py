"""The municipality's catalogue of what the neighbourhood offers a household whose circle is
small: peer experts (ervaringsdeskundigen) and community initiatives, each for the CBS
neighbourhoods it serves. Maintained in the admin, by hand or with a CSV import."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from eigenplan.households.models import Neighbourhood


class CommunityOffer(models.Model):
    class Kind(models.TextChoices):
        PEER_EXPERT = "peer_expert", _("Ervaringsdeskundige")
        INITIATIVE = "initiative", _("Initiatief in de buurt")

    # The natural key (for the CSV import) is the kind with the name, letter case ignored.
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    offer = models.TextField(
        _("wat ze bieden"),
        max_length=600,
        help_text=_(
            "In gewone woorden, zoals een inwoner het zou zeggen. Niet meer dan 600 tekens."
        ),
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood,
        related_name="community_offers",
        verbose_name=_("buurten"),
        help_text=_("De buurten (CBS-buurtcode) waar dit aanbod voor is."),
    )
    is_active = models.BooleanField(
        _("tonen"),
        default=True,
        help_text=_("Zet dit uit om het aanbod niet meer te tonen, zonder het weg te gooien."),
    )
    updated_at = models.DateTimeField(_("laatst aangepast"), auto_now=True)

    class Meta:
        ordering = ["kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "kind", name="one_offer_per_kind_and_name")
        ]
        verbose_name = _("aanbod in de buurt")
        verbose_name_plural = _("aanbod in de buurt")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"
