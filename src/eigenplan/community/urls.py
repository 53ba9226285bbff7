from django.urls import path

from eigenplan.community import views

app_name = "community"
urlpatterns = [
    path(
        "huishoudens/<int:household_id>/plan/kring/wie-kent-u/", views.questions, name="questions"
    ),
]
