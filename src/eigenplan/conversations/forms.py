"""Forms for requests and conversations. They only carry what was typed: the services
validate, so every message is the same wherever the data comes from."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigenplan.conversations.models import Deadline, ReportNote, RequestKind, SupportRequest
from eigenplan.core.forms import RevisionForm

# What the laws are about, in words a resident knows; the law's name in brackets.
LAW_CHOICES = [
    ("wmo", _("Hulp of ondersteuning thuis of in de buurt (Wmo)")),
    ("jeugdwet", _("Hulp voor mijn kind of ons gezin (Jeugdwet)")),
    ("participatiewet", _("Geld om van te leven, of werk (Participatiewet)")),
    ("wgs", _("Schulden (schuldhulp)")),
]
KIND_CHOICES = [
    (RequestKind.MELDING, _("Ik vertel wat ik nodig heb. Dan praten we erover (melding).")),
    (RequestKind.HULPVRAAG, _("Ik vraag hulp, bijvoorbeeld bij schulden (hulpvraag).")),
    (RequestKind.AANVRAAG, _("Ik vraag een besluit aan, na het gesprek (aanvraag).")),
]


class RequestForm(forms.Form):
    own_words = forms.CharField(
        label=_("Wat is uw vraag?"),
        help_text=_(
            "Schrijf het in uw eigen woorden. Wat gaat er niet goed? Wat heeft u nodig? "
            "Het mag kort zijn."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    laws = forms.MultipleChoiceField(
        label=_("Waar gaat uw vraag over?"),
        help_text=_("U mag meer dan één kiezen."),
        choices=LAW_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Wat voor vraag is het?"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        initial=RequestKind.MELDING,
        required=False,
    )
    threats = forms.MultipleChoiceField(
        label=_("Dreigt er nu iets? (mag leeg blijven)"),
        help_text=_("Dan moet het eerste gesprek over schulden binnen 3 werkdagen zijn."),
        choices=[
            ("threat_eviction", _("Ik moet misschien mijn huis uit (huisuitzetting)")),
            ("threat_cutoff", _("Mijn stroom, gas of water wordt misschien afgesloten")),
            ("threat_insurance", _("Mijn zorgverzekering stopt misschien")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    received_on = forms.DateField(
        label=_("Wanneer kwam de vraag binnen?"),
        help_text=_("Leeg laten: vandaag. Bijvoorbeeld: 31-12-2026."),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        threats = set(data["threats"])
        return {
            "own_words": data["own_words"],
            "laws": data["laws"],
            "kind": data["kind"],
            "received_on": data["received_on"],
            "threat_eviction": "threat_eviction" in threats,
            "threat_cutoff": "threat_cutoff" in threats,
            "threat_insurance": "threat_insurance" in threats,
        }


class OwnPlanForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Wilt u eerst zelf een plan maken?"),
        choices=[
            (SupportRequest.OwnPlan.YES, SupportRequest.OwnPlan.YES.label),
            (SupportRequest.OwnPlan.NO, SupportRequest.OwnPlan.NO.label),
        ],
        widget=forms.RadioSelect,
        required=False,
    )


class CloseDeadlineForm(forms.Form):
    deadline = forms.TypedChoiceField(
        label=_("Welke termijn?"),
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    outcome = forms.ChoiceField(
        label=_("Wat is er gebeurd?"),
        choices=[
            (Deadline.Status.MET, _("Gedaan")),
            (Deadline.Status.STOPPED, _("Niet meer nodig")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(
        label=_("Toelichting voor de inwoner"),
        help_text=_("Nodig als het niet meer nodig is: schrijf op waarom."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, deadlines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].choices = [
            (d.pk, f"{d.name} ({d.due_on:%d-%m-%Y})") for d in deadlines
        ]


class PreparationForm(RevisionForm):
    going_well = forms.CharField(
        label=_("Wat gaat goed?"),
        help_text=_("Bijvoorbeeld: ik kan goed koken, mijn zoon gaat graag naar voetbal."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    worries = forms.CharField(
        label=_("Waar maakt u zich zorgen over?"),
        help_text=_("Schrijf op wat u wilt bespreken. U bepaalt zelf wat u vertelt."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    who_helps = forms.CharField(
        label=_("Wie helpt u al?"),
        help_text=_("Familie, vrienden, buren, een club of vrijwilliger."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    wishes = forms.CharField(
        label=_("Wat wilt u?"),
        help_text=_("Wat moet er anders worden? Wat wilt u zelf doen?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ReportForm(RevisionForm):
    held_on = forms.DateField(
        label=_("Datum van het gesprek"),
        help_text=_("Leeg laten: vandaag."),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )
    attendees = forms.CharField(label=_("Wie waren er bij?"), max_length=300, required=False)
    discussed = forms.CharField(
        label=_("Wat hebben we besproken?"),
        help_text=_("Schrijf het zo dat de inwoner het herkent, in eenvoudige woorden."),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    agreed = forms.CharField(
        label=_("Wat spraken we af?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat wilt u toevoegen?"),
        choices=[
            (ReportNote.Kind.CORRECTION, _("Er klopt iets niet")),
            (ReportNote.Kind.COMMENT, _("Een opmerking")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    text = forms.CharField(
        label=_("Wat wilt u zeggen?"),
        help_text=_("Dit blijft bij het verslag staan, ook als uw regisseur het anders ziet."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ResponseForm(forms.Form):
    note = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Uw reactie"),
        help_text=_("De inwoner leest dit. Wat de inwoner schreef blijft staan."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ConfirmReadForm(RevisionForm):
    pass


class EventForm(forms.Form):
    event = forms.ChoiceField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from eigenplan.conversations.models import EVENTS, Trigger

        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [(e.value, Trigger(e).label) for e in EVENTS]
