from django import forms
from django.utils.translation import gettext_lazy as _


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom kunt u het niet doen?"),
        help_text=_("Een paar woorden is genoeg. De inwoner ziet wat u schrijft."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )


class HandBackForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom geeft u het terug? (mag leeg blijven)"),
        help_text=_("De inwoner ziet wat u schrijft."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )
