from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "eigenplan.households"
    label = "households"
