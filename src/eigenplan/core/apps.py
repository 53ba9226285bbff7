from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "eigenplan.core"
    label = "core"
