from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "eigenplan.privacy"
    label = "privacy"
