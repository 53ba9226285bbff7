from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "eigenplan.decisions"
    label = "decisions"
