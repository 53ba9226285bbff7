from django import forms
from django.utils.translation import gettext_lazy as _

from eigenplan.community.services import thinking_questions


class ThinkingQuestionsForm(forms.Form):
    """One text box per question; the resident writes one name per line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in thinking_questions():
            self.fields[question.slug] = forms.CharField(
                label=question.text,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "De eerste regel heeft de kolommen: naam, soort, aanbod, contactpersoon, telefoon, "
            "e-mail, website, buurtcodes. Soort is 'ervaringsdeskundige' of 'initiatief'. Zet "
            "meer buurtcodes met een spatie ertussen."
        ),
    )
