from django.urls import path

from eigenplan.decisions import views

app_name = "decisions"
household = "huishoudens/<int:household_id>/"
urlpatterns = [
    path(household + "ondersteuning/", views.support, name="support"),
    path(household + "ondersteuning/nieuw/", views.support_new, name="support_new"),
    path(household + "ondersteuning/<int:item_id>/", views.support_item, name="support_item"),
    path(household + "besluiten/", views.letter_list, name="letters"),
    path(household + "besluiten/<int:letter_id>/", views.letter, name="letter"),
    path(household + "besluiten/<int:letter_id>/pdf/", views.letter_pdf, name="letter_pdf"),
    path("mandaat/", views.dashboard, name="dashboard"),
    path("mandaat/verzoeken/<int:mandate_request_id>/", views.request_detail, name="request"),
]
