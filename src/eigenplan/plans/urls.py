from django.urls import path

from eigenplan.plans import views

app_name = "plans"
plan = "huishoudens/<int:household_id>/plan/"
urlpatterns = [
    path(plan, views.overview, name="overview"),
    path(plan + "start/", views.start, name="start_first"),
    path(plan + "start/<slug:step>/", views.start, name="start"),
    path(plan + "doelen/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path(plan + "doelen/<int:goal_id>/weghalen/", views.goal_delete, name="goal_delete"),
    path(plan + "doelen/<int:goal_id>/acties/nieuw/", views.action_add, name="action_add"),
    path(plan + "acties/<int:action_id>/", views.action_edit, name="action_edit"),
    path(plan + "acties/<int:action_id>/weghalen/", views.action_delete, name="action_delete"),
    path(plan + "kring/<int:member_id>/", views.circle_member_edit, name="circle_member_edit"),
    path(
        plan + "kring/<int:member_id>/weghalen/",
        views.circle_member_remove,
        name="circle_member_remove",
    ),
    path(plan + "voorstellen/", views.proposal_list, name="proposals"),
    path(plan + "voorstellen/nieuw/<slug:kind>/", views.proposal_new, name="proposal_new"),
    path(plan + "voorstellen/<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path(plan + "versies/", views.version_list, name="versions"),
    path(plan + "versies/vergelijken/", views.version_compare, name="version_compare"),
    path(plan + "versies/<int:number>/", views.version_detail, name="version_detail"),
    path("mijn-huishoudens/", views.caseload, name="caseload"),
]
