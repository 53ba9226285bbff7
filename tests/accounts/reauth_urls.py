"""The project's URLs plus two test-only views behind requires_recent_login."""

from django.http import HttpResponse
from django.urls import path

from eigenplan.accounts.reauth import requires_recent_login
from eigenplan.urls import urlpatterns as project_urlpatterns


@requires_recent_login(max_age_minutes=5)
def export(request):
    if request.method == "POST":
        return HttpResponse("geëxporteerd")
    return HttpResponse("exporteren?")


@requires_recent_login
def consent(request):
    return HttpResponse("toestemming")


urlpatterns = [
    path("test/exporteren/", export, name="test_export"),
    path("test/toestemming/", consent, name="test_consent"),
    *project_urlpatterns,
]
