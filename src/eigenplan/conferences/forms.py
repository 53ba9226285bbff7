from django import forms
from django.utils.translation import gettext_lazy as _

from eigenplan.core.forms import BLANK_CHOICE


class ReferralForm(forms.Form):
    question = forms.CharField(
        label=_("Waar moet het plan een antwoord op geven?"),
        help_text=_(
            "In gewone woorden. Bijvoorbeeld: hoe zorgen we samen dat Yassin veilig is en elke "
            "dag naar school gaat?"
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AssignForm(forms.Form):
    coordinator = forms.ChoiceField(label=_("Onafhankelijk coördinator"), required=False)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].choices = BLANK_CHOICE + [
            (str(user.pk), str(user)) for user in candidates
        ]


class PreparationForm(forms.Form):
    meeting_at = forms.DateTimeField(
        label=_("Wanneer is de conferentie?"),
        help_text=_("De datum en de tijd. Bijvoorbeeld: 14-12-2026 19:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        required=False,
        error_messages={
            "invalid": _("Dit is geen goede datum en tijd. Schrijf het zo: 14-12-2026 19:00.")
        },
    )
    meeting_place = forms.CharField(
        label=_("Waar is de conferentie?"),
        help_text=_("Een plek waar de familie zich thuis voelt. Bijvoorbeeld: buurthuis De Linde."),
        required=False,
        max_length=200,
    )
    language = forms.CharField(label=_("In welke taal praten we?"), required=False, max_length=80)
    interpreter = forms.CharField(
        label=_("Is er een tolk nodig? Voor welke taal?"),
        help_text=_("Leeg laten als er geen tolk nodig is."),
        required=False,
        max_length=120,
    )


class ParticipantForm(forms.Form):
    circle_member_id = forms.ChoiceField(label=_("Iemand uit de kring"), required=False)
    name = forms.CharField(
        label=_("Of iemand anders: naam"),
        help_text=_("Alleen als de persoon nog niet in de kring staat."),
        required=False,
        max_length=150,
    )
    relation = forms.CharField(
        label=_("Wie is het?"),
        help_text=_("Bijvoorbeeld: oma, buurvrouw, trainer van de voetbalclub."),
        required=False,
        max_length=120,
    )

    def __init__(self, *args, circle=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circle_member_id"].choices = BLANK_CHOICE + [
            (str(member.pk), member.name) for member in circle
        ]


class InformationForm(forms.Form):
    text = forms.CharField(
        label=_("Wat weet u, en wat doet u voor dit huishouden?"),
        help_text=_("Schrijf het zo dat de familie het begrijpt. Geen vakwoorden."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ConditionForm(forms.Form):
    concern = forms.CharField(
        label=_("Wat is uw zorg?"),
        help_text=_("Waar gaat het om de veiligheid? Zeg het eerlijk en concreet."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    condition = forms.CharField(
        label=_("Waar moet het plan aan voldoen?"),
        help_text=_("Bijvoorbeeld: er is elke avond een volwassene thuis bij Yassin."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AssessmentForm(forms.Form):
    is_met = forms.ChoiceField(
        label=_("Voldoet het plan aan deze voorwaarde?"),
        choices=[("yes", _("Ja, het plan voldoet hieraan")), ("no", _("Nee, nog niet"))],
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        label=_("Waarom?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ApproveForm(forms.Form):
    note = forms.CharField(
        label=_("Wilt u iets zeggen over deze versie? (mag leeg blijven)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class ReviewDateForm(forms.Form):
    review_date = forms.DateField(
        label=_("Wanneer kijken we terug?"),
        help_text=_("Meestal na ongeveer 4 weken. Schrijf de datum zo: 31-12-2026."),
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        required=False,
        error_messages={"invalid": _("Dit is geen goede datum. Schrijf het zo: 31-12-2026.")},
    )
