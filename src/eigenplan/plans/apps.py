from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "eigenplan.plans"
    label = "plans"
