from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "eigenplan.api"
    label = "api"
