"""The municipality keeps its legal periods and its client support contact in /beheer/. A
period marked unverified comes from secondary sources: the list says so, and so does the form."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from eigenplan.conversations.imports import DEADLINE_RULE_COLUMNS, import_deadline_rules
from eigenplan.conversations.models import ClientSupport, DeadlineRule
from eigenplan.decisions.admin import CsvImportMixin
from eigenplan.privacy.audit import record_event

UNVERIFIED_NOTE = _(
    "Termijnen met 'niet gecontroleerd' komen uit andere bronnen dan de wettekst (bijvoorbeeld "
    "een oudere tekst van de wet). Controleer ze in de wet voordat u erop vertrouwt, en zet het "
    "vinkje dan uit. Een verandering geldt voor nieuwe termijnen; termijnen die al lopen blijven "
    "zoals ze zijn."
)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(CsvImportMixin, admin.ModelAdmin):
    import_function = staticmethod(import_deadline_rules)
    csv_columns = (*DEADLINE_RULE_COLUMNS, "unverified", "is_active")
    list_display = [
        "name",
        "law",
        "starts_on",
        "urgency",
        "amount",
        "unit",
        "unverified",
        "is_active",
    ]
    list_filter = ["law", "unverified", "is_active"]
    fieldsets = [
        (None, {"description": UNVERIFIED_NOTE, "fields": ["code", "law", "starts_on", "urgency"]}),
        (_("Termijn"), {"fields": ["name", "amount", "unit", "source", "unverified", "is_active"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_event(
            actor=request.user,
            household=None,
            verb="change_deadline_rule" if change else "create_deadline_rule",
            obj=obj,
            detail={
                "code": obj.code,
                "amount": obj.amount,
                "unit": obj.unit,
                "unverified": obj.unverified,
                "is_active": obj.is_active,
            },
        )


@admin.register(ClientSupport)
class ClientSupportAdmin(admin.ModelAdmin):
    list_display = ["organisation", "phone", "email", "website"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
