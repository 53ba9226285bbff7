from django.urls import path

from eigenplan.core import views

urlpatterns = [
    path("", views.home, name="home"),
]
