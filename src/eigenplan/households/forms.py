from django import forms
from django.utils.translation import gettext_lazy as _

from eigenplan.core.forms import BLANK_CHOICE, RevisionForm
from eigenplan.households.models import CircleMember
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
