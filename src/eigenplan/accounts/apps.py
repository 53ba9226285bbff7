from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "eigenplan.accounts"
    label = "accounts"
