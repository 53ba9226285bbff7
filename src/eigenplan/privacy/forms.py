"""Forms for the resident's GDPR rights. They only carry what was typed: the services in
privacy/services.py validate, so a page and a later API say the same."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigenplan.privacy.models import CorrectionRequest


class CorrectionRequestForm(forms.Form):
    what_is_wrong = forms.CharField(
        label=_("Wat klopt er niet?"),
        help_text=_("Schrijf het in uw eigen woorden. Bijvoorbeeld: mijn achternaam is verkeerd."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    what_it_should_be = forms.CharField(
        label=_("Wat moet er staan? (mag leeg blijven)"),
        help_text=_("Bijvoorbeeld: mijn achternaam is El Amrani, met een spatie."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    part = forms.ChoiceField(
        label=_("Waar gaat het over? (mag leeg blijven)"),
        choices=[("", _("Weet ik niet of iets anders"))]
        + [c for c in CorrectionRequest.Part.choices if c[0] != "other"],
        widget=forms.RadioSelect,
        required=False,
    )


class CorrectionAnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Wat is uw antwoord?"),
        choices=[
            (CorrectionRequest.Status.CORRECTED, _("Ik heb het verbeterd")),
            (CorrectionRequest.Status.DECLINED, _("Ik verbeter het niet")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    answer = forms.CharField(
        label=_("Uw uitleg voor de inwoner"),
        help_text=_(
            "Verbeterd: schrijf op wat u heeft veranderd. Niet verbeterd: schrijf op waarom. "
            "De inwoner leest dit. Schrijf het eenvoudig."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class CorrectionExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom heeft u meer tijd nodig?"),
        help_text=_("De inwoner leest dit. U krijgt 2 maanden extra. Dit kan maar één keer."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
