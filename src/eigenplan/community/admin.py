"""The catalogue in the admin (/beheer/): offers by hand, or many at once from a CSV file."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenplan.community import services
from eigenplan.community.forms import ImportForm
from eigenplan.community.models import CommunityOffer


@admin.register(CommunityOffer)
class CommunityOfferAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact_name", "phone", "is_active", "updated_at"]
    list_filter = ["kind", "is_active", "neighbourhoods"]
    search_fields = ["name", "offer", "contact_name", "neighbourhoods__cbs_code"]
    filter_horizontal = ["neighbourhoods"]
    change_list_template = "admin/community/communityoffer/change_list.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_urls(self):
        return [
            path(
                "importeren/",
                self.admin_site.admin_view(self.import_view),
                name="community_communityoffer_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            try:
                result = services.import_offers(
                    actor=request.user, data=form.cleaned_data["file"].read()
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                messages.success(
                    request,
                    _(
                        "Klaar. Nieuw: %(created)s. Aangepast: %(updated)s. Hetzelfde gebleven: "
                        "%(unchanged)s. Niet ingelezen: %(rejected)s."
                    )
                    % {
                        "created": len(result.created),
                        "updated": len(result.updated),
                        "unchanged": len(result.unchanged),
                        "rejected": len(result.rejected),
                    },
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext_lazy("Aanbod in de buurt inlezen uit een CSV-bestand"),
            "form": form,
            "result": result,
        }
        return TemplateResponse(request, "admin/community/communityoffer/import.html", context)
