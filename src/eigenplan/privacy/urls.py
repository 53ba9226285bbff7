from django.urls import path

from eigenplan.privacy import gdpr_views, sharing_views, views

app_name = "privacy"
corrections = "huishoudens/<int:household_id>/correcties/"
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
    # GDPR rights: correction (AVG art. 16), the file's end, retention.
    path(corrections, gdpr_views.correction_list, name="corrections"),
    path(corrections + "nieuw/", gdpr_views.correction_new, name="correction_new"),
    path(
        corrections + "<int:correction_id>/",
        gdpr_views.correction_detail,
        name="correction_detail",
    ),
    path("correctieverzoeken/", gdpr_views.correction_queue, name="correction_queue"),
    path(
        "huishoudens/<int:household_id>/dossier/",
        gdpr_views.household_file,
        name="household_file",
    ),
    path("bewaartermijnen/", gdpr_views.retention_overview, name="retention"),
]
