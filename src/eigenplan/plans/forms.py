from django import forms
from django.utils.translation import gettext_lazy as _

from eigenplan.core.forms import BLANK_CHOICE, RevisionForm
from eigenplan.plans.models import Action, LifeDomain, Performer


class PlanTextForm(RevisionForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def __init__(self, *args, label, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
        self.fields["text"].help_text = help_text


class GoalForm(RevisionForm):
    text = forms.CharField(
        label=_("Wat wilt u bereiken?"),
        help_text=_(
            "Schrijf het in uw eigen woorden. Bijvoorbeeld: ik wil mijn huur op tijd betalen."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    life_domain = forms.ChoiceField(
        label=_("Bij welk deel van uw leven hoort dit?"),
        choices=BLANK_CHOICE + list(LifeDomain.choices),
        required=False,
    )
    person_id = forms.ChoiceField(label=_("Voor wie is dit doel?"), required=False)

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person_id"].choices = [("", _("Voor ons hele huishouden"))] + [
            (str(p.pk), p.first_name) for p in persons
        ]


class ActionForm(RevisionForm):
    description = forms.CharField(
        label=_("Wat gaat er gebeuren?"),
        help_text=_("Bijvoorbeeld: ik bel de woningcorporatie over een betalingsregeling."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    performer = forms.ChoiceField(
        label=_("Wie doet het?"),
        choices=Performer.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    person_id = forms.ChoiceField(
        label=_("Wie uit uw huishouden?"),
        help_text=_("Alleen als u hierboven 'Ikzelf of iemand uit mijn huishouden' koos."),
        required=False,
    )
    circle_member_id = forms.ChoiceField(
        label=_("Wie uit uw kring?"),
        help_text=_("Alleen als u hierboven 'Iemand uit mijn kring' koos."),
        required=False,
    )
    performer_name = forms.CharField(
        label=_("Naam van de organisatie of professional"),
        help_text=_(
            "Alleen bij 'Iets in de buurt' of 'Een professional'. Bijvoorbeeld: Buurthuis De Linde."
        ),
        required=False,
        max_length=150,
    )
    due_date = forms.CharField(
        label=_("Wanneer moet het klaar zijn?"),
        help_text=_("Mag leeg blijven. Schrijf de datum zo: 31-12-2026."),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Hoe staat het ervoor?"),
        choices=Action.Status.choices,
        required=False,
        initial=Action.Status.TODO,
    )

    def __init__(self, *args, persons=(), circle=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person_id"].choices = [("", _("Ikzelf"))] + [
            (str(p.pk), p.first_name) for p in persons
        ]
        self.fields["circle_member_id"].choices = BLANK_CHOICE + [
            (str(m.pk), m.name) for m in circle
        ]


class ProposalTextForm(forms.Form):
    """A proposal to change one of the plan's texts."""

    field = forms.ChoiceField(
        label=_("Welk deel van het plan?"),
        choices=[
            ("strengths", _("Wat goed gaat")),
            ("dream", _("De droom")),
            ("contributions", _("Wat ik kan geven")),
        ],
    )
    text = forms.CharField(
        label=_("Nieuwe tekst"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class ExplanationForm(forms.Form):
    explanation = forms.CharField(
        label=_("Waarom stelt u dit voor?"),
        help_text=_("Schrijf het zo dat de inwoner het goed begrijpt."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom neemt u dit niet over? (mag leeg blijven)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ApproveForm(RevisionForm):
    note = forms.CharField(
        label=_("Wilt u iets zeggen over deze versie? (mag leeg blijven)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class CompareForm(forms.Form):
    van = forms.TypedChoiceField(label=_("Oude versie"), coerce=int)
    naar = forms.TypedChoiceField(label=_("Nieuwe versie"), coerce=int)

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Versie %(n)s") % {"n": n}) for n in numbers]
        self.fields["van"].choices = choices
        self.fields["naar"].choices = choices
