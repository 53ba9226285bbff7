from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "eigenplan.conferences"
    label = "conferences"
