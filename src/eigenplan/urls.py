from django.contrib import admin
from django.urls import include, path

from eigenplan.privacy import emergency_views

urlpatterns = [
    path("", include("eigenplan.core.urls")),
    path("", include("eigenplan.accounts.urls")),
    path("", include("eigenplan.plans.urls")),
    path("", include("eigenplan.privacy.urls")),
    path("", include("eigenplan.households.urls")),
    path("", include("eigenplan.notifications.urls")),
    path("", include("eigenplan.conversations.urls")),
    path("", include("eigenplan.decisions.urls")),
    path("", include("eigenplan.community.urls")),
    path("", include("eigenplan.circle.urls")),
    path("", include("eigenplan.conferences.urls")),
    path("noodtoegang/", emergency_views.emergency_access, name="emergency_access"),
    path("api/v1/", include("eigenplan.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
