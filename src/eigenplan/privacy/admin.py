"""The administrator confirms retention periods in /beheer/. A default period from code does
nothing until it is confirmed here; changing a period takes the confirmation away again."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenplan.privacy.audit import record_event
from eigenplan.privacy.models import RetentionRule
from eigenplan.privacy.retention import KINDS_BY_KEY, UNVERIFIED_NOTE, ensure_rules


def _confirm(request, rule: RetentionRule) -> None:
    rule.confirmed_at = timezone.now()
    rule.confirmed_by_name = str(request.user)
    rule.save(update_fields=["confirmed_at", "confirmed_by_name", "updated_at"])
    record_event(
        actor=request.user,
        household=None,
        verb="confirm_retention",
        obj=rule,
        detail={"kind": rule.kind, "amount": rule.amount, "unit": rule.unit},
    )


class RetentionRuleForm(forms.ModelForm):
    confirm = forms.BooleanField(
        label=gettext_lazy("Ik heb deze termijn gecontroleerd en bevestig hem"),
        help_text=UNVERIFIED_NOTE,
        required=False,
    )

    class Meta:
        model = RetentionRule
        fields = ["amount", "unit"]


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    form = RetentionRuleForm
    list_display = ["kind_label", "amount", "unit", "action", "status"]
    readonly_fields = ["kind_label", "action", "note", "confirmed_at", "confirmed_by_name"]
    fields = [
        "kind_label",
        "action",
        "note",
        "amount",
        "unit",
        "confirm",
        "confirmed_at",
        "confirmed_by_name",
    ]
    actions = ["confirm_rules"]

    @admin.display(description=gettext_lazy("soort gegevens"))
    def kind_label(self, rule):
        kind = KINDS_BY_KEY.get(rule.kind)
        return kind.label if kind else rule.kind

    @admin.display(description=gettext_lazy("let op"))
    def note(self, rule):
        kind = KINDS_BY_KEY.get(rule.kind)
        return kind.admin_note if kind and kind.admin_note else UNVERIFIED_NOTE

    @admin.display(description=gettext_lazy("wat gebeurt er"))
    def action(self, rule):
        kind = KINDS_BY_KEY.get(rule.kind)
        return {
            "delete": _("verwijderen"),
            "anonymise": _("anoniem maken"),
            "keep": _("bewaren (wordt niet automatisch verwijderd)"),
        }.get(kind.action if kind else "", "—")

    @admin.display(description=gettext_lazy("status"))
    def status(self, rule):
        if rule.is_confirmed:
            return _("bevestigd op %(date)s door %(name)s") % {
                "date": timezone.localtime(rule.confirmed_at).strftime("%d-%m-%Y"),
                "name": rule.confirmed_by_name,
            }
        return _("NIET BEVESTIGD: wordt niet uitgevoerd")

    def has_add_permission(self, request):
        return False  # one rule per kind, made from the code's defaults

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        ensure_rules()
        unconfirmed = RetentionRule.objects.filter(confirmed_at__isnull=True).count()
        if unconfirmed and request.method == "GET":
            self.message_user(
                request,
                _(
                    "%(n)s bewaartermijnen zijn nog niet bevestigd en worden daarom niet "
                    "uitgevoerd. De standaardtermijnen zijn niet als wettelijke termijn "
                    "gecontroleerd: controleer ze met de privacy officer (FG)."
                )
                % {"n": unconfirmed},
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        changed_period = change and ({"amount", "unit"} & set(form.changed_data))
        if changed_period:
            obj.confirmed_at = None
            obj.confirmed_by_name = ""
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("confirm"):
            _confirm(request, obj)
        elif changed_period:
            self.message_user(
                request,
                _("De termijn is veranderd en is nu niet bevestigd. Hij wordt niet uitgevoerd."),
                messages.WARNING,
            )

    @admin.action(description=gettext_lazy("Gekozen termijnen bevestigen"))
    def confirm_rules(self, request, queryset):
        for rule in queryset:
            _confirm(request, rule)
        self.message_user(request, _("De termijnen zijn bevestigd."), messages.SUCCESS)
