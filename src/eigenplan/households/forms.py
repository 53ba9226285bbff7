from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from eigenplan.core.forms import BLANK_CHOICE, RevisionForm
from eigenplan.households.models import CircleInvitation, CircleMember
from eigenplan.plans.models import LifeDomain


class CircleMemberForm(RevisionForm):
    name = forms.CharField(label=_("Naam"), required=False, max_length=150)
    relation = forms.ChoiceField(
        label=_("Wat is deze persoon voor u?"),
        choices=BLANK_CHOICE + list(CircleMember.Relation.choices),
        required=False,
    )
    relation_detail = forms.CharField(
        label=_("Hoe kent u deze persoon? (mag leeg blijven)"),
        help_text=_("Bijvoorbeeld: mijn zus, de buurvrouw van nummer 12."),
        required=False,
        max_length=120,
    )
    closeness = forms.ChoiceField(
        label=_("Hoe dichtbij staat deze persoon?"),
        help_text=_("Dit bepaalt waar de persoon staat op de kaart van uw kring."),
        choices=CircleMember.Closeness.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=CircleMember.Closeness.NEAR,
    )
    email = forms.CharField(
        label=_("E-mailadres (mag leeg blijven)"), required=False, widget=forms.EmailInput
    )
    phone = forms.CharField(
        label=_("Telefoonnummer (mag leeg blijven)"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    shared_life_domains = forms.MultipleChoiceField(
        label=_("Welke delen van uw plan mag deze persoon zien?"),
        help_text=_(
            "Deze persoon ziet alleen de doelen bij de leefgebieden die u aanvinkt. "
            "U kunt dit altijd weer veranderen."
        ),
        choices=LifeDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    shares_dream = forms.BooleanField(
        label=_("Deze persoon mag mijn droom en wat goed gaat zien"), required=False
    )
    shares_contact = forms.BooleanField(
        label=_("Deze persoon mag mijn adres en e-mailadres zien"),
        required=False,
    )


# --- invitations ------------------------------------------------------------------------------


class InvitationFields(forms.Form):
    """How an invitation goes out. The addresses come from the circle member's own fields."""

    channel = forms.ChoiceField(
        label=_("Hoe sturen we de uitnodiging?"),
        choices=CircleInvitation.Channel.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=CircleInvitation.Channel.EMAIL,
    )
    code_by = forms.ChoiceField(
        label=_("Hoe krijgt deze persoon de code?"),
        help_text=_(
            "Met de link alleen kan niemand meedoen. Er is ook een code van 6 cijfers nodig. "
            "Zo weet u zeker dat de goede persoon meedoet."
        ),
        choices=[
            (
                CircleInvitation.CodeBy.SCREEN,
                _("Ik geef de code zelf door. U ziet de code straks op het scherm."),
            ),
            (
                CircleInvitation.CodeBy.SMS,
                _("Per sms (alleen als de uitnodiging per e-mail gaat)"),
            ),
        ],
        widget=forms.RadioSelect,
        required=False,
        initial=CircleInvitation.CodeBy.SCREEN,
    )
    language = forms.ChoiceField(
        label=_("In welke taal krijgt deze persoon het bericht?"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        required=False,
        initial="nl",
    )


class InvitationForm(InvitationFields):
    """Inviting someone who is already in the circle."""

    email = forms.CharField(
        label=_("E-mailadres"),
        help_text=_("Nodig als de uitnodiging per e-mail gaat."),
        required=False,
        widget=forms.EmailInput,
    )
    phone = forms.CharField(
        label=_("Mobiel nummer"),
        help_text=_("Nodig als de uitnodiging of de code per sms gaat."),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )


class NewMemberInvitationForm(CircleMemberForm, InvitationFields):
    """Someone new in the circle, invited at once."""


class InvitationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code van 6 cijfers"),
        help_text=_("U krijgt de code van de persoon die u uitnodigt, of in een sms."),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class AcceptInvitationForm(forms.Form):
    WITH_PASSWORD = "password"  # noqa: S105 - a choice, not a password
    LINK_ONLY = "link"

    how = forms.ChoiceField(
        label=_("Hoe wilt u later weer inloggen?"),
        choices=[
            (WITH_PASSWORD, _("Met een gebruikersnaam en wachtwoord dat ik nu kies")),
            (
                LINK_ONLY,
                _("Zonder wachtwoord: ik vraag dan elke keer een nieuwe link aan"),
            ),
        ],
        widget=forms.RadioSelect,
        required=False,
        initial=WITH_PASSWORD,
    )
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        help_text=_("Alleen nodig met een wachtwoord. Bijvoorbeeld uw voornaam met een cijfer."),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        help_text=_("Minstens 12 tekens. Gebruik geen wachtwoord dat u ergens anders gebruikt."),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
    )
    password2 = forms.CharField(
        label=_("Wachtwoord nog een keer"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
    )


class SignInLinkForm(forms.Form):
    address = forms.CharField(
        label=_("Uw e-mailadres of mobiele nummer"),
        help_text=_("Het adres of nummer waarop u de uitnodiging kreeg."),
        required=False,
        max_length=254,
    )


class HandOverForm(forms.Form):
    to_coordinator = forms.ChoiceField(label=_("Wie wordt de nieuwe regisseur?"), required=False)
    reason = forms.CharField(
        label=_("Waarom draagt u het huishouden over?"),
        help_text=_(
            "De nieuwe regisseur en het dossier laten dit zien. Schrijf niets over de inwoner "
            "zelf op, alleen de reden. Bijvoorbeeld: Sanne gaat met verlof."
        ),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_coordinator"].choices = BLANK_CHOICE + [
            (str(membership.user_id), _label(membership)) for membership in candidates
        ]


def _label(membership) -> str:
    function = membership.function or membership.get_role_display()
    return f"{membership.user} ({function})"
