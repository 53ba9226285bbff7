"""Admin pages (/beheer/) for the neighbourhood teams: which neighbourhoods a team serves, who
works in it and in what role, and which team and coordinator a household has."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from eigenplan.accounts.models import PROFESSIONAL_ROLES
from eigenplan.households.models import Household, Neighbourhood, Team, TeamMembership
from eigenplan.households.services import record_coordinator_set_in_admin


def professionals():
    return get_user_model().objects.filter(role__in=PROFESSIONAL_ROLES).order_by("display_name")


class OnlyProfessionals:
    """The user fields offer professionals only."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("user", "coordinator"):
            kwargs["queryset"] = professionals()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class TeamMembershipInline(OnlyProfessionals, admin.TabularInline):
    model = TeamMembership
    extra = 1


class TeamForm(forms.ModelForm):
    neighbourhoods = forms.ModelMultipleChoiceField(
        label=_("Buurten"),
        help_text=_(
            "De buurten waar dit team werkt. Een buurt hoort bij één team: kiest u hier een buurt "
            "van een ander team, dan gaat die buurt naar dit team. Huishoudens in de buurt "
            "krijgen dit team als ze nieuw zijn; bestaande huishoudens houden hun team."
        ),
        queryset=Neighbourhood.objects.all(),
        required=False,
        widget=admin.widgets.FilteredSelectMultiple(_("buurten"), is_stacked=False),
    )

    class Meta:
        model = Team
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["neighbourhoods"] = list(self.instance.neighbourhoods.all())

    def save_neighbourhoods(self, team: Team) -> None:
        chosen = self.cleaned_data["neighbourhoods"]
        Neighbourhood.objects.filter(team=team).exclude(pk__in=chosen).update(team=None)
        Neighbourhood.objects.filter(pk__in=chosen).update(team=team)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    form = TeamForm
    inlines = [TeamMembershipInline]
    list_display = ["name"]
    search_fields = ["name"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.save_neighbourhoods(form.instance)


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "team"]
    list_filter = ["team"]
    search_fields = ["name", "cbs_code"]


@admin.register(Household)
class HouseholdAdmin(OnlyProfessionals, admin.ModelAdmin):
    """Only the team and the coordinator are changed here; the coordinator must work in the
    household's team (Household.clean)."""

    list_display = ["__str__", "neighbourhood", "team", "coordinator"]
    list_filter = ["team"]
    list_select_related = ["neighbourhood", "team", "coordinator"]
    fields = ["street", "house_number", "postcode", "city", "neighbourhood", "team", "coordinator"]
    readonly_fields = ["street", "house_number", "postcode", "city", "neighbourhood"]
    search_fields = ["street", "postcode"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # households come from registration, not from here

    def save_model(self, request, obj, form, change):
        previous = None
        if change and "coordinator" in form.changed_data:
            previous = Household.objects.get(pk=obj.pk).coordinator
        super().save_model(request, obj, form, change)
        if change and "coordinator" in form.changed_data:
            # The coordinator's history (CoordinatorAssignment) follows the change.
            record_coordinator_set_in_admin(actor=request.user, household=obj, previous=previous)

    def has_delete_permission(self, request, obj=None):
        return False
