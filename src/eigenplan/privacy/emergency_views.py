from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenplan.accounts.reauth import requires_recent_login
from eigenplan.core.forms import apply_service
from eigenplan.households.models import Household
from eigenplan.privacy.emergency import MAX_HOURS, grant_emergency_access


class EmergencyAccessForm(forms.Form):
    household = forms.IntegerField(
        label=gettext_lazy("Nummer van het huishouden"), min_value=1, required=False
    )
    reason = forms.CharField(
        label=gettext_lazy("Waarom is dit nu nodig?"),
        help_text=gettext_lazy(
            "De inwoner en de regisseur lezen deze reden. Schrijf het zo dat zij het begrijpen."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    hours = forms.TypedChoiceField(
        label=gettext_lazy("Hoe lang?"),
        choices=[(h, gettext_lazy("%(h)s uur") % {"h": h}) for h in (4, 24, MAX_HOURS)],
        coerce=int,
        initial=24,
    )


@login_required
@requires_recent_login
def emergency_access(request):
    """A professional asks for emergency access to a household outside their team."""
    if not request.user.is_professional:
        raise PermissionDenied
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        household = Household.objects.filter(pk=form.cleaned_data["household"] or 0).first()
        if household is None:
            form.add_error("household", _("Dit huishouden bestaat niet. Kijk het nummer na."))
        else:
            access = apply_service(
                form,
                grant_emergency_access,
                actor=request.user,
                household=household,
                reason=form.cleaned_data["reason"],
                hours=form.cleaned_data["hours"],
            )
            if access is not None:
                messages.warning(
                    request,
                    _("U heeft noodtoegang tot %(time)s. De inwoner en de regisseur zien dit.")
                    % {"time": access.expires_at.strftime("%d-%m-%Y %H:%M")},
                )
                return redirect("plans:overview", household.pk)
    return render(request, "privacy/emergency_access.html", {"form": form})
