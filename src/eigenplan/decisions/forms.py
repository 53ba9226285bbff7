"""Forms only carry what was typed; the services validate and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigenplan.core.forms import BLANK_CHOICE
from eigenplan.decisions.models import Decision, Frequency, Law, MaatwerkKind, Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SupportItemForm(forms.Form):
    action_id = forms.TypedChoiceField(
        label=_("Bij welke actie uit het plan?"), coerce=int, empty_value=None
    )
    provision_id = forms.ChoiceField(
        label=_("Voorziening uit de catalogus"),
        required=False,
        help_text=_("Kies “Maatwerk” als de voorziening niet in de catalogus staat."),
    )
    description = forms.CharField(
        label=_("Wat krijgt de inwoner? (in gewone woorden)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Dit ziet de inwoner in het plan. Leeg bij een voorziening: dan de uitleg uit "
            "de catalogus."
        ),
    )
    person_id = forms.ChoiceField(label=_("Voor wie?"), required=False)
    volume = forms.CharField(label=_("Omvang (een heel getal)"), max_length=9)
    start_date = forms.DateField(label=_("Vanaf"), widget=DATE)
    end_date = forms.DateField(label=_("Tot en met"), widget=DATE)
    maatwerk_kind = forms.ChoiceField(
        label=_("Alleen bij maatwerk: waar gaat het over?"),
        required=False,
        choices=BLANK_CHOICE + list(MaatwerkKind.choices),
    )
    product_category = forms.CharField(
        label=_("Alleen bij maatwerk: productcategorie (iWmo/iJw, twee cijfers, mag leeg)"),
        required=False,
        max_length=2,
    )
    product_code = forms.CharField(
        label=_("Alleen bij maatwerk: productcode (mag leeg)"), required=False, max_length=5
    )
    unit = forms.ChoiceField(
        label=_("Alleen bij maatwerk: eenheid"),
        required=False,
        choices=BLANK_CHOICE + list(Unit.choices),
    )
    frequency = forms.ChoiceField(
        label=_("Alleen bij maatwerk: hoe vaak"),
        required=False,
        choices=BLANK_CHOICE + list(Frequency.choices),
    )
    price_per_unit = forms.CharField(
        label=_("Alleen bij maatwerk: prijs per eenheid in euro"), required=False, max_length=14
    )
    law = forms.ChoiceField(
        label=_("Wet"),
        required=False,
        choices=[("", _("Zoals de regels bepalen")), *Law.choices],
        help_text=_("Kiest u een andere wet dan de regels? Schrijf dan hieronder waarom."),
    )
    law_reason = forms.CharField(
        label=_("Waarom een andere wet? (mag leeg)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, actions=(), provisions=(), persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_id"].choices = BLANK_CHOICE + [
            (a.pk, f"{a.description} ({a.goal.text[:60]})") for a in actions
        ]
        self.fields["provision_id"].choices = [("", _("Maatwerk"))] + [
            (p.pk, f"{p.name} ({p.get_law_display() or _('wet volgens de regels')})")
            for p in provisions
        ]
        self.fields["person_id"].choices = [("", _("Het hele huishouden"))] + [
            (p.pk, f"{p.first_name} {p.last_name}") for p in persons
        ]


class CorrectLawForm(forms.Form):
    law = forms.ChoiceField(label=_("Wet"), choices=list(Law.choices))
    law_reason = forms.CharField(
        label=_("Waarom een andere wet?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class GrantForm(forms.Form):
    reasons = forms.CharField(
        label=_("Waarom deze ondersteuning? (komt in de brief)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MandateRequestForm(forms.Form):
    reasoning = forms.CharField(
        label=_("Uw onderbouwing voor de mandaathouder"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom is deze ondersteuning nodig voor het doel? Wat is al geprobeerd?"),
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uw besluit"), choices=list(Decision.Outcome.choices), widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Redenen (komen in de brief)"), widget=forms.Textarea(attrs={"rows": 4})
    )
