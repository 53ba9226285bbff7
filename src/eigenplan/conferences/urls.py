from django.urls import path

from eigenplan.conferences import views

app_name = "conferences"
base = "huishoudens/<int:household_id>/conferentie/"
one = base + "<int:conference_id>/"
urlpatterns = [
    path(base, views.start, name="start"),
    path(one, views.detail, name="detail"),
    path(one + "stap/", views.step, name="step"),
    path(one + "coordinator/", views.assign, name="assign"),
    path(one + "voorbereiding/", views.preparation, name="preparation"),
    path(
        one + "deelnemers/<int:participant_id>/weghalen/",
        views.participant_remove,
        name="participant_remove",
    ),
    path(one + "informatie/", views.information, name="information"),
    path(one + "plan/", views.draft, name="draft"),
    path(one + "plan/doelen/<int:goal_id>/", views.draft_goal, name="draft_goal"),
    path(one + "plan/acties/<int:action_id>/", views.draft_action, name="draft_action"),
    path(one + "beoordeling/", views.assessment, name="assessment"),
    path(one + "goedkeuren/", views.approve, name="approve"),
    path(one + "terugkijkdatum/", views.review_date, name="review_date"),
    path(one + "terugkijken/", views.review, name="review"),
    path("conferenties/", views.mine, name="mine"),
]
