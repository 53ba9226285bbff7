"""The resident's page "Wie mag wat zien?": what each circle member and each professional role
of the household's team may see, the history of those decisions, and changing them (after
typing the password again, like every change of consent)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenplan.accounts.reauth import requires_recent_login
from eigenplan.core.forms import apply_service
from eigenplan.households.selectors import active_circle, team_professionals
from eigenplan.plans.views import household_for
from eigenplan.privacy.consent import decide_role_sharing, role_parts_now, role_sharing_history
from eigenplan.privacy.models import ProfessionalRole
from eigenplan.privacy.parts import ALL_PARTS, CONTACT, part_label

PERM = "privacy.manage_sharing"
# The roles in the URL, in Dutch, and back.
ROLE_SLUGS = {
    "regisseur": ProfessionalRole.COORDINATOR,
    "teamleden": ProfessionalRole.TEAM_MEMBER,
    "teamleider": ProfessionalRole.TEAM_LEAD,
}
SLUG_OF = {role: slug for slug, role in ROLE_SLUGS.items()}
DEFAULTS_EXPLAINED = {
    ProfessionalRole.COORDINATOR: gettext_lazy(
        "Als u niets kiest, ziet uw regisseur alles. Uw regisseur werkt met u samen aan uw plan."
    ),
    ProfessionalRole.TEAM_MEMBER: gettext_lazy(
        "Als u niets kiest, zien andere medewerkers van het buurtteam niets. Bijvoorbeeld de "
        "schuldhulpverlener of de jongerenwerker. Deel alleen wat zij nodig hebben om u te helpen."
    ),
    ProfessionalRole.TEAM_LEAD: gettext_lazy(
        "Als u niets kiest, ziet de teamleider niets. De teamleider beslist soms mee als er "
        "extra hulp of geld nodig is."
    ),
}


class RoleSharingForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=gettext_lazy("Wat mogen zij zien?"),
        help_text=gettext_lazy(
            "Vink aan wat zij mogen zien. Zet u geen vinkje, dan zien zij niets. Gesprekken, "
            "besluiten en documenten komen later in eigenplan: u kunt nu al kiezen of u ze deelt."
        ),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parts"].choices = [(part, part_label(part)) for part in ALL_PARTS]


def _labels(parts) -> list[str]:
    return [part_label(part) for part in (*ALL_PARTS, CONTACT) if part in parts]


def _history(household, role=None) -> list[dict]:
    decisions = role_sharing_history(household)
    if role is not None:
        decisions = decisions.filter(role=role)
    return [
        {
            "decision": decision,
            "role_label": ProfessionalRole(decision.role).label,
            "parts": _labels(decision.parts),
        }
        for decision in decisions[:50]
    ]


@login_required
def sharing(request, household_id):
    household, _view = household_for(request, household_id, PERM)
    parts_now = role_parts_now(household)
    professionals = team_professionals(household)
    decided = set(role_sharing_history(household).values_list("role", flat=True).distinct())
    roles = [
        {
            "role": role,
            "label": ProfessionalRole(role).label,
            "slug": SLUG_OF[role],
            "people": professionals[role],
            "parts": _labels(parts_now[role]),
            "decided": role in decided,
            "default": DEFAULTS_EXPLAINED[role],
        }
        for role in ProfessionalRole.values
    ]
    circle = [
        {
            "member": member,
            "parts": _labels(
                set(member.shared_life_domains)
                | ({"dream"} if member.shares_dream else set())
                | ({CONTACT} if member.shares_contact else set())
            ),
        }
        for member in active_circle(household)
    ]
    return render(
        request,
        "privacy/sharing.html",
        {
            "household": household,
            "team": household.team,
            "roles": roles,
            "circle": circle,
            "history": _history(household),
        },
    )


@login_required
@requires_recent_login  # what a professional may see is consent
def role_sharing(request, household_id, role):
    if role not in ROLE_SLUGS:
        raise Http404
    household, _view = household_for(request, household_id, PERM)
    role = ROLE_SLUGS[role]
    form = RoleSharingForm(
        request.POST or None, initial={"parts": sorted(role_parts_now(household)[role])}
    )
    if request.method == "POST" and form.is_valid():
        decision = apply_service(
            form,
            decide_role_sharing,
            actor=request.user,
            household=household,
            role=role,
            parts=form.cleaned_data["parts"],
        )
        if decision is not None:
            messages.success(request, _("Opgeslagen. Dit telt vanaf nu."))
            return redirect("privacy:sharing", household.pk)
    return render(
        request,
        "privacy/role_sharing.html",
        {
            "household": household,
            "role_label": ProfessionalRole(role).label,
            "people": team_professionals(household)[role],
            "default": DEFAULTS_EXPLAINED[role],
            "form": form,
            "history": _history(household, role),
        },
    )
