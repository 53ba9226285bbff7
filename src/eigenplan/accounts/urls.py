from django.urls import path

from eigenplan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/demo/", views.demo_login, name="demo_login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("opnieuw-inloggen/", views.reauthenticate, name="reauthenticate"),
]
