from django.urls import path

from eigenplan.households import views, workspace_views

app_name = "households"
circle = "huishoudens/<int:household_id>/plan/kring/"
urlpatterns = [
    path("huishoudens/<int:household_id>/huishouddossier/", workspace_views.file, name="file"),
    path(
        "huishoudens/<int:household_id>/huishouddossier/overdragen/",
        workspace_views.hand_over,
        name="hand_over",
    ),
    path(circle + "uitnodigingen/", views.invitations, name="invitations"),
    path(circle + "uitnodigen/", views.invite, name="invite_new"),
    path(circle + "<int:member_id>/uitnodigen/", views.invite, name="invite"),
    path(
        circle + "uitnodigingen/<int:invitation_id>/code/",
        views.invitation_code,
        name="invitation_code",
    ),
    path(
        circle + "uitnodigingen/<int:invitation_id>/intrekken/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    # For the invited person. The token travels in the query string (?sleutel=), which the
    # access log leaves out (eigenplan serve), never in the path.
    path("uitnodiging/", views.accept, name="accept"),
    path("uitnodiging/welkom/", views.accept_welcome, name="accept_welcome"),
    path("inloggen/link/", views.sign_in_link, name="sign_in_link"),
    path("inloggen/link/openen/", views.sign_in_link_use, name="sign_in_link_use"),
]
