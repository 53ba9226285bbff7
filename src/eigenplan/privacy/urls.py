from django.urls import path

from eigenplan.privacy import sharing_views, views

app_name = "privacy"
urlpatterns = [
    path("huishoudens/<int:household_id>/plan/wie-keek-er/", views.access_log, name="access_log"),
    path("huishoudens/<int:household_id>/plan/mijn-gegevens/", views.my_data, name="my_data"),
    path(
        "huishoudens/<int:household_id>/plan/wie-mag-wat-zien/",
        sharing_views.sharing,
        name="sharing",
    ),
    path(
        "huishoudens/<int:household_id>/plan/wie-mag-wat-zien/<slug:role>/",
        sharing_views.role_sharing,
        name="role_sharing",
    ),
    path(
        "huishoudens/<int:household_id>/plan/mijn-gegevens/download.json",
        views.my_data_download,
        name="my_data_download",
    ),
    path(
        "huishoudens/<int:household_id>/plan/mijn-gegevens/overzicht/",
        views.my_data_overview,
        name="my_data_overview",
    ),
]
