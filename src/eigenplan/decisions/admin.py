"""Admin pages (/beheer/) for the municipal catalogue and settings: provisions, legal-ground
rules, mandates, deadlines, letter texts, and the extra closed days, each list with an import
from CSV."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from eigenplan.core.admin import ClosedDayAdmin
from eigenplan.core.models import ClosedDay
from eigenplan.decisions import imports
from eigenplan.decisions.models import (
    DecisionSettings,
    Law,
    LegalGroundRule,
    LetterText,
    Mandate,
    Provision,
)
from eigenplan.households.admin import professionals

MAX_UPLOAD = 2 * 1024 * 1024


class CsvUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV-bestand"))


class CsvImportMixin:
    """Adds "Importeren uit CSV" to the list page. `import_function(data, actor=...)` returns an
    ImportReport; `csv_columns` are shown as help."""

    change_list_template = "decisions/admin/change_list_with_import.html"
    import_function = None
    csv_columns: tuple[str, ...] = ()

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        own = [
            path(
                "importeren/",
                self.admin_site.admin_view(self.import_view),
                name="{}_{}_import".format(*info),
            )
        ]
        return own + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = CsvUploadForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_UPLOAD:
                form.add_error("file", _("Het bestand is te groot: hoogstens 2 MB."))
            else:
                try:
                    report = type(self).import_function(upload.read(), actor=request.user)
                except ValidationError as error:
                    form.add_error("file", error)
            if report is not None:
                messages.info(
                    request,
                    _("%(c)s nieuw, %(u)s aangepast, %(s)s gelijk gebleven, %(r)s afgewezen.")
                    % {
                        "c": report.created,
                        "u": report.updated,
                        "s": report.unchanged,
                        "r": len(report.rejected),
                    },
                )
                if not report.rejected:
                    info = self.model._meta.app_label, self.model._meta.model_name
                    return redirect(reverse("admin:{}_{}_changelist".format(*info)))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Importeren uit CSV: %(what)s")
            % {"what": self.model._meta.verbose_name_plural},
            "form": form,
            "report": report,
            "columns": self.csv_columns,
        }
        return TemplateResponse(request, "decisions/admin/import.html", context)


@admin.register(Provision)
class ProvisionAdmin(CsvImportMixin, admin.ModelAdmin):
    import_function = staticmethod(imports.import_provisions)
    csv_columns = (*imports.PROVISION_COLUMNS, "is_active")
    list_display = [
        "name",
        "reference",
        "product_category",
        "product_code",
        "unit",
        "frequency",
        "price_per_unit",
        "law",
        "is_active",
    ]
    list_filter = ["law", "is_active", "unit"]
    search_fields = ["name", "reference", "product_code"]


@admin.register(LegalGroundRule)
class LegalGroundRuleAdmin(CsvImportMixin, admin.ModelAdmin):
    import_function = staticmethod(imports.import_rules)
    csv_columns = (*imports.RULE_COLUMNS, "is_active")
    list_display = [
        "priority",
        "name",
        "provision",
        "product_category",
        "maatwerk_kind",
        "min_age",
        "max_age",
        "law",
        "is_active",
    ]
    list_display_links = ["name"]
    list_filter = ["law", "is_active"]
    list_select_related = ["provision"]


class MandateForm(forms.ModelForm):
    laws = forms.MultipleChoiceField(
        label=_("Soorten ondersteuning"),
        choices=Law.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Mandate
        fields = ["holder", "level", "laws", "yearly_budget_per_household", "escalates_to"]


@admin.register(Mandate)
class MandateAdmin(CsvImportMixin, admin.ModelAdmin):
    form = MandateForm
    import_function = staticmethod(imports.import_mandates)
    csv_columns = imports.MANDATE_COLUMNS
    list_display = ["holder", "level", "yearly_budget_per_household", "escalates_to"]
    list_select_related = ["holder", "escalates_to__holder"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "holder":
            kwargs["queryset"] = professionals()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(DecisionSettings)
class DecisionSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "mandate_deadline_working_days", "objection_weeks"]

    def has_add_permission(self, request):
        return not DecisionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LetterText)
class LetterTextAdmin(CsvImportMixin, admin.ModelAdmin):
    list_display = ["__str__"]
    import_function = staticmethod(imports.import_letter_texts)
    csv_columns = imports.LETTER_TEXT_COLUMNS


# The extra closed days (core) get the same import; the lead's admin class is kept.
class ClosedDayWithImportAdmin(CsvImportMixin, ClosedDayAdmin):
    import_function = staticmethod(imports.import_closed_days)
    csv_columns = imports.CLOSED_DAY_COLUMNS


admin.site.unregister(ClosedDay)
admin.site.register(ClosedDay, ClosedDayWithImportAdmin)
