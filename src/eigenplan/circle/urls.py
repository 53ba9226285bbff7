from django.urls import path

from eigenplan.circle import views

app_name = "circle"
circle = "huishoudens/<int:household_id>/plan/kring/"
urlpatterns = [
    # The circle member's own page: what is asked of them, in every household.
    path("mijn-afspraken/", views.my_commitments, name="my_commitments"),
    path("mijn-afspraken/<int:action_id>/", views.commitment, name="commitment"),
    # The resident's and the coordinator's view of the circle.
    path(circle + "afspraken/", views.commitments, name="commitments"),
    path(circle + "afspraken/<int:action_id>/antwoord/", views.answer_for, name="answer_for"),
    path(circle + "kaart/", views.circle_map, name="map"),
]
