from django.urls import path

from eigenplan.privacy import views

app_name = "privacy"
urlpatterns = [
    path("huishoudens/<int:household_id>/plan/wie-keek-er/", views.access_log, name="access_log"),
]
