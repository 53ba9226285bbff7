from django.urls import path

from eigenplan.accounts import digid, oidc, views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/demo/", views.demo_login, name="demo_login"),
    path("inloggen/code/", views.second_factor_page, name="second_factor"),
    path("inloggen/code-instellen/", views.second_factor_setup, name="second_factor_setup"),
    path("inloggen/sso/", oidc.login_start(oidc.SSO), name="sso_login"),
    path("inloggen/sso/terug/", oidc.login_callback(oidc.SSO), name="sso_callback"),
    # DigiD through django-digid-eherkenning (configured in the admin, eigenplan.accounts.digid)
    path("inloggen/digid/", digid.login_start, name="digid_login"),
    path("inloggen/digid/terug/", digid.login_callback, name="digid_callback"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("opnieuw-inloggen/", views.reauthenticate, name="reauthenticate"),
]
