from django.urls import path

from eigenplan.notifications import views

app_name = "notifications"
urlpatterns = [
    path("demo/berichten/", views.outbox, name="outbox"),
]
