from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "eigenplan.conversations"
    label = "conversations"
