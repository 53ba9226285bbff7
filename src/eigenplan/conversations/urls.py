from django.urls import path

from eigenplan.conversations import views

app_name = "conversations"
requests = "huishoudens/<int:household_id>/vragen/"
conversations = "huishoudens/<int:household_id>/gesprekken/"
urlpatterns = [
    path(requests, views.request_list, name="requests"),
    path(requests + "nieuw/", views.request_new, name="request_new"),
    path(requests + "<int:request_id>/", views.request_detail, name="request_detail"),
    path(conversations, views.conversation_list, name="list"),
    path(conversations + "voorbereiden/", views.prepare, name="prepare"),
    path(conversations + "nieuw/", views.conversation_new, name="new"),
    path(conversations + "<int:conversation_id>/", views.conversation_detail, name="detail"),
    path(
        conversations + "<int:conversation_id>/verslag/",
        views.conversation_record,
        name="record",
    ),
]
